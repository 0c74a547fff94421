"""The coded register of messages (cre.messages) and the words validation gives for any refused value: GOV.UK's
style, no jsonschema text, no more of the record than needed, and which problems the page shows at once. Pure:
also runs in Pyodide."""

import re

import pytest

from cre.definitions import get_form
from cre.messages import ERROR, INCOMPLETE, MESSAGES, WARNING, problem
from cre.records import new_record
from cre.validate import validate

LIVE_BESIDES_ERRORS = {"rationale_needed", "floor_review_rationale", "below_suggestion", "age_over_18", "at_risk_but_no"}
ERRORS_NOT_LIVE = {"date_incomplete"}  # a date half typed is shown once the answers are checked
JSONSCHEMA_WORDS = ("is not of type", "is not one of", "is not valid under", "does not match", "is too long",
                    "is a required property", "Additional properties", "is greater than", "is less than")


def templates():
    for code, message in MESSAGES.items():
        texts = message.text if isinstance(message.text, dict) else {None: message.text}
        for variant, text in texts.items():
            yield code, variant, text


def test_every_entry_has_a_severity_and_says_whether_it_is_live():
    for code, message in MESSAGES.items():
        assert message.severity in (ERROR, INCOMPLETE, WARNING), code
        assert isinstance(message.live, bool), code
        live = (message.severity == ERROR and code not in ERRORS_NOT_LIVE) or code in LIVE_BESIDES_ERRORS
        assert message.live == live, code


@pytest.mark.parametrize("code, variant, text", list(templates()), ids=lambda value: str(value)[:30])
def test_every_message_is_in_gov_uk_style(code, variant, text):
    assert not text.endswith((".", " ")) and text[:1] in "{" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ", (code, variant)
    assert "“{label}”" not in text and "Answer “" not in text
    assert re.match(r"(Enter|Select|Check|Explain|Review|The record)\b|\{subject\} ", text), (code, variant)


def test_a_problem_carries_its_severity_and_liveness():
    found = problem("rationale_needed", path="$.answers.level_rationale", item="level_rationale",
                    name="why", where="overall: Low, suggested High")
    assert found == {"code": "rationale_needed", "severity": INCOMPLETE, "live": True,
                     "path": "$.answers.level_rationale", "item": "level_rationale",
                     "message": "Enter why (overall: Low, suggested High)"}
    assert problem("required", path="$.answers.x", variant="select", name="whether x")["live"] is False


BAD_VALUES = ["fourteen <img src=x onerror=alert(1)>", 3.5, -7, 10**12, True, ["x", "x"], {"zzz": "x"},
              {"day": "x" * 60, "month": 5, "year": "2012", "extra": "y"}, "x" * 100_001]


@pytest.mark.parametrize("form_id", ["dd-cre-2022", "cre-ra-legacy"])
@pytest.mark.parametrize("bad", BAD_VALUES, ids=lambda value: type(value).__name__ + str(len(str(value))))
def test_a_refused_value_is_explained_for_its_answer_type_and_never_quoted(form_id, bad):
    form = get_form(form_id)
    record = new_record(form_id)
    record["answers"] = {item.id: bad for item in form.items.values() if item.answerable}
    report = validate(record)
    refused = [p for p in report["problems"] if p["code"] == "schema"]
    assert refused and report["status"] == "invalid"
    for found in refused:
        message = found["message"]
        assert not any(words in message for words in JSONSCHEMA_WORDS), message
        assert "fourteen" not in message and "onerror" not in message and "xxxx" not in message, message
        assert found["item"] in form.items and found["live"] and not message.endswith("."), message
        item = form.item(found["item"])
        assert item.error_name in message or item.error_subject in message or "must be" in message, message


