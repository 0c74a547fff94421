"""The modules the browser's own Python names in its import statements, found by reading it (the build cannot run
it: it needs a page): cre.browser, the page's main.py, and PyScript's Python, which PyScript carries as strings in
its JavaScript and writes to the interpreter's file system as it starts.

cre_build.app passes these names to the standard library's pruning (cre_build.bundle_prep), which imports each one
that is a standard module, so that it and what it imports at import time ship."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

# In PyScript's JavaScript: a Python file as a JSON-style string ("name.py":"source"), and the one-line Python it
# runs directly ("import os as _os", "from pathlib import Path as _Path").
PY_FILE = re.compile(r'"[\w.]+\.py":("(?:[^"\\]|\\.)*")')
PY_LINE = re.compile(r'(?:^|\\n|[";])\s*(?:from\s+([A-Za-z_][\w.]*)\s+import\b|import\s+([A-Za-z_][\w.]*))')


def python_imports(source: str) -> set[str]:
    """The absolute module names a Python source imports, anywhere in it."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names.add(node.module)
    return names


def script_imports(text: str) -> set[str]:
    """The module names the Python held in a JavaScript file imports."""
    names = set()
    for match in PY_FILE.finditer(text):
        try:
            names |= python_imports(json.loads(match[1]))
        except (ValueError, SyntaxError):
            continue  # not Python after all: the one-line pattern below still reads it
    names.update(m[1] or m[2] for m in PY_LINE.finditer(text))
    return names


def browser_imports(browser_package: Path, main: Path, scripts: list[Path]) -> list[str]:
    """Every module name imported by the page adapter's sources, main.py and the PyScript scripts, sorted."""
    names = set()
    for path in [*sorted(browser_package.rglob("*.py")), main]:
        names |= python_imports(path.read_text(encoding="utf-8"))
    for path in scripts:
        names |= script_imports(path.read_text(encoding="utf-8", errors="replace"))
    return sorted(names)
