"""The PDF's page furniture and type: A4, DejaVu Sans, the OFFICIAL-SENSITIVE marking top and bottom of every page,
the footer (page n of N, form and version, generation time, record id), text fpdf2 can draw, and how a moment is
written. cre.pdf lays the assessment out on it.
"""

from datetime import datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from .pdf_glyphs import GAP, drawable, is_silent

FONTS = Path(__file__).parent / "data" / "fonts"
FONT, MARGIN = "DejaVu", 18  # margin: mm, left and right
MARKING, DOC_TITLE = "OFFICIAL-SENSITIVE", "CRE Risk Assessment"
BODY, TABLE, SMALL = 9.5, 8.8, 7.5  # font sizes, pt
LINE, CELL_LINE, SMALL_LINE = 4.8, 4.1, 3.5  # line heights, mm
NAVY, GREY, RULE, SHADE = (0, 48, 87), (105, 105, 105), (170, 178, 189), (230, 236, 243)
LEVEL_COLOURS = {"high": (170, 0, 0), "medium": (150, 80, 0), "low": (0, 95, 55)}
DEADLINE_COLOURS = {"immediately": (170, 0, 0), "within_24_hours": (150, 80, 0)}
NOT_ANSWERED = "Not answered"

LABEL_STYLE = FontFace(emphasis="BOLD", fill_color=SHADE)
HEAD_STYLE = FontFace(emphasis="BOLD", color=NAVY, fill_color=SHADE)
MISSING_STYLE = FontFace(emphasis="", color=GREY)
BOLD_STYLE = FontFace(emphasis="BOLD")


def when(value):
    """A moment as "22 November 2026, 10:00 UTC" (from ISO 8601); anything else as given."""
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return str(value)
    offset = moment.utcoffset()
    zone = "" if offset is None else " UTC" if not offset else f" (UTC{moment:%z})"
    return f"{moment.day} {moment:%B %Y}, {moment:%H:%M}{zone}"


class Document(FPDF):
    """A4 portrait, the protective marking and footer on every page, and the text helpers the blocks use."""

    def __init__(self, form, record_id, generated):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.footer_form = f"{form.title}, version {form.paper_version}"
        self.footer_meta = f"Generated {generated}   ·   Record {record_id}"
        self.set_margins(MARGIN, 17, MARGIN)
        self.set_auto_page_break(True, margin=26)
        self.add_font(FONT, "", FONTS / "DejaVuSans.ttf")
        self.add_font(FONT, "B", FONTS / "DejaVuSans-Bold.ttf")
        self.glyphs = drawable()
        self.carried = frozenset()  # the ids of the answers marked ‡ (cre.pdf_review)
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
        """Text fpdf2 can draw: no control characters; each run of characters the fonts lack printed as […]
        (cre.pdf_glyphs; page 1 says the record file holds them as typed)."""
        text = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
        text = text.replace(self.str_alias_nb_pages, "{\u200b" + self.str_alias_nb_pages[1:])  # a literal {nb}
        if not set(text) - self.glyphs - {"\n"}:
            return text
        out = []
        for char in text:
            if char in self.glyphs or char == "\n":
                out.append(char)
            elif not is_silent(char) and not (out and out[-1] is GAP):
                out.append(GAP)
        return "".join(out)

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
