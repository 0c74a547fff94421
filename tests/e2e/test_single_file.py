"""The form in one file (cre_build.single_file), opened as a practitioner would from a file share: a file:// path
whose folders have a space and a non-ASCII character, no server. Python starts, a draft is saved encrypted, the
JSON and PDF download, drafts survive a browser restart, "Finish and wipe" leaves other local pages' storage alone,
an earlier-form record opens converted, and with IndexedDB refused the form still works; the only request is for
the file itself, and no CSP is broken (conftest's watched_page checks both when each test ends)."""

import json
import shutil

import pytest
from playwright.sync_api import expect

from cre.records import new_record
from cre_build.single_file import TARGET
from e2e_support import (
    CHECK_TIMEOUT_MS,
    CHROMIUM,
    LAUNCH_ARGS,
    NO_INDEXEDDB,
    PYTHON_TIMEOUT_MS,
    SITE_DIR,
    answer,
    check_accessibility,
    click,
    confirm,
    continue_draft,
    open_screen,
    ready,
    saved,
    set_passphrase,
    show,
    unlock,
)
from egress import Watch
from test_form_journeys import pdf_text, validate

SINGLE = SITE_DIR / TARGET
NAME = "Zoë Brennan"
OTHER_PAGE_DATABASE = """() => new Promise((resolve, reject) => {
  const request = indexedDB.open("another local page");
  request.onsuccess = () => { request.result.close(); resolve(); };
  request.onerror = () => reject(request.error);
})"""


@pytest.fixture
def single_file(tmp_path):
    """A copy of the single file on its own, in folders named as on a council's share: its path."""
    if not SINGLE.is_file():
        pytest.fail(f"{SINGLE} is missing: run `python -m cre_build.app SITE` (or `make build`) first")
    share = tmp_path / "Shared drive" / "Safeguarding – Éducation" / "CRE forms"
    share.mkdir(parents=True)
    target = share / SINGLE.name
    shutil.copyfile(SINGLE, target)
    return target


def only_the_file(page, url):
    """Every request the page made was for the file itself (the blob: and data: it makes are not requests out)."""
    others = [u for u in page.egress.requests if u != url and not u.startswith(("blob:", "data:"))]
    assert not others, f"requests other than the file: {others}"


def test_journey_single_file_from_a_share_saves_and_downloads_json(page, single_file, axe, tmp_path):
    url = single_file.as_uri()
    page.goto(url)
    ready(page)
    check_accessibility(page, axe)  # the start screen
    answer(page, "#child_name", NAME)
    set_passphrase(page)
    saved(page)
    check_accessibility(page, axe)
    # Every file:// page shares IndexedDB: the drafts are in a database named for the toolkit and form version,
    # and PyScript's cache is named under the file's own folder (its "@pyscript.fs" is PyScript's, shared by name).
    names = page.evaluate("async () => (await indexedDB.databases()).map((info) => info.name)")
    assert "cre-toolkit-drafts:dd-cre-2022:2.1" in names and "cre-drafts" not in names, names
    folder = "IDBMap/" + url.rsplit("/", 1)[0] + "/"
    assert all(name.startswith(("cre-toolkit-drafts:", folder, "IDBMap/@pyscript.fs")) for name in names), names
    open_screen(page, "check")
    check_accessibility(page, axe)  # check your answers
    with page.expect_download(timeout=CHECK_TIMEOUT_MS) as download:
        page.click("#cre-download-json")
    target = tmp_path / download.value.suggested_filename
    download.value.save_as(target)
    record = json.loads(target.read_text(encoding="utf-8"))
    assert record["answers"]["child_name"] == NAME
    assert validate(target)["status"] in ("draft-valid", "draft-invalid", "complete")  # the CLI reads it

    # "Finish and wipe" from a file deletes this file's databases only: another local page's stays.
    page.evaluate(OTHER_PAGE_DATABASE)
    open_screen(page, "start")
    page.locator("#start details summary", has_text="Finished on this computer?").click()
    click(page, "#cre-wipe")
    confirm(page, title="Finish and wipe this device?")
    expect(page.locator("#cre-wiped")).to_be_visible()
    names = page.evaluate("async () => (await indexedDB.databases()).map((info) => info.name)")
    assert "another local page" in names and "cre-toolkit-drafts:dd-cre-2022:2.1" not in names, names
    only_the_file(page, url)


