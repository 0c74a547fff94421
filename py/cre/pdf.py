"""An assessment record as a PDF: the document a safeguarding lead reads, files and shares.

    render_pdf(record, suggestion=None, routing=None, generated=None) -> bytes

Page 1 has the form title, a summary (child, suggested and judged levels, status) and "What to do now" (the
routing steps); then every section of the form in order, saying only what was said: the answers as check your
answers gives them (cre.answer_text.section_answers), and one line for the indicators left unrated; then any
answers carried over from an earlier form. A review (cre.review) says after "What to do now" what changed since the
assessment it reviews, and marks ‡ each answer carried over from it and not yet confirmed (cre.pdf_review).
Every page is marked OFFICIAL-SENSITIVE top and bottom, with a footer: page n of N, form and version, when it was
generated and the record id. The document title is generic: no personal data goes into the metadata.

Pure Python (fpdf2 with DejaVu Sans from cre/data/fonts; the page furniture is cre.pdf_document, "What to do now"
cre.pdf_routing), no network, no files written: the same code runs in the browser under Pyodide. Characters the
fonts lack (Chinese, Japanese and Korean names, say) are printed as […], never as blank boxes or codes, and page 1
says once, under the title (and beside the child's name when it is the name), that the record file (JSON) holds
them exactly as typed (cre.pdf_glyphs). fpdf2 cannot split a table row across pages, so long answers inside tables
are cut and the rest printed under the table.
"""

from datetime import datetime, timezone
from itertools import groupby

from fpdf.fonts import FontFace

from .answer_text import RATEABLE, describe, indicator_level, section_answers
from .convert import NOTE_INTRO, NOTE_TITLE
from .definitions import floor_age, get_form, links, vocabulary
from .levels import RATIONALE_ITEM, below_suggestion
from .pdf_document import (
    BOLD_STYLE,
    CELL_LINE,
    LABEL_STYLE,
    LEVEL_COLOURS,
    MISSING_STYLE,
    NAVY,
    NOT_ANSWERED,
    SHADE,
    TABLE,
    Document,
    when,
)
from .pdf_glyphs import NAME_NOTE, notice, record_undrawable
from .pdf_review import carried, changes_section, mark, print_key
from .pdf_routing import routing_block
from .records import answered

INLINE_MAX, INLINE_LINES = 400, 6  # longer answers are printed full width under their label
CELL_MAX, CELL_LINES = 600, 10  # longer table cells are cut, and the rest printed under the table
SUMMARY_ITEMS = (("Child's name", "child_name"), ("Age", "age"), ("Local authority", "local_authority"))


def _cut(text, note="(continued below)"):
    """What of a long answer fits in a table cell, and the rest (empty when it all fits)."""
    text = text.strip()
    end = min(len(text), CELL_MAX)
    lines = text.split("\n", CELL_LINES)
    if len(lines) > CELL_LINES:
        end = min(end, len(text) - len(lines[-1]) - 1)
    if end >= len(text):
        return text, ""
    space = text.rfind(" ", end - 60, end)
    end = space if space > 0 else end
    return f"{text[:end]} … {note}", text[end:].lstrip()


def _is_long(text):
    return len(text) > INLINE_MAX or text.count("\n") >= INLINE_LINES


def _option(set_name, value):
    labels = {option["value"]: option["label"] for option in vocabulary(set_name)}
    return labels.get(value, "None" if value == "none" else str(value)) if isinstance(value, str) else str(value)


def _level(value):
    return _option("ratings", value)


def _level_style(level):
    return FontFace(emphasis="BOLD", color=LEVEL_COLOURS.get(level, 0))


def _label(item):
    """An item's label; a short label gets its hint, and † marks a question the paper form does not ask."""
    label = item.label
    if item.raw.get("hint") and len(label) < 20:
        label += f" ({item.raw['hint']})"
    return label + (" †" if item.raw.get("added") else "")


def _answer(item, value):
    """An answer as (text, style) for the summary: in the words of check your answers, or "Not answered"."""
    if item is None or not answered(value):
        return NOT_ANSWERED, MISSING_STYLE
    return describe(item, value), BOLD_STYLE if item.type == "type_levels" else None


