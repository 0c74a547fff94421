"""Download the pure-Python wheels that the Pyodide test run installs.

    python -m cre_build.wheels DEST [--test]

Reads the runtime pins from pyproject.toml ([project].dependencies) and fetches each as a
``py3-none-any`` wheel for Python 3.14 with ``--no-deps`` into DEST; Pillow is skipped (fpdf2
declares it but works without it, and it has no pure wheel). With ``--test`` it also fetches the
``test`` extra (pytest, pypdf; not hypothesis, which has no pure wheel at its pin) and pytest's pure
dependencies pinned in tests/pyodide/constraints.txt.
Wheels already in DEST are not fetched again. Build-time only: never shipped to the browser.
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONSTRAINTS = ROOT / "tests" / "pyodide" / "constraints.txt"
# Pillow: fpdf2 declares it but works without it. hypothesis: no pure wheel at its pin, so the property tests
# run in CPython only.
SKIP = {"pillow", "hypothesis"}
PIN = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*==\s*([^\s;#]+)\s*$")


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def _pin(req: str) -> tuple[str, str]:
    m = PIN.match(req)
    if not m:
        raise SystemExit(f"wheels: not an exact pin (NAME==VERSION): {req!r}")
    return m[1], m[2]


def pins(test: bool) -> list[tuple[str, str]]:
    """Exact (name, version) pins to fetch, in order, without duplicates or skipped names."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [_pin(r) for r in project["dependencies"]]
    if test:
        wanted += [_pin(r) for r in project["optional-dependencies"]["test"]]
        wanted += [_pin(ln) for ln in CONSTRAINTS.read_text(encoding="utf-8").splitlines()
                   if ln.strip() and not ln.lstrip().startswith("#")]
    out: dict[str, tuple[str, str]] = {}
    for name, version in wanted:
        if _norm(name) not in SKIP:
            out.setdefault(_norm(name), (name, version))
    return list(out.values())


def present(dest: Path, name: str, version: str) -> bool:
    prefix = f"{_norm(name)}-{version}-".lower()
    return any(p.name.lower().startswith(prefix) for p in dest.glob("*.whl"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m cre_build.wheels", description=__doc__.splitlines()[0])
    ap.add_argument("dest", type=Path, help="folder to put the wheels in")
    ap.add_argument("--test", action="store_true", help="also fetch pytest and its pure dependencies")
    args = ap.parse_args(argv)
    args.dest.mkdir(parents=True, exist_ok=True)
    missing = [f"{n}=={v}" for n, v in pins(args.test) if not present(args.dest, n, v)]
    if not missing:
        return 0
    cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
           "--no-deps", "--only-binary=:all:", "--platform", "any", "--python-version", "3.14",
           "--implementation", "py", "--abi", "none", "--dest", str(args.dest), *missing]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        errors = [ln for ln in proc.stderr.splitlines() if ln.startswith("ERROR")] or proc.stderr.splitlines() or ["?"]
        print(f"wheels: pip download failed ({' '.join(missing)}): {errors[-1]}", file=sys.stderr)
        return 1
    print(f"wheels: fetched {len(missing)} into {args.dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
