"""What the form page says about a review (cre.review): the mark beside each answer carried over from the reviewed
assessment and not yet confirmed, which screens hold those answers, the levels that assessment recorded, and what
changed since it. Pure Python, so the words are tested in CPython; cre.browser.reviews puts them on the page.

The mark's words are also the PDF's key to its ‡ (cre.pdf_review); the changes are cre.review's.
"""

from .answer_text import long_date
from .levels import level_label, type_label
from .progress import screens, section_of
from .records import reviewed
from .review import carried, changes, detail_lines, snapshot, suggested_review_by

CARRIED = "Carried over from the assessment of {date}, not yet confirmed"
CARRIED_PATH = "$.review.carried"  # where the rule review_confirmed points (cre.rules.completeness)


def reviewed_on(record):
    """The reviewed assessment's date as GOV.UK writes one ("14 March 2026"), or "" when the record is no review."""
    of = reviewed(record)
    date = str(of["date"] or "") if of else ""
    return long_date(date) or date


def carried_note(record):
    """The mark beside an answer carried over and not yet confirmed."""
    return CARRIED.format(date=reviewed_on(record))


def started(record):
    """What the page says once a review is started."""
    return (f"You started a review of the assessment of {reviewed_on(record)}. The answers carried over from it are "
            "marked: confirm or change each.")


def carried_on(form, record, screen):
    """The carried answers a screen holds, in the form's order."""
    marked = set(carried(record))
    return [item_id for item_id in form.items if item_id in marked and section_of(form, item_id) == screen]


def carried_screens(form, record):
    """The screens holding carried answers, in the order a practitioner goes through them."""
    holding = {section_of(form, item_id) for item_id in carried(record)}
    return [screen for screen in screens(form) if screen in holding]


def on_screen(count, record):
    """The sentence above a screen's carried answers."""
    answers = "1 answer on this screen is" if count == 1 else f"{count} answers on this screen are"
    return (f"{answers} carried over from the assessment of {reviewed_on(record)}. Change any that are no longer "
            "right, then confirm the rest.")


def problem_screen(form, record, found):
    """The screen a problem's link leads to when it names no item: for the carried answers still to confirm, the
    first screen holding one; else None."""
    if found.get("path") == CARRIED_PATH:
        held = carried_screens(form, record)
        return held[0] if held else None
    return None


def previous_levels(record):
    """The levels of the reviewed assessment, to show beside the practitioner's judgement ("" when no review):
    "At the assessment of 14 March 2026: Child criminal exploitation (CCE): Medium; overall Medium"."""
    of = reviewed(record)
    levels = of.get("levels") if of else None
    if not isinstance(levels, dict):
        return ""
    when = f"At the assessment of {reviewed_on(record)}"
    if levels.get("source") == "suggested":
        when += " (the levels its indicators suggested: it recorded no judgement)"
    by_type = levels.get("by_type") if isinstance(levels.get("by_type"), dict) else {}
    parts = [f"{type_label(kind)}: {level_label(level)}" for kind, level in sorted(by_type.items())]
    parts.append(f"overall {level_label(levels.get('overall'))}" if levels.get("overall") else "no level of risk")
    return f"{when}: {'; '.join(parts)}"


def what_changed(record):
    """What changed since the reviewed assessment, for the page's panel: {title, summary, groups: [(heading,
    [lines])]} (cre.review.changes, cre.review.detail_lines); None when the record is not a review, or its review
    field is damaged (the schema reports that)."""
    try:
        before = reviewed(record)
        if before is None:
            return None
        found = changes(before, snapshot(record))
    except (AttributeError, KeyError, TypeError, ValueError):
        return None
    return {"title": found["title"], "summary": found["summary"], "groups": detail_lines(found)}


def review_by_hint(record):
    """Beside "Review by": the date the partnership's own review intervals suggest, saying whose practice it is
    ("" when it sets none, as the procedure gives none)."""
    found = suggested_review_by(record)
    if not found:
        return ""
    when, days, level, source = found
    return (f"{source}, not the procedure: review a {level_label(level)} risk within {days} days of completion, "
            f"so by {long_date(when)}")
