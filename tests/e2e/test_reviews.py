"""Journeys with reviews (cre.review on the page: cre.browser.reviews), each at a desktop's 1280x800 and a phone's
390x844, axe on every screen a journey arrives at (journey_support.Journey).

The main journey: a complete assessment opened from its record file becomes a draft; its row's "Start a review"
makes a review of it (stored as a new encrypted draft) and opens it at the first section, every answer carried over
marked; two indicators are changed (their marks go); the result screen and check your answers say what changed (the
same lines as `cre diff --text` and the PDF); the rule's problem leads to the first screen with carried answers and
goes once each screen's are confirmed; a Review by date; the PDF and the JSON; `cre review` of the same file gives
the same review; the drafts list says when it is to be reviewed by.
"""

import json
import sys
from datetime import date, timedelta
from pathlib import Path

from e2e_support import CHECK_TIMEOUT_MS, draft_button, open_screen
from journey_support import Journey, cre, download, fill_date, open_record_file, pdf_text
from playwright.sync_api import expect

from cre.answer_text import long_date
from cre.records import new_record

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
from tests_support import complete_record  # noqa: E402 - the one complete record the CPython tests share

ASSESSED = "23 November 2026"  # complete-000's date of completion
CARRIED = f"Carried over from the assessment of {ASSESSED}, not yet confirmed"
CHANGED = {"cce02": "medium", "cse11": "low"}  # CCE 2 was High; CSE 11 was not rated
INDICATOR_LINES = ("CCE 2, lowered (High → Medium)", "CSE 11, newly rated (Low)")
LEVEL_LINES = ["Child criminal exploitation (CCE): High → Medium", "Overall: High → Medium"]
SECTIONS = ("section-s1", "section-s2", "section-s3")  # the screens holding carried answers


def group_lines(page, panel, heading):
    """The lines of one group of a What changed panel (its h3 and the list after it)."""
    return page.locator(f"#{panel} h3", has_text=heading).locator("xpath=following-sibling::ul[1]/li").all_inner_texts()


def marked_items(page):
    """The ids of the answers the page marks as carried over, on every screen."""
    return page.locator("#cre-form .cre-carried").evaluate_all("nodes => nodes.map(node => node.dataset.item)")


def test_journey_review_an_assessment_from_its_row_to_the_pdf(sized_page, server, axe, tmp_path):
    page = sized_page
    journey = Journey(page, "review-an-assessment", axe)
    original = tmp_path / "original.json"
    open_record_file(page, server + "form.html", complete_record("complete-000"), original, "Record opened.")
    open_screen(page, "result")
    journey.arrive("result", label="result-not-a-review")
    expect(page.locator("#cre-changes-result")).to_be_hidden()  # not a review: no What changed
    expect(page.locator("#cre-form .cre-carried")).to_have_count(0)

    # Start a review from the assessment's row.
    open_screen(page, "start")
    journey.arrive("start")
    row = page.locator("#cre-drafts li.cre-draft", has_text="ZW ·")
    expect(row).to_have_count(1)
    row.scroll_into_view_if_needed()
    journey.shot_viewport("drafts-list-start-a-review")
    draft_button(page, "Start a review", row=row).click()
    journey.arrive("section-s1", label="review-started")
    expect(page.locator("#cre-status")).to_have_text(
        f"You started a review of the assessment of {ASSESSED}. The answers carried over from it are marked: "
        "confirm or change each.")
    expect(page.locator("#item-child_name .cre-carried")).to_have_text(CARRIED)
    expect(page.locator("#child_name")).to_have_value("Zofia Wójcik")
    expect(page.locator("#section-s1-carried button")).to_have_text("Confirm the answers carried over on this screen")
    journey.shot_viewport("carried-marks")
    marked = marked_items(page)
    assert {"child_name", "age", "f02", "cce02", "cce09", "cse05"} <= set(marked), marked
    expect(page.locator("#cre-drafts li.cre-draft")).to_have_count(2)
    expect(page.locator("#cre-drafts li.cre-draft", has_text=f"A review of the assessment of {ASSESSED}")) \
        .to_have_count(1)

    # Two indicators changed: their marks go, the others stay.
    open_screen(page, "section-s3")
    journey.arrive("section-s3", label="carried-indicators")
    expect(page.locator("#item-cce02 .cre-carried")).to_have_text(CARRIED)
    for item, level in CHANGED.items():
        page.check(f"#{item}-{level}")
    expect(page.locator("#item-cce02 .cre-carried")).to_have_count(0)
    expect(page.locator("#item-cce09 .cre-carried")).to_have_text(CARRIED)
    expect(page.locator("#section-s3-carried")).to_contain_text("2 answers on this screen are carried over")

    # What changed: on the result screen, the summary first, then exactly those two indicators.
    open_screen(page, "result")
    panel = page.locator("#cre-changes-result")
    expect(panel.locator("h2")).to_have_text(f"Changes since the assessment of {ASSESSED}")
    expect(panel.locator("p").first).to_have_text("The overall level of risk fell from High to Medium.")
    journey.arrive("result", label="result-what-changed")
    panel.scroll_into_view_if_needed()
    journey.shot_viewport("what-changed")
    page_lines = group_lines(page, "cre-changes-result", "Indicators")
    assert [line.split(":")[0] for line in page_lines] == list(INDICATOR_LINES), page_lines
    assert group_lines(page, "cre-changes-result", "Level of risk") == LEVEL_LINES
    expect(page.locator("#cre-judgement")).to_contain_text(
        f"At the assessment of {ASSESSED}: Child criminal exploitation (CCE): High; Child sexual exploitation "
        "(CSE): Low; overall High")

    # Check your answers: the same panel, and the rule's problem, whose link leads to the first carried answers.
    open_screen(page, "check")
    journey.arrive("check", label="check-carried-to-confirm")
    assert group_lines(page, "cre-changes-check", "Indicators") == page_lines
    problem = page.locator("#cre-error-summary a", has_text="answers carried over from the assessment")
    expect(problem).to_have_text(f"Check the 9 answers carried over from the assessment of {ASSESSED}: confirm or "
                                 "change each")
    problem.click()
    journey.arrive("section-s1", label="first-carried-screen")
    for screen in SECTIONS:
        if page.evaluate("() => document.body.dataset.screen") != screen:
            open_screen(page, screen)
        page.locator(f"#{screen}-carried button").click()
        expect(page.locator(f"#{screen}-carried")).to_be_hidden()
        expect(page.locator(f"#{screen}-title")).to_be_focused()
        expect(page.locator(f"#{screen} .cre-carried")).to_have_count(0)
    expect(page.locator("#cre-status")).to_have_text("The answers carried over on this screen are confirmed.")

    # Section 4: the previous levels beside the judgement, and when the review itself is to be reviewed.
    open_screen(page, "section-s4")
    journey.arrive("section-s4", label="judgement-and-review-by")
    previous = page.locator("#item-exploitation_levels .cre-previous")
    expect(previous).to_contain_text(f"At the assessment of {ASSESSED}")
    previous.scroll_into_view_if_needed()
    journey.shot_viewport("previous-levels")
    review_by = date.today() + timedelta(days=7)
    fill_date(page, "review_by", review_by.day, review_by.month, review_by.year)

    open_screen(page, "check")
    journey.arrive("check", label="check-confirmed")
    expect(page.locator("#cre-error-summary")).not_to_contain_text("carried over")
    pdf = download(page, "#cre-download-pdf", tmp_path)
    expect(page.locator("#cre-downloads-status")).to_contain_text("The PDF was downloaded", timeout=CHECK_TIMEOUT_MS)
    saved = download(page, "#cre-download-json", tmp_path)
    text = pdf_text(pdf)
    assert f"Changes since the assessment of {ASSESSED}" in text
    assert all(line in text for line in INDICATOR_LINES), text

    # The CLI says the same: cre diff lists the same indicator changes, cre review makes the same review.
    made = json.loads(saved.read_text(encoding="utf-8"))
    found = json.loads(cre("diff", original, saved))
    assert [row["item"] for row in found["indicators"]] == list(CHANGED)
    diff_text = cre("diff", original, saved, "--text")
    assert all(f"  {line}" in diff_text.splitlines() for line in page_lines), diff_text
    again = json.loads(cre("review", original))
    assert again["review"]["of"] == made["review"]["of"]
    assert again["review"]["before"] == made["review"]["before"]
    assert set(again["review"]["carried"]) == set(marked)
    assert made["review"]["carried"] == []
    for item in set(marked) - set(CHANGED):
        assert again["answers"][item] == made["answers"][item], item
    assert made["answers"]["review_by"] == review_by.isoformat()

    # The start screen: the review, with its date to be reviewed by, listed first.
    open_screen(page, "start")
    journey.arrive("start", label="start-review-by")
    first = page.locator("#cre-drafts li.cre-draft").first
    expect(first).to_contain_text(f"Review by {long_date(review_by)} (due soon)")
    expect(first).to_contain_text(f"A review of the assessment of {ASSESSED}")
    journey.done()


