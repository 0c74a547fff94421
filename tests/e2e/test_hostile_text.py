"""Journeys with hostile text in every text field of both form pages: markup and script that would run if the page
ever put a record's text in as HTML, a right-to-left override, zero-width characters, and 100,000 characters in one
answer. Nothing runs (no dialog, no element made from the text) on check your answers, which shows the text as
typed, nor on any section's screen; and the downloads keep it: the JSON exactly, the PDF as printed text. And
hostile record files are refused with their reason, leaving the open draft and the page's Python as they were.
"""

import io
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from cre.definitions import get_form
from cre.record_schema import DATE_PART_MAX, DATE_PARTS
from cre.records import new_record
from e2e_support import (CHECK_TIMEOUT_MS, PYTHON_TIMEOUT_MS, answer, check_accessibility, click, open_screen, ready,
                         saved_draft, show)
from fault_rows import fault_row

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(2)</script>",
    "\"'><svg onload=alert(3)>",
    "\u202eRTL override: gpj.exe\u202c",
    "zero\u200bwidth\u200djoiner",
    "<iframe srcdoc='<script>parent.alert(4)</script>'></iframe>",
]
LONG = ("<img src=x onerror=alert(5)> " * 4000)[:100_000]  # 100,000 characters, the most an answer may hold
FORMS = {"form.html": "dd-cre-2022", "form-earlier.html": "cre-ra-legacy"}
CHECK_MS = CHECK_TIMEOUT_MS  # Python checks some 50 answers, one of 100,000 characters: slow on a loaded machine
DATE_BOXES = tuple(f".{part}" for part in DATE_PARTS)
TEXT_FIELDS = "#cre-form input[type=text], #cre-form textarea"
INJECTED = "img[src=x], img[onerror], svg[onload], iframe[srcdoc], script:not([src])"
# Sets a field's value as typing would leave it, and tells the page (an input event), much faster than typing.
SET_VALUE = """(field, value) => {
  field.value = value;
  field.dispatchEvent(new Event("input", { bubbles: true }));
}"""


def ask_every_question(page, form_id):
    """Answer each question that another depends on so that every text field is asked (and checked, and printed)."""
    form = get_form(form_id)
    for item in form.items.values():
        condition = item.raw.get("show_if")
        if condition:
            answer(page, f"#{condition['item']}-{condition['in'][0]}")


def fill_every_text_field(page):
    """A different hostile string in each text field (the first typed with fill, the rest set; in a date's box no
    more than a draft keeps), and LONG in the first textarea. Returns {field name: text}."""
    fields = page.locator(TEXT_FIELDS)
    names = fields.evaluate_all("fields => fields.map(f => f.name)")
    long_name = page.locator("#cre-form textarea").first.get_attribute("name")
    typed = {}
    for number, name in enumerate(names):
        text = LONG if name == long_name else f"{number}: {HOSTILE[number % len(HOSTILE)]}"
        if name.endswith(DATE_BOXES):  # a date's box keeps at most DATE_PART_MAX characters as typed
            text = text[:DATE_PART_MAX]
        field = page.locator(f'#cre-form [name="{name}"]')
        if number == 0:
            show(page, field).fill(text)
        else:
            field.evaluate(SET_VALUE, text)
        typed[name] = text
    return typed


def recorded(record, name):
    """The record's answer for a field name: child_name, f02.commentary (a factor's), or immediate_actions.0.action
    (a table's cell)."""
    value = record["answers"]
    for part in name.split("."):
        if isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        elif isinstance(value, dict):
            value = value.get(part)
        else:
            return None
    return value


def nothing_injected(page):
    """No element was made from the text, in the page or any frame in it."""
    for frame in page.frames:
        found = frame.locator(INJECTED).evaluate_all("nodes => nodes.map(n => n.outerHTML.slice(0, 80))")
        assert found == [], f"elements made from typed text in {frame.url}: {found}"