def test_journey_single_file_drafts_survive_a_browser_restart_and_pdf(browser, single_file, axe, tmp_path):
    """Drafts live in the browser profile: closed and started again on the same profile, the draft is listed,
    unlocks and resumes, and the PDF downloads with the child's name in it."""
    url = single_file.as_uri()
    profile = tmp_path / "profile"

    def session():
        context = browser.browser_type.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, args=LAUNCH_ARGS,
            headless=True, accept_downloads=True, viewport={"width": 1280, "height": 900})
        context.set_default_timeout(10_000)
        watch = Watch(context, ("file://", "data:", "blob:"))
        context.route("**/*", watch.route)
        page = context.pages[0] if context.pages else context.new_page()
        page.egress = watch
        return context, page

    context, page = session()
    try:
        page.goto(url)
        ready(page)
        answer(page, "#child_name", NAME)
        set_passphrase(page)
        saved(page)
        only_the_file(page, url)
        watch = page.egress
    finally:
        context.close()
    assert not watch.problems(), watch.problems()

    context, page = session()
    try:
        page.goto(url)
        ready(page)
        expect(page.locator("#child_name")).to_have_value("")  # nothing shows before the passphrase
        unlock(page)
        draft = page.locator("#cre-drafts li.cre-draft")
        expect(draft).to_have_count(1)
        expect(draft.locator(".cre-draft__title")).to_contain_text("ZB · CRE Assessment (May 2022)")
        check_accessibility(page, axe)  # the start screen with the drafts list, after the restart
        continue_draft(page, row=draft)
        expect(page.locator("#child_name")).to_have_value(NAME)
        open_screen(page, "check")
        with page.expect_download(timeout=PYTHON_TIMEOUT_MS) as pdf:
            click(page, "#cre-download-pdf")
        expect(page.locator("#cre-status")).to_contain_text("The PDF was downloaded", timeout=CHECK_TIMEOUT_MS)
        assert NAME in pdf_text(pdf.value.path())
        only_the_file(page, url)
        watch = page.egress
    finally:
        context.close()
    assert not watch.problems(), watch.problems()


def test_journey_single_file_opens_an_earlier_form_record_converted(page, single_file, axe, tmp_path):
    """A record of the earlier form, from another computer, opens in the single file as the current form."""
    earlier = new_record("cre-ra-legacy")
    earlier["answers"] = {"child_name": "Ольга Іваненко", "ind02": {"cce": True, "level": "high"}}
    record = tmp_path / "earlier.json"
    record.write_text(json.dumps(earlier, ensure_ascii=False), encoding="utf-8")
    url = single_file.as_uri()
    page.goto(url)
    ready(page)
    set_passphrase(page)
    show(page, "#cre-import").set_input_files(str(record))
    expect(page.locator("#cre-status")).to_contain_text("converted from the earlier form")
    expect(page.locator("#child_name")).to_have_value("Ольга Іваненко")
    expect(page.locator("#cce02-high")).to_be_checked()
    expect(page.locator("#cre-drafts li.cre-draft")).to_have_count(1)  # kept as a draft, encrypted
    expect(page.locator("#cre-drafts")).not_to_contain_text("Ольга")
    check_accessibility(page, axe)
    only_the_file(page, url)


def test_journey_single_file_where_the_browser_refuses_indexeddb(page, single_file, axe, tmp_path):
    """Site data blocked: the file's own memory-idb.js stands in, the form still checks and downloads, and the
    page says drafts cannot be kept."""
    page.add_init_script(NO_INDEXEDDB)
    url = single_file.as_uri()
    page.goto(url)
    ready(page)
    warning = page.locator("#cre-storage-warning")
    expect(warning).to_contain_text("Drafts cannot be kept in this browser")
    answer(page, "#child_name", NAME)
    check_accessibility(page, axe)
    with page.expect_download(timeout=CHECK_TIMEOUT_MS) as download:
        warning.get_by_role("button", name="Download the record (JSON)").click()
    assert json.loads(download.value.path().read_text(encoding="utf-8"))["answers"]["child_name"] == NAME
    only_the_file(page, url)