def _answers_block(pdf, rows):
    """(label, text, style) rows as a label | answer table; long ones full width under their label."""
    for long, group in groupby(rows, key=lambda row: _is_long(row[0]) or _is_long(row[1])):
        if not long:
            pdf.table_of(None, (40, 60), [[(label, LABEL_STYLE), (text, style)] for label, text, style in group])
            continue
        for label, text, _style in group:
            pdf.need(14)
            pdf.label(label)
            pdf.ln(0.8)
            pdf.para(text)
            pdf.ln(2.5)


def _cell(text, label, rests):
    """A table cell of `text`, cut to fit; what is cut off goes to `rests` to print under the table."""
    shown, rest = _cut(str(text or ""))
    if rest:
        rests.append((label, rest))
    return shown, None


def _print_rests(pdf, rests):
    for label, rest in rests:
        pdf.need(14)
        pdf.label(f"{label} (continued from the table above)")
        pdf.para("… " + rest)
        pdf.ln(2.5)


def _indicators(pdf, items, answers):
    """The rated indicators as No. | Indicator | Level (form 004 adds CCE | CSE), levels in their colour."""
    typed = items[0].type == "typed_indicator"
    rows = []
    for item in items:
        value = answers.get(item.id)
        level = indicator_level(item, value)
        text = "\n".join([item.raw.get("text", item.label), *(f"•  {line}" for line in item.raw.get("list", []))])
        rating = (_level(level), _level_style(level)) if level else ("Not identified", MISSING_STYLE)
        rating = (rating[0] + mark(pdf, item.id), rating[1])
        ticks = [("Yes", BOLD_STYLE) if isinstance(value, dict) and value.get(kind) is True else ("", None)
                 for kind in ("cce", "cse")]
        rows.append([(str(item.raw.get("number", "")), None), (text, BOLD_STYLE), *(ticks if typed else []), rating])
    if typed:
        pdf.table_of(("No.", "Indicator", "CCE", "CSE", "Level"), (7, 59, 9, 9, 16), rows,
                     ("RIGHT", "LEFT", "CENTER", "CENTER", "LEFT"))
    else:
        pdf.table_of(("No.", "Indicator", "Level"), (7, 77, 16), rows, ("RIGHT", "LEFT", "LEFT"))


def _factors(pdf, items, answers):
    """The factors ticked (or commented on) under the seed's headings: a column says "Yes" only where ticked."""
    commentary = any(item.raw.get("commentary") for item in items)
    rows, rests = [], []
    for item in items:
        value = answers.get(item.id) if isinstance(answers.get(item.id), dict) else {}
        row = [(str(item.raw.get("number", "")), None), (item.label + mark(pdf, item.id), BOLD_STYLE)]
        row += [("Yes", BOLD_STYLE) if value.get(tick) is True else ("", None) for tick in ("historic", "current")]
        if commentary:
            row.append(_cell(value.get("commentary"), f"Factor {item.raw.get('number', '')}, commentary", rests))
        rows.append(row)
    headings = ("No.", "Factors", "Historic", "Current") + (("Commentary",) if commentary else ())
    widths = (6, 42, 11, 11, 30) if commentary else (7, 69, 12, 12)
    pdf.table_of(headings, widths, rows, ("RIGHT", "LEFT", "CENTER", "CENTER", "LEFT"))
    _print_rests(pdf, rests)


def _table_item(pdf, item, value, text):
    """A table answer (the immediate actions), one row per entry; `text` when it is not a list of rows."""
    if not isinstance(value, list) or not all(isinstance(entry, dict) for entry in value):
        _answers_block(pdf, [(_label(item), text, None)])
        return
    columns, rests = item.raw["columns"], []
    rows = [[_cell(entry.get(column["id"]), f"{item.raw.get('row_label', 'Row')} {number}, {column['label']}", rests)
             for column in columns] for number, entry in enumerate(value, 1)]
    widths = (50, 30, 20) if len(columns) == 3 else (1,) * len(columns)
    pdf.table_of([column["label"] for column in columns], widths, rows, caption=_label(item))
    _print_rests(pdf, rests)


def _note(pdf, item):
    """A note of the form (text shown to the practitioner), with where to find the document it names."""
    text, link = item.raw.get("text", item.label), item.raw.get("link") or {}
    target = links().get(link.get("ref"), {})
    if link.get("text") and link["text"] not in text:
        text += f" {link['text']}."
    where = "; ".join(target[key] for key in ("note", "url") if target.get(key))
    pdf.set_fill_color(*SHADE)
    pdf.para(text + (f" ({where})" if where else ""), size=TABLE, colour=NAVY, height=CELL_LINE, fill=True,
             padding=(1.5, 2))
    pdf.ln(2.5)


