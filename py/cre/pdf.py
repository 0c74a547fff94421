"""An assessment record as a PDF: the document a safeguarding lead reads, files and shares.

    render_pdf(record, suggestion=None, routing=None, generated=None) -> bytes

Page 1 has the form title, a summary (child, suggested and judged levels, status) and "What to do now" (the
routing steps); then every section of the form in order, then any answers carried over from an earlier form.
Every page is marked OFFICIAL-SENSITIVE top and bottom, with a footer: page n of N, form and version, when it was
generated and the record id. The document title is generic: no personal data goes into the metadata.

Pure Python (fpdf2 with DejaVu Sans from cre/data/fonts), no network, no files written: the same code runs in the
browser under Pyodide. Characters the font lacks are printed as [U+XXXX] rather than as blank boxes. fpdf2 cannot
split a table row across pages, so long answers inside tables are cut and the rest printed under the table.
"""

import unicodedata
from datetime import date, datetime, timezone
from itertools import groupby
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from .definitions import get_form, links, vocabulary
from .levels import below_suggestion

FONTS = Path(__file__).parent / "data" / "fonts"
FONT, MARGIN = "DejaVu", 18  # margin: mm, left and right
MARKING, DOC_TITLE = "OFFICIAL-SENSITIVE", "CRE Risk Assessment"
BODY, TABLE, SMALL = 9.5, 8.8, 7.5  # font sizes, pt
LINE, CELL_LINE, SMALL_LINE = 4.8, 4.1, 3.5  # line heights, mm
NAVY, GREY, RULE, SHADE = (0, 48, 87), (105, 105, 105), (170, 178, 189), (230, 236, 243)
LEVEL_COLOURS = {"high": (170, 0, 0), "medium": (150, 80, 0), "low": (0, 95, 55)}
DEADLINE_COLOURS = {"immediately": (170, 0, 0), "within_24_hours": (150, 80, 0)}
INLINE_MAX, INLINE_LINES = 400, 6  # longer answers are printed full width under their label
CELL_MAX, CELL_LINES = 600, 10  # longer table cells are cut, and the rest printed under the table
NOT_ANSWERED = "Not answered"
SUMMARY_ITEMS = (("Child's name", "child_name"), ("Age", "age"), ("Local authority", "local_authority"))

LABEL_STYLE = FontFace(emphasis="BOLD", fill_color=SHADE)
HEAD_STYLE = FontFace(emphasis="BOLD", color=NAVY, fill_color=SHADE)
MISSING_STYLE = FontFace(emphasis="", color=GREY)
BOLD_STYLE = FontFace(emphasis="BOLD")


