"""The coded register of messages (cre.messages) and the words validation gives for any refused value: GOV.UK's
style, no jsonschema text, no more of the record than needed, and which problems the page shows at once. Pure:
also runs in Pyodide."""

import re

import pytest

from cre.definitions import get_form
from cre.messages import ERROR, INCOMPLETE, MESSAGES, WARNING, problem
from cre.records import new_record
from cre.validate import validate

LIVE_BESIDES_ERRORS = {"rationale_needed", "below_suggestion", "age_over_18", "at_risk_but_no"}
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
