"""The JSON Schema (Draft 2020-12) of one form's assessment records, generated from its definition.

The build writes it beside the compiled definition and publishes it in schemas/; a test fails when the published
copy is stale. Drafts are partial, so every answer may be absent or null: the schema says what a value may be, and
the rules (cre.rules) say what a complete record needs. A date is "YYYY-MM-DD"; a draft may instead keep the day,
month and year boxes as typed while they are not a real date (cre.form_values), which the rules report as an
error, so a record holding one is never complete.
"""

RECORD_FORMAT = "cre-record"
RECORD_FORMAT_VERSION = 1
TEXT_MAX = 100_000
TABLE_MAX_ROWS = 50

# The end of the string, read alike by ECMA-262 (ajv) and Python's re (jsonschema): "$" also matches before a final
# newline in Python, so "…\n" would pass `cre validate` and fail ajv.
_END = r"(?![\s\S])"
_DATE = {"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}" + _END}
# Hours, minutes and seconds in range; whether the day exists (30 February) is a rule (cre.rules.consistency). An
# offset is one a clock somewhere keeps, at most 14 hours either side of UTC (Kiribati is +14:00).
_HOUR, _MINUTE = "([01][0-9]|2[0-3])", "[0-5][0-9]"
_OFFSET = rf"[+-](0[0-9]|1[0-3]):{_MINUTE}|[+-]14:00"
DATETIME_PATTERN = (rf"^[0-9]{{4}}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T{_HOUR}:{_MINUTE}:{_MINUTE}(\.[0-9]+)?"
                    rf"(Z|{_OFFSET}){_END}")
_DATETIME = {"type": "string", "pattern": DATETIME_PATTERN,
             "description": ('A date and time, "YYYY-MM-DDThh:mm:ssZ" or with an offset from UTC of at most 14 hours '
                             '("+01:00"), on a day that exists: cre refuses 30 February, which a pattern cannot.')}
_UUID = {"type": "string", "pattern": r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}" + _END}
_TEXT = {"type": "string", "maxLength": TEXT_MAX}
DATE_PARTS = ("day", "month", "year")
DATE_PART_MAX = 40
_DATE_ANSWER = {
    "description": ('A date, "YYYY-MM-DD". A draft may instead hold the day, month and year boxes as typed while they '
                    'are not a real date, for example {"day": "31", "month": "2", "year": "2026"}: the record is then '
                    "invalid until the date is mended, so a complete record holds only real dates."),
    "type": ["string", "object"], "pattern": _DATE["pattern"],
    "additionalProperties": False, "required": list(DATE_PARTS),
    "properties": {part: {"type": "string", "maxLength": DATE_PART_MAX} for part in DATE_PARTS},
}


def _nullable(schema):
    if "enum" in schema:
        return {**schema, "enum": [*schema["enum"], None]}
    kind = schema["type"]
    return {**schema, "type": [*kind, "null"] if isinstance(kind, list) else [kind, "null"]}


def _values(options):
    return [option["value"] for option in options]


def _answer_schema(item, vocabulary):
    """The schema of one item's answer; items with no answer (notes) give None."""
    kind = item["type"]
    title = item.get("label") or item.get("text")
    if kind == "note":
        return None
    if kind in ("text", "textarea"):
        schema = dict(_TEXT)
    elif kind == "integer":
        schema = {"type": "integer"}
        if "min" in item:
            schema["minimum"] = item["min"]
        if "max" in item:
            schema["maximum"] = item["max"]
    elif kind == "date":
        schema = dict(_DATE_ANSWER)
    elif kind == "choice":
        schema = {"enum": _values(item["options"])}
    elif kind == "checkboxes":
        schema = {"type": "array", "uniqueItems": True, "items": {"enum": _values(item["options"])}}
    elif kind == "indicator":
        schema = {"enum": _values(vocabulary["ratings"])}
    elif kind == "typed_indicator":
        schema = {"type": "object", "additionalProperties": False,
                  "properties": {"cce": {"type": "boolean"}, "cse": {"type": "boolean"},
                                 "level": {"enum": [*_values(vocabulary["levels"]), None]}}}
    elif kind == "factor":
        properties = {"historic": {"type": "boolean"}, "current": {"type": "boolean"}}
        if item.get("commentary"):
            properties["commentary"] = _TEXT
        schema = {"type": "object", "additionalProperties": False, "properties": properties}
    elif kind == "type_levels":
        schema = {"type": "object", "propertyNames": {"enum": _values(item["options"])},
                  "additionalProperties": {"enum": _values(vocabulary["levels"])}}
    elif kind == "table":
        columns = {column["id"]: _TEXT for column in item["columns"]}
        schema = {"type": "array", "maxItems": TABLE_MAX_ROWS,
                  "items": {"type": "object", "additionalProperties": False, "properties": columns}}
    else:
        raise ValueError(f"unknown item type {kind!r} for item {item['id']!r}")
    return {"title": title, **_nullable(schema)}


