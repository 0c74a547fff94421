"""Hostile text in every free-text answer of both forms (markup, a script end tag, attribute breakers, a
right-to-left override, zero-width characters, an answer of 100,000 characters) is kept exactly: through the
record's JSON and back, through validation, and printed literally in the PDF. The browser journey with the same
strings is tests/e2e/test_hostile_text.py. Runs in CPython and inside Pyodide.
"""

import io
import json
import re

import pytest
from pypdf import PdfReader

from cre.convert import prepare_import
from cre.definitions import get_form
from cre.inputs import read_record
from cre.pdf import render_pdf
from cre.records import new_record
from cre.validate import validate

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(2)</script>",
    "\"'><svg onload=alert(3)>",
    "\u202eRTL override: evil.exe\u202c",
    "zero\u200bwidth\u200djoiner",
    "{nb} %s %n ${7*7} {{7*7}} \\u0000",
]
LONG = ("<b>bold?</b> " * 8000)[:100_000]  # 100,000 characters: the most an answer may hold


def hostile_record(form_id):
    """A record of the form with a hostile string in each free-text answer and table cell (and, on the current
    form, one long answer), every question asked. Returns (record, {item id or cell: text})."""
    form = get_form(form_id)
    record, typed, count = new_record(form_id), {}, 0
    for item in form.items.values():
        condition = item.raw.get("show_if")
        if condition:  # answer the question it follows so that it is asked (and printed)
            trigger = form.item(condition["item"])
            shown = condition["in"][0]
            record["answers"][trigger.id] = [shown] if trigger.type == "checkboxes" else shown
        if item.type in ("text", "textarea"):
            record["answers"][item.id] = typed[item.id] = f"{count}: {HOSTILE[count % len(HOSTILE)]}"
            count += 1
        elif item.type == "table":
            row = {}
            for column in item.raw["columns"]:
                row[column["id"]] = typed[f"{item.id}.{column['id']}"] = f"{count}: {HOSTILE[count % len(HOSTILE)]}"
                count += 1
            record["answers"][item.id] = [row]
    if form.definition.get("status") == "current":  # one long answer is enough (it takes a second to print)
        long_item = next(item.id for item in form.items.values() if item.type == "textarea")
        record["answers"][long_item] = typed[long_item] = LONG
    return record, typed


@pytest.fixture(scope="module", params=["dd-cre-2022", "cre-ra-legacy"])
def hostile(request):
    return hostile_record(request.param)


def test_every_free_text_answer_of_both_forms_is_filled(hostile):
    record, typed = hostile
    assert len(typed) >= 20
    assert set(HOSTILE) <= {text.split(": ", 1)[-1] for text in typed.values()}


def test_hostile_text_survives_the_json_round_trip_exactly(hostile):
    record, _ = hostile
    read, form = read_record(json.dumps(record, ensure_ascii=False).encode("utf-8"))
    assert read == record
    opened = prepare_import(read, form)
    if form.definition.get("status") == "current":
        assert opened == record
    else:  # converted: every string is still there, as an answer or carried over
        kept = json.dumps(opened, ensure_ascii=False)
        assert all(json.dumps(text, ensure_ascii=False)[1:-1] in kept for text in HOSTILE)


def test_hostile_text_is_just_text_to_the_rules(hostile):
    record, _ = hostile
    report = validate(record, today=None)
    assert not [p for p in report["problems"] if p["code"] in ("schema", "unknown_answer")]


def squashed(text):
    """Text without whitespace, so that words wrapped across lines (narrow table cells) still match."""
    return re.sub(r"\s+", "", text)


def test_hostile_text_is_printed_literally_in_the_pdf(hostile):
    record, typed = hostile
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(render_pdf(record))).pages)
    text = squashed(text.replace("{\u200bnb}", "{nb}"))  # the PDF breaks fpdf2's page-count alias, invisibly
    short = [value for value in typed.values() if value != LONG]
    missing = [value for value in short if squashed(value) not in text]
    assert missing == [], f"not printed as typed: {missing}"
    if LONG in typed.values():
        assert text.count("<b>bold?</b>") == LONG.count("<b>bold?</b>")