def test_journey_review_an_earlier_form_record_from_its_row(sized_page, server, axe, tmp_path):
    """An earlier-form record file opens as a (converted) draft; with another assessment open, its row's Start a
    review reads it from the drafts and reviews it on the current form."""
    page = sized_page
    journey = Journey(page, "review-an-earlier-form-record", axe)
    earlier = new_record("cre-ra-legacy")
    earlier["answers"] = {"child_name": "Ольга Іваненко", "ind02": {"cce": True, "level": "high"}}
    assessed = long_date(date.fromisoformat(earlier["updated"][:10]))  # no date of completion: the day it changed
    open_record_file(page, server + "form.html", earlier, tmp_path / "earlier.json", "converted from the earlier form")
    open_screen(page, "start")
    page.click("#cre-new")  # another assessment on the page: the record's draft is no longer the open one
    journey.arrive("section-s1", label="new-assessment")
    open_screen(page, "start")
    row = page.locator("#cre-drafts li.cre-draft", has_text="ОІ ·")
    expect(row).not_to_contain_text("(open now)")
    draft_button(page, "Start a review", row=row).click()
    journey.arrive("section-s1", label="review-started")
    expect(page.locator("#cre-status")).to_contain_text(f"You started a review of the assessment of {assessed}.")
    expect(page.locator("#child_name")).to_have_value("Ольга Іваненко")
    expect(page.locator("#item-child_name .cre-carried")).to_have_text(
        f"Carried over from the assessment of {assessed}, not yet confirmed")
    expect(page.locator("#item-cce02 .cre-carried")).to_have_count(1)
    expect(page.locator("#cce02-high")).to_be_checked()

    # Nothing changed yet: the panel says so. Changing the name confirms it; the screen's button confirms the rest.
    open_screen(page, "check")
    journey.arrive("check", label="check-nothing-changed")
    expect(page.locator("#cre-changes-check")).to_contain_text("No indicator or factor changed.")
    open_screen(page, "section-s1")
    page.fill("#child_name", "Ольга Іваненко-Коваль")
    expect(page.locator("#item-child_name .cre-carried")).to_have_count(0)
    expect(page.locator("#section-s1-carried")).to_be_hidden()  # the name was the one carried answer here
    expect(page.locator("#cre-drafts li.cre-draft")).to_have_count(2)  # the empty new assessment is not kept
    journey.done()
