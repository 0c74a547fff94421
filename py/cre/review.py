"""Reviews: a new assessment of a child started from an earlier one, and what changed between the two.

The procedure expects assessments to be reviewed ("The CRE Risk Assessment should be regularly reviewed"), and form
000 asks whether the child was assessed before. `start_review` makes a new draft of the current form from any record
(an earlier form's is converted first, cre.convert): the answers the form's `review: carry` list names are carried
over, each marked as carried until the practitioner confirms or changes it; the form's "previously assessed"
questions are answered from the reviewed assessment; and the record's `review` field names the assessment it reviews
(record id, date, levels) and keeps that assessment's answers to the items a review compares (factors, indicators,
the threshold), so that what changed can be shown from the new record alone: on the page, in the PDF and by
`cre diff`, all through `changes`.

`changes` compares two snapshots (`snapshot` of a record, or `reviewed` of a review's own field): indicators newly
rated, raised, lowered or no longer rated; factors now current, historic only, newly recorded or no longer recorded;
the level per exploitation type and overall; the threshold judgement. It quotes nothing the practitioner wrote: only
the form's own words and levels.
"""

from __future__ import annotations

import json
from datetime import timedelta

from .answer_text import long_date
from .convert import convert, is_outdated
from .definitions import LEVEL_RANK, LEVELS, get_form
from .levels import judged_levels, level_label, parse_date, suggest, type_label
from .record_schema import REVIEW_FORMAT_VERSION
from .records import answered, form_of, new_record
COMPARED_TYPES = ("factor", "indicator", "typed_indicator")


class CannotReview(ValueError):
    """The record cannot be reviewed or compared (the message says why, in a practitioner's words)."""


def settings(form):
    """The form's `review` block (forms/README.md, "Reviews"); CannotReview when the form has none."""
    found = form.definition.get("review")
    if not found:
        raise CannotReview(f"{form.title} (version {form.version}) has no review settings")
    return found


def completed_on(record, form):
    """The record's completion date, when it is a real date; else None."""
    answers = record.get("answers") or {}
    return next((parse_date(answers.get(item.id)) for item in form.tagged("completion_date")
                 if parse_date(answers.get(item.id))), None)


def assessed_on(record, form):
    """The date the record assessed the child ("YYYY-MM-DD"): its completion date when it is a real date, else the
    day it was last changed."""
    completed = completed_on(record, form)
    return completed.isoformat() if completed else str(record.get("updated") or record.get("created") or "")[:10]


def levels_of(form, answers, today=None):
    """The assessment's levels: the practitioner's judgement where there is one, else the suggested levels.
    {"overall", "by_type", "source": "judged" | "suggested"}."""
    judged = judged_levels(form, answers)
    if judged["overall"]:
        return {"overall": judged["overall"], "by_type": judged["by_type"], "source": "judged"}
    found = suggest(form, answers, today)
    by_type = {kind: level for kind, level in (found.get("by_type") or {}).items() if level}
    return {"overall": found["overall"], "by_type": by_type, "source": "suggested"}


def compared_items(form):
    """The items a review compares: every factor and indicator, and the threshold judgement, in form order."""
    names = set(settings(form).get("compare", []))
    return [item for item in form.items.values() if item.type in COMPARED_TYPES or item.id in names]


def snapshot(record, moved=None):
    """What a comparison needs of a record (which passed its schema), in the current form's terms: {record_id, form,
    date, levels, answers}. A record of an earlier form keeps its own id, date and levels; its answers are compared
    as converted (cre.convert; `moved`: the record as current(record) gives it, when the caller has it already)."""
    form = form_of(record)
    moved = moved or current(record)
    answers = moved.get("answers") or {}
    when = assessed_on(record, form)
    return {"record_id": record["record_id"], "form": moved["form"], "date": when,
            "levels": levels_of(form, record.get("answers") or {}, parse_date(when)),
            "answers": {item.id: answers[item.id] for item in compared_items(form_of(moved))
                        if answered(answers.get(item.id))}}


def current(record):
    """A record of the current form: an earlier form's or definition's converted (cre.convert)."""
    return convert(record) if is_outdated(form_of(record)) else record


def start_review(record, now=None):
    """A new draft of the current form reviewing `record` (any form; it must have passed its schema)."""
    old = current(record)
    before = snapshot(record, old)
    form = get_form(old["form"]["id"])
    rules = settings(form)
    fresh = new_record(form.id, now=now)
    answers = old.get("answers") or {}
    carried = [item.id for item in form.items.values()
               if (item.id in rules["carry"] or item.type in COMPARED_TYPES) and answered(answers.get(item.id))]
    fresh["answers"] = {item_id: json.loads(json.dumps(answers[item_id])) for item_id in carried}
    previous = rules["previous"]
    fresh["answers"].update({previous["asked"]: "yes", previous["date"]: before["date"]})
    if before["levels"]["overall"]:
        fresh["answers"][previous["level"]] = before["levels"]["overall"]
    if before["levels"]["by_type"]:
        fresh["answers"][previous["type"]] = ", ".join(
            f"{type_label(kind)}: {level_label(level)}" for kind, level in sorted(before["levels"]["by_type"].items()))
    fresh["review"] = {
        "format_version": REVIEW_FORMAT_VERSION,
        "of": {key: before[key] for key in ("record_id", "date", "levels")},
        "before": before["answers"],
        "carried": carried,
        "started": fresh["created"],
    }
    return fresh


