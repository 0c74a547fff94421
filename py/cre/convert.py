"""Converting a record of the earlier form (004) to a draft of the current form (000), losing nothing; and
moving a record of an earlier definition of a form to its newest, as it is.

Answers that mean the same (forms/conversion-*.yaml) are mapped; the earlier assessment's own date and level
become the child's previous assessment; every other answer, and any part of a mapped answer the current form has
no place for, goes into the draft's `conversion.unmapped` list with the earlier form's wording. The draft is not
complete until the practitioner has reviewed it (rule: conversion_reviewed).
"""

from .definitions import LEVEL_RANK, conversions, get_form
from .answer_text import describe
from .records import answered, new_record, utc_now
from .validate import schema_refusal


# How the page and the PDF introduce the answers a conversion could not place (the record's conversion.unmapped).
NOTE_TITLE = "Carried over from the earlier form (please review)"
NOTE_INTRO = ("These answers have no matching question on this form; please review them and move what matters into "
              "the form's sections.")


class CannotConvert(ValueError):
    """No conversion exists from the record's form."""


def conversion_for(form):
    for conversion in conversions():
        if (conversion["from"]["form"], conversion["from"]["version"]) == (form.id, form.version):
            return conversion
    raise CannotConvert(f"there is no conversion from {form.id} version {form.version}; it may already be current")


def rule_target(rule):
    """The current item an earlier answer's rule writes to, or None for an indicator or factor rule."""
    if isinstance(rule, str):
        return rule
    return rule.get("join") or rule.get("item") or rule.get("previous")


def is_previous_assessment(record, conversion):
    """Whether the earlier record says when or at what level it assessed the child, so is a previous assessment."""
    rules = conversion["items"]
    return any(isinstance(rules.get(item_id), dict) and "previous" in rules[item_id] and answered(value)
               for item_id, value in record["answers"].items())


def _carry(unmapped, item, answer):
    unmapped.append({"item": item.id, "label": item.label, "answer": answer})


def _convert_indicator(item, value, targets, answers, unmapped):
    level = value.get("level")
    ticked = [kind for kind in ("cce", "cse") if value.get(kind)]
    placed = [kind for kind in ticked if kind in targets and level]
    for kind in placed:
        target = targets[kind]
        if LEVEL_RANK[level] > LEVEL_RANK[answers.get(target)]:
            answers[target] = level
    if set(placed) != set(ticked) or (level and not placed):
        _carry(unmapped, item, describe(item, value))


def upgrade(record):
    """A record of an earlier definition of its form, at the newest one. Each earlier definition only asked less
    (checked when forms/ is compiled), so every answer stays as it is: only the version the record names changes."""
    newest = get_form(record["form"]["id"])
    if record["form"]["version"] == newest.version:
        return record
    return {**record, "form": {"id": newest.id, "version": newest.version}}


def is_outdated(form):
    """Whether records of this form open as a record of another: an earlier form, or an earlier definition."""
    return form.definition.get("status") in ("superseded", "revised")


def convert(record, now=None):
    """A record of the current form from a record of an earlier form or definition (which must have passed its
    schema): a new draft from the earlier form; the same record, moved on, from an earlier definition."""
    source = get_form(record["form"]["id"], record["form"]["version"])
    if source.definition.get("status") == "revised":
        return upgrade(record)
    conversion = conversion_for(source)
    target = get_form(conversion["to"]["form"], conversion["to"]["version"])
    stamp = now or utc_now()
    answers, unmapped = {}, []
    previous = conversion.get("previous") if is_previous_assessment(record, conversion) else None
    for item in source.items.values():
        value = record["answers"].get(item.id)
        if not item.answerable or not answered(value):
            continue
        rule = conversion["items"].get(item.id)
        if rule is None:
            _carry(unmapped, item, describe(item, value))
        elif isinstance(rule, str) and previous and rule == previous["item"]:
            _carry(unmapped, item, describe(item, value))  # it was about assessments before the earlier one
        elif isinstance(rule, str):
            answers[rule] = value
        elif "join" in rule:
            target_id = rule["join"]
            answers[target_id] = f"{answers[target_id]}\n{value}" if target_id in answers else value
        elif "item" in rule:
            if value in rule["answers"]:
                answers[rule["item"]] = value
            else:
                _carry(unmapped, item, describe(item, value))
        elif "previous" in rule:
            if answers.setdefault(rule["previous"], value) != value:
                _carry(unmapped, item, describe(item, value))
        elif "indicator" in rule:
            _convert_indicator(item, value, rule["indicator"], answers, unmapped)
        else:
            answers[rule["factor"]] = {"historic": bool(value.get("historic")), "current": bool(value.get("current"))}
            if value.get("commentary"):
                _carry(unmapped, item, f"Commentary: {value['commentary']}")
    if previous:
        answers[previous["item"]] = previous["answer"]
    return new_record(target.id, target.version, now=stamp, answers=answers, conversion={
        "from": {"form": source.id, "version": source.version, "record_id": record["record_id"]},
        "converted": stamp, "unmapped": unmapped, "reviewed": False})


def prepare_import(record, form):
    """A record read from a file, ready to open as a draft: refused if it does not match its form's schema (the
    message says where, and quotes none of the record's values), converted to the current form if it is of an
    earlier one."""
    refusal = schema_refusal(record, form)
    if refusal:
        raise ValueError(f"it does not match its form: {refusal}")
    return convert(record) if is_outdated(form) else record