def _part(pdf, form, part, answers):
    """A section's own questions, or a subsection: what check your answers shows (cre.answer_text), runs of one
    kind drawn together, the form's notes where they stand, and one line for the indicators left unrated."""
    rows, not_rated = section_answers(form, part, answers)
    texts = {item.id: text for item, text in rows}
    shown = [item for item in form.section_items(part) if form.is_shown(item, answers)
             and (item.id in texts or item.type in (*RATEABLE, "note"))]
    kinds = (*RATEABLE, "factor", "table", "note")
    for kind, group in groupby(shown, key=lambda item: item.type if item.type in kinds else "plain"):
        group = list(group)
        said = [item for item in group if item.id in texts]
        if kind in RATEABLE:
            if said:
                _indicators(pdf, said, answers)
            if not_rated:
                pdf.small(f"Not rated Low, Medium or High: {not_rated} of {len(group)} indicators")
                pdf.ln(2.5)
        elif kind == "factor":
            _factors(pdf, group, answers)
        elif kind == "plain":
            _answers_block(pdf, [(_label(item), texts[item.id] + _added_answer(item, answers.get(item.id))
                                  + mark(pdf, item.id),
                                  BOLD_STYLE if item.type == "type_levels" else None) for item in group])
        for item in group if kind in ("table", "note") else ():
            _table_item(pdf, item, answers.get(item.id), texts[item.id]) if kind == "table" else _note(pdf, item)
    if not rows and not not_rated:
        pdf.small("Nothing answered.")
        pdf.ln(2.5)


def _added_answer(item, value):
    """ " †" when the chosen answer is one the paper form does not print (a choice's `added` option)."""
    added = {option["value"] for option in item.options if option.get("added")} if item.type == "choice" else ()
    return " †" if isinstance(value, str) and value in added else ""


def _section(pdf, form, section, answers):
    number = section.get("number")
    pdf.heading(f"{number}.  {section['title']}" if number else section["title"])
    pdf.intro(section.get("intro", []))
    if section.get("items"):
        _part(pdf, form, {"items": section["items"]}, answers)
    for subsection in section.get("subsections", []):
        pdf.subheading(subsection["title"], subsection.get("intro", []))
        _part(pdf, form, subsection, answers)


def _judged(form, answers, suggestion):
    """The practitioner's judgement: from the suggestion when given, else the record's judged_level items."""
    judged = (suggestion or {}).get("judged")
    if judged is None:
        return "\n".join(_answer(item, answers[item.id])[0] for item in form.tagged("judged_level")
                         if answers.get(item.id))
    lines = [f"Overall: {_level(judged['overall'])}"] if judged.get("overall") else []
    return "\n".join(lines + [f"{_option('exploitation_types', kind)}: {_level(level)}"
                              for kind, level in (judged.get("by_type") or {}).items()])


def _status(record, suggestion):
    lines = [f"Record last updated {when(record.get('updated', ''))}"]
    lower = below_suggestion(suggestion) if suggestion else []
    if lower:
        where = ", ".join("overall" if what == "overall" else _option("exploitation_types", what)
                          for what, _, _ in lower)
        given = (record.get("answers") or {}).get(RATIONALE_ITEM)
        lines.append(f"The practitioner's judgement is lower than the suggested level ({where}): "
                     + ("rationale given in section 4." if given else "no rationale recorded."))
    conversion = record.get("conversion")
    if conversion:
        source = conversion.get("from", {})
        lines.append(f"Converted from form {source.get('form', '?')} version {source.get('version', '?')}: "
                     f"{len(conversion.get('unmapped', []))} answer(s) carried over, "
                     + ("reviewed." if conversion.get("reviewed") else "not yet reviewed (see the last section)."))
    return "\n".join(lines)


