"""The build's app stage: the in-browser Python runtime that the form pages start.

    python -m cre_build.app SITE_DIR [--wheels build/wheels-runtime]

Runs after MkDocs and before the check stage. Writes SITE_DIR/app/:

- pyodide/HASH/   the files loadPyodide fetches from its own folder (the npm package holds only the core), with
                 the standard library (python_stdlib.zip) pruned to the modules the runtime imports and compiled
                 to sourceless .pyc like the bundle below, and a lock file listing no package (the site loads
                 none of Pyodide's, and the whole list would be read at every start);
- pyscript/      @pyscript/core's whole dist/ (chunk names change per release), without source maps;
- bundle/HASH/bundle.zip   the runtime wheels' contents (the pyproject.toml pins, as cre_build.wheels fetches
                 them) and the `cre` package with its compiled data and fonts; PyScript's `files` config unpacks
                 it into ./lib. Prepared in Pyodide's own Python under Node (app_assets/prepare-bundle.mjs,
                 cre_build.bundle_prep): pruned to the modules the runtime imports, and compiled to sourceless
                 .pyc, so the browser imports without compiling (`--keep-source` ships the .py instead, for a
                 debugging build). What only the PDF needs (fpdf2, fontTools, the fonts, the standard modules only
                 they import) is split off into bundle/HASH/pdf.zip, which cre.browser.pdf_bundle fetches once the
                 rules are live: the first check never waits for it;
- pyscript.json  PyScript's config, naming the two folders above;
- main.py, boot.js, vault.js, memory-idb.js   from app_assets/: the Python entry, the loading script, the storage
                 and crypto calls Python makes, and the stand-in for a browser that refuses IndexedDB.
HASH is 16 hex digits of the folder's content (service_worker.seal): the folder's address changes when its files
do, so the service worker's first install can take them from the browser's HTTP cache.

Anything else in SITE_DIR/app/ (another stage's files) is left alone. Then, when every file is in place, the offline
step (cre_build.service_worker) makes the site an installable app: SITE_DIR/sw.js precaching every file,
SITE_DIR/manifest.webmanifest with its icons, and in every page the tags that register the worker.

Pyodide and PyScript name a CDN as their default for things this site never asks for (an interpreter when none is
configured, packages for loadPackage). Those URLs are rewritten to a path on the site itself, so that nothing can
ever be fetched from another host and the check stage finds no CDN host in the output.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from cre_build import runtime_imports, service_worker, single_file
from cre_build.check_site import CDN, SOURCE_MAP
from cre_build.wheels import _norm, pins

ROOT = Path(__file__).resolve().parents[2]
NODE = ROOT / "node_modules"
ASSETS = Path(__file__).resolve().parent / "app_assets"
CRE = ROOT / "py" / "cre"
# What loadPyodide (pyodide.mjs) fetches from its indexURL on a start that loads no package.
LOCK = "pyodide-lock.json"
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", LOCK)
ASSET_FILES = ("boot.js", "vault.js", "memory-idb.js", "main.py")
CONFIG = "pyscript.json"  # written by the stage: it names the sealed folders
BUNDLE = "bundle.zip"
PDF_BUNDLE = single_file.PDF_BUNDLE
PREPARE = ASSETS / "prepare-bundle.mjs"
# In the bundle: no metadata, type stubs, tests or benchmarks; nothing compiled by CPython.
SKIP_DIRS = {"tests", "benchmarks", "__pycache__"}
SKIP_SUFFIXES = {".pyi", ".pyc"}
CPYTHON_ONLY = {"cre/cli.py", "cre/serve.py"}  # the command line and its web server: never the browser's
CDN_URL = re.compile(rb"https://cdn\.jsdelivr\.net/")
NO_CDN = b"./no-cdn/"  # a path on the site that does not exist: a stray fetch is a plain 404, never another host
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed, so an unchanged bundle is byte-identical (stable service-worker hashes)


class BuildError(Exception):
    """Something the stage needs is missing; the message says what to run."""


def offline(site: Path) -> dict:
    """The offline step (cre_build.service_worker), its errors as this stage's. Returns Workbox's {count, size}."""
    try:
        return service_worker.build(site)
    except service_worker.BuildError as error:
        raise BuildError(str(error)) from error


def _copy_offline(source: Path, target: Path) -> None:
    """Copy a file; in scripts, point any CDN URL at NO_CDN instead."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if source.suffix in {".js", ".mjs"}:
        target.write_bytes(CDN_URL.sub(NO_CDN, source.read_bytes()))
    else:
        shutil.copyfile(source, target)


