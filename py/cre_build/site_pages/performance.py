"""performance.md: how fast the form is, from the last `make bench` (site/data/benchmark.json, committed data).

The figures, targets and verdicts are cre_build.benchmark's; this only lays them out, with the machine, where the
start-up time goes, how each figure is measured, and the earlier results the file keeps.
"""

import json
from pathlib import Path

from cre_build import benchmark

from .markdown import esc, page, table

DATA = Path(__file__).resolve().parents[3] / "site" / "data" / "benchmark.json"
HISTORY_FIGURES = {"typeable": "typing", "python_live": "rules live", "python_live_stock": "against published",
                   "warm_offline": "warm offline", "link_live": "rules live on a school link",
                   "longest_task": "longest task", "round_trip_p95": "check p95", "pdf_browser": "PDF",
                   "pdf_cpython": "PDF in CPython", "live_gzip": "before live gzip", "first_visit_gzip":
                   "first visit gzip", "build": "build"}
# Why a target is missed where the cause is known and measured; shown only while the figure misses its target.
WHY_MISSED = {
    "typeable": "The form page runs its scripts while the first click arrives: boot.js, then PyScript's modules "
                "(between \"pyscript/core.js arrived\" and \"PyScript started\" in the steps below), in short "
                "tasks the click waits between; the plain page has none. Python's own start, the long task, comes "
                "after the page took the key.",
    "python_live": "The bare page only calls loadPyodide. On top of that, the form (see the steps below): reads the "
                   "page, then boot.js reads pyscript.json and checks that storage works, and PyScript loads its "
                   "modules, before PyScript calls loadPyodide; it unpacks the bundle; main.py imports the rules "
                   "and the page's code (the largest part: jsonschema alone takes about 250 ms of it in Pyodide, "
                   "measured under Node with PYTHONPROFILEIMPORTTIME, as it loads its meta-schemas and builds its "
                   "validator classes with attrs when imported); then the first check. The bundle, Pyodide's "
                   "WebAssembly and its standard library are asked for as soon as boot.js has read the config, so "
                   "they have arrived before they are needed.",
    "warm_offline": "The site is served from the same machine, so a cold visit waits for no network and a warm "
                    "visit has little download time to save. What remains is the same work on both: compiling "
                    "Pyodide's WebAssembly, starting Python and PyScript, unpacking, importing and the first "
                    "check. Halving it would need the browser to keep compiled code or a snapshot of the started "
                    "Python between visits, which PyScript offers no way to use.",
    "link_live": "The bare Pyodide page takes nearly as long on the same link (the next row): Pyodide's "
                 "WebAssembly and standard library are most of what arrives before the rules are live (see that "
                 "table below), and at 20 Mbit/s each megabyte takes 0.4 s before any Python can run. The form "
                 "adds its bundle, then the imports and the first check, which no link speeds up.",
    "link_warm": "Warm and offline nothing is downloaded, so what remains is the processor's work, as in the warm "
                 "figure on this machine: compiling the WebAssembly, starting Python, importing, the first check. "
                 "0.3× the cold time on this link is less than that work takes on this machine even with nothing "
                 "to download (the warm row above).",
    "longest_task": "Starting the interpreter (instantiating the WebAssembly and starting Python) is one task: the "
                    "bare Pyodide page's longest task is as long (the row below). Started in a web worker, the "
                    "page's thread has no long task at all, and Python is ready a little later (the two rows "
                    "after). PyScript's worker mode would run the form's Python there. It is not adopted: the page "
                    "adapter reads and writes the page on every check, which from a worker is a message to the "
                    "page each time, and that mode needs the page cross-origin isolated, by headers that a file "
                    "share cannot send, so the form in one file would still start Python on the page's thread. "
                    "Meanwhile the page takes typing before Python starts (the first row).",
    "pdf_cpython": "Importing fpdf2 takes about 40% of it (170 ms here, `python -X importtime -c \"import "
                   "cre.pdf\"`): it imports fontTools and its SVG, signing and image modules whatever the document "
                   "uses. Reading the two DejaVu fonts takes about 65 ms, and laying out the text about 190 ms, "
                   "most of it fpdf2 measuring each character's width to break lines.",
    "live_gzip": "Pyodide's WebAssembly and standard library are most of it (see \"What arrives before the rules "
                 "are live\" below): the form's own part, the rules' bundle, is under half a megabyte, and the PDF's "
                 "part comes after. With Brotli, as `cre serve` sends it, the total is lower (the next row).",
    "first_visit_gzip": "A first visit also stores the whole site for offline use: Pyodide's WebAssembly, its "
                        "standard library (pruned to what the form imports), and the PDF library with its fonts "
                        "are together more than the target, so it cannot be met while the form works offline "
                        "after one visit. The row \"Of which before the rules are live\" shows what the page needs "
                        "first; the rest follows in the background.",
}
STARTS = (("milestones_cold", "Cold", "live_form_ms"), ("milestones_warm", "Warm, offline", "live_warm_ms"),
          ("milestones_bare", "Bare Pyodide", "live_bare_ms"),
          ("milestones_stock", "Bare Pyodide as published", "live_stock_ms"),
          ("milestones_bare_link", "Bare Pyodide, school link", "live_bare_link_ms"))


def _machine(machine):
    parts = [f"{machine.get('cores')} cores ({esc(machine.get('cpu'))})"]
    if machine.get("memory_gib"):
        parts.append(f"{machine['memory_gib']} GiB of memory")
    parts += [esc(machine.get("os")), f"Chromium {esc(machine.get('chromium'))} (headless)",
              f"CPython {esc(machine.get('python'))}", f"Pyodide {esc(machine.get('pyodide'))}",
              f"PyScript {esc(machine.get('pyscript'))}"]
    return ", ".join(parts)


