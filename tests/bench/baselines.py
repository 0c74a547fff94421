"""The pages the benchmark compares the form page with, written into the built site it serves (never shipped).

- bench-plain-form.html: the form page as built, with every <script> removed: the same HTML and stylesheets, so
  the time until its first input accepts typing is what plain HTML costs on this machine.
- bench-bare-pyodide.html: a page that only loads the site's own Pyodide (the folder app/pyscript.json names) and
  runs `import json`, then records the time (window.__benchBare, and its steps in window.__benchBareSteps): what
  Python in this browser costs at the least.
- bench-bare-stock.html: the same on Pyodide's files exactly as the npm package has them (bench-pyodide-stock/),
  whose standard library is source, where the site's is compiled: what plain Pyodide costs.
- bench-bare-worker.html: the site's own Pyodide started in a web worker (bench-bare-worker.mjs), import json there:
  how long the page's own thread is blocked when Python starts off it (PyScript's worker mode would do this).
"""

import json
import re
import shutil
from pathlib import Path

PLAIN = "bench-plain-form.html"
BARE = "bench-bare-pyodide.html"
BARE_STOCK = "bench-bare-stock.html"
STOCK_DIR = "bench-pyodide-stock"
STOCK_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
FORM = "form.html"
SCRIPT = re.compile(r"<script\b[^>]*>.*?</script\s*>\n?", re.IGNORECASE | re.DOTALL)
BARE_TEMPLATE = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Bare Pyodide</title>
<script type="module">
import { loadPyodide } from "./PYODIDE/pyodide.mjs";
window.__benchBareSteps = { "loadPyodide called": performance.now() };
const pyodide = await loadPyodide({ indexURL: new URL("PYODIDE/", location.href).href });
window.__benchBareSteps["interpreter loaded"] = performance.now();
pyodide.runPython("import json");
window.__benchBare = performance.now();
document.documentElement.dataset.bench = "ready";
</script></head>
<body><p>Bare Pyodide: import json.</p></body></html>
"""


BARE_WORKER = "bench-bare-worker.html"
WORKER_SCRIPT = "bench-bare-worker.mjs"
WORKER_TEMPLATE = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Bare Pyodide in a worker</title>
<script type="module">
window.__benchBareSteps = { "worker started": performance.now() };
const worker = new Worker(new URL("WORKER", location.href), { type: "module" });
worker.onmessage = () => {
  window.__benchBare = performance.now();
  document.documentElement.dataset.bench = "ready";
};
</script></head>
<body><p>Bare Pyodide in a worker: import json.</p></body></html>
"""
WORKER_MODULE = """import { loadPyodide } from "./PYODIDE/pyodide.mjs";
const pyodide = await loadPyodide({ indexURL: new URL("PYODIDE/", self.location.href).href });
pyodide.runPython("import json");
postMessage("ready");
"""


def plain_form(html: str) -> str:
    without = SCRIPT.sub("", html)
    if "<script" in without.lower():
        raise ValueError("the plain page still has a script")
    return without


def write(site: Path, stock: Path) -> None:
    """The baseline pages into the built site; `stock` is the npm package's folder (node_modules/pyodide)."""
    (site / PLAIN).write_text(plain_form((site / FORM).read_text(encoding="utf-8")), encoding="utf-8")
    interpreter = json.loads((site / "app" / "pyscript.json").read_text(encoding="utf-8"))["interpreter"]
    pyodide = "app/" + interpreter.removeprefix("./").rsplit("/", 1)[0]
    (site / BARE).write_text(BARE_TEMPLATE.replace("PYODIDE", pyodide), encoding="utf-8")
    (site / STOCK_DIR).mkdir(exist_ok=True)
    for name in STOCK_FILES:
        shutil.copyfile(stock / name, site / STOCK_DIR / name)
    (site / BARE_STOCK).write_text(BARE_TEMPLATE.replace("PYODIDE", STOCK_DIR), encoding="utf-8")
    (site / WORKER_SCRIPT).write_text(WORKER_MODULE.replace("PYODIDE", pyodide), encoding="utf-8")
    (site / BARE_WORKER).write_text(WORKER_TEMPLATE.replace("WORKER", WORKER_SCRIPT), encoding="utf-8")