def copy_pyodide(out: Path) -> None:
    source = NODE / "pyodide"
    for name in PYODIDE_FILES:
        if not (source / name).is_file():
            raise BuildError(f"{source / name} is missing: run `npm ci`")
        _copy_offline(source / name, out / name)
    lock = json.loads((out / LOCK).read_text(encoding="utf-8"))
    lock["packages"] = {}  # the site loads no package of Pyodide's (its own travel in the bundle): none to list
    (out / LOCK).write_text(json.dumps(lock, separators=(",", ":")), encoding="utf-8")


def copy_pyscript(out: Path) -> None:
    source = NODE / "@pyscript" / "core" / "dist"
    if not (source / "core.js").is_file():
        raise BuildError(f"{source / 'core.js'} is missing: run `npm ci`")
    for path in sorted(source.rglob("*")):
        if path.is_file() and path.suffix != ".map":
            _copy_offline(path, out / path.relative_to(source))


def _wanted(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return not (parts[0].endswith((".dist-info", ".data")) or SKIP_DIRS.intersection(parts[:-1])
                or PurePosixPath(name).suffix in SKIP_SUFFIXES or name.endswith("/") or name in CPYTHON_ONLY)


def runtime_wheels(wheels: Path) -> list[Path]:
    """The wheel of each runtime pin in pyproject.toml (the same list cre_build.wheels fetches)."""
    found = []
    for name, version in pins(test=False):
        prefix = f"{_norm(name)}-{version}-".lower()
        matches = sorted(p for p in wheels.glob("*.whl") if p.name.lower().startswith(prefix))
        if not matches:
            raise BuildError(f"no wheel for {name}=={version} in {wheels}: run `python -m cre_build.wheels {wheels}`")
        found.append(matches[0])
    return found


def bundle_members(wheels: Path):
    """(name in the zip, bytes) for every file the browser's Python needs, sorted by name."""
    members: dict[str, tuple[str, bytes]] = {}
    for wheel in runtime_wheels(wheels):
        with zipfile.ZipFile(wheel) as archive:
            for name in archive.namelist():
                if _wanted(name):
                    if name in members:
                        raise BuildError(f"{name} is in both {members[name][0]} and {wheel.name}")
                    members[name] = (wheel.name, archive.read(name))
    if not (CRE / "data" / "index.json").is_file():
        raise BuildError(f"{CRE / 'data' / 'index.json'} is missing: compile the forms first (make compile)")
    for path in sorted(CRE.rglob("*")):
        name = path.relative_to(CRE.parent).as_posix()
        if path.is_file() and _wanted(name):
            members[name] = ("py/cre", path.read_bytes())
    return [(name, members[name][1]) for name in sorted(members)]


def _unpack(members, root: Path) -> None:
    for name, data in members:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)


def _packed(root: Path):
    return sorted((path.relative_to(root).as_posix(), path.read_bytes()) for path in root.rglob("*") if path.is_file())


