"""The speed benchmark's own arithmetic and pages: ratios run by run, medians, percentiles, verdicts, the printed
table and the Performance page made from a results file (cre_build.benchmark, cre_build.site_pages.performance).
The measuring itself (tests/bench, `make bench`) needs a browser and is not run here."""

import json

import pytest

from cre_build import benchmark
from cre_build.site_pages import performance


def samples(**overrides):
    base = {
        "typeable_form_ms": [330, 300, 360], "typeable_plain_ms": [300, 300, 300],
        "live_form_ms": [3000, 3300, 2900], "live_bare_ms": [2500, 2750, 2000],
        "live_warm_ms": [1400, 1500, 1500], "round_trip_ms": list(range(1, 201)),
        "pdf_browser_ms": [900, 1000, 1100], "pdf_browser_again_ms": [300, 320, 310],
        "pdf_cpython_ms": [350, 390, 500], "first_visit_raw_bytes": [20e6, 21e6, 22e6],
        "first_visit_gzip_bytes": [7e6, 7e6, 8e6], "build_s": [9.5], "pdf_modules_at_start": [0, 0, 0],
        "milestones_cold": [{"interpreter loaded": 2000, "main.py done (py:done)": 2900},
                            {"interpreter loaded": 2200, "main.py done (py:done)": 3100}, None],
    }
    return {**base, **overrides}


def by_id(rows):
    return {row["id"]: row for row in rows}


def test_ratios_are_taken_run_by_run_then_the_median():
    rows = by_id(benchmark.figures(samples()))
    # runs: 1.2, 1.2, 1.45 -> median 1.2 (not median(form) / median(plain) = 3000 / 2500)
    assert rows["python_live"]["ratio"] == pytest.approx(1.2)
    assert rows["python_live"]["value"] == 3000 and rows["python_live"]["compared_value"] == 2500
    assert rows["python_live"]["met"] is True
    assert rows["typeable"]["ratio"] == pytest.approx(1.1)


def test_a_missed_target_says_by_how_much():
    rows = by_id(benchmark.figures(samples()))
    warm = rows["warm_offline"]  # 1400/3000, 1500/3300, 1500/2900: median 0.47, under 0.5
    assert warm["met"] is True
    gzip = rows["first_visit_gzip"]
    assert gzip["value"] == pytest.approx(7.0) and gzip["met"] is False and gzip["by"] == pytest.approx(1 / 6)
    assert benchmark.verdict(gzip) == "missed by 17%"


def test_percentiles_are_values_that_were_measured():
    rows = by_id(benchmark.figures(samples()))
    assert rows["round_trip_p50"]["value"] == 100 and rows["round_trip_p95"]["value"] == 190
    assert rows["round_trip_p95"]["met"] is False and rows["round_trip_p50"]["met"] is None
    assert benchmark.percentile([5], 95) == 5 and benchmark.percentile([], 95) is None


def test_missing_measurements_give_no_verdict():
    rows = by_id(benchmark.figures({"live_form_ms": [3000, None], "live_bare_ms": [None, 2000]}))
    assert rows["python_live"]["ratio"] is None and rows["python_live"]["met"] is None
    assert rows["build"]["value"] is None and benchmark.number(None, "s") == "–"


def test_the_table_has_a_line_per_figure_with_its_target():
    text = benchmark.table(benchmark.figures(samples()))
    lines = text.splitlines()
    assert len(lines) == 2 + len(benchmark.FIGURES)
    assert "1.20×" in text and "≤ 1.25×" in text and "≤ 6 MB" in text and "7.00 MB" in text and "9.5 s" in text


def test_milestones_are_medians_in_time_order():
    steps = benchmark.milestones(samples(), "milestones_cold")
    assert list(steps) == ["interpreter loaded", "main.py done (py:done)"]
    assert steps["interpreter loaded"] == 2100


def test_the_performance_page_shows_figures_machine_and_history(tmp_path):
    rows = benchmark.figures(samples())
    result = {"date": "2026-11-22T10:00:00Z", "runs": 3, "changes": 200, "label": "after",
              "machine": {"cores": 2, "cpu": "Some CPU", "memory_gib": 24, "os": "Debian GNU/Linux 12 (bookworm)",
                          "chromium": "156.0", "python": "3.11.7", "pyodide": "314.0.7", "pyscript": "0.7.31"},
              "figures": rows, "samples": samples(),
              "history": [{"date": "2026-11-21T10:00:00Z", "label": "before",
                           "figures": {row["id"]: benchmark.headline(row) for row in rows}}]}
    path = tmp_path / "benchmark.json"
    path.write_text(json.dumps(result), encoding="utf-8")
    text = performance.render(path)
    assert text.startswith("# Performance\n") and text.count("\n# ") == 0
    assert "2 cores (Some CPU)" in text and "Chromium 156.0" in text and "2026-11-22" in text
    assert "missed by 17%" in text and "| 2026-11-21 | before |" in text
    assert "interpreter loaded" in text
    assert "no module of the PDF library" in text


def test_the_performance_page_without_results_says_how_to_get_them(tmp_path):
    assert "make bench" in performance.render(tmp_path / "missing.json")
