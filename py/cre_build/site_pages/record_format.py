"""record-format.md: the JSON record an assessment is saved as, the published schemas, and the `cre` command.

The schemas are published beside the page (see schema_files); the field and type tables fail the build when a
record property or item type appears that this page does not describe.
"""

import json

import cre
from cre import definitions

from .markdown import admonition, esc, page, table

FIELDS = {
    "format": 'Always `"cre-record"`.',
    "format_version": "The version of this envelope: `1`. It changes only if the envelope itself changes.",
    "form": "The form the answers belong to: `id` and `version` (below).",
    "record_id": "A random identifier (UUID) for this assessment. It never contains the child's name.",
    "created": "When the record was started (ISO 8601, UTC).",
    "updated": "When it was last changed (ISO 8601, UTC).",
    "app_version": "The version of the toolkit that last wrote it.",
    "conversion": "Only in a record converted from the earlier form: the earlier record's form, version and id, "
                  "when it was converted, the earlier answers kept as a labelled note (`unmapped`), and whether "
                  "the practitioner has reviewed them (`reviewed`).",
    "review": "Only in a review (an assessment started from an earlier one of the same child): its own "
              "`format_version` (`1`); the assessment it reviews (`of`: record id, date, and levels overall and per "
              "exploitation type, judged or else suggested); that assessment's answers to the items a review "
              "compares (`before`: every factor and indicator, and the threshold), from which the changes are "
              "shown; the answers carried over that the practitioner has not yet confirmed or changed "
              "(`carried`); and when the review was started (`started`). Records without it open as before.",
    "answers": "The answers, by item id. A draft may leave any answer out.",
}

ANSWERS = {
    "text": "a string",
    "textarea": "a string (may hold line breaks)",
    "integer": "a whole number within the item's limits",
    "date": 'a date, `"YYYY-MM-DD"`; in a draft, a date not yet complete or not real is kept as typed, '
            '`{"day": "31", "month": "2", "year": "2026"}`, and the record is invalid until it is mended',
    "choice": 'one option value, for example `"yes"`',
    "checkboxes": 'a list of option values, for example `["education", "health"]`',
    "indicator": '`"not_identified"`, `"low"`, `"medium"` or `"high"`',
    "typed_indicator": '`{"cce": true, "cse": false, "level": "medium"}` (the earlier form\'s ticks and level)',
    "factor": '`{"historic": true, "current": false}`, with `"commentary"` where the form asks for one',
    "type_levels": 'a level for each type of exploitation identified, for example `{"cce": "high", "cse": "low"}`',
    "table": 'a list of rows, each `{column id: string}`, for example `[{"action": "…", "responsible": "…", '
             '"timescale": "…"}]`',
    "note": "no answer: text shown to the practitioner",
}

COMMANDS = [
    ("cre forms", "The forms this toolkit knows."),
    ("cre new FORM_ID", "A blank record (a draft) of a form."),
    ("cre validate FILE [--complete] [--now ISO]", "Whether the record is invalid, a valid draft or complete; every "
     "problem, with its JSON path; the suggested level of risk and why."),
    ("cre route FILE [--now ISO]", "The referral steps: who, how, which number or address, and by when."),
    ("cre convert FILE", "An earlier-form record as a draft of the current form."),
    ("cre pdf FILE -o OUT.pdf", "The assessment as an A4 PDF, marked OFFICIAL-SENSITIVE."),
    ("cre schema FORM_ID", "The JSON Schema of the form's records."),
    ("cre serve DIR [--port 8000] [--base /cre/]", "Host the built site for a quick test (see [Hosting](hosting.md))."),
]

EXIT_CODES = [
    ("0", "Done. For `validate`: the record is valid."),
    ("1", "The record has problems. Each is listed with its JSON path, message and severity."),
    ("2", "The input cannot be used: a missing file, not UTF-8, not JSON, not an object, an unknown form or "
          "version, over 5 MB, or nested too deeply. One line on standard error says which."),
]


