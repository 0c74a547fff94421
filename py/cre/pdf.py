"""An assessment record as a PDF: the document a safeguarding lead reads, files and shares.

    render_pdf(record, suggestion=None, routing=None, generated=None) -> bytes

Page 1 has the form title, a summary (child, suggested and judged levels, status) and "What to do now" (the
routing steps); then every section of the form in order, then any answers carried over from an earlier form.
Every page is marked OFFICIAL-SENSITIVE top and bottom and has a footer: page n of N, form and version, when it
was generated and the record id. The document title is generic: no personal data goes into the metadata.

Pure Python (fpdf2 with DejaVu Sans from cre/data/fonts), no network, no files written: the same code runs in the
browser under Pyodide. Characters the font lacks are shown as [U+XXXX] rather than as blank boxes.
"""

import unicodedata
from datetime import date, datetime, timezone
from itertools import groupby
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from .definitions import LEVEL_RANK, get_form, links, vocabulary

FONTS = Path(__file__).parent / "data" / "fonts"
FONT = "DejaVu"
MARKING = "OFFICIAL-SENSITIVE"
DOC_TITLE = "CRE Risk Assessment"
BODY, TABLE, SMALL = 9.5, 8.8, 7.5  # font sizes, pt
LINE, CELL_LINE, SMALL_LINE = 4.8, 4.1, 3.5  # line heights, mm
NAVY, GREY, RULE, SHADE = (0, 48, 87), (105, 105, 105), (170, 178, 189), (230, 236, 243)
LEVEL_COLOURS = {"high": (170, 0, 0), "medium": (150, 80, 0), "low": (0, 95, 55)}
DEADLINE_COLOURS = {"immediately": (170, 0, 0), "within_24_hours": (150, 80, 0)}
INLINE_MAX, INLINE_LINES = 400, 6  # longer answers are printed full width under their label
CELL_MAX, CELL_LINES = 600, 10  # longer table cells are cut, and the rest printed under the table
NOT_ANSWERED = "Not answered"

LABEL_STYLE = FontFace(emphasis="BOLD", fill_color=SHADE)
HEAD_STYLE = FontFace(emphasis="BOLD", color=NAVY, fill_color=SHADE)
MISSING_STYLE = FontFace(emphasis="", color=GREY)
BOLD_STYLE = FontFace(emphasis="BOLD")


def _level_style(level):
    return FontFace(emphasis="BOLD", color=LEVEL_COLOURS.get(level, 0))


