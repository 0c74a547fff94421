"""The speed benchmark's figures: what is measured against what, the targets, medians, ratios and the table.

tests/bench (`make bench`) takes the samples (Chromium against the built site, CPython for the command line) and
calls `figures()`; the figures, the date and the machine go into site/data/benchmark.json, which the site's
Performance page (cre_build.site_pages.performance) shows. The targets live here and nowhere else.

Samples are lists with one value per run (index i of two lists is the same run), except the round trip, which is
every change of one run. Each ratio is taken within a run, then the median of those ratios is reported: the
machines are noisy, and two pages measured seconds apart see the same noise.
"""

from __future__ import annotations

import math
import statistics
from typing import NamedTuple

MB = 1_000_000


class Figure(NamedTuple):
    id: str
    what: str
    unit: str  # ms, s, MB (the samples of an MB figure are bytes) or "" (a plain number)
    sample: str  # the samples it reads
    compared: tuple[str, str] | None  # (samples, what they are) it is divided by, run by run
    target: float | None  # the ratio's target when compared, else the value's
    kind: str  # "ratio", "value" (median), "p50" or "p95" (nearest-rank percentile)
    how: str  # how it is measured, for the Performance page


FIGURES = (
    Figure("typeable", "First input accepts typing, cold", "ms", "typeable_form_ms",
           ("typeable_plain_ms", "plain HTML page of the same form"), 1.2, "ratio",
           "The form page is opened at its first section in a new browser profile, its first input is clicked as "
           "soon as it can be and a key pressed; the time is when the page received the input. The same for a "
           "copy of the page with every script removed."),
    Figure("python_live", "Python rules live (first validation on the page), cold", "ms", "live_form_ms",
           ("live_bare_ms", "bare Pyodide page running import json"), 1.25, "ratio",
           "From the start of navigation until the page has shown its first check and marks Python ready, in a new "
           "profile. Compared with a page that only loads the same Pyodide (the site's files) and runs import json."),
    Figure("python_live_stock", "Python rules live, cold, against Pyodide as published", "ms", "live_form_ms",
           ("live_stock_ms", "bare page on the npm package's Pyodide files"), None, "ratio",
           "The same time, compared with the bare page on Pyodide's files exactly as published, whose standard "
           "library is source: the site's is compiled at build time, which speeds up both the form and the "
           "bare page above."),
    Figure("warm_offline", "Python rules live, warm and offline", "ms", "live_warm_ms",
           ("live_form_ms", "the same page cold"), 0.5, "ratio",
           "After the first visit the browser is closed, the web server stopped, and the same profile opens the "
           "form again: everything comes from the service worker's copy."),
    Figure("link_live", "Python rules live, cold, on a school's link", "ms", "live_link_ms", None, 3000, "value",
           "The cold start above on a link emulated by Chromium (its network conditions: 20 Mbit/s down, 5 up, "
           "40 ms round trip), as a school's shared connection or a council VPN gives: the bytes before the rules "
           "are live cost time here, where on this machine they cost almost none."),
    Figure("link_live_bare", "Python rules live on the school's link, against bare Pyodide", "ms", "live_link_ms",
           ("live_bare_link_ms", "bare Pyodide page on the same link"), None, "ratio",
           "The same, compared with the bare Pyodide page on the same emulated link in the same run."),
    Figure("link_warm", "Python rules live, warm and offline, on the school's link", "ms", "live_link_warm_ms",
           ("live_link_ms", "the same page cold on the link"), 0.3, "ratio",
           "After the first visit on the link the server is stopped and the same profile opens the form again, "
           "the link still emulated: the service worker answers, so the link no longer matters."),
    Figure("longest_task", "Longest main-thread task while Python starts, cold", "ms", "longest_task_ms", None, 200,
           "value",
           "From the first contentful paint until the rules are live, the longest task the page's main thread ran "
           "(the Long Tasks API: every task over 50 ms). While it runs the page cannot answer a key or a click."),
    Figure("longest_task_bare", "Longest main-thread task, bare Pyodide page", "ms", "longest_task_bare_ms", None,
           None, "value",
           "The same on the bare Pyodide page, until its import json: what starting the interpreter alone blocks."),
    Figure("longest_task_worker", "Longest main-thread task, bare Pyodide started in a web worker", "ms",
           "longest_task_worker_ms", None, None, "value",
           "The bare page again, with Pyodide started in a web worker (as PyScript's worker mode runs Python): the "
           "page's own thread, until the worker's import json is done."),
    Figure("worker_live", "Bare Pyodide in a web worker, until import json", "ms", "live_worker_ms",
           ("live_bare_ms", "the same on the page's own thread"), None, "ratio",
           "From the start of navigation until the worker has run import json, against the bare page."),
    Figure("blocking", "Total blocking time while Python starts, cold", "ms", "blocking_ms", None, None, "value",
           "Over the same span, each long task's time beyond 50 ms, added up (Lighthouse's total blocking time)."),
    Figure("layout_shift", "Layout shift until the rules are live, cold", "", "layout_shift", None, None, "value",
           "Every layout shift not caused by input until the rules are live, added up (the cumulative layout "
           "shift of Core Web Vitals: 0.1 or less is good)."),
    Figure("single_file_live", "Python rules live, the form in one file opened from a folder", "ms",
           "live_single_ms", ("live_form_ms", "the served form, cold"), None, "ratio",
           "The single file (offline/CRE-assessment.html) is copied into a folder, as on a file share, and opened "
           "from there (file://) in a new profile: until its first check. Compared with the served form's cold "
           "start in the same run."),
    Figure("single_file_raw", "The form in one file, size", "MB", "single_file_raw_bytes", None, 12, "value",
           "The single file as the build writes it: every file the form needs, embedded gzipped as base64."),
    Figure("single_file_gzip", "The form in one file, size gzip", "MB", "single_file_gzip_bytes", None, 10,
           "value", "The same file as a server compressing it with gzip (level 6), or a zip of the share, holds it."),
    Figure("round_trip_p50", "Validation + routing round trip after a change, p50", "ms", "round_trip_ms", None,
           None, "p50",
           "A complete form 000 record is opened, then changed 200 times (an indicator's level, or more words in a "
           "text box). Each time: from the start of the page's check (after its pause for typing) until the page, "
           "with errors, level and routing updated, has been laid out again."),
    Figure("round_trip_p95", "Validation + routing round trip after a change, p95", "ms", "round_trip_ms", None,
           50, "p95", "As above: 95 of 100 changes are at least this fast."),
    Figure("pdf_browser", "PDF of a complete record in the browser (first, with imports)", "ms", "pdf_browser_ms",
           None, 1500, "value",
           "From the click on \"Download the PDF\" until the page says it was downloaded; the first PDF after "
           "start, so it includes loading the PDF library."),
    Figure("pdf_browser_again", "PDF in the browser, again", "ms", "pdf_browser_again_ms", None, None, "value",
           "A second PDF straight after the first."),
    Figure("pdf_cpython", "PDF of a complete record in CPython (imports + render)", "ms", "pdf_cpython_ms", None,
           300, "value",
           "In a new Python process: importing the PDF module and rendering the same record, as `cre pdf` does."),
    Figure("first_visit_raw", "Bytes a first visit transfers, raw", "MB", "first_visit_raw_bytes", None, None,
           "value",
           "Every response body the server sent for one first visit of the form page: the page, its Python, and "
           "the service worker's copy of the whole site for offline use (1 MB = 1,000,000 bytes)."),
    Figure("first_visit_gzip", "Bytes a first visit transfers, gzip", "MB", "first_visit_gzip_bytes", None, 6,
           "value", "The same responses as a server compressing them with gzip (level 6) would send them."),
    Figure("live_gzip", "Of which before the rules are live, gzip", "MB", "live_gzip_bytes", None, 5, "value",
           "What the server had sent (as gzip would) when the page showed its first check: the page and the "
           "Python it needs. The service worker's copy of the rest of the site follows in the background."),
    Figure("live_sent", "Of which before the rules are live, as cre serve sends them", "MB", "live_sent_bytes", None,
           None, "value",
           "The same responses as `cre serve` sent them: with Brotli where it compresses (the `serve` extra), as a "
           "server set up as the Hosting page says sends them."),
    Figure("build", "Site build (MkDocs, runtime, service worker, check)", "s", "build_s", None, 20, "value",
           "The stages of `make build` once the forms are compiled and the wheels fetched."),
)
UNIT_SCALE = {"ms": 1, "s": 1, "MB": 1 / MB, "": 1}


