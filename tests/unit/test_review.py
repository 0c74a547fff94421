"""Reviews (cre.review) from the cases in tests/cases/reviews/: what a review carries over and marks, and what
changed between two assessments. Every change case is checked twice, as the page works (from the review's own
`review` field) and as `cre diff` works (from the two records): both must give the same.

Runs in CPython and again inside Pyodide (tests/pyodide/run.mjs): it imports nothing Pyodide lacks."""

import copy
import json
from pathlib import Path

import pytest

from cre.records import form_of, reviewed
from cre.review import changes, confirm, snapshot, start_review
from cre.validate import validate
from test_cases import build_record

CASES = Path(__file__).resolve().parents[1] / "cases" / "reviews"
STARTED = "2026-11-23T10:00:00Z"


def cases(name):
    return [pytest.param(case, id=case["name"]) for case in json.loads((CASES / name).read_text(encoding="utf-8"))]


def changed(record, answers):
    """The record with some answers changed (None removes one), and those no longer marked as carried."""
    record = copy.deepcopy(record)
    for key, value in answers.items():
        if value is None:
            record["answers"].pop(key, None)
        else:
            record["answers"][key] = value
    return confirm(record, answers)


def reviewed_chain(case):
    """(the record reviewed, the review with the case's changes): a review of a review when the case has `between`."""
    first = build_record(case["before"])
    reviewed_one = first
    if "between" in case:
        reviewed_one = changed(start_review(first, now=STARTED), case["between"]["answers"])
    return first, reviewed_one, changed(start_review(reviewed_one, now=STARTED), case["after"]["answers"])


@pytest.mark.parametrize("case", cases("changes.json"))
def test_what_changed(case):
    first, old, new = reviewed_chain(case)
    found = changes(reviewed(new), snapshot(new))
    assert found == changes(snapshot(old), snapshot(new)), "the page and cre diff must agree"
    expect = case["expect"]
    for key in ("indicators", "factors"):
        if key in expect:
            assert {row["item"]: row["change"] for row in found[key]} == expect[key]
    for kind, change in expect.get("levels", {}).items():
        row = next((r for r in found["levels"] if r["type"] == (None if kind == "overall" else kind)), None)
        assert (row and row["change"]) == change, (kind, row)
    for item_id, (was, now) in expect.get("judgements", {}).items():
        assert {"item": item_id, "before": was, "after": now}.items() <= next(
            r for r in found["judgements"] if r["item"] == item_id).items()
    for sentence in expect.get("summary", []):
        assert sentence in found["summary"], found["summary"]
    if "sources" in expect:
        assert [found["before"]["levels"]["source"], found["after"]["levels"]["source"]] == expect["sources"]
    of = new["review"]["of"]
    if expect.get("of", {}).get("same_id"):
        assert of["record_id"] == old["record_id"]
    if expect.get("of", {}).get("date_from"):
        assert of["date"] == first["answers"][expect["of"]["date_from"]]
    assert found["title"].startswith("Changes since the assessment of ")
    assert not [p for p in validate(new, form_of(new))["problems"] if p["code"] == "schema"], "schema-valid"


@pytest.mark.parametrize("case", cases("carry.json"))
def test_what_a_review_carries(case):
    old = build_record(case["record"])
    new = start_review(old, now=STARTED)
    if case.get("confirm_all"):
        new = confirm(new, list(new["answers"]))
    expect = case["expect"]
    review = new["review"]
    if "carried" in expect:
        assert review["carried"] == expect["carried"]
    for item_id in expect.get("carried", []):
        assert new["answers"][item_id] == old["answers"][item_id]
    for item_id in expect.get("not_carried", []):
        assert item_id not in new["answers"], item_id
    for item_id, value in expect.get("answers", {}).items():
        assert new["answers"][item_id] == value, item_id
    if "previous_date_from" in expect:
        assert new["answers"]["previous_date"] == old["answers"][expect["previous_date_from"]] == review["of"]["date"]
    if "before" in expect:
        assert sorted(review["before"]) == sorted(expect["before"])
    if "form" in expect:
        assert new["form"]["id"] == expect["form"]
    assert review["of"]["record_id"] == old["record_id"] and new["record_id"] != old["record_id"]
    report = validate(new, form_of(new))
    codes = {p["code"] for p in report["problems"]} | {f"{p['code']}@{p['path']}" for p in report["problems"]}
    assert "schema" not in codes, report["problems"]
    if "status" in expect:
        assert report["status"] == expect["status"]
    for key in expect.get("problems", []):
        assert key in codes, codes
    for key in expect.get("no_problems", []):
        assert key not in codes, codes
