"""Every route in the seed's referral text is reachable: the cases, together, fire every rule and every step."""

import json
from pathlib import Path

from cre.definitions import routing_table
from test_cases import load_bases, run_case

CASES = Path(__file__).resolve().parents[1] / "cases"


def test_the_cases_fire_every_routing_rule_and_step():
    bases, fired_rules, fired_steps = load_bases(), set(), set()
    for path in sorted(CASES.glob("*.json")):
        if path.name == "bases.json":
            continue
        for case in json.loads(path.read_text(encoding="utf-8")):
            for step in run_case(case, bases)["routing"]["steps"]:
                fired_steps.add(step["id"])
                fired_rules.update(step["rules"])
    table = routing_table()
    assert {rule["id"] for rule in table["rules"]} - fired_rules == set()
    assert {step["id"] for step in table["steps"]} - fired_steps == set()


def test_every_step_cites_the_seed_or_says_it_was_added():
    for step in routing_table()["steps"]:
        assert step.get("source") or step.get("added"), step["id"]
