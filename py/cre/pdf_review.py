"""A review in the PDF (cre.review): what changed since the assessment it reviews, after "What to do now", and the ‡
that marks each answer carried over from that assessment and not yet confirmed (its key in cre.review_text's words).

The words are cre.review's, as the page and `cre diff --text` give them (the form's words and levels): nothing the
practitioner typed is quoted.
"""

from . import review, review_text
from .pdf_document import CELL_LINE, TABLE
from .records import reviewed
from .review import changes, detail_lines, snapshot

CARRIED = " ‡"
BULLET = 4.5  # mm from a bullet to its text


def carried(record):
    """The ids of the answers carried over from the reviewed assessment and not yet confirmed."""
    return frozenset(review.carried(record))


def carried_key(record):
    """The key to the ‡ marks (the page's words for its mark), or "" when no answer is marked."""
    return f"‡ {review_text.carried_note(record)}." if review.carried(record) else ""


def mark(pdf, item_id):
    """ " ‡" after an answer carried over and not yet confirmed (pdf.carried), else ""."""
    return CARRIED if item_id in pdf.carried else ""


def print_key(pdf, record):
    """The key to the ‡ marks, small and grey like the key to †."""
    key = carried_key(record)
    if key:
        pdf.small(key)
        pdf.ln(1)


def changes_section(pdf, record):
    """What changed since the reviewed assessment (nothing when the record is not a review): the title, the summary
    in plain words, then each group of details (cre.review.detail_lines) as a list under its heading."""
    found = _changes(record)
    if found is None:
        return
    pdf.subheading(found["title"])
    for number, sentence in enumerate(found["summary"]):
        pdf.para(sentence, style="" if number else "B")  # the first says how the overall level moved
    for heading, lines in detail_lines(found):
        pdf.ln(2)
        pdf.need(2 * CELL_LINE + 1)  # the heading with the first line at least
        pdf.label(heading)
        pdf.ln(0.5)
        for line in lines:
            _bullet(pdf, line)
    pdf.ln(2.5)


def _changes(record):
    """cre.review.changes for a review, else None."""
    try:
        before = reviewed(record)
        return None if before is None else changes(before, snapshot(record))
    except (AttributeError, KeyError, TypeError, ValueError):
        return None  # a `review` field of the wrong shape (the record fails its schema): the PDF is still made


def _bullet(pdf, text):
    """One line of a list, wrapped lines indented under its first word."""
    left = pdf.l_margin
    pdf.need(CELL_LINE)
    top = pdf.get_y()
    pdf.para("•", size=TABLE, height=CELL_LINE, width=BULLET)
    pdf.set_left_margin(left + BULLET)
    pdf.set_xy(left + BULLET, top)
    pdf.para(text, size=TABLE, height=CELL_LINE)
    pdf.set_left_margin(left)
