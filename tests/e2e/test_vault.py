"""Journeys on a shared computer: the page locks itself when left alone (after a warning the practitioner can answer
with one click), locking by hand, and "Finish and wipe" leaving nothing of the record behind, not even behind the
back button. Time is moved on with Playwright's clock, not waited for.
"""

from e2e_support import (check_accessibility, click, confirm, continue_draft, open_form, open_screen, ready, saved,
                         saved_draft, unlock, wait_for_screen)
from cre.definitions import get_form
from fault_rows import fault_row
from playwright.sync_api import expect

NAME = "Zofia Kowalczyk-Adeyemi"
CONTEXT = "Picked up by an older male in a silver car outside school"


def traces(page, *texts):
    """How many of texts the page holds (markup or field values)."""
    html = page.evaluate("""() => document.documentElement.outerHTML +
        [...document.querySelectorAll("input, textarea")].map((field) => field.value).join("\\n")""")
    return sum(text in html for text in texts)


def no_trace(page, *texts):
    """Nothing on the page (markup or field values) holds any of texts."""
    assert traces(page, *texts) == 0


def a_saved_draft(page, server):
    """The form, a passphrase set, the child's name and the context typed and saved."""
    saved_draft(page, server, {"#child_name": NAME, "#context": CONTEXT})


def test_journey_auto_lock_warns_then_locks_and_clears_the_page(page, server, axe):
    page.clock.install()
    a_saved_draft(page, server)
    open_screen(page, "check")
    expect(page.locator("#cre-review")).to_contain_text(NAME)

    page.clock.fast_forward("14:05")
    warning = page.locator("#cre-lock-warning")
    expect(warning).to_be_visible()
    expect(page.locator("#cre-stay")).to_be_focused()
    check_accessibility(page, axe)
    page.click("#cre-stay")  # one action keeps the page unlocked (WCAG 2.2.1), for another 15 minutes
    expect(warning).to_be_hidden()
    page.clock.fast_forward("10:00")
    expect(page.locator("#child_name")).to_have_value(NAME)

    page.clock.fast_forward("04:05")
    expect(warning).to_be_visible()
    page.clock.fast_forward("01:00")
    expect(page.locator("#cre-vault-unlock")).to_be_visible()
    expect(page.locator("#cre-lock-reason")).to_contain_text("Locked after 15 minutes without activity")
    locks = 1
    expect(page.locator("#cre-passphrase")).to_be_focused()
    found = traces(page, NAME, CONTEXT)
    check_accessibility(page, axe)

    unlock(page)
    expect(page.locator("#child_name")).to_have_value(NAME)
    expect(page.locator("#context")).to_have_value(CONTEXT)
    lost = [page.input_value("#child_name"), page.input_value("#context")].count("")
    click(page, "#cre-lock")  # locking by hand does the same
    expect(page.locator("#cre-vault-unlock")).to_be_visible()
    locks += 1
    found += traces(page, NAME, CONTEXT)
    no_trace(page, NAME, CONTEXT)
    unlock(page)
    expect(page.locator("#child_name")).to_have_value(NAME)
    lost += page.input_value("#child_name") != NAME
    fault_row("auto-lock", faults_injected=locks, records_lost=lost, plaintext_found=found)


NAMES = (NAME, CONTEXT, "Second Child")