def squashed(text):
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("form_page", FORMS)
def test_journey_hostile_text_in_every_field_is_only_ever_text(page, server, axe, tmp_path, form_page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(server + form_page)
    ready(page)
    ask_every_question(page, FORMS[form_page])
    typed = fill_every_text_field(page)
    tried = len(typed)
    assert tried >= 19, f"only {tried} text fields on {form_page}"
    age = next((name for name in typed if name == "age"), None)

    open_screen(page, "check")
    review = page.locator("#cre-review")
    expect(review).to_be_visible(timeout=CHECK_MS)
    last = next(text for name, text in reversed(typed.items()) if name != age and text != LONG)
    expect(review.locator(".cre-output")).to_contain_text(last, timeout=CHECK_MS)  # the check of every answer ran
    shown = review.locator(".cre-output").text_content()
    missing = [name for name, text in typed.items() if name != age and text not in shown]
    assert missing == [], f"check your answers does not show these as typed: {missing}"
    if age:  # a text box for a number: an error in words, also in the summary above check your answers (the
        # words no longer quote what was typed: GOV.UK's "Enter … as a number"; any quote would be text, see below)
        expect(page.locator("#age-error")).to_have_text(re.compile(r"\S"), timeout=CHECK_MS)
        expect(page.locator("#cre-error-summary a[href='#item-age']")).to_have_count(1)
    nothing_injected(page)
    assert dialogs == [], f"a script ran: {dialogs}"
    assert page.title().startswith("CRE Risk Assessment")
    check_accessibility(page, axe)  # check your answers, every hostile text in it
    for screen in page.locator("#cre-form .cre-screen").evaluate_all("screens => screens.map(s => s.id)"):
        open_screen(page, screen)  # each section, every field holding its hostile text (and the age's error)
        nothing_injected(page)
        check_accessibility(page, axe)

    if age:
        answer(page, "#age", "14")  # else the record cannot be downloaded: it has an answer of the wrong kind
        typed.pop(age)
        expect(page.locator("#age-error")).to_be_hidden(timeout=CHECK_MS)
    with page.expect_download(timeout=CHECK_MS) as json_download:
        click(page, "#cre-download-json")
    record = json.loads(Path(json_download.value.path()).read_text(encoding="utf-8"))
    changed = [name for name, text in typed.items() if recorded(record, name) != text]
    assert changed == [], f"the JSON does not hold these exactly as typed: {changed}"

    with page.expect_download(timeout=PYTHON_TIMEOUT_MS) as pdf_download:
        page.click("#cre-download-pdf")
    pdf = PdfReader(io.BytesIO(Path(pdf_download.value.path()).read_bytes()))
    printed = squashed(" ".join(p.extract_text() for p in pdf.pages).replace("{\u200bnb}", "{nb}"))
    unprinted = [name for name, text in typed.items() if text != LONG and squashed(text) not in printed]
    assert unprinted == [], f"the PDF does not print these as typed: {unprinted}"
    # the long answer runs over many pages: the page furniture may split one occurrence at each page break
    occurrences = LONG.count("<img src=x onerror=alert(5)>")
    assert occurrences - len(pdf.pages) <= printed.count("<imgsrc=xonerror=alert(5)>") <= occurrences

    nothing_injected(page)
    assert dialogs == [], f"a script ran: {dialogs}"
    # where a record's text never goes: the title, the address, the console, the downloads' names (not a date's box,
    # whose few digits could be anything)
    elsewhere = "\n".join([page.title(), page.url, *page.console_messages, *page.errors,
                           json_download.value.suggested_filename, pdf_download.value.suggested_filename])
    leaked = [name for name, text in typed.items() if not name.endswith(DATE_BOXES) and text in elsewhere]
    assert leaked == [], f"typed text found where it never belongs: {leaked}"
    fault_row(f"hostile-text-{FORMS[form_page]}", inputs_tried=tried, plaintext_found=len(leaked))


def hostile_files(tmp_path):
    """(file, what the refusal says): record files a practitioner might be sent, each refused before any rule."""
    polluting = new_record("dd-cre-2022")
    text = json.dumps(polluting)[:-1] + ', "answers": {"__proto__": {"polluted": true}}}'
    misplaced = new_record("dd-cre-2022")
    misplaced["answers"] = {"child_name": "Ann", "age": "<img src=x onerror=alert(6)>"}
    files = [
        (text, 'the file has a key named "__proto__", which no record has and which would be dangerous to hand to '
               "the page's JavaScript"),
        (json.dumps(misplaced), "it does not match its form: the answer to “Age:” is not the right kind of answer "
                                "(at $.answers.age)"),
        # 10,000 brackets once stopped the page's Python for good (a fatal stack overflow in Pyodide, in Chromium)
        ("[" * 30_000 + "]" * 30_000, "the file nests deeper than 64 levels; records never do"),
    ]
    paths = []
    for number, (content, says) in enumerate(files):
        path = tmp_path / f"record-{number}.json"
        path.write_text(content, encoding="utf-8")
        paths.append((path, says))
    return paths


def test_journey_hostile_record_files_are_refused_and_the_open_draft_stays(page, server, tmp_path):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    saved_draft(page, server, {"#child_name": "Anna Nowak"})
    tried = 0
    for path, says in hostile_files(tmp_path):
        show(page, "#cre-import").set_input_files(str(path))
        tried += 1
        expect(page.locator("#cre-status")).to_have_text(
            f"That file cannot be opened: {says}. Your open draft is unchanged.")
        expect(page.locator("#child_name")).to_have_value("Anna Nowak")
    lost = int(page.input_value("#child_name") != "Anna Nowak") + abs(
        page.locator("#cre-drafts li.cre-draft").count() - 1)  # the open draft, and no other in its place
    assert page.evaluate("() => ({}).polluted") is None
    answer(page, "#why_at_risk", "Still checked after the refusals.")  # the page's Python is alive and well
    open_screen(page, "check")
    expect(page.locator("#cre-review")).to_contain_text("Still checked after the refusals.", timeout=CHECK_MS)
    assert page.locator(".py-error").count() == 0
    nothing_injected(page)
    assert dialogs == []
    fault_row("hostile-files", inputs_tried=tried, records_lost=lost)
