"""A journey that looks for the child's name everywhere it must not be: a practitioner types a name no page would
ever hold otherwise, saves the draft, checks the answers and downloads the JSON and the PDF. The name is on the
page and in the files, where it belongs; it is in no console message or page error, not in the title, any URL asked
for, a file name, Web Storage, a cookie or the history's state. (The drafts' IndexedDB and caches are checked by
the drafts journeys.) The page fixture checks that nothing was sent anywhere.
"""

import json
from pathlib import Path

from playwright.sync_api import expect

from e2e_support import CHECK_TIMEOUT_MS, PYTHON_TIMEOUT_MS, answer, open_form, open_screen, saved

CANARY = "Zephyrine Quillfeather-Oduya"
PARTS = [CANARY, "Zephyrine", "Quillfeather", "Oduya"]
WEB_STORAGE = """() => [localStorage, sessionStorage].flatMap((storage) =>
  Object.keys(storage).map((key) => `${key}=${storage.getItem(key)}`))"""


def leaks(texts):
    return [text for text in texts if any(part.lower() in str(text).lower() for part in PARTS)]


def test_journey_the_childs_name_goes_only_where_it_belongs(page, server):
    open_form(page, server)
    answer(page, "#child_name", CANARY)
    answer(page, "#age", "13")
    answer(page, "#why_at_risk", f"{CANARY} has been seen with older youths near the station.")
    answer(page, "#cce02-high")
    saved(page)
    open_screen(page, "check")
    expect(page.locator("#cre-review")).to_contain_text(CANARY)  # on the page, where the practitioner needs it

    with page.expect_download(timeout=CHECK_TIMEOUT_MS) as json_download:
        page.click("#cre-download-json")
    record = json.loads(Path(json_download.value.path()).read_text(encoding="utf-8"))
    assert record["answers"]["child_name"] == CANARY
    with page.expect_download(timeout=PYTHON_TIMEOUT_MS) as pdf_download:
        page.click("#cre-download-pdf")
    assert Path(pdf_download.value.path()).read_bytes().startswith(b"%PDF")
    names = [json_download.value.suggested_filename, pdf_download.value.suggested_filename]
    assert names[0].startswith("CRE-ZQO-") and leaks(names) == [], names

    assert leaks(page.console_messages) == [], "the name was written to the console"
    assert leaks(page.errors) == []
    assert leaks([page.title(), page.url]) == []
    assert leaks(page.egress.requests) == [], "the name was in a URL the page asked for"
    assert leaks(page.evaluate(WEB_STORAGE)) == [], "the name was put in localStorage or sessionStorage"
    assert leaks([json.dumps(page.evaluate("() => history.state"))]) == []
    assert page.context.cookies() == []
