"""Validating a record: its form's JSON Schema first, then the partnership's rules, then a status.

Status: `invalid` (any error), `draft-valid` (no error, but something a complete assessment needs is missing) or
`complete`. Answers that fail the schema are set aside before the rules run, so the rules see only well-formed
values and never raise on a partial or broken draft. A refused answer is reported in the words of its answer type
(cre.messages "schema": "Enter the child's age as a number, like 14", "Age must be 25 or under"), never in
jsonschema's, and never quoting the value.
"""

import re
from datetime import date
from functools import lru_cache

from .definitions import get_form
from .json_path import json_path
from .levels import suggest
from .messages import ERROR, INCOMPLETE, named, problem
from .rules import Context, run_rules
from .schema_validator import RecordValidator

INVALID, DRAFT_VALID, COMPLETE = "invalid", "draft-valid", "complete"

_SCHEMA_WORDS = {
    "type": "is not the right kind of answer",
    "enum": "is not one of the choices",
    "const": "does not match this form",
    "minimum": "must be {limit} or over",
    "maximum": "must be {limit} or under",
    "pattern": "is not in the expected format",
    "maxLength": "must be {limit} characters or fewer",
    "maxItems": "must have {limit} items or fewer",
    "uniqueItems": "lists the same choice twice",
    "required": "is missing",
    "propertyNames": "names something that is not a choice",
    "additionalProperties": "has something this form does not have",
}


@lru_cache(maxsize=None)
def _validator(form_id, version):
    form = get_form(form_id, version)
    return RecordValidator(form.record_schema)


def _schema_words(error):
    """What is wrong with a value the schema refuses, with the limit it breaks (never the value)."""
    words = _SCHEMA_WORDS.get(error.validator, "is not valid")
    limit = error.validator_value
    return words.format(limit=f"{limit:,}" if isinstance(limit, int) and not isinstance(limit, bool) else limit)


def schema_problems(record, form):
    """Schema violations as problems in the words of each answer's type, and the set of answer ids they touch."""
    found, bad_answers, said = [], set(), set()
    for error in _validator(form.id, form.version).iter_errors(record):
        parts = list(error.absolute_path)
        item_id = parts[1] if len(parts) > 1 and parts[0] == "answers" else None
        if item_id is not None:
            bad_answers.add(item_id)
        if error.validator == "additionalProperties" and parts == ["answers"]:
            for extra in sorted(set(error.instance) - set(form.record_schema["properties"]["answers"]["properties"])):
                bad_answers.add(extra)
                found.append(problem("unknown_answer", path=json_path(["answers", extra]),
                                     name=_printable(_quoted(extra))))
            continue
        item = form.item(item_id) if isinstance(item_id, str) else None
        if item is None:
            found.append(problem("schema", path=json_path(parts), variant="record", where=json_path(parts),
                                 detail=_schema_words(error)))
            continue
        variant, values = _answer_wording(item, error, parts[2:])
        refused = problem("schema", path=json_path(parts), item=item.id, variant=variant, **named(item, **values))
        if (item.id, refused["message"]) not in said:  # one answer with several faults of one kind: said once
            said.add((item.id, refused["message"]))
            found.append(refused)
    return found, bad_answers


_CHOSEN = ("choice", "checkboxes", "indicator", "typed_indicator", "type_levels", "factor")


def _answer_wording(item, error, inner):
    """The message variant (cre.messages "schema") for a value of this item the schema refuses, and its values.
    `inner` is the path inside the answer (a table cell, a factor's commentary, a date's box)."""
    kind, check, value = item.type, error.validator, error.instance
    if check == "maxLength" and kind in ("text", "textarea", "factor", "table"):
        return "too_long", {"max": f"{error.validator_value:,}", "subject": _part_subject(item, inner)}
    if kind in ("text", "textarea"):
        return "text", {}
    if kind == "integer":
        return _number_wording(item, check, value)
    if kind == "date":
        return "date", {}
    if kind == "table":
        return ("rows", {"max": error.validator_value}) if check == "maxItems" else ("enter", {})
    return ("select" if kind in _CHOSEN else "enter"), {}