def test_journey_finish_and_wipe_leaves_nothing_behind(page, server, axe):
    page.goto(server + "index.html")
    a_saved_draft(page, server)
    click(page, "#cre-new")
    wait_for_screen(page, "section-s1")
    page.fill("#child_name", "Second Child")
    saved(page)

    open_screen(page, "start")
    page.locator("#start details summary", has_text="Finished on this computer?").click()
    page.click("#cre-wipe")
    expect(page.locator("#cre-confirm")).to_be_visible()
    check_accessibility(page, axe)
    confirm(page, title="Finish and wipe this device?")
    wipes = 1
    notice = page.locator("#cre-wiped")
    expect(notice).to_be_visible()
    expect(notice).to_be_focused()
    found = traces(page, *NAMES)
    names = page.evaluate("async () => (await indexedDB.databases()).map((db) => db.name)")
    assert "cre-drafts" not in names
    assert page.evaluate("() => sessionStorage.length + localStorage.length") == 0
    check_accessibility(page, axe)

    # Back through the form's screens (each a history entry of the same wiped page), then to the page before the
    # form: nothing of the record on any of them.
    for _ in range(20):
        if "form.html" not in page.url:
            break
        page.go_back()
        found += traces(page, *NAMES)
    assert page.url.endswith("/index.html"), page.url
    expect(page.locator("article h1")).to_be_visible()
    found += traces(page, *NAMES)
    page.go_forward()  # the form again, from scratch: no drafts, a new passphrase to set
    ready(page)
    expect(page.locator("#cre-drafts .cre-output")).to_contain_text("No drafts on this device.")
    expect(page.locator("#cre-vault-unlock")).to_be_hidden()
    open_screen(page, "save")
    expect(page.locator("#cre-vault-setup")).to_be_visible()
    found += traces(page, *NAMES)
    assert found == 0
    fault_row("finish-and-wipe", faults_injected=wipes, plaintext_found=found)


FIRST_VERSION_DRAFT = """record => new Promise((resolve, reject) => {
  const request = indexedDB.open("cre-drafts", 1);
  request.onupgradeneeded = () => request.result.createObjectStore("drafts");
  request.onsuccess = () => {
    const db = request.result;
    const transaction = db.transaction("drafts", "readwrite");
    transaction.objectStore("drafts").put(JSON.stringify({ id: record.record_id, record, status: "draft-valid" }),
                                          record.record_id);
    transaction.oncomplete = () => { db.close(); resolve(true); };
    transaction.onerror = () => reject(transaction.error);
  };
  request.onerror = () => reject(request.error);
})"""
STORED_TYPES = """() => new Promise((resolve) => {
  const request = indexedDB.open("cre-drafts");
  request.onsuccess = () => {
    const db = request.result;
    const values = db.transaction("drafts").objectStore("drafts").getAll();
    values.onsuccess = () => { db.close(); resolve(values.result.map((value) => typeof value)); };
  };
})"""


def test_journey_drafts_from_the_first_version_are_encrypted_when_the_passphrase_is_set(page, server):
    """The toolkit's first version kept drafts as plain JSON: setting a passphrase seals them, and they still open."""
    from cre.records import new_record

    record = new_record("dd-cre-2022")
    record["answers"] = {"child_name": NAME, "context": CONTEXT}
    page.goto(server + "index.html")
    page.evaluate(FIRST_VERSION_DRAFT, record)
    open_form(page, server)
    drafts = page.locator("#cre-drafts li.cre-draft")
    expect(drafts).to_have_count(1)
    assert page.evaluate(STORED_TYPES) == ["object"]  # sealed: no JSON string left
    continue_draft(page, row=drafts)
    expect(page.locator("#child_name")).to_have_value(NAME)
    expect(page.locator("#context")).to_have_value(CONTEXT)


def test_journey_a_draft_of_the_first_definition_of_the_form_opens_at_the_newest_with_every_answer(page, server,
                                                                                                   tmp_path):
    """A draft saved before the form's definition was revised (version 2: no "Not known" local authority, the s47
    note asked only after "Yes") opens at version 2.1, and the record it downloads holds every answer it had."""
    import json

    from cre.records import new_record

    record = new_record("dd-cre-2022", "2")
    record["answers"] = {"child_name": NAME, "context": CONTEXT, "local_authority": "derbyshire",
                         "harmed_now": "yes", "s47_arranged": "no", "cce02": "high"}
    page.goto(server + "index.html")
    page.evaluate(FIRST_VERSION_DRAFT, record)
    open_form(page, server)
    continue_draft(page, row=page.locator("#cre-drafts li.cre-draft"))
    expect(page.locator("#child_name")).to_have_value(NAME)
    expect(page.locator("#s47_arranged-no")).to_be_checked()
    expect(page.locator("#local_authority-derbyshire")).to_be_checked()
    open_screen(page, "check")
    with page.expect_download() as download:
        click(page, "#cre-download-json")
    saved_record = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert saved_record["form"] == {"id": "dd-cre-2022", "version": get_form("dd-cre-2022").version}
    assert saved_record["answers"] == record["answers"] and saved_record["record_id"] == record["record_id"]
