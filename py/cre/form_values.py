"""The form page's fields and the record's answers, both ways: field names, reading a form's entries into answers,
and writing answers back as entries. Pure Python, shared by the build (which names the fields of the generated
HTML) and the browser adapter (which only collects the page's entries and hands them here).

Field names, for an item with id ID:

| item type | field names and values |
| --- | --- |
| text, textarea, integer | `ID` |
| date | `ID.day`, `ID.month`, `ID.year` (the GOV.UK date input's three boxes) |
| choice, indicator | `ID` (radios: the option value) |
| checkboxes | `ID` (one checkbox per option value) |
| typed_indicator | `ID.cce`, `ID.cse` (checkbox, value "true"), `ID.level` (radios: low, medium, high) |
| factor | `ID.historic`, `ID.current` (checkbox, value "true"), `ID.commentary` (textarea, form 004) |
| type_levels | `ID.TYPE` for each exploitation type (radios: low, medium, high; "" or absent: not identified) |
| table | `ID.ROW.COLUMN` (text), rows numbered from 0 in page order |

Entries are (name, value) pairs in page order, as FormData gives them. Blank text is "not answered"; an integer
that is not a whole number is kept as typed, so the schema can say what is wrong with it instead of losing it.
A date's three boxes give "YYYY-MM-DD" when they make a real date, nothing when all are blank, and otherwise the
boxes as typed, {"day", "month", "year"}, so a draft keeps them and the rules can say what is wrong (read_date).
"""

import re
from datetime import date
from typing import NamedTuple

from .record_schema import DATE_PARTS

TRUE = "true"
_TABLE_FIELD = re.compile(r"^(?P<row>[0-9]+)\.(?P<column>[a-z][a-z0-9_]*)$")


MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
_DAY = re.compile(r"([0-9]{1,2})(?:st|nd|rd|th)?", re.IGNORECASE)
_DIGITS = re.compile(r"[0-9]+")


class DateReading(NamedTuple):
    """What a date's boxes say: `iso` for a real date; else the boxes left blank (`missing`), or `fault`: "year"
    (not 4 numbers) or "not_real" (no such day, or not a number)."""
    iso: object
    missing: tuple = ()
    fault: object = None


def read_date(boxes):
    """The day, month and year boxes ({part: text}) read as GOV.UK's date input asks: days and months with or
    without a leading zero (a day may be "1st"), a month also as its name or first three letters, a year of 4
    numbers. Blank boxes are reported before anything else."""
    day, month, year = (str(boxes.get(part) or "").strip() for part in DATE_PARTS)
    missing = tuple(part for part, text in zip(DATE_PARTS, (day, month, year)) if not text)
    if missing:
        return DateReading(None, missing)
    if _DIGITS.fullmatch(year) and len(year) != 4:
        return DateReading(None, fault="year")
    try:
        real = date(int(year) if _DIGITS.fullmatch(year) else None, _month(month), _day_number(day))
    except (TypeError, ValueError):
        return DateReading(None, fault="not_real")
    return DateReading(real.isoformat())


def _day_number(text):
    match = _DAY.fullmatch(text)
    return int(match[1]) if match else None


def _month(text):
    if _DIGITS.fullmatch(text) and len(text) <= 2:
        return int(text)
    word = text.lower().rstrip(".")
    found = [number for number, name in enumerate(MONTHS, 1) if len(word) >= 3 and name.startswith(word)]
    return found[0] if found else None


def date_boxes(value):
    """A date answer as the text of its three boxes: a real date without leading zeros, typed boxes as typed."""
    if isinstance(value, dict):
        return [str(value.get(part) or "") for part in DATE_PARTS]
    match = re.fullmatch(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})", str(value))
    if match:
        return [str(int(match[3])), str(int(match[2])), match[1]]
    return [str(value), "", ""]


def field_name(item_id, *parts):
    return ".".join([item_id, *map(str, parts)])


def _integer(text):
    text = text.strip()
    return int(text) if re.fullmatch(r"[+-]?[0-9]{1,9}", text) else text


def answers_from_entries(form, entries):
    """The answers a page's entries give, for the form's items; unknown names are ignored."""
    by_item = {}
    for name, value in entries:
        item_id, _, rest = str(name).partition(".")
        if form.item(item_id) is not None:
            by_item.setdefault(item_id, []).append((rest, "" if value is None else str(value)))
    answers = {}
    for item_id, fields in by_item.items():
        value = _read(form.item(item_id), fields)
        if value not in (None, "", [], {}):
            answers[item_id] = value
    return answers


def _read(item, fields):
    kind = item.type
    plain = [value for rest, value in fields if rest == ""]
    if kind == "date":
        boxes = {rest: value for rest, value in fields if rest in DATE_PARTS}
        typed = {part: boxes.get(part, "") for part in DATE_PARTS}
        if not any(text.strip() for text in typed.values()):
            return None
        return read_date(typed).iso or typed
    if kind in ("text", "textarea"):
        return plain[-1] if plain and plain[-1].strip() else None
    if kind == "integer":
        return _integer(plain[-1]) if plain and plain[-1].strip() else None
    if kind in ("choice", "indicator"):
        return plain[-1] if plain and plain[-1] else None
    if kind == "checkboxes":
        return list(dict.fromkeys(value for value in plain if value))
    parts = {rest: value for rest, value in fields if rest}
    if kind == "typed_indicator":
        value = {"cce": parts.get("cce") == TRUE, "cse": parts.get("cse") == TRUE, "level": parts.get("level") or None}
        return value if value["cce"] or value["cse"] or value["level"] else None
    if kind == "factor":
        value = {"historic": parts.get("historic") == TRUE, "current": parts.get("current") == TRUE}
        if item.raw.get("commentary") and parts.get("commentary", "").strip():
            value["commentary"] = parts["commentary"]
        return value if any(value.values()) else None
    if kind == "type_levels":
        return {kind_: level for kind_, level in parts.items() if level}
    if kind == "table":
        rows = {}
        for rest, value in parts.items():
            match = _TABLE_FIELD.match(rest)
            if match and value.strip():
                rows.setdefault(int(match["row"]), {})[match["column"]] = value
        return [rows[number] for number in sorted(rows)]
    return None


def entries_from_answers(form, answers):
    """The (name, value) pairs that show these answers on the page (to resume a draft); checkboxes and radios
    are listed by the value that should be checked."""
    entries = []
    for item_id, value in answers.items():
        item = form.item(item_id)
        if item is None or value is None:
            continue
        kind = item.type
        if kind == "date":
            entries += [(field_name(item_id, part), text) for part, text in zip(DATE_PARTS, date_boxes(value))]
        elif kind in ("text", "textarea", "integer", "choice", "indicator"):
            entries.append((item_id, str(value)))
        elif kind == "checkboxes" and isinstance(value, list):
            entries += [(item_id, str(v)) for v in value]
        elif kind in ("typed_indicator", "factor", "type_levels") and isinstance(value, dict):
            for part, part_value in value.items():
                if part_value is True:
                    entries.append((field_name(item_id, part), TRUE))
                elif isinstance(part_value, str) and part_value:
                    entries.append((field_name(item_id, part), part_value))
        elif kind == "table" and isinstance(value, list):
            for row, cells in enumerate(value):
                if isinstance(cells, dict):
                    entries += [(field_name(item_id, row, column), str(text)) for column, text in cells.items()]
    return entries
