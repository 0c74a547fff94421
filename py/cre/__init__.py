"""CRE Risk Assessment toolkit: forms, rules, routing, records and PDF (runs in CPython and Pyodide)."""
__version__ = "0.2.0"
