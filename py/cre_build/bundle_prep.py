"""The bundle's last step before it is zipped, run inside Pyodide under Node (app_assets/prepare-bundle.mjs runs
this file's text there, on a folder holding the bundle's files): prune, then compile to bytecode; the standard
library's folder (Pyodide's python_stdlib.zip, unpacked) is compiled the same way, so that neither Pyodide's own
start nor any import compiles source in the browser.

- Prune: the packages in PRUNED keep only the modules the runtime imports. Which ones is found by running it in the
  browser's own Python (so without Pillow, as in the browser): every form's blank record assessed and made into a PDF,
  and a zip unpacked as PyScript unpacks the bundle. Subpackages in KEEP_WHOLE stay whole, since they import their
  modules by name at run time. Every other package ships whole. tests/pyodide runs the PDF tests on the pruned bundle,
  so a module pruned wrongly fails there.
- Prune the standard library (the unpacked python_stdlib.zip) to the modules the runtime imports: those the
  workload above imports, those Pyodide imports as it starts, and those imported on importing each standard module
  named in an import statement of the browser's own code (`imports`: cre.browser, main.py and PyScript's Python,
  which the workload cannot run here); each package's __init__ goes with its modules. `encodings` keeps the codecs
  imported plus CODECS, which Python looks up by name at run time. tests/pyodide runs the tests on the pruned
  library and fails if code of the bundle reaches a module it lacks; the browser journeys run on it too.
- Compile: compileall with legacy=True writes X.pyc next to X.py, which Python imports with no source present; the
  .py is then removed; optimised as `python -OO` (OPTIMIZE). Code objects name their file relative to the folder
  ("cre/rules/dates.py"): a traceback says where, never a path on the build machine, but shows no source line.
  Unchecked-hash pycs give the same bytes on every build. Pyodide is started with PYTHONNODEBUGRANGES, so the
  bytecode carries no column ranges (tracebacks lose their ^^^ markers; the bundle is a fifth smaller).

- Split (when given a `later` folder): what only the PDF needs moves there, to be zipped as the PDF's own bundle,
  which the page fetches once the rules are live (cre.browser.pdf_bundle) and unpacks next to the bundle on the
  first PDF. That is each top-level package or module, of the bundle or of the standard library, that printing
  imported and nothing before it did (assessing, unpacking a zip, the browser's named imports), and LATER_DATA.
  A standard package the rules use stays whole in the library: a submodule cannot live apart from its package.

Plain Python with no import from this project: it runs in Pyodide with only the folder on sys.path.
"""

import compileall
import contextlib
import io
import json
import os
import py_compile
import shutil
import sys
import warnings

PRUNED = ("fontTools",)
KEEP_WHOLE = ("fontTools.ttLib.tables",)  # a font's tables are imported by their tags when it is read
LATER_DATA = ("cre/data/fonts",)  # read only by the PDF
# As `python -OO`: no docstrings (a seventh of the bytecode) and no asserts, which nothing shipped relies on (the
# Pyodide tests and the journeys run on this bytecode).
OPTIMIZE = 2
# Codecs found by name at run time (bytes.decode, open(encoding=...), json on bytes with a BOM), kept whether or not
# the workload looked them up: the ones a record, a file or a font may name.
CODECS = ("aliases", "ascii", "charmap", "cp1252", "idna", "latin_1", "mac_roman", "punycode", "raw_unicode_escape",
          "unicode_escape", "utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le", "utf_8",
          "utf_8_sig")


def assess_all(root):
    """Assess every form's blank record, with `root` first on sys.path; returns [(record, result)]."""
    sys.path.insert(0, root)
    warnings.filterwarnings("ignore", message="Pillow could not be imported", category=UserWarning)
    from cre import definitions
    from cre.assessment import assess
    from cre.records import new_record

    records = [new_record(entry["id"], entry["version"]) for entry in definitions.index()]
    return [(record, assess(record)) for record in records]


def print_all(assessed):
    """Make each assessed record into a PDF (the first import of the PDF stack)."""
    from cre.pdf import render_pdf

    for record, result in assessed:
        render_pdf(record, suggestion=result["validation"]["suggestion"], routing=result["routing"])


def unpack_a_zip():
    """Unpack a zip as Pyodide unpacks the bundle for PyScript (shutil.unpack_archive; its names are read in the
    codec the zip format names)."""
    import shutil
    import tempfile
    import zipfile

    with tempfile.TemporaryDirectory() as folder:
        archive = os.path.join(folder, "a.zip")
        with zipfile.ZipFile(archive, "w") as out:
            out.writestr("a/b.txt", "b")
        shutil.unpack_archive(archive, os.path.join(folder, "out"))


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