def prepare(bundle, stdlib, imports, keep_source=False):
    """The bundle's members and the standard library's, each pruned to what the runtime imports (`imports`: the
    module names the browser's own code imports, cre_build.runtime_imports), with what only the PDF needs split
    off into members of its own, all compiled to sourceless .pyc (unless keep_source), by cre_build.bundle_prep in
    Pyodide's own Python under Node (one start of Pyodide for all). Returns (bundle members, stdlib members, PDF
    bundle members, bundle_prep's report)."""
    with tempfile.TemporaryDirectory(prefix="cre-runtime-") as temp:
        bundle_dir, stdlib_dir, names = Path(temp) / "bundle", Path(temp) / "stdlib", Path(temp) / "imports.json"
        later_dir = Path(temp) / "later"
        _unpack(bundle, bundle_dir)
        _unpack(stdlib, stdlib_dir)
        later_dir.mkdir()
        names.write_text(json.dumps(imports), encoding="utf-8")
        command = ["node", str(PREPARE), str(bundle_dir), "--stdlib", str(stdlib_dir), "--imports", str(names),
                   "--later", str(later_dir), *(["--keep-source"] if keep_source else [])]
        try:
            proc = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
        except FileNotFoundError as error:
            raise BuildError("node is missing: install Node.js 20+") from error
        if proc.returncode != 0:
            raise BuildError(f"preparing the Python runtime (prune, compile) failed:\n{proc.stderr.strip()}")
        report = json.loads(proc.stdout.strip().splitlines()[-1])
        if report["not_importable"]:
            raise BuildError("the browser's code imports standard modules that Pyodide cannot import: "
                             + ", ".join(report["not_importable"]))
        return _packed(bundle_dir), _packed(stdlib_dir), _packed(later_dir), report


def write_zip(members, target: Path, folders: bool = False) -> None:
    """A zip of the members with fixed times, so the same members give the same bytes; `folders` adds an entry
    for each folder, as Pyodide's own standard library zip has."""
    names = dict(members)
    if folders:
        for name in list(names):
            parts = name.split("/")[:-1]
            for depth in range(1, len(parts) + 1):
                names.setdefault("/".join(parts[:depth]) + "/", b"")
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in sorted(names):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_STORED if name.endswith("/") else zipfile.ZIP_DEFLATED
            info.external_attr = (0o40755 << 16 | 0x10) if name.endswith("/") else 0o644 << 16
            archive.writestr(info, names[name])


def check_split(report: dict, members) -> None:
    """Refuse a PDF bundle holding a module that a module the rules load names in an import statement anywhere (in
    a function, say, that the build's run did not reach): that code would fail until the PDF bundle had arrived.
    `members`: the bundle's (name, bytes) before preparing, sources included; the report's `first` names the modules
    loaded before the PDF. Every module of `cre` but the PDF's counts as loaded: the page loads some the build's
    run does not."""
    later, first = set(report["later"]), set(report["first"])
    named = {}
    for name, data in members:
        module = name.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
        ours = name.startswith("cre/") and not name.startswith("cre/pdf")
        if not name.endswith(".py") or not (module in first or ours):
            continue
        for imported in runtime_imports.python_imports(data.decode("utf-8")):
            if imported.split(".")[0] in later:
                named.setdefault(imported.split(".")[0], name)
    if named:
        raise BuildError("the PDF bundle would hold modules the rules bundle imports: "
                         + ", ".join(f"{module} (in {where})" for module, where in sorted(named.items())))


def write_runtime(wheels: Path, app: Path, keep_source: bool = False) -> dict:
    """app/bundle/bundle.zip (what the rules need), app/bundle/pdf.zip (what only the PDF needs, fetched once the
    rules are live), and app/pyodide/python_stdlib.zip replaced by its pruned (and, unless keep_source, compiled)
    twin; returns bundle_prep's report."""
    stdlib_zip = app / "pyodide" / "python_stdlib.zip"
    with zipfile.ZipFile(stdlib_zip) as archive:
        stdlib = [(name, archive.read(name)) for name in archive.namelist() if not name.endswith("/")]
    scripts = sorted((app / "pyscript").glob("*.js")) + sorted((app / "pyodide").glob("*.mjs"))
    imports = runtime_imports.browser_imports(CRE / "browser", ASSETS / "main.py", scripts)
    members = bundle_members(wheels)
    bundle, pruned_stdlib, later, report = prepare(members, stdlib, imports, keep_source)
    check_split(report, members)
    (app / "bundle").mkdir()
    write_zip(bundle, app / "bundle" / BUNDLE)
    write_zip(later, app / "bundle" / PDF_BUNDLE)
    write_zip(pruned_stdlib, stdlib_zip, folders=True)
    return report


