"""Table-driven rule and routing cases from tests/cases/*.json.

This file runs twice in `make test`: in CPython, and inside Pyodide 314 under Node (tests/pyodide/run.mjs), so the
browser's Python is proved to give the same results. It must import nothing Pyodide lacks (no hypothesis).
"""

import copy
import json
from pathlib import Path

import pytest

from cre.assessment import assess
from cre.progress import is_asked
from cre.records import form_of, new_record

CASES = Path(__file__).resolve().parents[1] / "cases"
DEFAULT_NOW = "2026-11-23T10:00"


def load_bases():
    return json.loads((CASES / "bases.json").read_text(encoding="utf-8"))


def load_cases():
    for path in sorted(CASES.glob("*.json")):
        if path.name == "bases.json":
            continue
        for case in json.loads(path.read_text(encoding="utf-8")):
            yield pytest.param(case, id=f"{path.stem}: {case['name']}")


def build_record(case, bases=None):
    """The record a case describes: a new record of its form, its base's answers, then its own."""
    bases = bases or load_bases()
    base = bases.get(case.get("base"), {}) if case.get("base") else {}
    form_id = case.get("form") or base.get("form") or "dd-cre-2022"
    record = new_record(form_id, record_id="00000000-0000-4000-8000-000000000000", now="2026-11-23T09:00:00Z")
    answers = {**copy.deepcopy(base.get("answers", {})), **copy.deepcopy(case.get("answers", {}))}
    record["answers"] = {key: value for key, value in answers.items() if value is not None}
    record.update(copy.deepcopy(case.get("record", {})))
    return record


def run_case(case, bases=None):
    record = build_record(case, bases)
    return {**assess(record, now=case.get("now", DEFAULT_NOW)), "record": record}


def _problem_keys(report):
    return {p["code"] for p in report["problems"]} | {f"{p['code']}@{p['path']}" for p in report["problems"]}


def check(case, result):
    """Every expectation of the case holds; the assertion messages say which and what was found."""
    expect, report, routing = case["expect"], result["validation"], result["routing"]
    found = _problem_keys(report)
    summary = sorted(f"{p['code']}@{p['path']}" for p in report["problems"])
    if "status" in expect:
        assert report["status"] == expect["status"], summary
    for key in expect.get("problems", []):
        assert key in found, f"missing {key}; found {summary}"
    for key in expect.get("no_problems", []):
        assert key not in found, f"unexpected {key}; found {summary}"
    for key, text in expect.get("messages", {}).items():
        said = [p["message"] for p in report["problems"] if key in (p["code"], f"{p['code']}@{p['path']}")]
        assert text in said, f"{key}: expected {text!r}; said {said}"
    for key in expect.get("live", []):
        assert all(p["live"] for p in report["problems"] if key in (p["code"], f"{p['code']}@{p['path']}")), key
    if "only_problems" in expect:
        assert sorted({p["code"] for p in report["problems"]}) == sorted(expect["only_problems"]), summary
    for key, wanted in expect.get("suggestion", {}).items():
        assert report["suggestion"][key] == wanted, (key, report["suggestion"][key])
    codes = [e["code"] for e in report["suggestion"]["explanation"]]
    for code in expect.get("explanation", []):
        assert code in codes, codes
    form, answers = form_of(result["record"]), result["record"]["answers"]
    for key, wanted in (("asked", True), ("not_asked", False)):
        for item_id in expect.get(key, []):
            assert is_asked(form, form.item(item_id), answers, report["suggestion"]) is wanted, f"{key}: {item_id}"
    route = expect.get("routing", {})
    steps = [step["id"] for step in routing["steps"]]
    for key in ("level", "out_of_hours"):
        if key in route:
            assert routing[key] == route[key], (key, routing[key])
    for step in route.get("steps", []):
        assert step in steps, f"missing step {step}; steps {steps}"
    for step in route.get("no_steps", []):
        assert step not in steps, f"unexpected step {step}; steps {steps}"
    if "first" in route:
        assert steps and steps[0] == route["first"], steps
    phones = {c.get("phone") for step in routing["steps"] for c in step["contacts"]}
    for phone in route.get("phones", []):
        assert phone in phones, (phone, sorted(p for p in phones if p))


@pytest.mark.parametrize("case", list(load_cases()))
def test_case(case):
    check(case, run_case(case))