class _Document(FPDF):
    """A4 portrait with the protective marking in the header and footer of every page."""

    def __init__(self, form, record_id, generated):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.footer_form = f"{form.title}, version {form.version}"
        self.footer_meta = f"Generated {generated}   ·   Record {record_id}"
        self.set_margins(18, 17, 18)
        self.set_auto_page_break(True, margin=26)
        self.add_font(FONT, "", FONTS / "DejaVuSans.ttf")
        self.add_font(FONT, "B", FONTS / "DejaVuSans-Bold.ttf")
        self.glyphs = set(self.fonts["dejavu"].cmap) & set(self.fonts["dejavuB"].cmap)
        self.set_title(DOC_TITLE)
        self.set_creator("CRE toolkit")
        self.set_lang("en-GB")
        self.set_draw_color(*RULE)
        self.set_line_width(0.2)
        self.set_font(FONT, size=BODY)

    def header(self):
        with self.local_context(font_family=FONT, font_style="B", font_size_pt=10, text_color=0):
            self.set_y(7)
            self.cell(0, 5, MARKING, align="C")
        self.set_y(self.t_margin)

    def footer(self):
        with self.local_context(font_family=FONT, font_style="", font_size_pt=SMALL, text_color=GREY):
            self.set_y(-23)
            self.line(self.l_margin, self.y, self.w - self.r_margin, self.y)
            self.set_y(-22)
            self.cell(0, SMALL_LINE, self.footer_form)
            self.cell(0, SMALL_LINE, f"Page {self.page_no()} of {self.str_alias_nb_pages}", align="R",
                      new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.cell(0, SMALL_LINE, self.footer_meta, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        with self.local_context(font_family=FONT, font_style="B", font_size_pt=10, text_color=0):
            self.set_y(-11)
            self.cell(0, 5, MARKING, align="C")

    def clean(self, value):
        """Text fpdf2 can draw: no control characters; characters the font lacks spelled [U+XXXX]."""
        text = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
        text = text.replace(self.str_alias_nb_pages, "{\u200b" + self.str_alias_nb_pages[1:])
        missing = {char for char in set(text) if ord(char) not in self.glyphs} - {"\n"}
        if not missing:
            return text
        table = {}
        for char in missing:
            category = unicodedata.category(char)
            table[ord(char)] = "" if category in ("Cc", "Cf", "Co") else "\ufffd" if category == "Cs" \
                else f"[U+{ord(char):04X}]"
        return text.translate(table)

    def need(self, height):
        """Start a new page unless `height` mm fit above the page break."""
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()

    def para(self, text, size=BODY, style="", colour=0, height=None, width=0, align="L", **kwargs):
        self.set_font(FONT, style, size)
        self.set_text_color(*((colour,) if isinstance(colour, int) else colour))
        self.multi_cell(width, height or size * 0.5, self.clean(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT,
                        align=align, **kwargs)
        self.set_text_color(0)
        self.set_fill_color(255)
        self.set_font(FONT, "", BODY)

    def heading(self, text, size=11.5):
        """A section heading: white on navy, kept with the start of what follows it."""
        self.need(40)
        self.ln(2)
        self.set_fill_color(*NAVY)
        self.para(text, size=size, style="B", colour=(255, 255, 255), height=6.5, fill=True, padding=(1, 2.5))
        self.ln(2.5)

    def subheading(self, text):
        self.need(30)
        self.ln(1.5)
        self.para(text, size=10.5, style="B", colour=NAVY, height=5.5)
        self.ln(1)

    def small(self, text, colour=GREY):
        self.para(text, size=SMALL, colour=colour, height=SMALL_LINE)

    def table_of(self, headings, widths, rows, aligns=None):
        """A bordered table; `rows` are lists of (text, FontFace or None). Rows split cleanly across pages."""
        self.set_font(FONT, "", TABLE)
        aligns = aligns or ("LEFT",) * len(widths)
        options = dict(col_widths=widths, text_align=aligns, line_height=CELL_LINE, padding=(1.2, 1.6),
                       v_align="TOP", headings_style=HEAD_STYLE, first_row_as_headings=bool(headings))
        with self.table(**options) as table:
            if headings:
                heading_row = table.row()
                for heading in headings:
                    heading_row.cell(self.clean(heading))
            for cells in rows:
                row = table.row()
                for text, style in cells:
                    row.cell(self.clean(text), style=style)
        self.set_font(FONT, "", BODY)
        self.ln(2.5)


def _cut(text):
    """What of a long answer fits in a table cell, and the rest (empty when it all fits)."""
    end = min(len(text), CELL_MAX)
    lines = text.split("\n", CELL_LINES)
    if len(lines) > CELL_LINES:
        end = min(end, len(text) - len(lines[-1]) - 1)
    if end >= len(text):
        return text, ""
    space = text.rfind(" ", end - 60, end)
    end = space if space > 0 else end
    return text[:end] + " … (continued below)", text[end:].lstrip()


def _is_long(text):
    return len(text) > INLINE_MAX or text.count("\n") >= INLINE_LINES


def _date(value):
    try:
        day = date.fromisoformat(value)
    except (TypeError, ValueError):
        return str(value)
    return f"{day.day} {day:%B %Y}"


def _when(value):
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return str(value)
    zone = "" if moment.utcoffset() is None else " UTC" if not moment.utcoffset() else f" ({moment:%z})"
    return f"{moment.day} {moment:%B %Y}, {moment:%H:%M}{zone}"


def _level(value):
    labels = {o["value"]: o["label"] for o in vocabulary("ratings")}
    return labels.get(value, "None" if value == "none" else str(value))


def _type_label(value):
    return {o["value"]: o["label"] for o in vocabulary("exploitation_types")}.get(value, str(value))


def _label(item):
    label = item.label
    if item.raw.get("hint") and len(label) < 20:
        label += f" ({item.raw['hint']})"
    return label + (" †" if item.raw.get("added") else "")


def _answer(item, value):
    """A plain item's answer as (text, style)."""
    if value is None or value == "" or value == {} and item.type != "type_levels":
        return NOT_ANSWERED, MISSING_STYLE
    if item.type == "date":
        return _date(value), None
    if item.type == "choice":
        return item.option_label(value), None
    if item.type == "checkboxes" and isinstance(value, list):
        return (", ".join(item.option_label(v) for v in value) or "None selected"), None
    if item.type == "type_levels" and isinstance(value, dict):
        lines = [f"{item.option_label(t)}: {_level(level)}" for t, level in value.items()]
        return ("\n".join(lines) or "None identified"), BOLD_STYLE if lines else None
    return str(value), None


def _answers_block(pdf, rows):
    """Label | answer rows in a table; long answers full width under their label."""
    for long, group in groupby(rows, key=lambda row: _is_long(row[1])):
        group = list(group)
        if not long:
            pdf.table_of(None, (40, 60), [[(label, LABEL_STYLE), (text, style)] for label, text, style in group])
            continue
        for label, text, _style in group:
            pdf.need(14)
            pdf.para(label, size=TABLE, style="B", height=CELL_LINE)
            pdf.ln(0.8)
            pdf.para(text, height=LINE)
            pdf.ln(2.5)


def _overflow(pdf, rests):
    for label, rest in rests:
        pdf.need(14)
        pdf.para(f"{label} (continued from the table above)", size=TABLE, style="B", height=CELL_LINE)
        pdf.para("… " + rest, height=LINE)
        pdf.ln(2.5)


def _indicators(pdf, items, answers):
    rows = []
    for item in items:
        value = answers.get(item.id)
        text = item.raw.get("text", item.label)
        if value in LEVEL_COLOURS:
            rating = (_level(value), _level_style(value))
        elif value is None:
            rating = (NOT_ANSWERED, MISSING_STYLE)
        else:
            rating = (_level(value), None)
        rows.append([(str(item.raw.get("number", "")), None), (text, BOLD_STYLE if value in LEVEL_COLOURS else None), rating])
    pdf.table_of(("No.", "Indicator", "Level"), (7, 77, 16), rows, ("RIGHT", "LEFT", "LEFT"))


def _typed_indicators(pdf, items, answers):
    rows = []
    for item in items:
        value = answers.get(item.id) if isinstance(answers.get(item.id), dict) else {}
        text = "\n".join([item.raw.get("text", item.label), *(f"•  {line}" for line in item.raw.get("list", []))])
        level = value.get("level")
        rated = level in LEVEL_COLOURS
        ticks = [("Yes", BOLD_STYLE) if value.get(kind) else ("–", MISSING_STYLE) for kind in ("cce", "cse")]
        rating = (_level(level), _level_style(level)) if rated else ("Not identified" if value else NOT_ANSWERED,
                                                                   MISSING_STYLE)
        rows.append([(str(item.raw.get("number", "")), None), (text, BOLD_STYLE if rated else None), *ticks, rating])
    pdf.table_of(("No.", "Indicator", "CCE", "CSE", "Level"), (7, 63, 9, 9, 12), rows,
                 ("RIGHT", "LEFT", "CENTER", "CENTER", "LEFT"))


def _factors(pdf, items, answers):
    commentary = any(item.raw.get("commentary") for item in items)
    rows, rests = [], []
    for item in items:
        value = answers.get(item.id) if isinstance(answers.get(item.id), dict) else {}
        ticks = [("Yes", BOLD_STYLE) if value.get(when) else ("No" if when in value else "–", MISSING_STYLE)
                 for when in ("historic", "current")]
        row = [(str(item.raw.get("number", "")), None), (item.label, BOLD_STYLE if any(
            value.get(when) for when in ("historic", "current")) else None), *ticks]
        if commentary:
            shown, rest = _cut(str(value.get("commentary") or ""))
            row.append((shown, None))
            if rest:
                rests.append((f"Factor {item.raw.get('number', '')}, commentary", rest))
        rows.append(row)
    headings = ("No.", "Factor", "Historic", "Current") + (("Commentary",) if commentary else ())
    widths = (6, 42, 11, 11, 30) if commentary else (7, 69, 12, 12)
    pdf.table_of(headings, widths, rows, ("RIGHT", "LEFT", "CENTER", "CENTER", "LEFT"))
    _overflow(pdf, rests)


def _table_item(pdf, item, value):
    pdf.need(20)
    pdf.para(_label(item), size=TABLE, style="B", height=CELL_LINE)
    pdf.ln(1)
    if not isinstance(value, list) or not value:
        pdf.para(NOT_ANSWERED, size=TABLE, colour=GREY, height=CELL_LINE)
        pdf.ln(2.5)
        return
    columns = item.raw["columns"]
    rows, rests = [], []
    for number, answer in enumerate(value, 1):
        row = []
        for column in columns:
            shown, rest = _cut(str((answer or {}).get(column["id"]) or "") if isinstance(answer, dict) else "")
            row.append((shown, None))
            if rest:
                rests.append((f"{item.raw.get('row_label', 'Row')} {number}, {column['label']}", rest))
        rows.append(row)
    widths = (50, 30, 20) if len(columns) == 3 else (1,) * len(columns)
    pdf.table_of([column["label"] for column in columns], widths, rows)
    _overflow(pdf, rests)


def _note(pdf, item):
    link = item.raw.get("link")
    text = item.raw.get("text", item.label)
    if link:
        target = links().get(link.get("ref"), {})
        text += f"\n{link.get('text', '')}" + "".join(f" ({target[k]})" for k in ("note", "url") if target.get(k))
    pdf.set_fill_color(*SHADE)
    pdf.para(text, size=TABLE, colour=NAVY, height=CELL_LINE, fill=True, padding=(1.5, 2))
    pdf.ln(2.5)


def _block_kind(item):
    return item.type if item.type in ("indicator", "typed_indicator", "factor", "table", "note") else "plain"


def _items(pdf, form, raws, answers):
    """Items in form order, consecutive items of one kind drawn together (as one table where that fits)."""
    shown = [form.item(raw["id"]) for raw in raws]
    shown = [item for item in shown if form.is_shown(item, answers)]
    for kind, group in groupby(shown, key=_block_kind):
        group = list(group)
        if kind == "indicator":
            _indicators(pdf, group, answers)
        elif kind == "typed_indicator":
            _typed_indicators(pdf, group, answers)
        elif kind == "factor":
            _factors(pdf, group, answers)
        elif kind in ("table", "note"):
            for item in group:
                _table_item(pdf, item, answers.get(item.id)) if kind == "table" else _note(pdf, item)
        else:
            _answers_block(pdf, [(_label(item), *_answer(item, answers.get(item.id))) for item in group])


def _section(pdf, form, section, answers):
    number = section.get("number")
    pdf.heading(f"{number}.  {section['title']}" if number else section["title"])
    for paragraph in section.get("intro", []):
        pdf.small(paragraph)
    if section.get("intro"):
        pdf.ln(2)
    _items(pdf, form, section.get("items", []), answers)
    for subsection in section.get("subsections", []):
        pdf.subheading(subsection["title"])
        for paragraph in subsection.get("intro", []):
            pdf.small(paragraph)
        pdf.ln(1.5)
        _items(pdf, form, subsection["items"], answers)


def _judged(form, answers, suggestion):
    """The practitioner's judgement, from the suggestion when given, else from the record's judged_level items."""
    judged = (suggestion or {}).get("judged")
    if judged is not None:
        lines = [f"Overall: {_level(judged['overall'])}"] if judged.get("overall") else []
        lines += [f"{_type_label(t)}: {_level(level)}" for t, level in (judged.get("by_type") or {}).items()]
        return "\n".join(lines)
    texts = [_answer(item, answers.get(item.id))[0] for item in form.tagged("judged_level") if answers.get(item.id)]
    return "\n".join(texts)


def _status(form, record, suggestion):
    lines = [f"Record last updated {_when(record.get('updated', ''))}"]
    if suggestion and suggestion.get("judged"):
        suggested, judged = suggestion.get("overall"), suggestion["judged"].get("overall")
        if judged and LEVEL_RANK.get(judged, 0) < LEVEL_RANK.get(suggested, 0):
            given = record.get("answers", {}).get("level_rationale")
            lines.append("The practitioner's judgement is lower than the suggested level: "
                         + ("rationale given in section 4." if given else "no rationale recorded."))
    conversion = record.get("conversion")
    if conversion:
        source = conversion.get("from", {})
        lines.append(f"Converted from form {source.get('form', '?')} version {source.get('version', '?')}: "
                     f"{len(conversion.get('unmapped', []))} answer(s) carried over, "
                     + ("reviewed." if conversion.get("reviewed") else "not yet reviewed (see the last section)."))
    return "\n".join(lines)


def _summary(pdf, form, record, suggestion):
    answers = record.get("answers") or {}
    name, age, authority = (form.item(i) for i in ("child_name", "age", "local_authority"))
    authority_text, authority_style = _answer(authority, answers.get("local_authority"))
    if answers.get("local_authority") == "other" and answers.get("local_authority_other"):
        authority_text = answers["local_authority_other"]
    rows = [("Child's name", *_answer(name, answers.get("child_name"))), ("Age", *_answer(age, answers.get("age"))),
            ("Local authority", authority_text, authority_style)]
    if suggestion is not None:
        overall = suggestion.get("overall")
        floor = " (cannot be Low: under 13 or SEND)" if suggestion.get("floor_applies") else ""
        rows.append(("Suggested level", f"{_level(overall)}{floor}" if overall else "None: no indicator identified",
                     _level_style(overall) if overall else None))
        by_type = suggestion.get("by_type") or {}
        if by_type:
            rows.append(("Suggested by type", "\n".join(f"{_type_label(t)}: {_level(v)}" for t, v in by_type.items()),
                         None))
        reasons = [f"•  {line['text']}" for line in suggestion.get("explanation", [])]
        if reasons:
            rows.append(("Why", "\n".join(reasons), None))
    judged = _judged(form, answers, suggestion)
    rows.append(("Practitioner's judgement", judged or "Not recorded", BOLD_STYLE if judged else MISSING_STYLE))
    rows.append(("Status", _status(form, record, suggestion), None))
    pdf.subheading("Summary")
    pdf.table_of(None, (28, 72), [[(label, LABEL_STYLE), (text, style)] for label, text, style in rows])


def _contact_line(contact):
    who = ", ".join(part for part in (contact.get("name"), contact.get("organisation")) if part)
    ways = [contact.get(key) for key in ("phone", "email", "url") if contact.get(key)]
    return f"{who}: {'   ·   '.join(ways)}" if ways else who


def _step(pdf, number, step):
    """One routing step: the deadline on the left, who / what / how to reach them on the right."""
    pdf.need(24)
    top, page, left = pdf.get_y(), pdf.page_no(), pdf.l_margin
    colour = DEADLINE_COLOURS.get(step.get("deadline"), NAVY)
    pdf.para(f"{number}.  {step.get('deadline_label') or step.get('deadline', '')}", size=BODY, style="B",
             colour=colour, height=LINE, width=34)
    label_bottom = pdf.get_y()
    pdf.set_y(top)
    pdf.set_left_margin(left + 36)
    pdf.set_x(left + 36)
    pdf.para(step.get("who", ""), style="B", height=LINE)
    pdf.para(step.get("action", ""), height=LINE)
    for contact in step.get("contacts") or []:
        pdf.para(_contact_line(contact), style="B", size=TABLE, height=LINE)
    for link in step.get("links") or []:
        extra = "".join(f" ({link[key]})" for key in ("url", "note") if link.get(key))
        pdf.para(f"{link.get('text', '')}{extra}", size=TABLE, colour=NAVY, height=LINE)
    source = step.get("source")
    if source:
        pdf.ln(0.8)
        heading = f" ({source['heading']})" if source.get("heading") else ""
        pdf.small(f"From the guidance{heading}: “{source.get('text', '')}”")
    if step.get("added"):
        pdf.small(f"Added by the toolkit: {step['added']}")
    pdf.set_left_margin(left)
    pdf.set_y(max(pdf.get_y(), label_bottom) if pdf.page_no() == page else pdf.get_y())
    pdf.ln(2)
    pdf.line(left, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(2.5)


def _routing(pdf, routing):
    pdf.subheading("What to do now")
    hours = "out of hours" if routing.get("out_of_hours") else "office hours"
    pdf.small(f"Worked out for {_when(routing.get('now', ''))} ({hours}) at level of risk: "
              f"{_level(routing.get('level'))}. Check the steps against your own agency's procedures.")
    pdf.ln(2)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(2.5)
    for number, step in enumerate(routing.get("steps") or [], 1):
        _step(pdf, number, step)


def _conversion(pdf, conversion):
    pdf.heading("Carried over from the earlier form (please review)")
    source = conversion.get("from", {})
    pdf.para(f"This record was converted on {_when(conversion.get('converted', ''))} from form "
             f"{source.get('form', '?')} version {source.get('version', '?')} (record {source.get('record_id', '?')}). "
             "These answers have no matching question on this form; please review them and move what matters into "
             "the sections above." + ("" if conversion.get("reviewed") else " Not yet reviewed."), height=LINE)
    pdf.ln(2)
    rows = [(entry.get("label") or entry.get("item", ""), str(entry.get("answer", "")), None)
            for entry in conversion.get("unmapped") or []]
    _answers_block(pdf, rows or [("Answers carried over", "None", MISSING_STYLE)])


def _title(pdf, form, record):
    pdf.para(form.title, size=16, style="B", colour=NAVY, height=7.5)
    details = [f"Version {form.version}" + (f", {form.definition['published']}" if "published" in form.definition
                                            else ""),
               f"record created {_when(record.get('created', ''))}"]
    pdf.ln(1)
    pdf.small("   ·   ".join(details))
    pdf.ln(2)


def render_pdf(record, *, suggestion=None, routing=None, generated=None):
    """The record as a PDF document (bytes). `suggestion` and `routing` add their blocks to page 1 when given."""
    form = get_form(record["form"]["id"], record["form"]["version"])
    answers = record.get("answers") or {}
    generated = generated or datetime.now(timezone.utc).isoformat(timespec="minutes")
    pdf = _Document(form, record.get("record_id", ""), generated)
    pdf.add_page()
    _title(pdf, form, record)
    _summary(pdf, form, record, suggestion)
    if routing is not None:
        _routing(pdf, routing)
    pdf.add_page()
    if any(item.raw.get("added") for item in form.items.values()):
        pdf.small("† The toolkit asks this; the paper form does not print it.")
        pdf.ln(1)
    for section in form.sections:
        _section(pdf, form, section, answers)
    if record.get("conversion"):
        _conversion(pdf, record["conversion"])
    return bytes(pdf.output())