def import_named(names, stdlib):
    """Import each name that is a module of the standard library folder (others, such as js or pyscript, belong to
    the browser); returns the names that failed to import."""
    failed = []
    for name in sorted(names):
        top = name.split(".")[0]
        if not (os.path.isdir(os.path.join(stdlib, top)) or os.path.isfile(os.path.join(stdlib, top + ".py"))):
            continue
        try:
            __import__(name)
        except ImportError:
            failed.append(name)
    return failed


def stdlib_kept(module, used):
    """Whether a module of the standard library ships."""
    if module == "encodings" or module.startswith("encodings."):
        return module == "encodings" or module in used or module.split(".", 1)[1] in CODECS
    return module in used or any(name.startswith(module + ".") for name in used)


def prune_stdlib(stdlib, used):
    """Remove the standard library's modules that `used` lacks, and data files of packages that go; returns how
    many files were removed."""
    removed = 0
    for folder, _, names in os.walk(stdlib):
        init = os.path.join(folder, "__init__.py")
        package = module_name(stdlib, init) if os.path.isfile(init) else None
        for name in names:
            path = os.path.join(folder, name)
            if name.endswith(".py"):
                gone = not stdlib_kept(module_name(stdlib, path), used)
            else:  # a data file goes with its package; others (site-packages/README.txt) stay
                gone = package is not None and not stdlib_kept(package, used)
            if gone:
                os.remove(path)
                removed += 1
    for folder, subfolders, names in sorted(os.walk(stdlib), reverse=True):
        if not subfolders and not names and folder != stdlib:
            with contextlib.suppress(OSError):
                os.rmdir(folder)
    return removed


def compile_all(root):
    """Every .py under root to a sourceless .pyc; returns how many. Raises if one does not compile."""
    sources = sorted(os.path.join(d, n) for d, _, names in os.walk(root) for n in names if n.endswith(".py"))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        ok = compileall.compile_dir(root, ddir="", quiet=1, legacy=True, workers=1, optimize=OPTIMIZE,
                                    invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
    if not ok:
        raise SyntaxError(f"some files did not compile:\n{out.getvalue()}")
    for path in sources:
        os.remove(path)
    return len(sources)


def top_levels(folder):
    """{top-level module or package name: its path} of a folder on sys.path."""
    found = {}
    for name in os.listdir(folder):
        path = os.path.join(folder, name)
        if os.path.isdir(path) and os.path.isfile(os.path.join(path, "__init__.py")):
            found[name] = path
        elif name.endswith(".py"):
            found[name[:-len(".py")]] = path
    return found


def move_later(folder, later, first, used, data=()):
    """Move to `later` each top-level module or package of `folder` that `used` imported and `first` did not, and
    each path in `data` (relative to folder); returns the top-level names moved, sorted."""
    tops = {name.split(".")[0] for name in first}
    found = top_levels(folder)
    moved = sorted(name for name in found if name in used and name not in tops)
    paths = [os.path.relpath(found[name], folder) for name in moved]
    paths += [relative for relative in data if os.path.exists(os.path.join(folder, relative))]
    for relative in paths:
        target = os.path.join(later, relative)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.move(os.path.join(folder, relative), target)
    return moved


def main(root, compile_bytecode=True, stdlib=None, imports=(), later=None):
    """Prune the bundle at root and the standard library's folder (when given; `imports` as above), move what only
    the PDF needs to `later` (when given), then compile all three unless told not to; returns a JSON line:
    {"pruned": N, "compiled": N, "stdlib_pruned": N, "stdlib_compiled": N, "not_importable": [...],
     "later": [top-level names moved], "later_compiled": N, "first": [modules imported before printing]}."""
    sys.dont_write_bytecode = True  # the workload must leave no __pycache__ in the bundle
    assessed = assess_all(root)
    unpack_a_zip()
    failed = import_named(imports, stdlib) if stdlib else []
    first = set(sys.modules)
    print_all(assessed)
    used = set(sys.modules)
    removed = prune(root, used)
    stdlib_removed = prune_stdlib(stdlib, used) if stdlib else 0
    moved = []
    if later:
        moved = move_later(root, later, first, used, LATER_DATA)
        if stdlib:
            moved += move_later(stdlib, later, first, used)
    compiled = compile_all(root) if compile_bytecode else 0
    stdlib_compiled = compile_all(stdlib) if compile_bytecode and stdlib else 0
    later_compiled = compile_all(later) if compile_bytecode and later else 0
    return json.dumps({"pruned": removed, "compiled": compiled, "stdlib_pruned": stdlib_removed,
                       "stdlib_compiled": stdlib_compiled, "not_importable": failed, "later": sorted(moved),
                       "later_compiled": later_compiled, "first": sorted(first)})
