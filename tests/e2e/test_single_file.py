"""The form in one file (cre_build.single_file), opened as a practitioner would from a file share: a file:// path
whose folders have a space and a non-ASCII character, no server. Python starts, a draft is saved encrypted, the
JSON and PDF download, drafts survive a browser restart, "Finish and wipe" leaves other local pages' storage alone,
an earlier-form record opens converted, and with IndexedDB refused the form still works; the guidance the form
links to opens inside the file (its dialog, at the section named, Escape closing it), and the blank form beside it
opens; the only requests are for the file itself (and the blank form beside it), and no CSP is broken (conftest's
watched_page checks both when each test ends)."""

import json
import shutil

import pytest
from playwright.sync_api import expect

from cre.definitions import get_form
from cre.records import new_record
from cre_build.single_file import BLANK, NO_DIAGRAM, TARGET
from e2e_support import (CHECK_TIMEOUT_MS, CHROMIUM, LAUNCH_ARGS, NO_INDEXEDDB, PYTHON_TIMEOUT_MS, READY, SHOTS,
                         SITE_DIR, answer, check_accessibility, click, confirm, continue_draft, current_screen,
                         open_screen, ready, saved, set_passphrase, show, unlock)
from egress import Watch
from journey_support import (Journey, answer_section_1, answer_section_4, download, open_record_file, pdf_text,
                             press_continue, start_screen_ready, validate)

SINGLE = SITE_DIR / TARGET
# Named for the toolkit, the form and the partnership's version of it (a newer revision of the file opens the same).
FILE_DATABASE = f"cre-toolkit-drafts:dd-cre-2022:{get_form('dd-cre-2022').paper_version}"
NAME = "Zoë Brennan"
OTHER_PAGE_DATABASE = """() => new Promise((resolve, reject) => {
  const request = indexedDB.open("another local page");
  request.onsuccess = () => { request.result.close(); resolve(); };
  request.onerror = () => reject(request.error);
})"""


@pytest.fixture
def single_file(tmp_path):
    """A copy of the single file, and the blank form beside it, on their own in folders named as on a council's
    share: the single file's path."""
    if not SINGLE.is_file() or not (SINGLE.parent / BLANK).is_file():
        pytest.fail(f"{SINGLE} or {BLANK} beside it is missing: run `python -m cre_build.app SITE` (or `make build`)"
                    " first")
    share = tmp_path / "Shared drive" / "Safeguarding – Éducation" / "CRE forms"
    share.mkdir(parents=True)
    target = share / SINGLE.name
    shutil.copyfile(SINGLE, target)
    shutil.copyfile(SINGLE.parent / BLANK, share / BLANK)
    return target


def only_the_file(page, url, *beside):
    """Every request the page made was for the file itself, or a file beside it that the test opened (the blob: and
    data: it makes are not requests out)."""
    others = [u for u in page.egress.requests if u not in (url, *beside) and not u.startswith(("blob:", "data:"))]
    assert not others, f"requests other than the file: {others}"


# Python held back, as on a slow computer: the file's loader never hands PyScript its code (an init script, run
# before the file's own; its setter keeps the loader the file would set from replacing this one).
PYTHON_HELD = """Object.defineProperty(window, "creEmbedded", {
  get: () => ({ load: () => new Promise(() => {}), script: () => new Promise(() => {}) }), set: () => {} });"""


def guide_dialog(page, name):
    """The guidance dialog, open and named by the page it shows (its <h1>)."""
    dialog = page.get_by_role("dialog", name=name)
    expect(dialog).to_be_visible()
    return dialog


def in_view(page, selector):
    """Whether an element's top is inside its scrolling part of the dialog, as the practitioner sees it."""
    return page.evaluate("""(selector) => {
      const box = document.querySelector(selector).getBoundingClientRect();
      const view = document.querySelector(".cre-guide__body").getBoundingClientRect();
      return box.top >= view.top - 1 && box.top < view.bottom - 20;
    }""", selector)


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
    assert FILE_DATABASE in names and "cre-drafts" not in names, names
    folder = "IDBMap/" + url.rsplit("/", 1)[0] + "/"
    assert all(name.startswith(("cre-toolkit-drafts:", folder, "IDBMap/@pyscript.fs")) for name in names), names
    open_screen(page, "check")
    check_accessibility(page, axe)  # check your answers
    target = download(page, "#cre-download-json", tmp_path, timeout=CHECK_TIMEOUT_MS)
    record = json.loads(target.read_text(encoding="utf-8"))
    assert record["answers"]["child_name"] == NAME
    assert validate(target)["status"] == "draft-valid"  # the CLI reads it: a draft with only the name

    # "Finish and wipe" from a file deletes this file's databases only: another local page's stays.
    page.evaluate(OTHER_PAGE_DATABASE)
    open_screen(page, "start")
    page.locator("#start details summary", has_text="Finished on this computer?").click()
    click(page, "#cre-wipe")
    confirm(page, title="Finish and wipe this device?")
    expect(page.locator("#cre-wiped")).to_be_visible()
    names = page.evaluate("async () => (await indexedDB.databases()).map((info) => info.name)")
    assert "another local page" in names and FILE_DATABASE not in names, names
    only_the_file(page, url)