def _suggestion_rows(suggestion):
    overall, by_type = suggestion.get("overall"), suggestion.get("by_type") or {}
    floor = ""
    if suggestion.get("floor_applies"):
        floor = (f" (under {floor_age()} or SEND: Low only on a review, with a written reason)"
                 if suggestion.get("floor_review") else f" (cannot be Low: under {floor_age()} or SEND)")
    rows = [("Suggested level", f"{_level(overall)}{floor}" if overall else "None: no indicator identified",
             _level_style(overall) if overall else None)]
    if by_type:
        rows.append(("Suggested by type", "\n".join(f"{_option('exploitation_types', kind)}: {_level(level)}"
                                                    for kind, level in by_type.items()), None))
    reasons = [f"•  {line.get('text', '')}" for line in suggestion.get("explanation") or []]
    return rows + ([("Why", "\n".join(reasons), None)] if reasons else [])


def _summary(pdf, form, record, suggestion):
    answers = record.get("answers") or {}
    rows = [(title, *_answer(form.item(item_id), answers.get(item_id))) for title, item_id in SUMMARY_ITEMS]
    if answers.get("local_authority") == "other" and answers.get("local_authority_other"):
        rows[2] = ("Local authority", answers["local_authority_other"], None)
    rows = [(title, _cut(text, "(in full in the form below)")[0] + mark(pdf, item_id), style)
            for (title, text, style), (_, item_id) in zip(rows, SUMMARY_ITEMS)]
    if record_undrawable(record)[1]:
        rows[0] = (rows[0][0], f"{rows[0][1]}\n{NAME_NOTE}", rows[0][2])
    rows += _suggestion_rows(suggestion) if suggestion is not None else []
    judged = _judged(form, answers, suggestion)
    rows.append(("Practitioner's judgement", judged or "Not recorded", BOLD_STYLE if judged else MISSING_STYLE))
    rows.append(("Status", _status(record, suggestion), None))
    pdf.subheading("Summary")
    pdf.table_of(None, (28, 72), [[(title, LABEL_STYLE), (text, style)] for title, text, style in rows])
    if any(mark(pdf, item_id) for _, item_id in SUMMARY_ITEMS):
        print_key(pdf, record)


def _conversion(pdf, conversion):
    pdf.heading(NOTE_TITLE)
    source = conversion.get("from", {})
    pdf.para(f"This record was converted on {when(conversion.get('converted', ''))} from form "
             f"{source.get('form', '?')} version {source.get('version', '?')} (record {source.get('record_id', '?')}). "
             + NOTE_INTRO + ("" if conversion.get("reviewed") else " Not yet reviewed."))
    pdf.ln(2)
    rows = [(str(entry.get("label") or entry.get("item", "")), str(entry.get("answer", "")), None)
            for entry in conversion.get("unmapped") or [] if isinstance(entry, dict)]
    _answers_block(pdf, rows or [("Answers carried over", "None", MISSING_STYLE)])


def _title(pdf, form, record):
    pdf.para(form.title, size=16, style="B", colour=NAVY, height=7.5)
    pdf.ln(1)
    published = f", {form.definition['published']}" if form.definition.get("published") else ""
    pdf.small(f"Version {form.paper_version}{published}   ·   record created {when(record.get('created', ''))}")
    pdf.ln(2)
    sentence = notice(record)
    if sentence:
        pdf.para(sentence, size=TABLE, style="B", colour=NAVY, height=CELL_LINE)
        pdf.ln(1.5)


def render_pdf(record, *, suggestion=None, routing=None, generated=None):
    """The record as a PDF document (bytes). `suggestion` and `routing` add their blocks to page 1 when given."""
    form = get_form(record["form"]["id"], record["form"]["version"])
    answers = record.get("answers") or {}
    generated = generated or datetime.now(timezone.utc).isoformat(timespec="minutes")
    pdf = Document(form, record.get("record_id", ""), generated)
    pdf.carried = carried(record)
    pdf.add_page()
    _title(pdf, form, record)
    _summary(pdf, form, record, suggestion)
    if routing is not None:
        routing_block(pdf, routing)
    changes_section(pdf, record)
    if pdf.page_no() == 1:
        pdf.add_page()
    if any(item.raw.get("added") or _added_answer(item, answers.get(item.id)) for item in form.items.values()):
        pdf.small("† The toolkit asks or offers this; the paper form does not print it.")
        pdf.ln(1)
    print_key(pdf, record)
    for section in form.sections:
        _section(pdf, form, section, answers)
    if record.get("conversion"):
        _conversion(pdf, record["conversion"])
    return bytes(pdf.output())
