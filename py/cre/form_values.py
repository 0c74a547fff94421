"""The form page's fields and the record's answers, both ways: field names, reading a form's entries into answers,
and writing answers back as entries. Pure Python, shared by the build (which names the fields of the generated
HTML) and the browser adapter (which only collects the page's entries and hands them here).

Field names, for an item with id ID:

| item type | field names and values |
| --- | --- |
| text, textarea, integer, date | `ID` |
| choice, indicator | `ID` (radios: the option value) |
| checkboxes | `ID` (one checkbox per option value) |
| typed_indicator | `ID.cce`, `ID.cse` (checkbox, value "true"), `ID.level` (radios: low, medium, high) |
| factor | `ID.historic`, `ID.current` (checkbox, value "true"), `ID.commentary` (textarea, form 004) |
| type_levels | `ID.TYPE` for each exploitation type (radios: low, medium, high; "" or absent: not identified) |
| table | `ID.ROW.COLUMN` (text), rows numbered from 0 in page order |

Entries are (name, value) pairs in page order, as FormData gives them. Blank text is "not answered"; an integer
that is not a whole number is kept as typed, so the schema can say what is wrong with it instead of losing it.
"""

import re

TRUE = "true"
_TABLE_FIELD = re.compile(r"^(?P<row>[0-9]+)\.(?P<column>[a-z][a-z0-9_]*)$")


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
    if kind in ("text", "textarea", "date"):
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
        if kind in ("text", "textarea", "date", "integer", "choice", "indicator"):
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