def test_each_answer_type_has_its_own_words():
    form = get_form("dd-cre-2022")
    record = new_record("dd-cre-2022")
    record["answers"] = {"child_name": 5, "age": "fourteen", "dob": "31/02/2026", "send": "maybe", "cce02": "huge",
                         "f02": {"historic": "yes"}, "agencies_involved": ["nowhere"],
                         "exploitation_levels": {"x": "low"},
                         "immediate_actions": [{"action": "x" * 100_001}], "pbr_other": "y" * 100_001}
    said = {p["item"]: p["message"] for p in validate(record)["problems"] if p["code"] == "schema"}
    assert said == {
        "child_name": "Enter the child's name as text",
        "age": "Enter the child's age as a number, like 14",
        "dob": "Date of birth must be a real date",
        "send": "Select whether the child has SEND",
        "cce02": "Select the level of concern for CCE indicator 2",
        "f02": "Select whether factor 2 is historic or current",
        "agencies_involved": "Select the agencies already involved",
        "exploitation_levels": "Select the types of exploitation identified and the level of risk for each",
        "immediate_actions": "Action 1 must be 100,000 characters or fewer",
        "pbr_other": "The other details of concern must be 100,000 characters or fewer",
    }
    assert form.item("age").raw["max"] == 25


CANARY = "Qzx7Canary"  # stands for a child's name typed in the wrong place


def _shapes(canary):
    """The canary in every shape an answer can take, right or wrong for the item."""
    return [canary, canary * 12_000, [canary, canary], {canary: canary}, {"day": canary, "month": canary,
            "year": canary}, {"day": "1", "month": canary, "year": "2026"}, {"level": canary, "cce": canary},
            {"historic": canary, "commentary": canary}, {"cce": canary}, [{"action": canary, canary: canary}],
            [{"action": canary * 12_000}], "12" + canary, canary + "-05-04", 10**30, -(10**30), 2.5]


@pytest.mark.parametrize("form_id", ["dd-cre-2022", "cre-ra-legacy"])
@pytest.mark.parametrize("shape", range(len(_shapes(CANARY))))
def test_no_message_quotes_an_answer(form_id, shape):
    """Every answerable item holds the canary in one shape (and free text holds it rightly): no message, from the
    schema or a rule, repeats any of it; a text over its limit is told the limit."""
    form = get_form(form_id)
    record = new_record(form_id)
    bad = _shapes(CANARY)[shape]
    record["answers"] = {item.id: bad for item in form.items.values() if item.answerable}
    record["app_version"] = CANARY * 10
    report = validate(record)
    assert report["status"] == "invalid"
    for found in report["problems"]:
        assert CANARY.lower()[:6] not in found["message"].lower(), found
    if bad == CANARY * 12_000:
        too_long = [p["message"] for p in report["problems"] if p["item"] and form.item(p["item"]).type == "textarea"]
        assert too_long and all(message.endswith("must be 100,000 characters or fewer") for message in too_long)
        envelope = [p["message"] for p in report["problems"] if p["path"] == "$.app_version"]
        assert envelope == ["The record is not valid at $.app_version: it must be 64 characters or fewer"]


@pytest.mark.parametrize("form_id", ["dd-cre-2022", "cre-ra-legacy"])
def test_free_text_in_the_right_place_is_never_repeated(form_id):
    """Well-formed answers that hold free text (and rules that then speak about the record) quote none of it."""
    form = get_form(form_id)
    record = new_record(form_id)
    answers = {}
    for item in form.items.values():
        if item.type in ("text", "textarea"):
            answers[item.id] = CANARY
        elif item.type == "table":
            answers[item.id] = [{column["id"]: CANARY for column in item.raw["columns"][1:]}]
        elif item.type == "factor":
            answers[item.id] = {"current": True, **({"commentary": CANARY} if item.raw.get("commentary") else {})}
    record["answers"] = {**answers, "age": 12, "exploitation_levels": {"other": "low"}, "risk_level": "low"}
    report = validate(record)
    assert report["problems"]
    for found in report["problems"]:
        assert CANARY.lower()[:6] not in found["message"].lower(), found