def _number_wording(item, check, value):
    low, high = item.raw.get("min"), item.raw.get("max")
    if check in ("minimum", "maximum"):
        return check, {"min": low, "max": high}
    text = value.strip() if isinstance(value, str) else ""
    if re.fullmatch(r"[+-]?[0-9]+", text):  # a whole number too long to read as one (cre.form_values)
        if text.startswith("-") and low is not None:
            return "minimum", {"min": low}
        if high is not None:
            return "maximum", {"max": high}
    if re.fullmatch(r"[+-]?[0-9]*[.,][0-9]+", text) or (isinstance(value, float) and not isinstance(value, bool)):
        return "whole_number", {}
    return ("number_example" if item.error_example else "number"), {}


def _part_subject(item, inner):
    """How a message starts with one part of a grouped answer: a factor's commentary, a cell of a table."""
    if item.type == "factor" and inner[:1] == ["commentary"]:
        return f"Commentary on factor {item.raw.get('number', '')}".strip()
    if item.type == "table" and len(inner) == 2 and isinstance(inner[0], int):
        row = f"{item.raw.get('row_label', 'Row').lower()} {inner[0] + 1}"
        column = next((c["label"] for c in item.raw["columns"] if c["id"] == inner[1]), str(inner[1]))
        return row[:1].upper() + row[1:] if column.lower() == row.split()[0] else f"{column} for {row}"
    return item.error_subject


def _quoted(name, limit=40):
    text = str(name)
    return f"“{text[:limit]}…”" if len(text) > limit else f"“{text}”"


def _printable(text):
    """Control and format characters (a newline, a right-to-left override) as escapes: a key from a file cannot
    break the line or reorder the sentence it is quoted in."""
    return "".join(char if char.isprintable() else f"\\u{ord(char):04x}" for char in text)


def schema_refusal(record, form):
    """The first schema violation as words for a practitioner opening a file, or None when there is none. Unlike
    the report's messages it quotes no value from the record (a name in the wrong field stays out of it), only
    where the problem is: the question's label, or the record's own key."""
    error = next(iter(_validator(form.id, form.version).iter_errors(record)), None)
    return None if error is None else _printable(_refusal(error, form))


def _refusal(error, form):
    parts = list(error.absolute_path)
    where = json_path(parts)
    item = form.item(parts[1]) if len(parts) > 1 and parts[0] == "answers" and isinstance(parts[1], str) else None
    subject = f"the answer to “{item.label}”" if item else ("the record" if not parts else f"the value at {where}")
    at = "" if parts and not item else f" (at {where})"
    instance = error.instance if isinstance(error.instance, dict) else {}
    if error.validator == "additionalProperties":
        extras = sorted(set(instance) - set(error.schema.get("properties", {})))
        extra = _quoted(extras[0]) if extras else "something"
        if parts == ["answers"] and extras:
            place = json_path(["answers", extras[0][:40]])
            return f"it has an answer named {extra}, which is not a question of this form (at {place})"
        return f"{subject} has {extra}, which this form does not have{at}"
    if error.validator == "required":
        missing = [name for name in error.validator_value if name not in instance]
        return f"{subject} is missing {_quoted(missing[0]) if missing else 'a part'}{at}"
    return f"{subject} {_schema_words(error)}{at}"


def clean_answers(record, bad_answers):
    answers = record.get("answers")
    if not isinstance(answers, dict):
        return {}
    return {key: value for key, value in answers.items() if key not in bad_answers}


def status_of(problems):
    severities = {p["severity"] for p in problems}
    if ERROR in severities:
        return INVALID
    return DRAFT_VALID if INCOMPLETE in severities else COMPLETE


def check(record, form, today):
    """The report on a record, and the answers that passed the schema (what routing may rely on)."""
    problems, bad_answers = schema_problems(record, form)
    answers = clean_answers(record, bad_answers)
    suggestion = suggest(form, answers, today)
    context = Context(form=form, answers=answers, record=record, today=today, suggestion=suggestion)
    # An answer the schema refused is reported once, by the schema: not again as missing.
    problems.extend(found for found in run_rules(context)
                    if not (found["code"] == "required" and found["item"] in bad_answers))
    report = {
        "status": status_of(problems),
        "form": {"id": form.id, "version": form.version},
        "problems": problems,
        "suggestion": suggestion,
    }
    return report, answers


def validate(record, form=None, today=None):
    """The report on a record: {status, form, problems, suggestion}. The record must name a known form."""
    form = form or get_form(record["form"]["id"], record["form"]["version"])
    return check(record, form, today or date.today())[0]
