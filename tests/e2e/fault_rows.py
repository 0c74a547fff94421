"""The fault and bad-input suite's table (tests/e2e/fault-suite.yaml): one row per fault, which test injects it,
and the figures that test produced. The site's "Data safety" page is generated from the same file.

A test calls `fault_row(row_id, **figures)` once it has asserted the outcome. The figures are counts fixed by the
test's design (faults injected, inputs tried, records lost), so they are checked against the table: a test whose
figures changed fails until the table is rewritten, and nothing on the site can go stale. Run the suite with
CRE_FAULTS_WRITE=1 to write the figures into the table instead.
"""

import os
from pathlib import Path

import yaml

TABLE = Path(__file__).resolve().with_name("fault-suite.yaml")
WRITE = os.environ.get("CRE_FAULTS_WRITE") == "1"
FIGURES = ("faults injected", "inputs tried", "records lost", "plaintext found")


def load():
    return yaml.safe_load(TABLE.read_text(encoding="utf-8"))


def fault_row(row_id, **figures):
    """Check (or, with CRE_FAULTS_WRITE=1, record) the figures a row's test produced. Keyword names use
    underscores for spaces: faults_injected=1, records_lost=0."""
    measured = {name.replace("_", " "): value for name, value in figures.items()}
    unknown = set(measured) - set(FIGURES)
    assert not unknown, f"unknown figure names {unknown}: use {FIGURES}"
    table = load()
    rows = {row["id"]: row for row in table["rows"]}
    assert row_id in rows, f"{row_id} is not a row of {TABLE.name}"
    if WRITE:
        rows[row_id]["figures"] = measured
        TABLE.write_text(yaml.safe_dump(table, sort_keys=False, allow_unicode=True, width=115), encoding="utf-8")
        return
    assert rows[row_id].get("figures") == measured, (
        f"{row_id}: the test produced {measured}, {TABLE.name} says {rows[row_id].get('figures')}; rerun the suite "
        "with CRE_FAULTS_WRITE=1 if the change is meant")