def carried(record):
    """The ids of the answers carried over from the reviewed assessment and not yet confirmed ([] when none)."""
    review = record.get("review")
    ids = review.get("carried") if isinstance(review, dict) else None
    return [item_id for item_id in ids if isinstance(item_id, str)] if isinstance(ids, list) else []


def confirm(record, item_ids):
    """The record with these items no longer marked as carried (confirmed or changed by the practitioner)."""
    review = record.get("review")
    if isinstance(review, dict) and review.get("carried"):
        gone = set(item_ids)
        review["carried"] = [item_id for item_id in review["carried"] if item_id not in gone]
    return record


# --- what changed ----------------------------------------------------------------------------------------------------
def _rank(level):
    return LEVEL_RANK.get(level) or 0


def _indicator_level(item, value):
    if item.type == "typed_indicator":
        value = value.get("level") if isinstance(value, dict) else None
    return value if value in LEVELS else None


def _movement(before, after):
    """How a level moved: "new", "raised", "lowered", "gone", or None (the same)."""
    if before == after:
        return None
    if not before:
        return "new"
    if not after:
        return "gone"
    return "raised" if _rank(after) > _rank(before) else "lowered"


INDICATOR_WORDS = {"new": "newly rated", "raised": "raised", "lowered": "lowered", "gone": "no longer rated"}
FACTOR_WORDS = {"current": "now current", "historic": "now historic only", "new_historic": "newly recorded as historic",
                "gone": "no longer recorded"}
LEVEL_WORDS = {"new": "now {after}", "raised": "rose from {before} to {after}", "lowered": "fell from {before} to {after}",
               "gone": "was {before}, now none"}


def _factor_state(value):
    value = value if isinstance(value, dict) else {}
    return "current" if value.get("current") is True else "historic" if value.get("historic") is True else None


def _factor_movement(before, after):
    if before == after:
        return None
    if after == "current":
        return "current"
    if after == "historic":
        return "historic" if before == "current" else "new_historic"
    return "gone"


def changes(before, after):
    """What changed from snapshot `before` to snapshot `after` (both of the current form), as data and plain words.
    {format_version, before: {record_id, date}, after: {...}, summary: [sentences], levels: [...], indicators: [...],
    factors: [...], judgements: [...]}."""
    form = get_form(after["form"]["id"], after["form"]["version"])
    old, new = before["answers"], after["answers"]
    indicators, factors, judgements = [], [], []
    for item in compared_items(form):
        if item.type in ("indicator", "typed_indicator"):
            was, now = _indicator_level(item, old.get(item.id)), _indicator_level(item, new.get(item.id))
            moved = _movement(was, now)
            if moved:
                indicators.append({"item": item.id, **_name(item), "before": was, "after": now, "change": moved,
                                   "words": INDICATOR_WORDS[moved]})
        elif item.type == "factor":
            was, now = _factor_state(old.get(item.id)), _factor_state(new.get(item.id))
            moved = _factor_movement(was, now)
            if moved:
                factors.append({"item": item.id, **_name(item), "before": was, "after": now, "change": moved,
                                "words": FACTOR_WORDS[moved]})
        elif old.get(item.id) != new.get(item.id):
            judgements.append({"item": item.id, "name": item.error_subject, "before": _option(item, old.get(item.id)),
                               "after": _option(item, new.get(item.id))})
    levels = _level_changes(before["levels"], after["levels"])
    result = {"format": "cre-review-changes", "format_version": REVIEW_FORMAT_VERSION,
              "before": {"record_id": before["record_id"], "date": before["date"], "levels": before["levels"]},
              "after": {"record_id": after["record_id"], "date": after["date"], "levels": after["levels"]},
              "levels": levels, "indicators": indicators, "factors": factors, "judgements": judgements}
    result["summary"] = summary(result)
    result["title"] = f"Changes since the assessment of {long_date(before['date']) or before['date']}"
    return result


def _name(item):
    """How a factor or indicator is named ("Factor 3", "CCE 2") and its words on the form."""
    number = item.raw.get("number")
    group = item.raw.get("group")
    prefix = "Factor" if item.type == "factor" else group.upper() if group in ("cce", "cse") else "Indicator"
    return {"name": f"{prefix} {number}" if number else prefix, "text": item.raw.get("text") or item.label}