def test_journey_single_file_a_full_assessment_from_a_share_to_the_pdf(sized_page, single_file, axe, tmp_path):
    """A whole assessment, as on the served form, in the file opened from the share: every section, the result
    screen with whom to call, check your answers, then the JSON (complete, by the CLI) and the PDF (parsed)."""
    page = sized_page
    journey = Journey(page, "single-file-full", axe)
    page.goto(single_file.as_uri())
    start_screen_ready(page)
    journey.arrive("start", focus=None)
    page.click("#cre-new")
    journey.arrive("section-s1")
    answer_section_1(page, NAME, "Found with cash and a second phone; seen getting into cars near the bus station.",
                     "previously_assessed-no", "at_risk-yes")
    press_continue(journey, "section-s1")
    journey.arrive("save")
    set_passphrase(page)
    journey.arrive("section-s2")
    page.check("#f03-current")
    press_continue(journey, "section-s2")
    journey.arrive("section-s3")
    page.check("#cce02-medium")
    page.check("#cse10-not_identified")
    expect(page.locator("#cre-glance-level")).to_have_text("Suggested level: Medium", timeout=CHECK_TIMEOUT_MS)
    press_continue(journey, "section-s3")
    journey.arrive("section-s4")
    answer_section_4(page)
    press_continue(journey, "section-s4")
    journey.arrive("result")
    expect(page.locator("#cre-routing li.cre-step", has_text="Derby Initial Response Team")).to_have_count(1)
    press_continue(journey, "result")
    journey.arrive("check")
    pdf = download(page, "#cre-download-pdf", tmp_path)
    assert validate(download(page, "#cre-download-json", tmp_path))["status"] == "complete"
    text = pdf_text(pdf)
    assert NAME in text and "Initial Response Team" in text and "CCE 2" in text
    journey.done()
    only_the_file(page, single_file.as_uri())


PLANT_PLAIN_DRAFT = """async ([database, key, text]) => {
  const db = await new Promise((resolve, reject) => {
    const request = indexedDB.open(database);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  await new Promise((resolve, reject) => {
    const transaction = db.transaction("drafts", "readwrite");
    transaction.objectStore("drafts").put(text, key);
    transaction.oncomplete = resolve;
    transaction.onerror = () => reject(transaction.error);
  });
  db.close();
}"""


def test_journey_single_file_refuses_a_draft_it_did_not_write(page, single_file, axe):
    """Any file:// page can write into the file's drafts database. A draft there that is not sealed under this
    file's passphrase (here one in the first version's plain format, which the file never writes) is listed as one
    that cannot be opened: never opened, trusted or sealed in."""
    page.goto(single_file.as_uri())
    ready(page)
    answer(page, "#child_name", NAME)
    set_passphrase(page)
    saved(page)
    planted = new_record("dd-cre-2022")
    planted["answers"] = {"child_name": "Planted Person"}
    page.evaluate(PLANT_PLAIN_DRAFT, [FILE_DATABASE, planted["record_id"], json.dumps(planted)])
    page.reload()
    ready(page)
    unlock(page)
    expect(page.locator("#child_name")).to_have_value(NAME)
    open_screen(page, "start")
    drafts = page.locator("#cre-drafts li.cre-draft")
    expect(drafts).to_have_count(2)
    expect(drafts.filter(has_text="A draft that cannot be opened")).to_have_count(1)
    expect(page.locator("body")).not_to_contain_text("without encryption")
    assert "PP" not in drafts.all_inner_texts()[0] + drafts.all_inner_texts()[1]
    check_accessibility(page, axe)


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
        expect(page.locator("#cre-downloads-status")).to_contain_text("The PDF was downloaded",
                                                                      timeout=CHECK_TIMEOUT_MS)
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
    url = single_file.as_uri()
    open_record_file(page, url, earlier, tmp_path / "earlier.json", "converted from the earlier form")
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
    with page.expect_download(timeout=CHECK_TIMEOUT_MS) as json_download:
        warning.get_by_role("button", name="Download the record (JSON)").click()
    assert json.loads(json_download.value.path().read_text(encoding="utf-8"))["answers"]["child_name"] == NAME
    only_the_file(page, url)


