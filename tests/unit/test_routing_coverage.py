"""Every route in the seed's referral text is reachable, and every step says only what the procedure says.

The cases, together, fire every rule and every step. The routing cases' further expectations (deadlines, dates,
the toolkit's readings, wording) are checked here; like test_cases.py, this file runs in CPython and in Pyodide:

    "deadlines": {"step": "none"}            the step's deadline
    "deadline_dates": {"step": "2026-11-30"} its date (next working day)
    "labels": {"step": "No deadline given"}  the label the card shows
    "order": ["a", "b"]                      these steps come in this order
    "added" / "not_added": ["step"]          the step is / is not marked as the toolkit's reading
    "hours_note" / "no_hours_note": ["step"] the step does / does not say office hours are assumed
    "says": {"step": "words"}                the step's action holds these words
    "not_says": ["words"]                    no step's who or action holds these words
    "no_phones": ["01332 641172"]            no step gives this number
    "contact_once": ["derby_irt"]            at most one step gives this contact
    "only_within_24_hours": ["step"]         the only steps with the procedure's 24 hours
"""

import json
from pathlib import Path

import pytest

from cre.definitions import routing_table
from test_cases import load_bases, run_case

CASES = Path(__file__).resolve().parents[1] / "cases"


def _all_cases():
    for path in sorted(CASES.glob("*.json")):
        if path.name != "bases.json":
            yield from json.loads(path.read_text(encoding="utf-8"))


def test_the_cases_fire_every_routing_rule_and_step():
    bases, fired_rules, fired_steps = load_bases(), set(), set()
    for case in _all_cases():
        for step in run_case(case, bases)["routing"]["steps"]:
            fired_steps.add(step["id"])
            fired_rules.update(step["rules"])
    table = routing_table()
    assert {rule["id"] for rule in table["rules"]} - fired_rules == set()
    assert {step["id"] for step in table["steps"]} - fired_steps == set()


def test_every_step_cites_the_seed_or_says_it_was_added():
    for step in routing_table()["steps"]:
        assert step.get("source") or step.get("added"), step["id"]


def test_deadlines_are_only_the_procedures():
    """The procedure's one 24 hours is completing the assessment; the next working day is always a reading."""
    for step in routing_table()["steps"]:
        if step["deadline"] == "within_24_hours":
            assert step["id"] == "complete_within_24_hours" or step.get("deadline_added"), step["id"]
        if step["deadline"] == "next_working_day":
            assert step.get("added"), step["id"]


def check_more(route, routing):
    steps = {step["id"]: step for step in routing["steps"]}
    ids = list(steps)
    for key, field in (("deadlines", "deadline"), ("deadline_dates", "deadline_date"), ("labels", "deadline_label")):
        for step_id, wanted in route.get(key, {}).items():
            assert step_id in steps, f"missing step {step_id}; steps {ids}"
            assert steps[step_id][field] == wanted, (step_id, field, steps[step_id][field])
    order = [step_id for step_id in ids if step_id in route.get("order", [])]
    assert order == route.get("order", []), ids
    for key, field, present in (("added", "added", True), ("not_added", "added", False),
                                ("hours_note", "hours_note", True), ("no_hours_note", "hours_note", False)):
        for step_id in route.get(key, []):
            assert step_id in steps, f"missing step {step_id}; steps {ids}"
            assert bool(steps[step_id][field]) is present, (step_id, field, steps[step_id][field])
    for step_id, words in route.get("says", {}).items():
        assert step_id in steps, f"missing step {step_id}; steps {ids}"
        assert words in steps[step_id]["action"], (step_id, steps[step_id]["action"])
    for words in route.get("not_says", []):
        said = [s for s in steps.values() if words in s["action"] or words in s["who"]]
        assert not said, (words, [s["id"] for s in said])
    phones = {c.get("phone") for step in routing["steps"] for c in step["contacts"]}
    for phone in route.get("no_phones", []):
        assert phone not in phones, phone
    for contact in route.get("contact_once", []):
        giving = [s["id"] for s in steps.values() if any(c["id"] == contact for c in s["contacts"])]
        assert len(giving) <= 1, (contact, giving)
    if "only_within_24_hours" in route:
        assert [s for s in ids if steps[s]["deadline"] == "within_24_hours"] == route["only_within_24_hours"], ids


@pytest.mark.parametrize("case", [case for case in _all_cases() if "routing" in case["expect"]], ids=lambda c: c["name"])
def test_routing_case_says_what_the_procedure_says(case):
    check_more(case["expect"]["routing"], run_case(case)["routing"])
