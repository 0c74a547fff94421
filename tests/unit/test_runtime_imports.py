"""The modules the browser's own Python imports, read from its sources (cre_build.runtime_imports): imports
anywhere in a module, and the Python PyScript carries inside its JavaScript, both as files and as one-liners. What
is found here is what the standard library's pruning keeps besides what the build's run of the rules imports."""

import json
from pathlib import Path

from cre_build import runtime_imports

PY = Path(runtime_imports.__file__).resolve().parents[1]


def test_imports_anywhere_in_a_module_are_found_relative_ones_are_not():
    source = "import os, sys as s\nfrom json import loads\ndef f():\n    import difflib\nfrom . import sibling\n"
    assert runtime_imports.python_imports(source) == {"os", "sys", "json", "difflib"}


def test_python_held_in_javascript_is_read_as_files_and_as_one_liners():
    files = {"pyscript": {"__init__.py": "import asyncio\nfrom html import escape\n", "bad.py": "not python ("}}
    text = f'wo(".",{json.dumps(files)});go.push("from pathlib import Path as _Path");x.run("import os as _os")'
    assert runtime_imports.script_imports(text) >= {"asyncio", "html", "pathlib", "os"}


def test_the_page_adapters_imports_include_what_it_needs_from_the_standard_library():
    names = runtime_imports.browser_imports(PY / "cre" / "browser", PY / "cre_build" / "app_assets" / "main.py", [])
    assert {"asyncio", "json", "warnings"} <= set(names)