class _Document(FPDF):
    """A4 portrait, the protective marking and footer on every page, and the text helpers the blocks use."""

    def __init__(self, form, record_id, generated):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.footer_form = f"{form.title}, version {form.version}"
        self.footer_meta = f"Generated {generated}   ·   Record {record_id}"
        self.set_margins(MARGIN, 17, MARGIN)
        self.set_auto_page_break(True, margin=26)
        self.add_font(FONT, "", FONTS / "DejaVuSans.ttf")
        self.add_font(FONT, "B", FONTS / "DejaVuSans-Bold.ttf")
        self.glyphs = {chr(c) for c in self.fonts["dejavu"].cmap.keys() & self.fonts["dejavuB"].cmap.keys()}
        self.set_title(DOC_TITLE)
        self.set_creator("CRE toolkit")
        self.set_lang("en-GB")
        self.set_draw_color(*RULE)
        self.set_line_width(0.2)

    def header(self):
        self._marking(7)
        self.set_y(self.t_margin)

    def footer(self):
        width, top = self.w - 2 * MARGIN, self.h - 23
        with self.local_context(font_family=FONT, font_style="", font_size_pt=SMALL, text_color=GREY):
            self.line(MARGIN, top, MARGIN + width, top)
            self.set_xy(MARGIN, top + 1)
            self.cell(width, SMALL_LINE, self.footer_form)
            self.set_x(MARGIN)
            self.cell(width, SMALL_LINE, f"Page {self.page_no()} of {self.str_alias_nb_pages}", align="R")
            self.set_xy(MARGIN, top + 1 + SMALL_LINE)
            self.cell(width, SMALL_LINE, self.footer_meta)
        self._marking(self.h - 11)

    def _marking(self, y):
        """The protective marking, centred on the page whatever the current margins."""
        with self.local_context(font_family=FONT, font_style="B", font_size_pt=10, text_color=0):
            self.set_xy(MARGIN, y)
            self.cell(self.w - 2 * MARGIN, 5, MARKING, align="C")

    def clean(self, value):
        """Text fpdf2 can draw: no control characters; characters the font lacks spelled [U+XXXX]."""
        text = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
        text = text.replace(self.str_alias_nb_pages, "{\u200b" + self.str_alias_nb_pages[1:])  # a literal {nb}
        missing = set(text) - self.glyphs - {"\n"}
        table = {}
        for char in missing:
            category = unicodedata.category(char)
            table[ord(char)] = ("" if category in ("Cc", "Cf", "Co") else "\ufffd" if category == "Cs"
                                else f"[U+{ord(char):04X}]")
        return text.translate(table) if table else text

    def need(self, height):
        """Start a new page unless `height` mm fit above the page break."""
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()

    def para(self, text, size=BODY, style="", colour=0, height=LINE, width=0, dry=False, **kwargs):
        """A paragraph from the left margin; with dry=True only its height, nothing drawn."""
        self.set_font(FONT, style, size)
        self.set_text_color(*((colour,) if isinstance(colour, int) else colour))
        if dry:
            kwargs.update(dry_run=True, output="HEIGHT")
        drawn = self.multi_cell(width, height, self.clean(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L",
                                **kwargs)
        self.set_text_color(0)
        self.set_fill_color(255)
        return drawn

    def heading(self, text):
        """A section heading, white on navy, kept with the start of what follows it."""
        self.need(40)
        self.ln(2)
        self.set_fill_color(*NAVY)
        self.para(text, size=11.5, style="B", colour=(255, 255, 255), height=6.5, fill=True, padding=(1, 2.5))
        self.ln(2.5)

    def subheading(self, text, intro=()):
        self.need(30)
        self.ln(1.5)
        self.para(text, size=10.5, style="B", colour=NAVY, height=5.5)
        self.ln(1)
        self.intro(intro)

    def intro(self, paragraphs):
        for paragraph in paragraphs:
            self.small(paragraph)
        if paragraphs:
            self.ln(2)

    def small(self, text):
        self.para(text, size=SMALL, colour=GREY, height=SMALL_LINE)

    def label(self, text):
        self.para(text, size=TABLE, style="B", height=CELL_LINE)

    def rule(self):
        self.ln(2)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(2.5)

    def row_height(self, widths, texts):
        """About how tall a table row is (measured in bold, to be safe)."""
        self.set_font(FONT, "B", TABLE)
        return 2.4 + max(self.multi_cell(self.epw * width / sum(widths) - 3.2, CELL_LINE, self.clean(text),
                                         dry_run=True, output="HEIGHT") for width, text in zip(widths, texts))

    def table_of(self, headings, widths, rows, aligns=None, caption=None):
        """A bordered table of rows of (text, FontFace or None), split between rows across pages; the caption,
        headings and first row are kept together."""
        first = ([headings] if headings else []) + [[text for text, _style in row] for row in rows[:1]]
        self.need(sum(self.row_height(widths, texts) for texts in first) + (CELL_LINE + 1 if caption else 0) + 1)
        if caption:
            self.label(caption)
            self.ln(1)
        self.set_font(FONT, "", TABLE)
        options = dict(col_widths=widths, text_align=aligns or ("LEFT",) * len(widths), line_height=CELL_LINE,
                       padding=(1.2, 1.6), v_align="TOP", headings_style=HEAD_STYLE,
                       first_row_as_headings=bool(headings))
        with self.table(**options) as table:
            for cells in ([[(text, None) for text in headings]] if headings else []) + rows:
                row = table.row()
                for text, style in cells:
                    row.cell(self.clean(text), style=style)
        self.ln(2.5)


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
    offset = moment.utcoffset()
    zone = "" if offset is None else " UTC" if not offset else f" (UTC{moment:%z})"
    return f"{moment.day} {moment:%B %Y}, {moment:%H:%M}{zone}"


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
    """A plain item's answer as (text, style)."""
    if value is None or value == "" or (value == {} and item.type != "type_levels"):
        return NOT_ANSWERED, MISSING_STYLE
    if item.type == "date":
        return _date(value), None
    if item.type == "choice":
        return item.option_label(value), None
    if item.type == "checkboxes" and isinstance(value, list):
        return ", ".join(item.option_label(v) for v in value) or "None selected", None
    if item.type == "type_levels" and isinstance(value, dict):
        lines = [f"{item.option_label(kind)}: {_level(level)}" for kind, level in value.items()]
        return ("\n".join(lines), BOLD_STYLE) if lines else ("None identified", None)
    return str(value), None


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
    """Indicators as No. | Indicator | Level (form 004 adds CCE | CSE); rated ones in bold."""
    typed = items[0].type == "typed_indicator"
    rows = []
    for item in items:
        value = answers.get(item.id)
        answer = value if isinstance(value, dict) else {}
        level = answer.get("level") if typed else value
        level = level if isinstance(level, str) else None
        text = "\n".join([item.raw.get("text", item.label), *(f"•  {line}" for line in item.raw.get("list", []))])
        if level in LEVEL_COLOURS:
            rating = (_level(level), _level_style(level))
        else:
            rating = (_level(level or "not_identified"), None) if value is not None else (NOT_ANSWERED, MISSING_STYLE)
        ticks = [("Yes", BOLD_STYLE) if answer.get(kind) else ("–", MISSING_STYLE) for kind in ("cce", "cse")]
        rows.append([(str(item.raw.get("number", "")), None), (text, BOLD_STYLE if level in LEVEL_COLOURS else None),
                     *(ticks if typed else []), rating])
    if typed:
        pdf.table_of(("No.", "Indicator", "CCE", "CSE", "Level"), (7, 59, 9, 9, 16), rows,
                     ("RIGHT", "LEFT", "CENTER", "CENTER", "LEFT"))
    else:
        pdf.table_of(("No.", "Indicator", "Level"), (7, 77, 16), rows, ("RIGHT", "LEFT", "LEFT"))


def _factors(pdf, items, answers):
    """Factors as No. | Factor | Historic | Current (| Commentary on form 004); ticked ones in bold."""
    commentary = any(item.raw.get("commentary") for item in items)
    rows, rests = [], []
    for item in items:
        value = answers.get(item.id) if isinstance(answers.get(item.id), dict) else {}
        ticked = value.get("historic") or value.get("current")
        row = [(str(item.raw.get("number", "")), None), (item.label, BOLD_STYLE if ticked else None)]
        row += [("Yes", BOLD_STYLE) if value.get(when) else ("No" if when in value else "–", MISSING_STYLE)
                for when in ("historic", "current")]
        if commentary:
            row.append(_cell(value.get("commentary"), f"Factor {item.raw.get('number', '')}, commentary", rests))
        rows.append(row)
    headings = ("No.", "Factor", "Historic", "Current") + (("Commentary",) if commentary else ())
    widths = (6, 42, 11, 11, 30) if commentary else (7, 69, 12, 12)
    pdf.table_of(headings, widths, rows, ("RIGHT", "LEFT", "CENTER", "CENTER", "LEFT"))
    _print_rests(pdf, rests)


def _table_item(pdf, item, value):
    """A table answer (the immediate actions), one row per entry."""
    if not isinstance(value, list) or not value:
        _answers_block(pdf, [(_label(item), NOT_ANSWERED, MISSING_STYLE)])
        return
    columns, rests = item.raw["columns"], []
    rows = [[_cell(entry.get(column["id"]) if isinstance(entry, dict) else "",
                   f"{item.raw.get('row_label', 'Row')} {number}, {column['label']}", rests) for column in columns]
            for number, entry in enumerate(value, 1)]
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


def _items(pdf, form, raws, answers):
    """Items in form order, runs of one kind drawn together (as one table where that fits)."""
    shown = [item for item in (form.item(raw["id"]) for raw in raws) if form.is_shown(item, answers)]
    kinds = ("indicator", "typed_indicator", "factor", "table", "note")
    for kind, group in groupby(shown, key=lambda item: item.type if item.type in kinds else "plain"):
        group = list(group)
        if kind in ("indicator", "typed_indicator"):
            _indicators(pdf, group, answers)
        elif kind == "factor":
            _factors(pdf, group, answers)
        elif kind == "plain":
            _answers_block(pdf, [(_label(item), *_answer(item, answers.get(item.id))) for item in group])
        for item in group if kind in ("table", "note") else ():
            _table_item(pdf, item, answers.get(item.id)) if kind == "table" else _note(pdf, item)


def _section(pdf, form, section, answers):
    number = section.get("number")
    pdf.heading(f"{number}.  {section['title']}" if number else section["title"])
    pdf.intro(section.get("intro", []))
    _items(pdf, form, section.get("items", []), answers)
    for subsection in section.get("subsections", []):
        pdf.subheading(subsection["title"], subsection.get("intro", []))
        _items(pdf, form, subsection["items"], answers)


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
    lines = [f"Record last updated {_when(record.get('updated', ''))}"]
    lower = below_suggestion(suggestion) if suggestion else []
    if lower:
        where = ", ".join("overall" if what == "overall" else _option("exploitation_types", what)
                          for what, _, _ in lower)
        given = (record.get("answers") or {}).get("level_rationale")
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
    floor = " (cannot be Low: under 13 or SEND)" if suggestion.get("floor_applies") else ""
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
    rows = [(title, _cut(text, "(in full in the form below)")[0], style) for title, text, style in rows]
    rows += _suggestion_rows(suggestion) if suggestion is not None else []
    judged = _judged(form, answers, suggestion)
    rows.append(("Practitioner's judgement", judged or "Not recorded", BOLD_STYLE if judged else MISSING_STYLE))
    rows.append(("Status", _status(record, suggestion), None))
    pdf.subheading("Summary")
    pdf.table_of(None, (28, 72), [[(title, LABEL_STYLE), (text, style)] for title, text, style in rows])


def _step_lines(step):
    """The right-hand column of a routing step: (text, paragraph options) in order."""
    small = dict(size=SMALL, colour=GREY, height=SMALL_LINE)
    lines = [(step.get("who", ""), dict(style="B")), (step.get("action", ""), {})]
    for contact in step.get("contacts") or []:
        who = ", ".join(part for part in (contact.get("name"), contact.get("organisation")) if part)
        ways = "   ·   ".join(str(contact[key]).replace(" ", "\u00a0") if key == "phone" else str(contact[key])
                               for key in ("phone", "email", "url") if contact.get(key))
        lines.append((f"{who}: {ways}" if ways else who, dict(style="B", size=TABLE)))
    for link in step.get("links") or []:
        extra = "".join(f" ({link[key]})" for key in ("url", "note") if link.get(key))
        lines.append((f"{link.get('text', '')}{extra}", dict(size=TABLE, colour=NAVY)))
    source = step.get("source")
    if source:
        heading = f" ({source['heading']})" if source.get("heading") else ""
        lines.append((f"From the guidance{heading}: “{source.get('text', '')}”", small))
    if step.get("added"):
        lines.append((f"Added by the toolkit: {step['added']}", small))
    return lines


def _step(pdf, number, step):
    """One routing step, kept on one page: the deadline on the left, who / what / how to reach them on the right."""
    left, indent, lines = pdf.l_margin, pdf.l_margin + 42, _step_lines(step)
    pdf.set_left_margin(indent)
    pdf.set_x(indent)
    pdf.need(sum(pdf.para(text, dry=True, **options) for text, options in lines) + 5)
    top, page = pdf.get_y(), pdf.page_no()
    pdf.set_x(left)
    pdf.para(f"{number}.  {step.get('deadline_label') or step.get('deadline', '')}", size=9, style="B",
             colour=DEADLINE_COLOURS.get(step.get("deadline"), NAVY), width=40)
    label_bottom = pdf.get_y()
    pdf.set_y(top)
    for text, options in lines:
        pdf.para(text, **options)
    pdf.set_left_margin(left)
    pdf.set_y(max(pdf.get_y(), label_bottom) if pdf.page_no() == page else pdf.get_y())
    pdf.rule()


def _routing(pdf, routing):
    pdf.subheading("What to do now")
    hours = "out of hours" if routing.get("out_of_hours") else "office hours"
    pdf.small(f"Worked out for {_when(routing.get('now', ''))} ({hours}) at level of risk: "
              f"{_level(routing.get('level'))}. Check the steps against your own agency's procedures.")
    pdf.rule()
    for number, step in enumerate(routing.get("steps") or [], 1):
        _step(pdf, number, step)


def _conversion(pdf, conversion):
    pdf.heading("Carried over from the earlier form (please review)")
    source = conversion.get("from", {})
    pdf.para(f"This record was converted on {_when(conversion.get('converted', ''))} from form "
             f"{source.get('form', '?')} version {source.get('version', '?')} (record {source.get('record_id', '?')}). "
             "These answers have no matching question on this form; please review them and move what matters into "
             "the sections above." + ("" if conversion.get("reviewed") else " Not yet reviewed."))
    pdf.ln(2)
    rows = [(str(entry.get("label") or entry.get("item", "")), str(entry.get("answer", "")), None)
            for entry in conversion.get("unmapped") or [] if isinstance(entry, dict)]
    _answers_block(pdf, rows or [("Answers carried over", "None", MISSING_STYLE)])


def _title(pdf, form, record):
    pdf.para(form.title, size=16, style="B", colour=NAVY, height=7.5)
    pdf.ln(1)
    published = f", {form.definition['published']}" if form.definition.get("published") else ""
    pdf.small(f"Version {form.version}{published}   ·   record created {_when(record.get('created', ''))}")
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
    if pdf.page_no() == 1:
        pdf.add_page()
    if any(item.raw.get("added") for item in form.items.values()):
        pdf.small("† The toolkit asks this; the paper form does not print it.")
        pdf.ln(1)
    for section in form.sections:
        _section(pdf, form, section, answers)
    if record.get("conversion"):
        _conversion(pdf, record["conversion"])
    return bytes(pdf.output())