def _option(item, value):
    return item.option_label(value) if value is not None else None


def _level_changes(before, after):
    rows = []
    for kind in sorted(set(before["by_type"]) | set(after["by_type"])):
        was, now = before["by_type"].get(kind), after["by_type"].get(kind)
        rows.append({"type": kind, "name": type_label(kind), "before": was, "after": now, "change": _movement(was, now)})
    rows.append({"type": None, "name": "Overall", "before": before["overall"], "after": after["overall"],
                 "change": _movement(before["overall"], after["overall"])})
    return rows


def _count(rows, change, words, one, many):
    n = sum(1 for row in rows if row["change"] == change)
    return [f"{n} {one if n == 1 else many} {words[change]}"] if n else []


def summary(result):
    """The changes in plain words, most important first: the overall level, then counts."""
    overall = result["levels"][-1]
    words = {"before": level_label(overall["before"]), "after": level_label(overall["after"])}
    sentences = [f"The overall level of risk {LEVEL_WORDS[overall['change']].format(**words)}." if overall["change"]
                 else f"The overall level of risk is unchanged ({words['after']})."]
    sentences += [words for when, words in (("before", "The level then is the one its indicators suggested: it "
                                                       "recorded no judgement."),
                                             ("after", "The level now is the one the indicators suggest: no "
                                                       "judgement is recorded yet."))
                  if result[when]["levels"]["source"] == "suggested" and result[when]["levels"]["overall"]]
    parts = []
    for change in ("new", "raised", "lowered", "gone"):
        parts += _count(result["indicators"], change, INDICATOR_WORDS, "indicator", "indicators")
    for change in ("current", "historic", "new_historic", "gone"):
        parts += _count(result["factors"], change, FACTOR_WORDS, "factor", "factors")
    if parts:
        sentences.append("; ".join(parts).capitalize() + ".")
    elif not result["judgements"]:
        sentences.append("No indicator or factor changed.")
    if result["judgements"]:
        one = len(result["judgements"]) == 1
        sentences.append(f"{len(result['judgements'])} {'judgement' if one else 'judgements'} changed.")
    return sentences


SOON_DAYS = 14  # the issue's "due within 14 days": listed first, after the overdue


def review_by(record):
    """The record's review-by date (a date), or None."""
    form = get_form(record["form"]["id"], record["form"]["version"])
    for item in form.tagged("review_by"):
        found = parse_date((record.get("answers") or {}).get(item.id))
        if found:
            return found
    return None


def suggested_review_by(record):
    """The review-by date the partnership's own practice suggests (the form's `review: intervals`, days from the
    completion date for the judged overall level), with whose practice it is: (date, days, level, source), or None
    when no interval is set (the procedure gives none), or the record has no completion date or judgement yet."""
    form = form_of(record)
    rules = form.definition.get("review") or {}
    answers = record.get("answers") or {}
    level = judged_levels(form, answers)["overall"]
    days = (rules.get("intervals") or {}).get(level)
    completed = completed_on(record, form)
    if not days or completed is None:
        return None
    return completed + timedelta(days=days), days, level, rules.get("intervals_source") or "local practice"


def due(review_date, today):
    """"overdue", "soon" (within SOON_DAYS) or None for a review-by date (None: no date)."""
    if review_date is None:
        return None
    if review_date < today:
        return "overdue"
    return "soon" if (review_date - today).days <= SOON_DAYS else None


def detail_lines(found):
    """The changes in detail, as (heading, [lines]) groups, for the page, the PDF and `cre diff --text`."""
    groups = []
    levels = [f"{row['name']}: {level_label(row['before'])} → {level_label(row['after'])}"
              for row in found["levels"] if row["change"]]
    if levels:
        groups.append(("Level of risk", levels))
    for key, heading in (("indicators", "Indicators"), ("factors", "Vulnerability factors")):
        rows = found[key]
        if rows:
            groups.append((heading, [f"{row['name']}, {row['words']}{_levels_moved(row)}: {row['text']}"
                                     for row in rows]))
    if found["judgements"]:
        groups.append(("Judgements", [f"{row['name']}: {row['before'] or 'No answer'} → {row['after'] or 'No answer'}"
                                      for row in found["judgements"]]))
    return groups


def _levels_moved(row):
    if row["change"] in ("raised", "lowered"):
        return f" ({level_label(row['before'])} → {level_label(row['after'])})"
    if row["change"] == "new" and row["after"] in LEVELS:
        return f" ({level_label(row['after'])})"
    return ""


def as_text(found):
    """The changes as plain text: the title, the summary, then each group of details."""
    lines = [found["title"], "", *found["summary"]]
    for heading, rows in detail_lines(found):
        lines += ["", heading, *(f"  {row}" for row in rows)]
    return "\n".join(lines)
