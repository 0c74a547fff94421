"""Answers as the plain text a practitioner reads: check your answers, the PDF, the conversion note.

Say only what was said: a factor ticked only "Current" reads "Current" (never "Historic: No"), a date kept as
typed reads as typed, and indicators left unrated are counted, not listed. Any value, however it is shaped, gives
text (a record from a file may be broken), and nothing here raises.
"""

from datetime import date

from .definitions import LEVELS, vocabulary
from .form_values import DATE_PARTS, read_date
from .levels import level_label
from .records import answered

RATEABLE = ("indicator", "typed_indicator")
FACTOR_TICKS = (("historic", "Historic"), ("current", "Current"))


def long_date(value):
    """A date as GOV.UK writes one ("4 May 2012"), from a date or "YYYY-MM-DD"; None when it is neither."""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            return None
    return f"{value.day} {value:%B %Y}" if isinstance(value, date) else None


def _labels(name):
    return {option["value"]: option["label"] for option in vocabulary(name)}


def _typed_date(value):
    """Date boxes kept as typed: what each box holds, and what is wrong."""
    shown = ", ".join(f"{part} {str(value.get(part)).strip()}" for part in DATE_PARTS
                      if str(value.get(part) or "").strip())
    reading = read_date(value)
    note = "incomplete" if reading.missing or reading.fault == "year" else "not a real date"
    return f"{shown[:1].upper()}{shown[1:]} ({note})" if not reading.iso else long_date(reading.iso)


def _and(words):
    return " and ".join(words) if len(words) < 3 else ", ".join(words[:-1]) + " and " + words[-1]


def factor_ticks(value):
    """The columns a factor is ticked in ("Historic and current"), or "" when none is."""
    ticked = [label for key, label in FACTOR_TICKS if isinstance(value, dict) and value.get(key) is True]
    return (ticked[0] + "".join(f" and {label.lower()}" for label in ticked[1:])) if ticked else ""


def indicator_level(item, value):
    """The Low, Medium or High an indicator is rated, or None."""
    level = value.get("level") if item.type == "typed_indicator" and isinstance(value, dict) else value
    return level if isinstance(level, str) and level in LEVELS else None


def describe(item, value):
    """An answer as plain text (the caller skips unanswered items)."""
    kind = item.type
    if kind == "indicator":
        return _labels("ratings").get(value, str(value)) if isinstance(value, str) else str(value)
    if kind == "typed_indicator" and isinstance(value, dict):
        level = indicator_level(item, value)
        ticks = [name.upper() for name in ("cce", "cse") if value.get(name) is True]
        return (level_label(level) if level else "Not identified") + (f" ({_and(ticks)})" if ticks else "")
    if kind == "factor" and isinstance(value, dict):
        commentary = value.get("commentary")
        parts = [factor_ticks(value)] + ([f"Commentary: {commentary}"] if answered(commentary) else [])
        return ". ".join(part for part in parts if part)
    if kind == "date":
        if isinstance(value, dict):
            return _typed_date(value)
        return long_date(value) or str(value)
    if kind == "choice" and isinstance(value, str):
        return item.option_label(value)
    if kind == "type_levels" and isinstance(value, dict):
        levels = _labels("levels")
        shown = [(item.option_label(str(key)), levels.get(level, level) if isinstance(level, str) else level)
                 for key, level in value.items()]
        return "; ".join(f"{kind}: {level}" for kind, level in shown)
    if kind == "table" and isinstance(value, list):
        rows = [" / ".join(str(text) for text in row.values() if answered(text)) if isinstance(row, dict) else str(row)
                for row in value if answered(row)]
        return "; ".join(rows)
    if kind == "checkboxes" and isinstance(value, list):
        return ", ".join(item.option_label(v) if isinstance(v, str) else str(v) for v in value)
    return str(value)


def _said(item, value):
    """Whether an answer says something to show: a rateable indicator only when rated Low, Medium or High (or, on
    the earlier form, ticked CCE or CSE); "Not identified" is counted with the unrated."""
    if item.type == "typed_indicator" and isinstance(value, dict):
        return indicator_level(item, value) is not None or any(value.get(k) is True for k in ("cce", "cse"))
    if item.type in RATEABLE:
        return indicator_level(item, value) is not None
    return answered(value)


def section_answers(form, section, answers):
    """What check answers and the PDF show for one section: [(item, text)] for each answered item in form order,
    and the count of rateable indicators (indicator / typed_indicator items) left unrated in the section.

    Only questions that are asked count (an item whose show_if does not hold is left out, whatever it holds). An
    indicator is answered when rated Low, Medium or High (the earlier form's CCE / CSE ticks also say something);
    one not rated, or rated "Not identified", is only counted. `section` may be a subsection (its own items)."""
    rows, not_rated = [], 0
    for item in form.section_items(section):
        if not item.answerable or not form.is_shown(item, answers):
            continue
        value = answers.get(item.id)
        if item.type in RATEABLE and indicator_level(item, value) is None:
            not_rated += 1
        if _said(item, value):
            rows.append((item, describe(item, value)))
    return rows, not_rated