def test_journey_single_file_risk_examples_open_inside_the_file(sized_page, single_file, axe):
    """An indicator's risk examples link opens the file's own copy of Risk examples, at that category, in a dialog
    over the form; Escape closes it and the focus is back on the link. Nothing of the address changes (the form's
    screen stays), and the file asks for nothing else."""
    page = sized_page
    url = single_file.as_uri()
    page.goto(url)
    ready(page)
    link = page.locator('a[href="#guide-risk-examples--grooming"]').first
    show(page, link)
    screen, address = current_screen(page), page.url
    link.locator("xpath=ancestor::details[1]/summary").click()
    link.click()
    guide_dialog(page, "Risk examples")
    heading = page.locator("#guide-risk-examples--grooming")
    expect(heading).to_have_text("Evidence of grooming")
    expect(heading).to_be_focused()
    page.wait_for_function("() => document.activeElement.id === 'guide-risk-examples--grooming'")
    assert in_view(page, "#guide-risk-examples--grooming")
    expect(page.locator("#guide-level-of-risk")).to_be_hidden()  # one page at a time
    assert page.url == address and current_screen(page) == screen
    check_accessibility(page, axe)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"single-file-guide-{page.size}.png"))
    page.keyboard.press("Escape")
    expect(page.locator("#cre-guide")).to_be_hidden()
    expect(link).to_be_focused()
    assert page.url == address and current_screen(page) == screen
    only_the_file(page, url)


def test_journey_single_file_level_of_risk_while_python_loads(page, single_file, axe):
    """Until the checking rules have loaded, the result screen points to the level of risk and referral pathways:
    in the file, that page opens inside it, without its diagram (a script the file does not run) but with the
    steps below it. Escape closes it; the focus is back on the link."""
    page.add_init_script(PYTHON_HELD)
    url = single_file.as_uri()
    page.goto(url + "#result")
    link = page.locator("#cre-routing").get_by_role("link", name="level of risk and referral pathways")
    link.click()
    level = guide_dialog(page, "Level of risk and referral")
    expect(page.locator("#guide-level-of-risk--level-of-risk-and-referral")).to_be_focused()  # its <h1>
    expect(level.locator(".mermaid, pre, svg")).to_have_count(0)
    expect(level).to_contain_text(NO_DIAGRAM.removeprefix("<p>").removesuffix("</p>"))
    expect(level.locator("#guide-level-of-risk--every-referral-step")).to_have_text("Every referral step")
    check_accessibility(page, axe)
    page.keyboard.press("Escape")
    expect(page.locator("#cre-guide")).to_be_hidden()
    expect(link).to_be_focused()
    assert not page.evaluate(READY)  # held all along
    only_the_file(page, url)


def test_journey_single_file_guidance_home_contacts_and_level_of_risk(page, single_file, axe):
    """The header's guidance link opens the guidance home inside the file; from there the key contacts, and from
    them the level of risk's Out of hours, all inside the one dialog; Close returns to the header link."""
    url = single_file.as_uri()
    page.goto(url)
    ready(page)
    header = page.locator("a.cre-header__link")
    header.click()
    home = guide_dialog(page, "CRE Risk Assessment toolkit")
    home.get_by_role("link", name="Key contacts").click()
    contacts = guide_dialog(page, "Key contacts")
    expect(contacts.get_by_role("link", name="01332 956606").first).to_be_visible()
    check_accessibility(page, axe)
    contacts.get_by_role("link", name="Out of hours").first.click()
    level = guide_dialog(page, "Level of risk and referral")
    expect(page.locator("#guide-level-of-risk--out-of-hours")).to_be_focused()
    assert in_view(page, "#guide-level-of-risk--out-of-hours")
    check_accessibility(page, axe)
    level.get_by_role("button", name="Close").click()
    expect(page.locator("#cre-guide")).to_be_hidden()
    expect(header).to_be_focused()
    only_the_file(page, url)


def test_journey_single_file_opened_at_a_guidance_section(page, single_file):
    """A guidance link opened in a new tab (the file's address with its #guide-… fragment) opens at that section,
    in the dialog, over the form's start screen."""
    url = single_file.as_uri()
    page.goto(url + "#guide-risk-examples--travel")
    guide_dialog(page, "Risk examples")
    expect(page.locator("#guide-risk-examples--travel")).to_be_focused()
    assert in_view(page, "#guide-risk-examples--travel")
    ready(page)
    expect(page.locator("#guide-risk-examples--travel")).to_be_focused()  # Python's start leaves it there
    page.keyboard.press("Escape")
    expect(page.locator("#start")).to_be_visible()
    only_the_file(page, url)


def test_journey_single_file_opens_the_blank_form_beside_it(page, single_file, axe):
    """"Print a blank form" opens the blank form beside the file: every question, nothing fetched, no script."""
    url = single_file.as_uri()
    blank = single_file.with_name(BLANK).as_uri()
    page.goto(url)
    ready(page)
    with page.expect_navigation():
        click(page, '#start a[href="form-blank.html"]')
    assert page.url == blank
    expect(page.locator("body.cre-blank h1")).to_have_text(
        "Derby and Derbyshire Child at Risk of Exploitation (CRE) Assessment")
    expect(page.locator("#child_name")).to_be_visible()
    assert page.evaluate("() => document.scripts.length") == 0
    check_accessibility(page, axe)
    only_the_file(page, url, blank)