def _starts(samples):
    """Where the start-up time goes: the median time of each step, for each kind of visit, in the order of the
    first column that has the step; the last row is the end (the first check, or import json on a bare page)."""
    columns = [(title, benchmark.milestones(samples, key)) for key, title, _ in STARTS]
    steps = []
    for _, found in columns:
        steps += [step for step in found if step not in steps]
    rows = [(esc(step), *(benchmark.number(found.get(step), "ms") for _, found in columns)) for step in steps]
    ends = [benchmark.median([v for v in samples.get(key) or [] if v is not None]) for _, _, key in STARTS]
    last = "**Python rules live** (bare pages: import json done)"
    rows.append((last, *(benchmark.number(end, "ms") for end in ends)))
    return table(["Step (ms from the start of navigation)", *(title for title, _ in columns)], rows)


def _live_files(runs):
    """What the server had sent when the rules went live, file by file (the last run that recorded it)."""
    rows = next((run for run in reversed(runs or []) if run), None)
    if not rows:
        return ""
    mb = lambda value: benchmark.number(value / benchmark.MB, "MB")  # noqa: E731
    lines = [(esc(name), mb(raw), mb(gz), mb(sent)) for name, raw, gz, sent in rows if gz >= 10_000]
    small = [row for row in rows if row[2] < 10_000]
    if small:
        lines.append((f"{len(small)} smaller files", *(mb(sum(row[i] for row in small)) for i in (1, 2, 3))))
    lines.append(("**All**", *(mb(sum(row[i] for row in rows)) for i in (1, 2, 3))))
    return table(["File", "Raw", "Gzip", "As cre serve sent it"], lines)


def _pdf_modules(counts):
    """Whether the PDF library stayed out of the start, as the form page's Python reported it."""
    counts = sorted({count for count in counts or [] if count is not None})
    if not counts:
        return ""
    if counts == [0]:
        return ("When the rules went live, no module of the PDF library (fpdf2, fontTools) had been imported, in "
                "any run: it loads when a PDF is first asked for.")
    return f"When the rules went live, modules of the PDF library had been imported: {counts} (should be 0)."


def _history(history):
    """One row per earlier result, its figures in one cell: a narrow table that needs no scrolling."""
    specs = {spec.id: spec for spec in benchmark.FIGURES}
    rows = []
    for entry in history:
        headlines, values = entry.get("figures", {}), entry.get("values", {})
        shown = []
        for fid, short in HISTORY_FIGURES.items():
            spec, headline = specs[fid], headlines.get(fid)
            if headline is None:
                continue
            if spec.kind != "ratio":
                shown.append(f"{short} {benchmark.number(headline, spec.unit)}")
            elif values.get(fid) is not None and fid != "python_live_stock":  # its value is python_live's
                shown.append(f"{short} {benchmark.number(values[fid], spec.unit)} ({headline:.2f}×)")
            else:
                shown.append(f"{short} {headline:.2f}×")
        rows.append((esc(entry["date"][:10]), esc(entry.get("label", "")), esc(", ".join(shown))))
    return table(["Date", "What was measured", "Figures"], rows)


def render(path=DATA):
    if not path.is_file():
        return page("# Performance", "No benchmark has been run yet. Run `make bench` to measure the form's speed on "
                    "this machine; this page shows the results at the next build.")
    result = json.loads(path.read_text(encoding="utf-8"))
    rows = [[esc(cell) for cell in benchmark.cells(row)] for row in result["figures"]]
    how = "\n".join(f"- **{esc(spec.what)}**: {esc(spec.how)}" for spec in benchmark.FIGURES)
    missed = [row for row in result["figures"] if row["met"] is False]
    why = [f"- **{esc(row['what'])}** ({benchmark.verdict(row)}): {WHY_MISSED[row['id']]}"
           for row in missed if row["id"] in WHY_MISSED]
    return page(
        "# Performance",
        "Practitioners open the form in the middle of a working day, often on old laptops. `make bench` measures "
        "how soon they can type, how soon the partnership's rules check their answers, how fast a change is "
        "checked and a PDF is made, and what a first visit downloads. Each figure is measured several times; a "
        "value is the median. Where a figure is compared with a baseline, the baseline is measured in the same "
        "run, the ratio is taken run by run, and the median ratio is shown, because a busy machine slows both.",
        f"Measured on {esc(result['date'][:10])} ({result['runs']} runs, {result['changes']} changes) on "
        f"{_machine(result['machine'])}. The site was served on the same machine, under a sub-path, by `cre serve`; "
        "the rows on a school's link went through a link Chromium emulates (20 Mbit/s down, 5 Mbit/s up, 40 ms "
        "round trip).",
        "## Results",
        table(list(benchmark.HEADERS), rows),
        (f"{len(missed)} of the targets {'was' if len(missed) == 1 else 'were'} missed."
         if missed else "Every target was met."),
        "\n".join(why),
        "## Where the start-up time goes",
        "The median time at which each step was reached, on a first visit (cold), on a later visit with the network "
        "gone (warm, offline) and on the bare Pyodide pages.",
        _starts(result.get("samples", {})),
        _pdf_modules(result.get("samples", {}).get("pdf_modules_at_start")),
        "## What arrives before the rules are live",
        "On a first visit, every file the server had sent when the form showed its first check, largest first (one "
        "run). The PDF's own part (`pdf.zip`) is fetched after; the service worker's copy of the site follows.",
        _live_files(result.get("samples", {}).get("live_files")),
        "## How each figure is measured",
        how,
        "## Earlier results",
        "Each line is one run of `make bench`, oldest first: medians, with the ratio to the baseline (×) where "
        "there is one.",
        _history(result.get("history", [])),
    )
