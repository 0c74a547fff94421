// Prepares the browser's Python files in Pyodide's own Python (the browser's Python 3.14): the bundle's and the
// standard library's, pruned to what the runtime imports and compiled to sourceless .pyc
// (py/cre_build/bundle_prep.py says how).
//
//   node prepare-bundle.mjs BUNDLE_DIR [--stdlib STDLIB_DIR [--imports NAMES.json]] [--later LATER_DIR] [--keep-source]
//
// cre_build.app runs it; build-time only, never shipped. --keep-source prunes only. NAMES.json lists the modules
// the browser's own code imports (cre_build.runtime_imports). LATER_DIR (empty) receives what only the PDF needs.
// Each folder is mounted at its own path; nothing else of this machine is visible to the Python that runs. Prints
// bundle_prep.main's JSON line. Exits 1 with Python's error if a step fails.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const PREP = join(dirname(fileURLToPath(import.meta.url)), "..", "bundle_prep.py");
const [dir, ...options] = process.argv.slice(2);
const keepSource = options.includes("--keep-source");
const stdlibAt = options.indexOf("--stdlib");
const stdlib = stdlibAt >= 0 && options[stdlibAt + 1] ? resolve(options[stdlibAt + 1]) : null;
const importsAt = options.indexOf("--imports");
const imports = importsAt >= 0 ? JSON.parse(readFileSync(options[importsAt + 1], "utf-8")) : [];
const laterAt = options.indexOf("--later");
const later = laterAt >= 0 && options[laterAt + 1] ? resolve(options[laterAt + 1]) : null;
if (!dir || (stdlibAt >= 0 && !stdlib) || (laterAt >= 0 && !later)) {
  console.error("usage: node prepare-bundle.mjs BUNDLE_DIR [--stdlib STDLIB_DIR [--imports NAMES.json]] " +
    "[--later LATER_DIR] [--keep-source]");
  process.exit(2);
}
const root = resolve(dir);
// No column ranges in the bytecode; no __pycache__ written while the runtime is exercised.
const pyodide = await loadPyodide({ env: { PYTHONNODEBUGRANGES: "1", PYTHONDONTWRITEBYTECODE: "1" } });
for (const folder of [root, stdlib, later].filter(Boolean)) {
  pyodide.FS.mkdirTree(folder);
  pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: folder }, folder);
}
try {
  const prep = pyodide.globals.get("dict")();
  pyodide.runPython(readFileSync(PREP, "utf-8"), { globals: prep });
  console.log(prep.get("main")(root, !keepSource, stdlib, pyodide.toPy(imports), later));
} catch (error) {
  console.error(`prepare-bundle: ${error?.message ?? error}`);
  process.exit(1);
}