def write_config(app: Path, pyodide: str, bundle: str) -> None:
    """pyscript.json: the interpreter and the bundle, in their sealed folders. Paths are relative to the config
    (boot.js resolves them against its address), so the site works under any sub-path."""
    config = {"interpreter": f"./{pyodide}/pyodide.mjs", "files": {f"./{bundle}/{BUNDLE}": "./lib/*"}}
    missing = [ref for ref in [config["interpreter"], *config["files"]] if not (app / ref).is_file()]
    if missing:
        raise BuildError(f"pyscript.json would name files the stage did not write: {', '.join(missing)}")
    (app / CONFIG).write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")


def copy_assets(app: Path) -> None:
    for name in ASSET_FILES:
        shutil.copyfile(ASSETS / name, app / name)


def build(site: Path, wheels: Path, keep_source: bool = False) -> Path:
    if not (site / "index.html").is_file():
        raise BuildError(f"{site / 'index.html'} is missing: build the site (MkDocs) first")
    app = site / "app"
    app.mkdir(exist_ok=True)  # other stages write here too (the form pages' app/form.css): replace only ours
    for folder in ("pyodide", "pyscript", "bundle"):
        shutil.rmtree(app / folder, ignore_errors=True)
    copy_pyodide(app / "pyodide")
    copy_pyscript(app / "pyscript")
    write_runtime(wheels, app, keep_source)
    # The big files go into folders named by their content (service_worker.seal): a new build that changes them
    # changes their address, and the service worker's first install takes them from the browser's HTTP cache.
    pyodide = f"pyodide/{service_worker.seal(app / 'pyodide')}"
    bundle = f"bundle/{service_worker.seal(app / 'bundle')}"
    write_config(app, pyodide, bundle)
    copy_assets(app)
    ours = [*(app / "pyodide").rglob("*"), *(app / "pyscript").rglob("*"),
            *(app / name for name in (*ASSET_FILES, CONFIG))]
    stray = [p.relative_to(site).as_posix() for p in sorted(ours) if p.is_file() and CDN.search(p.read_bytes())]
    if stray:
        raise BuildError(f"still naming a CDN host after the rewrite: {', '.join(stray)}")
    return app


def drop_missing_source_maps(site: Path) -> int:
    """Take out each comment naming a source map the site does not ship (Pyodide's, PyScript's and MkDocs'
    scripts name theirs; only some are published): a browser's developer tools would ask for each and get a 404.
    Returns how many went."""
    dropped = 0
    for path in sorted(site.rglob("*")):
        if path.suffix not in {".js", ".mjs", ".css"} or not path.is_file():
            continue
        data = path.read_bytes()

        def missing(match):
            nonlocal dropped
            if (path.parent / match[1].decode("utf-8", "replace")).is_file():
                return match[0]
            dropped += 1
            return b""

        kept = SOURCE_MAP.sub(missing, data)
        if kept != data:
            path.write_bytes(kept)
    return dropped


def build_all(site: Path, wheels: Path, keep_source: bool = False) -> tuple[Path, dict]:
    """The runtime, then the offline step over the finished site, then the form in one file (cre_build.single_file,
    made from the finished form.html; the service worker never precaches it): (the app folder, Workbox's
    {count, size})."""
    app = build(site, wheels, keep_source)
    drop_missing_source_maps(site)
    precache = offline(site)
    try:
        single_file.build(site)
    except single_file.BuildError as error:
        raise BuildError(str(error)) from error
    return app, precache


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m cre_build.app", description=__doc__.splitlines()[0])
    ap.add_argument("site", type=Path, help="the built site (MkDocs output), e.g. public")
    ap.add_argument("--wheels", type=Path, default=ROOT / "build" / "wheels-runtime",
                    help="folder holding the runtime wheels (python -m cre_build.wheels DEST)")
    ap.add_argument("--keep-source", action="store_true",
                    help="ship the bundle's .py sources instead of bytecode (full tracebacks, slower start)")
    args = ap.parse_args(argv)
    try:
        app, precache = build_all(args.site, args.wheels, args.keep_source)
    except BuildError as error:
        print(f"app: {error}", file=sys.stderr)
        return 1
    size = sum(path.stat().st_size for path in (app / "bundle").rglob(BUNDLE))
    print(f"app: wrote {app} ({BUNDLE} {size / 1_000_000:.2f} MB); {args.site / service_worker.WORKER} precaches "
          f"{precache['count']} files ({precache['size'] / 1_000_000:.1f} MB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