def schema_path(form):
    return f"schemas/{form.record_schema['$id']}"


def schema_files(repo_schemas):
    """Published schema files: each form's record schema, and the form-definition schema from the repository."""
    files = {}
    for form in definitions.all_forms(revised=True):
        path = schema_path(form)
        if path in files:
            raise ValueError(f"two versions of {form.id} would publish the same {path}")
        files[path] = json.dumps(form.record_schema, indent=2, ensure_ascii=False) + "\n"
    files["schemas/form-definition.schema.json"] = (repo_schemas / "form-definition.schema.json").read_text("utf-8")
    return files


def example_record(form):
    """A small example record of the form, as shown on the page (the tests validate it against the schema)."""
    return {
        "format": "cre-record", "format_version": 1,
        "form": {"id": form.id, "version": form.version},
        "record_id": "6f1c2a9e-3b4d-4c8e-9f10-2a3b4c5d6e7f",
        "created": "2026-11-23T09:00:00Z", "updated": "2026-11-23T09:12:41Z",
        "app_version": cre.__version__,
        "answers": {"child_name": "Sam Example", "age": 14, "send": "no", "cce02": "high",
                    "exploitation_levels": {"cce": "high"}},
    }


def _described(mapping, keys, what):
    missing = [key for key in keys if key not in mapping]
    if missing:
        raise KeyError(f"record-format page: describe the {what} {', '.join(missing)}")
    return [(f"`{key}`", mapping[key]) for key in keys]


def render():
    forms = definitions.all_forms()
    current = next(form for form in forms if form.definition.get("status") == "current")
    fields = list(current.record_schema["properties"])
    used = {item.type for form in forms for item in form.items.values()}
    types = [kind for kind in ANSWERS if kind in used] + sorted(used - ANSWERS.keys())
    blocks = [
        "# Record format",
        "An assessment is saved as a JSON record. Practitioners download it, and the toolkit opens it again. This "
        "page is for the IT and systems staff who store, check or import those records.",
        "## The record",
        "```json\n" + json.dumps(example_record(current), indent=2, ensure_ascii=False) + "\n```",
        table(["Field", "What it holds"], _described(FIELDS, fields, "record fields")),
        "Nothing else is allowed at the top level, or in `answers`: the schema rejects unknown names.",
        "## Answers",
        "Each answer's shape depends on its item's type. A draft may also give `null` for an answer.",
        table(["Item type", "Answer"], _described(ANSWERS, types, "item types")),
        "## Forms and schemas",
        "Each record names its form. Item ids never change once published, so old records still open.",
        table(["Form id", "Version", "Title", "Status", "Record schema"], [
            (f"`{f.id}`", f"`{f.version}`", esc(f.title), esc(f.definition.get("status", "")),
             f"[{schema_path(f).split('/')[-1]}]({schema_path(f)})") for f in definitions.all_forms(revised=True)]),
        "A record of a *revised* version opens as a record of the version after it, with every answer as it was: "
        "an earlier definition of a form only ever asked less (see [Version and changes](changes.md)).",
        "The record schemas are JSON Schema (draft 2020-12). The forms themselves are checked against "
        "[form-definition.schema.json](schemas/form-definition.schema.json).",
    ]
    for form in forms:
        rows = [(f"`{item.id}`", item.type, esc(item.label)) for item in form.items.values() if item.answerable]
        blocks.append(admonition("abstract", f"Item ids of {form.id} version {form.version}",
                                 [table(["Item id", "Type", "Question"], rows)], collapsible=True))
    blocks += [
        "## The cre command",
        "The `cre` command runs the same checks as the form, on a file. `FILE` may be `-` for standard input. "
        "Output is JSON on standard output.",
        table(["Command", "What it does"], [(f"`{command}`", text) for command, text in COMMANDS]),
        "### Exit status",
        table(["Code", "Meaning"], EXIT_CODES),
    ]
    return page(*blocks)
