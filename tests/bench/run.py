"""`make bench`: how fast the form is, measured against what the same machine can do at best, in one run.

    python tests/bench/run.py [--runs 5] [--changes 200] [--label TEXT] [--out site/data/benchmark.json]

1. Builds the site into a temporary folder as `make build` does (MkDocs, runtime, service worker, check), timed,
   and adds the two baseline pages (baselines.py).
2. Serves it under a sub-path on this machine and, for each run, visits in turn (the order rotates from run to
   run) the form page, the plain page, the two bare Pyodide pages, the single file (from a folder, file://), and
   the form page and the site's bare Pyodide page again on an emulated school link (measure.SCHOOL_LINK), and the
   bare page with Pyodide in a web worker, each in Chromium with a fresh profile (measure.py). The form page's visit also measures the first visit's bytes, the
   PDF, and then the same profile warm with the server stopped. The first run also makes `--changes` changes to a complete record.
3. Times the PDF in CPython, in a fresh interpreter each run (imports + render).
4. Prints the figures against their targets (cre_build.benchmark) and writes them, with the date and the
   machine, to --out; the site's Performance page is made from that file at build time.
Not part of `make test`.
"""

import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[1:1] = [str(ROOT / "tests" / "e2e"), str(ROOT / "tests" / "unit")]  # e2e_support, tests_support

import baselines  # noqa: E402
import machine  # noqa: E402
import measure  # noqa: E402
from server import Server  # noqa: E402
from playwright.sync_api import Error as PlaywrightError  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from tests_support import complete_record  # noqa: E402

from cre_build import benchmark  # noqa: E402
from cre_build.single_file import TARGET as SINGLE_FILE  # noqa: E402
from e2e_support import CRASH_RETRIES, RENDERER_CRASHED  # noqa: E402

BASE = "/bench/sub/path/"
OUT = ROOT / "site" / "data" / "benchmark.json"
HISTORY = 30  # earlier results kept in the file, newest last
RADIOS = ("cce09-high", "cce09-medium", "cse05-medium", "cse05-low")
TEXT = "why_at_risk"
CPYTHON_PDF = """
import json, sys, time, warnings
warnings.filterwarnings("ignore", message="Pillow could not be imported", category=UserWarning)
record = json.load(sys.stdin)
from cre.assessment import assess
result = assess(record)
start = time.perf_counter()
from cre.pdf import render_pdf
def pdf():
    return render_pdf(record, suggestion=result["validation"]["suggestion"], routing=result["routing"])
data = pdf()
first = time.perf_counter()
pdf()
again = time.perf_counter()
assert data.startswith(b"%PDF")
print(json.dumps({"first": (first - start) * 1000, "again": (again - first) * 1000}))
"""


