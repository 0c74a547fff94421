"""Validating a record: its form's JSON Schema first, then the partnership's rules, then a status.

Status: `invalid` (any error), `draft-valid` (no error, but something a complete assessment needs is missing) or
`complete`. Answers that fail the schema are set aside before the rules run, so the rules see only well-formed
values and never raise on a partial or broken draft.
"""

from datetime import date
from functools import lru_cache

import jsonschema

from .definitions import get_form
from .levels import suggest
from .messages import ERROR, INCOMPLETE, problem
from .rules import Context, run_rules

INVALID, DRAFT_VALID, COMPLETE = "invalid", "draft-valid", "complete"

_SCHEMA_WORDS = {
    "type": "is not the right kind of answer",
    "enum": "is not one of the choices",
    "const": "does not match this form",
    "minimum": "is too small",
    "maximum": "is too large",
    "pattern": "is not in the expected format",
    "maxLength": "is too long",
    "maxItems": "has too many rows",
    "uniqueItems": "lists the same choice twice",
    "required": "is missing",
    "propertyNames": "names something that is not a choice",
    "additionalProperties": "has something this form does not have",
}


@lru_cache(maxsize=None)
def _validator(form_id, version):
    form = get_form(form_id, version)
    return jsonschema.Draft202012Validator(form.record_schema)


def _json_path(parts):
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts)


def schema_problems(record, form):
    """Schema violations as problems, and the set of answer ids they touch."""
    found, bad_answers = [], set()
    for error in _validator(form.id, form.version).iter_errors(record):
        parts = list(error.absolute_path)
        item_id = parts[1] if len(parts) > 1 and parts[0] == "answers" else None
        if item_id is not None:
            bad_answers.add(item_id)
        if error.validator == "additionalProperties" and parts == ["answers"]:
            for extra in sorted(set(error.instance) - set(form.record_schema["properties"]["answers"]["properties"])):
                bad_answers.add(extra)
                found.append(problem("unknown_answer", path=_json_path(["answers", extra]), name=extra))
            continue
        item = form.item(item_id) if isinstance(item_id, str) else None
        label = f"“{item.label}”" if item else _json_path(parts)
        detail = _SCHEMA_WORDS.get(error.validator, "is not valid")
        found.append(problem("schema", path=_json_path(parts), item=item_id if item else None, label=label,
                             detail=f"{detail} ({error.message[:200]})"))
    return found, bad_answers


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
    where = _json_path(parts)
    item = form.item(parts[1]) if len(parts) > 1 and parts[0] == "answers" and isinstance(parts[1], str) else None
    subject = f"the answer to “{item.label}”" if item else ("the record" if not parts else f"the value at {where}")
    at = "" if parts and not item else f" (at {where})"
    instance = error.instance if isinstance(error.instance, dict) else {}
    if error.validator == "additionalProperties":
        extras = sorted(set(instance) - set(error.schema.get("properties", {})))
        extra = _quoted(extras[0]) if extras else "something"
        if parts == ["answers"] and extras:
            place = _json_path(["answers", extras[0][:40]])
            return f"it has an answer named {extra}, which is not a question of this form (at {place})"
        return f"{subject} has {extra}, which this form does not have{at}"
    if error.validator == "required":
        missing = [name for name in error.validator_value if name not in instance]
        return f"{subject} is missing {_quoted(missing[0]) if missing else 'a part'}{at}"
    words = _SCHEMA_WORDS.get(error.validator, "is not valid")
    return f"{subject} {words}{at}"


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
    problems.extend(run_rules(context))
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
