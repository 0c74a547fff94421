"""The PDF of a review: what changed since the assessment it reviews, after "What to do now" (which stays on page 1),
and the ‡ on answers carried over and not yet confirmed."""

import io
import re

import pytest
from pypdf import PdfReader

from cre.assessment import assess
from cre.pdf import render_pdf
from cre.records import reviewed
from cre.review import changes, confirm, detail_lines, snapshot, start_review
from tests_support import complete_record

NOW = "2026-11-30T10:00"
TITLE = "Changes since the assessment of 23 November 2026"
KEY = "‡ Carried over from the assessment of 23 November 2026, not yet confirmed."
INDICATOR_LINES = [
    "CCE 2, lowered (High → Medium): Regularly missing from home, care, or education – e.g., responsible adult has "
    "no understanding of where the child is or who they are with.",
    "CSE 11, newly rated (Low): Getting into cars with adult(s) or peers who may exploit them and associating with "
    "peers or a vulnerable adult with a known risk of exploitation",
]


def pages_text(pdf_bytes):
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf_bytes)).pages]


def squashed(text):
    """Text with all whitespace removed, so words wrapped across lines still match."""
    return re.sub(r"\s+", "", text)


def rendered(record):
    result = assess(record, now=NOW)
    return pages_text(render_pdf(record, suggestion=result["validation"]["suggestion"], routing=result["routing"]))


def a_review():
    """A review of the complete form-000 record: CCE 2 lowered to Medium and CSE 11 newly rated Low, both
    confirmed; the other answers carried over are not."""
    record = start_review(complete_record("complete-000"), now=NOW + ":00Z")
    record["answers"].update({"cce02": "medium", "cse11": "low"})
    return confirm(record, ["cce02", "cse11"])


@pytest.fixture(scope="module")
def review_pages():
    return rendered(a_review())


def between(text, first, then):
    return text[text.index(first):text.index(then, text.index(first))]


def test_the_changes_follow_what_to_do_now_which_stays_on_page_one(review_pages):
    first, every = squashed(review_pages[0]), squashed("".join(review_pages))
    assert first.index("Summary") < first.index("Whattodonow")
    title = every.index(squashed(TITLE))
    assert every.index("Whattodonow") < title < every.index(squashed(KEY), title)
    assert every.count(squashed(TITLE)) == 1


def test_the_changes_say_the_summary_then_each_group(review_pages):
    every = "".join(review_pages)
    section = between(every, TITLE, KEY)
    found = changes(reviewed(a_review()), snapshot(a_review()))
    assert found["title"] == TITLE
    assert found["summary"] == ["The overall level of risk fell from High to Medium.",
                                "The level now is the one the indicators suggest: no judgement is recorded yet.",
                                "1 indicator newly rated; 1 indicator lowered."]
    assert dict(detail_lines(found))["Indicators"] == INDICATOR_LINES
    expected = [*found["summary"], *(part for heading, lines in detail_lines(found) for part in (heading, *lines))]
    flat = squashed(section)
    positions = [flat.find(squashed(text)) for text in expected]
    assert -1 not in positions and positions == sorted(positions)
    assert len(re.findall(r"•\s*(?:CCE|CSE) \d+,", section)) == 2  # those two indicators, no other


def test_answers_carried_and_not_confirmed_are_marked(review_pages):
    text = "\n".join(review_pages)
    flat = squashed(text)
    assert squashed(KEY) in squashed(review_pages[0])  # under the summary's marked name, age and local authority
    assert flat.index(squashed(KEY), flat.index("Whattodonow")) < flat.index("1.Whatareyouworried")
    assert "ZofiaWójcik‡" in squashed(between(text, "1.  What are you worried", "2.  Cultural"))
    assert "people‡" in squashed(between(text, "2.  Cultural", "3.  Risk Assessment"))
    cce = squashed(between(text, "Indicators of CCE", "Not rated"))
    assert "‡" not in cce[:cce.index("Carryingweapons")]  # CCE 2: confirmed
    assert cce[cce.index("Carryingweapons"):].endswith("Medium‡")  # CCE 9: carried
    cse = squashed(between(text, "Indicators of CSE", "Not rated"))
    assert cse.count("Low‡") == 1 and cse.index("Low‡") < cse.index("Gettingintocars")  # CSE 5, not CSE 11


def test_a_record_that_is_not_a_review_has_no_changes_and_no_marks():
    text = squashed("\n".join(rendered(complete_record("complete-000"))))
    assert "Changessince" not in text and "‡" not in text and "Carriedover" not in text


@pytest.mark.parametrize("broken", [{"of": None}, {"of": {}}, {"carried": "cce09"}])
def test_a_review_field_of_the_wrong_shape_does_not_stop_the_pdf(broken):
    record = a_review()
    record["review"].update(broken)
    assert render_pdf(record).startswith(b"%PDF")
