"""The bundle's last step before it is zipped, run inside Pyodide under Node (app_assets/prepare-bundle.mjs runs
this file's text there, on a folder holding the bundle's files): prune, then compile to bytecode; the standard
library's folder (Pyodide's python_stdlib.zip, unpacked) is compiled the same way, so that neither Pyodide's own
start nor any import compiles source in the browser.

- Prune: the packages in PRUNED keep only the modules the runtime imports. Which ones is found by running it in
  the browser's own Python (so without Pillow, as in the browser): every form's blank record assessed and made into
  a PDF. Subpackages in KEEP_WHOLE stay whole, since they import their modules by name at run time. Every other
  package ships whole. tests/pyodide runs the PDF tests on the pruned bundle, so a module pruned wrongly fails there.
- Compile: compileall with legacy=True writes X.pyc next to X.py, which Python imports with no source present; the
  .py is then removed. Code objects name their file relative to the folder ("cre/rules/dates.py"): a traceback says
  where, never a path on the build machine, but shows no source line. Unchecked-hash pycs give the same bytes on
  every build. Pyodide is started with PYTHONNODEBUGRANGES, so the bytecode carries no column ranges (tracebacks
  lose their ^^^ markers; the bundle is a fifth smaller).

Plain Python with no import from this project: it runs in Pyodide with only the folder on sys.path.
"""

import compileall
import contextlib
import io
import json
import os
import py_compile
import sys
import warnings

PRUNED = ("fontTools",)
KEEP_WHOLE = ("fontTools.ttLib.tables",)  # a font's tables are imported by their tags when it is read


def used_modules(root):
    """The modules imported by assessing and printing every form's blank record, with `root` first on sys.path."""
    sys.path.insert(0, root)
    warnings.filterwarnings("ignore", message="Pillow could not be imported", category=UserWarning)
    from cre import definitions
    from cre.assessment import assess
    from cre.pdf import render_pdf
    from cre.records import new_record

    for entry in definitions.index():
        record = new_record(entry["id"], entry["version"])
        result = assess(record)
        render_pdf(record, suggestion=result["validation"]["suggestion"], routing=result["routing"])
    return set(sys.modules)


def module_name(root, path):
    parts = os.path.relpath(path, root)[:-len(".py")].split(os.sep)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def kept(module, used):
    """Whether a module of a pruned package ships: imported, in a package kept whole, or a parent of one."""
    return module in used or any(module == whole or module.startswith(whole + ".") or whole.startswith(module + ".")
                                 for whole in KEEP_WHOLE)


def prune(root, used):
    """Remove the pruned packages' modules that `used` lacks; returns how many."""
    removed = 0
    for package in PRUNED:
        for folder, _, names in os.walk(os.path.join(root, package)):
            for name in names:
                path = os.path.join(folder, name)
                module = module_name(root, path) if name.endswith(".py") else None
                if module and not kept(module, used):
                    os.remove(path)
                    removed += 1
    for folder, subfolders, names in sorted(os.walk(root), reverse=True):  # deepest first
        if not subfolders and not names or os.path.basename(folder) == "__pycache__":
            with contextlib.suppress(OSError):
                os.rmdir(folder)
    return removed


def compile_all(root):
    """Every .py under root to a sourceless .pyc; returns how many. Raises if one does not compile."""
    sources = sorted(os.path.join(d, n) for d, _, names in os.walk(root) for n in names if n.endswith(".py"))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        ok = compileall.compile_dir(root, ddir="", quiet=1, legacy=True, workers=1,
                                    invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
    if not ok:
        raise SyntaxError(f"some files did not compile:\n{out.getvalue()}")
    for path in sources:
        os.remove(path)
    return len(sources)


def main(root, compile_bytecode=True, stdlib=None):
    """Prune the bundle at root, then compile it and the standard library's folder (when given) unless told not
    to; returns a JSON line: {"pruned": N, "compiled": N, "stdlib_compiled": N}."""
    sys.dont_write_bytecode = True  # the workload must leave no __pycache__ in the bundle
    removed = prune(root, used_modules(root))
    compiled = compile_all(root) if compile_bytecode else 0
    stdlib_compiled = compile_all(stdlib) if compile_bytecode and stdlib else 0
    return json.dumps({"pruned": removed, "compiled": compiled, "stdlib_compiled": stdlib_compiled})
