#!/usr/bin/env node
// Run the project's pytest cases inside Pyodide (the browser's Python) under Node.
//
//   node tests/pyodide/run.mjs WHEEL_DIR [--site SITE_DIR] [pytest args...]
//
// WHEEL_DIR holds pure wheels made by `python -m cre_build.wheels WHEEL_DIR --test`; every *.whl
// in it is unpacked into site-packages (no loadPackage/micropip: no CDN is needed). With --site,
// the runtime is the built site's own, found through its app/pyscript.json as the browser finds
// it: the bundle (bytecode only, pruned) and the PDF's own bundle beside it are unpacked to a folder
// put first on sys.path, and every
// top-level package it holds is removed from site-packages, so a module the bundle lacks fails
// here as it would in the browser; the standard library is the site's (compiled, pruned) too, with
// Pyodide's full one behind it for pytest only: stdlib_guard.py fails the run (exit 1) if the
// bundle's code reached a module the site's library lacks. Without it,
// the runtime is the wheels plus the project's py/ folder, on Pyodide's own standard library
// (sources: full tracebacks). The project
// root (two levels above this file) is mounted read-write with NODEFS at its own absolute path,
// so relative paths such as tests/cases work after the chdir; any other absolute path given as a
// pytest argument is mounted the same way. Default args: tests/unit/test_cases.py.
// The exit code is pytest's; 3 if Pyodide, a wheel or pytest itself failed to load.
import { existsSync, readdirSync, readFileSync, statSync, writeSync } from "node:fs";
import { dirname, isAbsolute, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "..", "..");
const RUNTIME_DIR = "/home/pyodide/lib"; // where PyScript unpacks the bundle in the browser
const FULL_LIBRARY = "/tmp/full_python_stdlib.zip"; // for pytest only: see stdlib_guard.py
const DEFAULT_ARGS = ["tests/unit/test_cases.py"];

function fail(message) {
  writeSync(2, `run.mjs: ${message}\n`);
  process.exit(3);
}

function mount(pyodide, hostPath) {
  const { FS } = pyodide;
  FS.mkdirTree(hostPath);
  FS.mount(FS.filesystems.NODEFS, { root: hostPath }, hostPath);
}

async function main() {
  let [wheelArg, ...userArgs] = process.argv.slice(2);
  if (!wheelArg) fail("usage: node tests/pyodide/run.mjs WHEEL_DIR [--site SITE_DIR] [pytest args...]");
  let bundle = null;
  let stdlib = null;
  if (userArgs[0] === "--site") {
    const config = join(resolve(userArgs[1] ?? ""), "app", "pyscript.json");
    if (!userArgs[1] || !existsSync(config)) fail(`no ${config}: build the site first (make build)`);
    const { interpreter, files } = JSON.parse(readFileSync(config, "utf-8"));
    stdlib = join(dirname(config), dirname(interpreter), "python_stdlib.zip");
    bundle = join(dirname(config), Object.keys(files).find((from) => files[from] === "./lib/*"));
    userArgs = userArgs.slice(2);
  }
  const wheelDir = resolve(wheelArg);
  if (!existsSync(wheelDir) || !statSync(wheelDir).isDirectory()) fail(`no wheel folder ${wheelDir}`);
  const wheels = readdirSync(wheelDir).filter((f) => f.endsWith(".whl")).sort();
  if (!wheels.some((f) => /^pytest-/i.test(f))) fail(`no pytest wheel in ${wheelDir} (run cre_build.wheels with --test)`);

  const pyodide = await loadPyodide(stdlib ? { stdLibURL: stdlib } : {});
  if (stdlib) {
    // The site's library is pruned; pytest gets Pyodide's full one, last on sys.path, under the guard.
    pyodide.FS.writeFile(FULL_LIBRARY, readFileSync(join(ROOT, "node_modules", "pyodide", "python_stdlib.zip")));
    pyodide.runPython(readFileSync(join(HERE, "stdlib_guard.py"), "utf-8"));
    pyodide.runPython(`GUARD = StdlibGuard("${FULL_LIBRARY}", "${RUNTIME_DIR}"); GUARD.install()`);
  }
  // Raw byte pass-through: pytest's output reaches the terminal unchanged and in order.
  const writer = (fd) => ({ isatty: false, write: (buf) => writeSync(fd, buf) });
  pyodide.setStdout(writer(1));
  pyodide.setStderr(writer(2));

  const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
  for (const whl of wheels) {
    pyodide.unpackArchive(new Uint8Array(readFileSync(join(wheelDir, whl))), "wheel", { extractDir: sitePackages });
  }

  let runtime = join(ROOT, "py");
  if (bundle) {
    runtime = RUNTIME_DIR;
    pyodide.unpackArchive(new Uint8Array(readFileSync(bundle)), "zip", { extractDir: runtime });
    // The PDF's own bundle, beside it: the page unpacks it into the same folder on the first PDF.
    const pdf = join(dirname(bundle), "pdf.zip");
    if (!existsSync(pdf)) fail(`no ${pdf}: build the site again (make build)`);
    pyodide.unpackArchive(new Uint8Array(readFileSync(pdf)), "zip", { extractDir: runtime });
    pyodide.globals.set("BUNDLE_DIR", runtime);
    pyodide.globals.set("SITE_PACKAGES", sitePackages);
    pyodide.runPython(`
import os, shutil
for name in os.listdir(BUNDLE_DIR):
    for path in (os.path.join(SITE_PACKAGES, name), os.path.join(SITE_PACKAGES, name + ".py")):
        if os.path.isdir(path):
            shutil.rmtree(path)
        elif os.path.exists(path):
            os.remove(path)
`);
  }

  const args = userArgs.length ? userArgs : DEFAULT_ARGS;
  // Project root first, then folders of absolute paths outside it (shortest first, each once).
  const mounted = [ROOT];
  const extra = args
    .filter((a) => isAbsolute(a) && existsSync(a.split("::")[0]))
    .map((a) => a.split("::")[0])
    .map((p) => (statSync(p).isDirectory() ? p : dirname(p)))
    .sort((a, b) => a.length - b.length);
  for (const dir of extra) {
    if (!mounted.some((m) => dir === m || dir.startsWith(m + sep))) mounted.push(dir);
  }
  for (const dir of mounted) mount(pyodide, dir);

  pyodide.globals.set("ROOT", ROOT);
  pyodide.globals.set("RUNTIME", runtime);
  pyodide.globals.set("ARGS", pyodide.toPy(["-p", "no:cacheprovider", ...args]));
  const code = pyodide.runPython(`
import os, sys, warnings
sys.dont_write_bytecode = True
# fpdf2 declares Pillow but works without it (no images); its import-time warning is expected here.
warnings.filterwarnings("ignore", message="Pillow could not be imported", category=UserWarning)
sys.path.insert(0, RUNTIME)
os.chdir(ROOT)
import pytest
try:
    code = int(pytest.main(list(ARGS)))
    if "GUARD" in globals() and not GUARD.report() and code == 0:
        code = 1
finally:
    sys.stdout.flush()
    sys.stderr.flush()
code
`);
  return code;
}

main().then(
  (code) => process.exit(code),
  (err) => fail(`Pyodide run failed: ${err?.name === "PythonError" ? err.message : err?.stack ?? err}`),
);