def build(site: Path) -> float:
    """The site into `site`, stage by stage as the Makefile's build target: seconds taken."""
    venv_bin = Path(sys.executable).parent
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    stages = [
        [str(venv_bin / "mkdocs"), "build", "--strict", "--quiet", "--site-dir", str(site)],
        [sys.executable, "-m", "cre_build.app", str(site), "--wheels", str(ROOT / "build" / "wheels-runtime")],
        [sys.executable, "-m", "cre_build.check_site", str(site)],
    ]
    start = time.perf_counter()
    for stage in stages:
        subprocess.run(stage, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def bench_record():
    """The tests' complete form 000 record, dated today (a completion date in the future is an error)."""
    record = complete_record("complete-000")
    today = datetime.date.today().isoformat()
    record["answers"].update(date_completed=today, date_referral_csc=today)
    return record


def cpython_pdf(record):
    proc = subprocess.run([sys.executable, "-c", CPYTHON_PDF], input=json.dumps(record), capture_output=True,
                          text=True, check=True, cwd=ROOT)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def visit(playwright, kind, site, record, changes):
    """One visit of one kind: its samples."""
    if kind == "form":
        return measure.form_visit(playwright, site, BASE, baselines.FORM, record, changes=changes, radios=RADIOS,
                                  text=TEXT)
    if kind == "plain":
        return {"typeable_plain_ms": measure.plain_visit(playwright, site, BASE, baselines.PLAIN)}
    if kind == "single":
        return measure.single_visit(playwright, site / SINGLE_FILE)
    if kind == "link":
        return measure.link_visit(playwright, site, BASE, baselines.FORM, measure.SCHOOL_LINK)
    page, network, name = {"bare": (baselines.BARE, None, "bare"), "stock": (baselines.BARE_STOCK, None, "stock"),
                           "worker": (baselines.BARE_WORKER, None, "worker"),
                           "bare_link": (baselines.BARE, measure.SCHOOL_LINK, "bare_link")}[kind]
    return {key.replace("bare", name): value
            for key, value in measure.bare_visit(playwright, site, BASE, page, network).items()}


def browser_runs(site, runs, changes, record, log):
    samples: dict[str, list] = {}
    kinds = ["form", "plain", "bare", "stock", "single", "link", "bare_link", "worker"]
    with sync_playwright() as playwright:
        for run in range(runs):
            order = kinds[run % len(kinds):] + kinds[:run % len(kinds)]
            for kind in order:
                for attempt in range(CRASH_RETRIES + 1):
                    try:
                        got = visit(playwright, kind, site, record, changes if run == 0 else 0)
                        break
                    except PlaywrightError as error:  # Chromium's renderer, rarely, dies on this machine
                        if RENDERER_CRASHED not in str(error) or attempt == CRASH_RETRIES:
                            raise
                        log(f"run {run + 1}: the {kind} visit's page crashed; visiting again")
                for key, value in got.items():
                    if key == "round_trip_ms":
                        samples[key] = value
                    else:
                        samples.setdefault(key, [None] * runs)[run] = value
            log(f"run {run + 1}/{runs}: " + ", ".join(
                f"{key} {values[run]:.0f}" for key, values in samples.items()
                if key != "round_trip_ms" and isinstance(values[run], (int, float))))
    return samples


def write(out: Path, result: dict, label: str) -> None:
    previous = json.loads(out.read_text(encoding="utf-8")) if out.is_file() else {}
    history = previous.get("history", [])
    history.append({"date": result["date"], "label": label,
                    "figures": {row["id"]: benchmark.headline(row) for row in result["figures"]},
                    "values": {row["id"]: row["value"] for row in result["figures"]}})
    result["history"] = history[-HISTORY:]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="make bench", description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="visits of each page (medians over these)")
    ap.add_argument("--changes", type=int, default=200, help="changes for the round trip (first run only)")
    ap.add_argument("--label", default="make bench", help="what this result is, for the history")
    ap.add_argument("--out", type=Path, default=OUT, help="the results file the Performance page is made from")
    args = ap.parse_args(argv)

    def log(text):
        print(f"bench: {text}", file=sys.stderr, flush=True)

    record = bench_record()
    site = Path(tempfile.mkdtemp(prefix="cre-bench-site-"))
    try:
        samples = {"build_s": [build(site)]}
        log(f"built the site in {samples['build_s'][0]:.1f} s")
        baselines.write(site, ROOT / "node_modules" / "pyodide")
        warming = Server(site, BASE)
        warming.warm(site)
        warming.stop()
        samples.update(browser_runs(site, args.runs, args.changes, record, log))
    finally:
        shutil.rmtree(site, ignore_errors=True)
    pdfs = [cpython_pdf(record) for _ in range(args.runs)]
    samples["pdf_cpython_ms"] = [pdf["first"] for pdf in pdfs]
    samples["pdf_cpython_again_ms"] = [pdf["again"] for pdf in pdfs]

    rows = benchmark.figures(samples)
    print(benchmark.table(rows))
    for key, what in (("milestones_cold", "cold"), ("milestones_warm", "warm, offline"), ("milestones_bare", "bare"),
                      ("milestones_stock", "bare, stock Pyodide"), ("milestones_bare_link", "bare, school link")):
        steps = benchmark.milestones(samples, key)
        print(f"\nStart-up, {what} (median ms from navigation): " + ", ".join(f"{s} {v:.0f}" for s, v in steps.items()))
    modules = sorted(set(samples.get("pdf_modules_at_start", [])))
    print(f"\nPDF modules (fpdf, fontTools) imported when the rules went live: {modules}")
    result = {
        "format": "cre-benchmark", "format_version": 1,
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "label": args.label, "runs": args.runs, "changes": args.changes,
        "machine": machine.describe(), "figures": rows, "samples": samples,
    }
    write(args.out, result, args.label)
    print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
