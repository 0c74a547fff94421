"""A shared computer after the practitioner walks away: the page clears itself even when no passphrase was set, a
question left open does not hold the lock off, and after "Finish and wipe" and a browser restart nothing of a draft
can be read back from any file of the browser's profile. Time is moved on with Playwright's clock.
"""

import base64
from pathlib import Path

from e2e_support import (CHECK_TIMEOUT_MS, CHROMIUM, LAUNCH_ARGS, NO_INDEXEDDB, PASSPHRASE, answer, check_accessibility,
                         click, confirm, download_sealed, draft_button, open_form, open_screen, ready, saved,
                         saved_draft, set_passphrase, show, unlock)
from fault_rows import fault_row
from playwright.sync_api import expect

from test_vault import FIRST_VERSION_DRAFT, no_trace, traces

NAME = "Zofia Kowalczyk-Adeyemi"
CONTEXT = "Picked up by an older male in a silver car outside school"
PLANTED = "Marek Unencrypted-Wiśniewski"


def test_journey_without_a_passphrase_the_page_clears_itself_when_left(page, server, axe):
    """No passphrase (or no storage at all): nothing can be saved, so after the warning the answers are cleared."""
    cleared = 0
    for storage in ("no passphrase set", "no IndexedDB"):
        if storage == "no IndexedDB":
            page.add_init_script(NO_INDEXEDDB)
        page.clock.install()
        page.goto(server + "form.html")
        ready(page)
        answer(page, "#child_name", NAME)
        answer(page, "#context", CONTEXT)
        page.clock.fast_forward("14:05")
        warning = page.locator("#cre-lock-warning")
        expect(warning).to_be_visible()
        expect(warning).to_contain_text("not saved on this device, so they will be cleared")
        expect(page.locator("#cre-lock-now")).to_be_hidden()
        check_accessibility(page, axe)
        page.clock.fast_forward("01:00")
        expect(page.locator("#cre-status")).to_contain_text("cleared after 15 minutes without activity",
                                                            timeout=CHECK_TIMEOUT_MS)
        expect(page.locator("#start")).to_be_visible()
        cleared += traces(page, NAME, CONTEXT) == 0
        check_accessibility(page, axe)
        page.goto(server + "index.html")
    assert cleared == 2
    fault_row("left-without-passphrase", faults_injected=2, plaintext_found=2 - cleared)


def test_journey_a_question_left_open_does_not_hold_off_the_auto_lock(page, server, axe):
    """The browser's own confirm() stopped every timer of the page; the page's dialog does not."""
    page.clock.install()
    saved_draft(page, server, {"#child_name": NAME})
    row = page.locator("#cre-drafts li.cre-draft")
    click(page, draft_button(page, "Delete", row=row))
    expect(page.locator("#cre-confirm")).to_be_visible()
    check_accessibility(page, axe)
    page.clock.fast_forward("15:05")
    expect(page.locator("#cre-vault-unlock")).to_be_visible(timeout=CHECK_TIMEOUT_MS)
    expect(page.locator("#cre-confirm")).to_be_hidden()  # the lock answered "no" for the practitioner
    locked = traces(page, NAME) == 0
    no_trace(page, NAME)
    unlock(page)
    expect(row).to_have_count(1)  # not deleted
    kept = page.locator("#cre-drafts li.cre-draft").count()
    click(page, draft_button(page, "Delete", row=row))
    confirm(page, yes=False)
    expect(row).to_have_count(1)
    fault_row("question-left-open", faults_injected=1, records_lost=1 - kept, plaintext_found=int(not locked))


def test_journey_a_draft_planted_unencrypted_is_flagged_and_never_ready_to_send(page, server, axe):
    """Another page on the same host can write to the drafts database: a draft it leaves unencrypted, claiming to be
    complete, is encrypted on unlock like the first version's, listed by what its answers are, and flagged."""
    from cre.records import new_record

    planted = new_record("dd-cre-2022")
    planted["answers"] = {"child_name": PLANTED}
    page.goto(server + "index.html")
    page.evaluate(PLANTED_DRAFT, planted)
    open_form(page, server)
    expect(page.locator("#cre-status")).to_contain_text("1 draft was found on this device without encryption")
    row = page.locator("#cre-drafts li.cre-draft")
    open_screen(page, "start")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Status: draft")
    assert row.filter(has_text="ready to send").count() == 0
    check_accessibility(page, axe)
    fault_row("planted-draft", faults_injected=row.count())


DEVICE_META = """async () => {
  const db = await new Promise((resolve) => {
    const r = indexedDB.open("cre-drafts");
    r.onsuccess = () => resolve(r.result);
  });
  const meta = await new Promise((resolve) => {
    const r = db.transaction("vault").objectStore("vault").getAll(); r.onsuccess = () => resolve(r.result[0]);
  });
  db.close();
  const toBase64 = (bytes) => btoa(String.fromCharCode(...bytes));
  return { salt: toBase64(meta.salt), check: toBase64(meta.check_data) };
}"""


