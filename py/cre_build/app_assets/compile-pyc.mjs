// Compiles every .py file under DIR to a sourceless .pyc beside it, with Pyodide's own Python (the browser's
// Python 3.14, so the bytecode is exactly what it loads), then removes the .py.
//
//   node compile-pyc.mjs DIR        (cre_build.app runs it on the bundle's files; build-time only, never shipped)
//
// compileall with legacy=True writes X.pyc next to X.py (not __pycache__/), which Python imports with no source
// present. Code objects name their file relative to DIR ("cre/rules/dates.py"), so a traceback says where, never
// a path on the build machine. Unchecked-hash pycs: the same sources give the same bytes on every build.
// Prints one JSON line: {"compiled": N}. Exits 1 if any file fails to compile.
import { loadPyodide } from "pyodide";
import { resolve } from "node:path";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node compile-pyc.mjs DIR");
  process.exit(2);
}
const root = resolve(dir);
const pyodide = await loadPyodide({ env: { PYTHONNODEBUGRANGES: "1" } });
pyodide.FS.mkdirTree(root);
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root }, root);
pyodide.globals.set("ROOT", root);
const result = pyodide.runPython(`
import compileall, io, os, py_compile, contextlib, json
sources = sorted(os.path.join(d, n) for d, _, names in os.walk(ROOT) for n in names if n.endswith(".py"))
out = io.StringIO()
with contextlib.redirect_stdout(out):
    ok = compileall.compile_dir(ROOT, ddir="", quiet=1, legacy=True, workers=1,
                                invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
if ok:
    for path in sources:
        os.remove(path)
json.dumps({"ok": bool(ok), "compiled": len(sources), "errors": out.getvalue()})
`);
const { ok, compiled, errors } = JSON.parse(result);
if (!ok) {
  console.error(`compile-pyc: some files did not compile:\n${errors}`);
  process.exit(1);
}
console.log(JSON.stringify({ compiled }));
