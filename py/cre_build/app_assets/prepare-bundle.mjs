// Prepares the bundle's files for the browser in Pyodide's own Python (the browser's Python 3.14): prunes them to
// what the runtime imports and compiles them to sourceless .pyc (py/cre_build/bundle_prep.py says how).
//
//   node prepare-bundle.mjs DIR [--keep-source]      (cre_build.app runs it; build-time only, never shipped)
//
// DIR is mounted at its own path; nothing else of this machine is visible to the Python that runs. Prints one JSON
// line: {"pruned": N, "compiled": N}. Exits 1 with Python's error if a step fails.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const PREP = join(dirname(fileURLToPath(import.meta.url)), "..", "bundle_prep.py");
const [dir, flag] = process.argv.slice(2);
if (!dir || (flag && flag !== "--keep-source")) {
  console.error("usage: node prepare-bundle.mjs DIR [--keep-source]");
  process.exit(2);
}
const root = resolve(dir);
// No column ranges in the bytecode; no __pycache__ written while the runtime is exercised.
const pyodide = await loadPyodide({ env: { PYTHONNODEBUGRANGES: "1", PYTHONDONTWRITEBYTECODE: "1" } });
pyodide.FS.mkdirTree(root);
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root }, root);
try {
  const prep = pyodide.globals.get("dict")();
  pyodide.runPython(readFileSync(PREP, "utf-8"), { globals: prep });
  console.log(prep.get("main")(root, flag !== "--keep-source"));
} catch (error) {
  console.error(`prepare-bundle: ${error?.message ?? error}`);
  process.exit(1);
}