def test_journey_an_encrypted_copy_opens_that_record_and_nothing_else(page, browser, server, axe, request):
    """The copy gets its own passphrase, salt and key: handing over one file and its passphrase hands over that
    record, not the key to every draft on this device."""
    import json

    from conftest import watched_page

    file_passphrase = "copper violin meadow sunrise"
    saved_draft(page, server, {"#child_name": NAME})
    device = page.evaluate(DEVICE_META)
    open_screen(page, "check")
    click(page, "#cre-download-sealed")
    page.fill("#cre-export-passphrase", "password1234")  # a weak one is refused, as when drafts' one is chosen
    page.click("#cre-export-download")
    expect(page.locator("#cre-export-passphrase-error")).to_contain_text("common password")
    check_accessibility(page, axe)
    page.click("#cre-export-cancel")
    copy = download_sealed(page, file_passphrase)
    envelope = json.loads(Path(copy.path()).read_text(encoding="utf-8"))
    shared = [part for part, mine in (("salt", envelope["kdf"]["salt"]), ("check", envelope["check"]["data"]))
              if mine == device[part]]
    assert shared == [], f"the copy reuses the device's {shared}"
    opened = 0
    with watched_page(browser, request, viewport={"width": 1280, "height": 900}) as elsewhere:
        elsewhere.goto(server + "form.html")
        ready(elsewhere)
        for tried in (PASSPHRASE, file_passphrase):  # the drafts' passphrase does not open it; its own does
            show(elsewhere, "#cre-import").set_input_files(copy.path())
            expect(elsewhere.locator("#cre-file-unlock")).to_be_visible()
            elsewhere.fill("#cre-file-passphrase", tried)
            elsewhere.click("#cre-open-file")
            if tried == PASSPHRASE:
                expect(elsewhere.locator("#cre-file-error")).to_be_visible()
                opened += elsewhere.input_value("#child_name") == NAME
                elsewhere.click("#cre-cancel-file")
        expect(elsewhere.locator("#child_name")).to_have_value(NAME)
    fault_row("export-own-key", inputs_tried=2, plaintext_found=opened + len(shared))


PLANTED_DRAFT = FIRST_VERSION_DRAFT.replace('status: "draft-valid"', 'status: "complete"')
SEALED_BYTES = """async () => {
  const db = await new Promise((resolve, reject) => {
    const request = indexedDB.open("cre-drafts");
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const read = (name) => new Promise((resolve) => {
    const request = db.transaction(name).objectStore(name).getAll();
    request.onsuccess = () => resolve(request.result);
  });
  const toBase64 = (bytes) => btoa(String.fromCharCode(...bytes));
  const [drafts, vault] = [await read("drafts"), await read("vault")];
  db.close();
  return [...drafts.map((draft) => toBase64(draft.data.slice(0, 48))), ...vault.map((meta) => toBase64(meta.salt)),
          ...vault.map((meta) => toBase64(meta.check_data))];
}"""


def profile_hits(folder, needles):
    """Every file of the profile that holds any of needles (bytes), as relative paths; and how many files."""
    hits, files = set(), 0
    for path in Path(folder).rglob("*"):
        if not path.is_file():
            continue
        files += 1
        data = path.read_bytes()
        hits |= {str(path.relative_to(folder)) for needle in needles if needle in data}
    return sorted(hits), files


def test_fault_finish_and_wipe_leaves_nothing_readable_in_the_profile(browser, server, tmp_path):
    """Drafts (one the first version left unencrypted, sealed when the passphrase is set), saved, then wiped; the
    browser closed and started again on the same profile: no file holds the names, the salt, the passphrase check or
    a byte run of any ciphertext, so nothing is left to try the passphrase on."""
    from cre.records import new_record

    folder = tmp_path / "profile"

    def start():
        context = browser.browser_type.launch_persistent_context(
            str(folder), executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True,
            viewport={"width": 1280, "height": 900})
        context.set_default_timeout(10_000)
        return context, context.pages[0] if context.pages else context.new_page()

    planted = new_record("dd-cre-2022")
    planted["answers"] = {"child_name": PLANTED, "context": CONTEXT}
    context, page = start()
    page.goto(server + "index.html")
    page.evaluate(FIRST_VERSION_DRAFT, planted)
    page.goto(server + "form.html")
    ready(page)
    set_passphrase(page, PASSPHRASE)
    expect(page.locator("#cre-drafts li.cre-draft")).to_have_count(1)
    click(page, "#cre-new")
    answer(page, "#child_name", NAME)
    saved(page)
    secrets = [base64.b64decode(text) for text in page.evaluate(SEALED_BYTES)]
    assert len(secrets) == 4  # two drafts' ciphertext, the salt, the passphrase check
    needles = [*secrets, *(text.encode(encoding) for text in (NAME, PLANTED, CONTEXT)
                           for encoding in ("utf-8", "utf-16-le"))]
    open_screen(page, "start")
    page.locator("#start details summary", has_text="Finished on this computer?").click()
    click(page, "#cre-wipe")
    confirm(page, title="Finish and wipe this device?")
    expect(page.locator("#cre-wiped")).to_be_visible()
    context.close()

    context, page = start()  # the next person at this computer opens the browser
    page.goto(server + "form.html")
    ready(page)
    expect(page.locator("#cre-drafts .cre-output")).to_contain_text("No drafts on this device.")
    context.close()
    hits, files = profile_hits(folder, needles)
    assert not hits, f"recoverable after the wipe: {hits}"
    assert files > 0
    fault_row("wipe-profile", inputs_tried=len(needles), plaintext_found=len(hits))