def build_record_schema(definition, vocabulary):
    """The record schema for a compiled form definition (options already resolved)."""
    answers = {}
    for section in definition["sections"]:
        for item in section_items(section):
            schema = _answer_schema(item, vocabulary)
            if schema is not None:
                answers[item["id"]] = schema
    form_id, version = definition["id"], definition["version"]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"record-{form_id}{'-v' + version if definition['status'] == 'revised' else ''}.schema.json",
        "title": f"CRE assessment record: {definition['title']} (version {version})",
        "description": "Generated from forms/ by the build; do not edit. A draft may leave any answer out.",
        "type": "object",
        "additionalProperties": False,
        "required": ["format", "format_version", "form", "record_id", "created", "updated", "app_version", "answers"],
        "properties": {
            "format": {"const": RECORD_FORMAT},
            "format_version": {"const": RECORD_FORMAT_VERSION},
            "form": {"type": "object", "additionalProperties": False, "required": ["id", "version"],
                     "properties": {"id": {"const": form_id}, "version": {"const": version}}},
            "record_id": _UUID,
            "created": _DATETIME,
            "updated": _DATETIME,
            "app_version": {"type": "string", "maxLength": 64},
            "conversion": {
                "description": "Present when the record was converted from an earlier form.",
                "type": "object", "additionalProperties": False, "required": ["from", "converted", "unmapped", "reviewed"],
                "properties": {
                    "from": {"type": "object", "additionalProperties": False, "required": ["form", "version", "record_id"],
                             "properties": {"form": {"type": "string"}, "version": {"type": "string"}, "record_id": _UUID}},
                    "converted": _DATETIME,
                    "unmapped": {"type": "array", "items": {
                        "type": "object", "additionalProperties": False, "required": ["item", "label", "answer"],
                        "properties": {"item": {"type": "string"}, "label": _TEXT, "answer": _TEXT}}},
                    "reviewed": {"type": "boolean"},
                },
            },
            **({"review": _review_schema(definition, vocabulary, answers)} if definition.get("review") else {}),
            "answers": {"type": "object", "additionalProperties": False, "properties": answers},
        },
    }


REVIEW_FORMAT_VERSION = 1


def _review_schema(definition, vocabulary, answers):
    """The `review` field of a review (cre.review): the assessment it reviews, that assessment's answers to the
    items a review compares, and the answers carried over that the practitioner has not yet confirmed."""
    levels = [None, *_values(vocabulary["levels"])]
    level_set = {"type": "object", "additionalProperties": False, "required": ["overall", "by_type", "source"],
                 "properties": {"overall": {"enum": levels}, "by_type": {"type": "object",
                                                                           "additionalProperties": {"enum": levels[1:]}},
                                "source": {"enum": ["judged", "suggested"]}}}
    return {
        "description": "Present when the record reviews an earlier assessment of the same child (a review).",
        "type": "object", "additionalProperties": False,
        "required": ["format_version", "of", "before", "carried", "started"],
        "properties": {
            "format_version": {"const": REVIEW_FORMAT_VERSION},
            "of": {"type": "object", "additionalProperties": False, "required": ["record_id", "date", "levels"],
                   "properties": {"record_id": _UUID, "date": _DATE, "levels": level_set}},
            "before": {"type": "object", "additionalProperties": False,
                       "description": "The reviewed assessment's answers to the items a review compares.",
                       "properties": {item_id: answers[item_id] for item_id in _compared(definition)
                                      if item_id in answers}},
            "carried": {"type": "array", "uniqueItems": True, "items": {"enum": sorted(answers)},
                        "description": "Answers carried over from the reviewed assessment and not yet confirmed."},
            "started": _DATETIME,
        },
    }


def _compared(definition):
    names = set(definition["review"].get("compare", []))
    return [item["id"] for section in definition["sections"] for item in section_items(section)
            if item["type"] in ("factor", "indicator", "typed_indicator") or item["id"] in names]


def section_items(section):
    """Every item of a section in form order: its own items, then each subsection's."""
    yield from section.get("items", [])
    for subsection in section.get("subsections", []):
        yield from subsection["items"]