def median(values):
    return statistics.median(values) if values else None


def percentile(values, q):
    """The nearest-rank percentile (q in 0..100): a value that was measured, never an interpolation."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def run_ratios(numerators, denominators):
    """numerator / denominator for each run that has both."""
    return [a / b for a, b in zip(numerators, denominators, strict=False)
            if a is not None and b is not None and b > 0]


def _present(values):
    return [v for v in values or [] if v is not None]


def _figure(spec: Figure, samples):
    scale = UNIT_SCALE[spec.unit]
    values = _present(samples.get(spec.sample))
    value = percentile(values, int(spec.kind[1:])) if spec.kind in ("p50", "p95") else median(values)
    row = {"id": spec.id, "what": spec.what, "unit": spec.unit, "kind": spec.kind, "target": spec.target,
           "value": None if value is None else value * scale, "runs": len(values)}
    if spec.compared:
        other_sample, other_name = spec.compared
        other = median(_present(samples.get(other_sample)))
        row.update(compared_with=other_name, compared_value=None if other is None else other * scale,
                   ratio=median(run_ratios(samples.get(spec.sample) or [], samples.get(other_sample) or [])))
    measured = row.get("ratio") if spec.kind == "ratio" else row["value"]
    row["met"] = None if spec.target is None or measured is None else measured <= spec.target
    row["by"] = measured / spec.target - 1 if row["met"] is False else None  # how far over, as a fraction
    return row


def figures(samples):
    """Every figure, in FIGURES order: {id, what, unit, kind, target, value, runs, met, by[, compared_with,
    compared_value, ratio]}. `met` is None where there is no target or no measurement."""
    return [_figure(spec, samples) for spec in FIGURES]


def number(value, unit):
    if value is None:
        return "–"
    if unit == "ms":
        return f"{value:,.0f} ms"
    if unit == "s":
        return f"{value:.1f} s"
    if not unit:
        return f"{value:.3f}"
    return f"{value:.2f} {unit}"


def target_text(row):
    if row["target"] is None:
        return ""
    if row["kind"] == "ratio":
        return f"≤ {row['target']:g}×"
    return f"≤ {row['target']:,g} {row['unit']}".rstrip()


def verdict(row):
    if row["met"] is None:
        return ""
    return "met" if row["met"] else f"missed by {row['by']:.0%}"


HEADERS = ("Figure", "Value", "Compared with", "Ratio", "Target", "Verdict")


def cells(row):
    """One figure as text cells, in HEADERS order."""
    compared = ""
    if row.get("compared_with"):
        compared = f"{row['compared_with']}: {number(row['compared_value'], row['unit'])}"
    ratio = "" if row.get("ratio") is None else f"{row['ratio']:.2f}×"
    return [row["what"], number(row["value"], row["unit"]), compared, ratio, target_text(row), verdict(row)]


def table(rows):
    """The figures as a plain-text table for the terminal."""
    lines = [list(HEADERS), *(cells(row) for row in rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(HEADERS))]
    text = ["  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip() for line in lines]
    text.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(text)


def headline(row):
    """The number a history line keeps for a figure: its ratio where it is compared, else its value."""
    return row.get("ratio") if row["kind"] == "ratio" else row["value"]


def milestones(samples, key):
    """{step: median ms} over the runs' start-up milestones (samples[key], one dict per run), in time order."""
    steps: dict[str, list] = {}
    for run in samples.get(key) or []:
        for step, value in (run or {}).items():
            if value is not None:
                steps.setdefault(step, []).append(value)
    return dict(sorted(((step, median(values)) for step, values in steps.items()), key=lambda item: item[1]))
