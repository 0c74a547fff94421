"""Faults that lose nothing: each test injects one fault into a real browser with a real encrypted draft, then
checks what the practitioner sees and that no saved answer was lost. Each ends with its row of the suite's table
(fault_rows.py, fault-suite.yaml, the site's "Data safety" page).

Crashes are real: Chromium is killed (SIGKILL) with a profile on disk, then started again on the same profile.
Quota is injected where the browser reports it (IndexedDB's put refusing with QuotaExceededError): Chromium's
DevTools quota override does not reach IndexedDB in these profiles.
"""

import json
import os
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from cre_build import service_worker
from cre.records import new_record
from e2e_support import (CHECK_TIMEOUT_MS, CHROMIUM, LAUNCH_ARGS, NO_INDEXEDDB, PASSPHRASE, answer, check_accessibility,
                         click, continue_draft, draft_button, open_form, open_screen, ready, saved, set_passphrase,
                         show, unlock, wait_for_screen)
from fault_rows import fault_row
from playwright.sync_api import expect
from test_offline import BANNER_TEXT, install, offline_page, servers  # noqa: F401 - fixtures used by name

NAME = "Aleksandra Wiśniewska-O'Brien"
STORED = """async () => {
  const db = await new Promise((ok, no) => { const r = indexedDB.open("cre-drafts"); r.onsuccess = () => ok(r.result);
                                               r.onerror = () => no(r.error); });
  const t = db.transaction("drafts");
  const values = await new Promise((ok) => { const r = t.objectStore("drafts").getAll(); r.onsuccess = () => ok(r.result); });
  db.close();
  return values.map((v) => ({ rev: v.rev, iv: Array.from(v.iv), size: v.data.length }));
}"""


def resume_the_draft(page):
    """After a browser restart the tab's open draft is forgotten: the practitioner resumes it from the list."""
    drafts = page.locator("#cre-drafts li.cre-draft")
    expect(drafts).to_have_count(1)
    continue_draft(page, row=drafts)
    expect(page.locator("#cre-status")).to_contain_text("Draft opened")


def typed_and_saved(page, selector, text):
    answer(page, selector, text)
    saved(page)


def reopened(page):
    """After unlocking: until this tab's draft is back on the page (the list marks it open)."""
    expect(page.locator("#cre-drafts li.cre-draft", has_text="(open now)")).to_have_count(1)


def reload_and_reopen(page):
    """Reload the page, unlock the drafts with the passphrase, and wait until this tab's draft is back (reopened)."""
    page.reload()
    ready(page)
    unlock(page)
    reopened(page)


def answers_lost(page, put_in):
    """records lost: how many of the answers the test put in (selector -> text) the page does not show now."""
    return sum(page.input_value(selector) != text for selector, text in put_in.items())


def injected(page, counter):
    """How many times the page met the fault: a counter the injected script keeps where it injects it."""
    return page.evaluate(f"() => window.{counter} || 0")


# --- crashes -------------------------------------------------------------------------------------------------------
class Profile:
    """Chromium on a profile folder that outlives it: started, killed with SIGKILL, started again."""

    def __init__(self, browser, folder):
        self.browser_type, self.folder, self.context = browser.browser_type, folder, None

    def start(self):
        self.context = self.browser_type.launch_persistent_context(
            str(self.folder), executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True,
            viewport={"width": 1280, "height": 900})
        self.context.set_default_timeout(10_000)
        return self.context.pages[0] if self.context.pages else self.context.new_page()

    def kill(self):
        """Like a power cut for the browser: no unload, no flush."""
        found = subprocess.run(["pgrep", "-f", f"user-data-dir={self.folder}"], capture_output=True, text=True)
        for pid in found.stdout.split():
            try:
                os.kill(int(pid), signal.SIGKILL)
            except ProcessLookupError:
                pass
        try:
            self.context.close()
        except Exception:  # noqa: BLE001 - the browser is gone, as intended
            pass


@pytest.fixture
def profile(browser, tmp_path):
    """A Profile, killed when the test ends however it ends (a failed or crashed run leaves no Chromium behind)."""
    made = Profile(browser, tmp_path / "profile")
    yield made
    made.kill()


def test_fault_kill_the_page_mid_save(profile, server):
    page = profile.start()
    open_form(page, server)
    typed_and_saved(page, "#child_name", NAME)
    kills, lost = 0, 0
    for delay_ms in (0, 120, 250, 400, 600):  # before, during and after the pause and the write
        answer(page, "#context", f"Seen at the station, note {delay_ms}")
        page.wait_for_timeout(delay_ms)
        profile.kill()
        kills += 1
        page = profile.start()
        open_form(page, server, passphrase_set=True)
        resume_the_draft(page)
        if page.input_value("#child_name") != NAME:  # the name was saved before the kill: it must be there
            lost += 1
        assert page.input_value("#context") in ("", *(f"Seen at the station, note {d}" for d in
                                                      (0, 120, 250, 400, 600)))
        assert page.locator("text=A draft that cannot be opened").count() == 0
    profile.kill()
    assert lost == 0
    fault_row("kill-mid-save", faults_injected=kills, records_lost=lost)


def test_fault_crash_right_after_saved(profile, server):
    page = profile.start()
    open_form(page, server)
    crashes, lost = 0, 0
    for round_number in range(3):
        text = f"Round {round_number}: {NAME} seen with an older male"
        typed_and_saved(page, "#context", text)  # "Saved" shows only after the write is on disk (strict durability)
        profile.kill()
        crashes += 1
        page = profile.start()
        open_form(page, server, passphrase_set=True)
        resume_the_draft(page)
        lost += page.input_value("#context") != text
    profile.kill()
    assert lost == 0
    fault_row("crash-after-saved", faults_injected=crashes, records_lost=lost)


# --- storage failing -----------------------------------------------------------------------------------------------
QUOTA = """() => {
  const put = IDBObjectStore.prototype.put;
  window.__quotaFull = true;
  window.__quotaRefused = 0;
  IDBObjectStore.prototype.put = function (...args) {
    if (window.__quotaFull && this.name === "drafts") {
      window.__quotaRefused += 1;
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    }
    return put.apply(this, args);
  };
}"""


def test_fault_quota_full(page, server, tmp_path, axe):
    open_form(page, server)
    typed_and_saved(page, "#child_name", NAME)
    page.evaluate(QUOTA)
    answer(page, "#context", "Written while the disk is full")
    warning = page.locator("#cre-storage-warning")
    expect(warning).to_contain_text("run out of space for drafts")
    expect(page.locator("#cre-saved")).to_have_text("Not saved.")
    expect(page.locator("#context")).to_have_value("Written while the disk is full")
    check_accessibility(page, axe)
    open_screen(page, "check")  # another screen reads the answers again: nothing new, and still not saved
    expect(page.locator("#cre-review")).to_contain_text("Written while the disk is full")
    expect(page.locator("#cre-saved")).to_have_text("Not saved.")
    with page.expect_download(timeout=CHECK_TIMEOUT_MS) as download:
        warning.get_by_role("button", name="Download the record (JSON)").click()
    record = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert record["answers"]["context"] == "Written while the disk is full"
    refused = injected(page, "__quotaRefused")
    page.evaluate("() => { window.__quotaFull = false; }")  # space freed: the next change saves everything
    answer(page, "#context", "Written while the disk is full, and after")
    saved(page)
    expect(warning).to_be_hidden()
    reload_and_reopen(page)
    lost = answers_lost(page, {"#child_name": NAME, "#context": "Written while the disk is full, and after"})
    expect(page.locator("#context")).to_have_value("Written while the disk is full, and after")
    fault_row("quota-full", faults_injected=refused, records_lost=lost)


# What Chromium does where site data is blocked (and older private modes did): every open fails.


def test_fault_no_indexeddb(page, server, tmp_path):
    page.add_init_script(NO_INDEXEDDB)
    page.goto(server + "form.html")
    ready(page)
    warning = page.locator("#cre-storage-warning")
    expect(warning).to_contain_text("Drafts cannot be kept in this browser")
    open_screen(page, "save")
    expect(page.locator("#cre-vault-setup")).to_be_hidden()
    answer(page, "#child_name", NAME)
    open_screen(page, "check")
    expect(page.locator("#cre-review")).to_contain_text(NAME)
    with page.expect_download(timeout=CHECK_TIMEOUT_MS) as download:
        warning.get_by_role("button", name="Download the record (JSON)").click()
    kept = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))["answers"].get("child_name")
    assert kept == NAME
    fault_row("no-indexeddb", faults_injected=injected(page, "__opensRefused"), records_lost=int(kept != NAME))


CAPTURE_CONNECTIONS = """(() => {
  const open = IDBFactory.prototype.open;
  const close = IDBDatabase.prototype.close;
  window.__connections = [];
  IDBDatabase.prototype.close = function () { this.__closed = true; return close.apply(this); };
  IDBFactory.prototype.open = function (...args) {
    const request = open.apply(this, args);
    request.addEventListener("success", () => window.__connections.push(request.result));
    return request;
  };
})();"""
# Closes every connection the page holds open, as the browser may: how many of them were to the drafts database.
CLOSE_CONNECTIONS = """() => {
  const open = window.__connections.splice(0).filter((db) => !db.__closed);
  for (const db of open) db.close();
  return open.filter((db) => db.name === "cre-drafts").length;
}"""


def test_fault_connection_closed(page, server):
    page.add_init_script(CAPTURE_CONNECTIONS)
    open_form(page, server)
    typed_and_saved(page, "#child_name", NAME)
    closed = 0
    for text in ("First note after the connection closed", "Second note after it closed again"):
        closed += page.evaluate(CLOSE_CONNECTIONS)
        typed_and_saved(page, "#context", text)
    reload_and_reopen(page)
    lost = answers_lost(page, {"#child_name": NAME, "#context": "Second note after it closed again"})
    expect(page.locator("#context")).to_have_value("Second note after it closed again")
    expect(page.locator("#child_name")).to_have_value(NAME)
    fault_row("connection-closed", faults_injected=closed, records_lost=lost)


def test_fault_storage_cleared_while_open(page, server):
    open_form(page, server)
    typed_and_saved(page, "#child_name", NAME)
    origin = server.split("/some/")[0]
    page.context.new_cdp_session(page).send("Storage.clearDataForOrigin",
                                            {"origin": origin, "storageTypes": "indexeddb"})
    cleared = 1
    # the notice stays above the screens (the status line changes at every check)
    expect(page.locator("#cre-storage-warning")).to_contain_text("storage was cleared while the form was open",
                                                                 timeout=CHECK_TIMEOUT_MS)
    saved(page)
    typed_and_saved(page, "#context", "Typed after the storage was cleared")
    reload_and_reopen(page)  # the same passphrase still opens the draft
    lost = answers_lost(page, {"#child_name": NAME, "#context": "Typed after the storage was cleared"})
    expect(page.locator("#child_name")).to_have_value(NAME)
    expect(page.locator("#context")).to_have_value("Typed after the storage was cleared")
    fault_row("storage-cleared", faults_injected=cleared, records_lost=lost)


def test_fault_persist_denied(page, server):
    page.add_init_script("navigator.storage.persist = () => { window.__persistRefused = (window.__persistRefused "
                         "|| 0) + 1; return Promise.resolve(false); };")
    open_form(page, server)
    open_screen(page, "start")  # the note is on the start screen, beside the drafts it is about
    expect(page.locator("#cre-persist")).to_contain_text("This browser may clear saved drafts")
    expect(page.locator("#cre-persist")).to_be_visible()
    refused = injected(page, "__persistRefused")
    typed_and_saved(page, "#child_name", NAME)  # drafts are still kept meanwhile
    reload_and_reopen(page)
    fault_row("persist-denied", faults_injected=refused, records_lost=answers_lost(page, {"#child_name": NAME}))


# --- storage failing on Duplicate, Delete and opening a record file ---------------------------------------------------
# Each is one transaction: done whole or not at all. The practitioner is told plainly; the list and the open draft
# stay as they were.
DRAFT_REVS = """async () => {
  const db = await new Promise((ok, no) => { const r = indexedDB.open("cre-drafts"); r.onsuccess = () => ok(r.result);
                                               r.onerror = () => no(r.error); });
  const store = db.transaction("drafts").objectStore("drafts");
  const [keys, values] = await Promise.all([store.getAllKeys(), store.getAll()].map(
    (r) => new Promise((ok) => { r.onsuccess = () => ok(r.result); })));
  db.close();
  return Object.fromEntries(keys.map((key, i) => [key, values[i].rev]));
}"""
# The browser gives up a delete's transaction (as on a disk error): vault.js reports the failed transaction.
DELETE_REFUSED = """() => {
  const remove = IDBObjectStore.prototype.delete;
  window.__deleteFails = true;
  window.__deleteRefused = 0;
  IDBObjectStore.prototype.delete = function (...args) {
    const request = remove.apply(this, args);
    if (window.__deleteFails && this.name === "drafts") {
      window.__deleteRefused += 1;
      this.transaction.abort();
    }
    return request;
  };
}"""


def stored_revs(page):
    """{draft id: revision} as the drafts database holds them now, read directly (as anyone with the device could)."""
    return page.evaluate(DRAFT_REVS)


def drafts_lost(before, after):
    """records lost: drafts stored before the fault that are gone, or were changed, afterwards."""
    return sum(after.get(draft_id) != rev for draft_id, rev in before.items())


def delete(page, row):
    """The row's Delete, and yes to the question (the page's own dialog, or the browser's confirm() before it)."""
    answered = []
    page.once("dialog", lambda dialog: (answered.append(dialog.message), dialog.accept()))
    click(page, draft_button(page, "Delete", row=row))
    for _ in range(CHECK_TIMEOUT_MS // 100):
        if answered:
            return
        if page.locator("#cre-confirm[open]").count():
            page.click("#cre-confirm-yes")
            return
        page.wait_for_timeout(100)
    raise AssertionError("Delete asked nothing before deleting")


def test_fault_duplicate_storage_error(page, server, axe):
    page.add_init_script(CAPTURE_CONNECTIONS)
    open_form(page, server)
    typed = {"#child_name": NAME, "#context": "Seen at the station"}
    for selector, text in typed.items():
        typed_and_saved(page, selector, text)
    before = stored_revs(page)
    rows = page.locator("#cre-drafts li.cre-draft")
    warning = page.locator("#cre-storage-warning")
    page.evaluate(QUOTA)
    click(page, draft_button(page, "Duplicate", row=rows.first))
    expect(warning.locator(".cre-warning-text")).to_have_text(
        "The draft was not duplicated: this device has run out of space for drafts. Your drafts are unchanged. "
        "Free space on the device, or delete drafts you no longer need, then try again.")
    expect(warning.get_by_role("button", name="Download the record (JSON)")).to_be_hidden()  # nothing to rescue
    expect(page.locator("#cre-saved")).to_contain_text("Saved on this device at")  # the open draft still is
    expect(rows).to_have_count(1)
    check_accessibility(page, axe)
    after = stored_revs(page)
    assert after == before  # no copy, not even part of one; the draft as it was
    faults = injected(page, "__quotaRefused")

    page.evaluate("() => { window.__quotaFull = false; }")  # space freed, and the browser closed the connection:
    faults += page.evaluate(CLOSE_CONNECTIONS)               # the page reconnects, as autosave does, and copies
    click(page, draft_button(page, "Duplicate", row=rows.first))
    expect(page.locator("#cre-status")).to_contain_text("Draft duplicated")
    expect(rows).to_have_count(2)
    expect(warning).to_be_hidden()
    lost = drafts_lost(before, after) + answers_lost(page, typed)
    continue_draft(page, row=rows.first)  # the copy, whole
    expect(page.locator("#cre-status")).to_contain_text("Draft opened")
    lost += answers_lost(page, typed)
    fault_row("duplicate-storage-error", faults_injected=faults, records_lost=lost)


def test_fault_delete_storage_error(page, server, axe):
    open_form(page, server)
    typed_and_saved(page, "#child_name", "Anna Nowak")
    click(page, "#cre-new")
    wait_for_screen(page, "section-s1")
    typed_and_saved(page, "#child_name", NAME)
    before = stored_revs(page)
    rows = page.locator("#cre-drafts li.cre-draft")
    anna = rows.filter(has_text="AN ·")
    warning = page.locator("#cre-storage-warning")
    page.evaluate(DELETE_REFUSED)
    delete(page, anna)
    expect(warning.locator(".cre-warning-text")).to_have_text(
        "The draft was not deleted: this browser's storage refused the change. It is still in your list. "
        "Try again in a moment.")
    expect(rows).to_have_count(2)
    expect(page.locator("#child_name")).to_have_value(NAME)  # the open draft stays open
    check_accessibility(page, axe)
    faults, after = injected(page, "__deleteRefused"), stored_revs(page)
    assert after == before
    continue_draft(page, row=anna)  # and it still opens
    expect(page.locator("#cre-status")).to_contain_text("Draft opened")
    lost = drafts_lost(before, after) + answers_lost(page, {"#child_name": "Anna Nowak"})

    page.evaluate("() => { window.__deleteFails = false; }")  # the next try works, and the message goes
    delete(page, anna)
    expect(rows).to_have_count(1)
    expect(page.locator("#cre-status")).to_contain_text("Draft deleted")
    expect(warning).to_be_hidden()
    fault_row("delete-storage-error", faults_injected=faults, records_lost=lost)


def test_fault_import_storage_error(page, server, axe, tmp_path):
    mine = new_record("dd-cre-2022")
    mine["answers"] = {"child_name": "Ben Cole", "context": "Written on another computer"}
    file = tmp_path / "record.json"
    file.write_text(json.dumps(mine, ensure_ascii=False), encoding="utf-8")
    open_form(page, server)
    typed_and_saved(page, "#child_name", NAME)
    before = stored_revs(page)
    rows = page.locator("#cre-drafts li.cre-draft")
    warning = page.locator("#cre-storage-warning")
    page.evaluate(QUOTA)
    show(page, "#cre-import").set_input_files(str(file))  # opens on this page all the same
    expect(warning.locator(".cre-warning-text")).to_have_text(
        "The record is open on this page but was not saved in your drafts: this device has run out of space for "
        "drafts. Download the record (JSON) to keep any changes you make.")
    expect(page.locator("#child_name")).to_have_value("Ben Cole")
    expect(page.locator("#cre-saved")).to_have_text("Not saved.")
    expect(rows).to_have_count(1)
    check_accessibility(page, axe)
    with page.expect_download(timeout=CHECK_TIMEOUT_MS) as download:
        warning.get_by_role("button", name="Download the record (JSON)").click()
    kept = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))["answers"]
    faults = injected(page, "__quotaRefused")

    earlier = page.context.new_page()  # the earlier form's page opens a current record only from the drafts
    earlier.goto(server + "form-earlier.html")
    ready(earlier)
    unlock(earlier)
    earlier.evaluate(QUOTA)
    show(earlier, "#cre-import").set_input_files(str(file))
    expect(earlier.locator("#cre-storage-warning .cre-warning-text")).to_have_text(
        "The record was not opened: it belongs to the other form page, which opens it from your drafts, and it "
        "could not be saved there: this device has run out of space for drafts. Your open draft is unchanged. "
        "Free space on the device, or delete drafts you no longer need, then try again.")
    assert earlier.url.split("#")[0].endswith("form-earlier.html")  # it stayed
    expect(earlier.locator("#cre-drafts li.cre-draft")).to_have_count(1)
    faults += injected(earlier, "__quotaRefused")
    earlier.close()
    after = stored_revs(page)
    assert after == before  # nothing of the file stored, the open draft as it was

    page.evaluate("() => { window.__quotaFull = false; }")  # space freed: the next change keeps the record
    answer(page, "#context", "Written on another computer, and here")
    saved(page)
    expect(warning).to_be_hidden()
    expect(rows).to_have_count(2)
    continue_draft(page, row=rows.filter(has_not_text="(open now)"))
    lost = drafts_lost(before, after) + sum(kept.get(key) != value for key, value in mine["answers"].items())
    lost += answers_lost(page, {"#child_name": NAME})
    fault_row("import-storage-error", faults_injected=faults, records_lost=lost)

# --- two tabs ----------------------------------------------------------------------------------------------------------
COUNT_ABORTS = """(() => {
  const abort = IDBTransaction.prototype.abort;
  window.__aborted = 0;
  IDBTransaction.prototype.abort = function (...args) { window.__aborted += 1; return abort.apply(this, args); };
})();"""


def test_fault_two_tabs_on_one_draft(page, server, axe):
    first = page
    open_form(first, server)
    typed_and_saved(first, "#child_name", NAME)
    second = first.context.new_page()
    open_form(second, server, passphrase_set=True)
    continue_draft(second, row=second.locator("#cre-drafts li.cre-draft"))
    opened_twice = 1  # the same draft opened in a second tab while the first holds it
    notice = second.locator("#cre-notice")
    expect(notice).to_contain_text("open in another tab or window")
    expect(second.locator("#child_name")).to_have_value(NAME)
    expect(second.locator("#child_name")).to_be_disabled()
    open_screen(second, "section-s1")  # the answers, read only
    check_accessibility(second, axe)

    # A third tab with no Web Locks (an older browser) can edit, but its out-of-date write is refused.
    third = first.context.new_page()
    third.add_init_script("Object.defineProperty(Navigator.prototype, 'locks', { get() { return undefined; } });")
    third.add_init_script(COUNT_ABORTS)
    open_form(third, server, passphrase_set=True)
    continue_draft(third, row=third.locator("#cre-drafts li.cre-draft"))
    expect(third.locator("#child_name")).to_be_enabled()
    typed_and_saved(first, "#context", "The first tab's newer words")
    answer(third, "#context", "The third tab's out-of-date words")
    expect(third.locator("#cre-storage-warning")).to_contain_text("changed in another tab or window")
    stale = injected(third, "__aborted")  # the third tab's writes that found a newer revision and were refused

    first.close()  # the first tab lets go: the second may edit, and shows the newest saved version
    expect(notice).to_be_hidden(timeout=20_000)
    expect(second.locator("#cre-status")).to_contain_text("you can edit it here now")
    expect(second.locator("#context")).to_have_value("The first tab's newer words")
    expect(second.locator("#child_name")).to_be_enabled()
    lost = answers_lost(second, {"#child_name": NAME, "#context": "The first tab's newer words"})
    fault_row("two-tabs", faults_injected=opened_twice + stale, records_lost=lost)


# --- offline and updates -------------------------------------------------------------------------------------------
def test_fault_offline_cold_start(offline_page, site_dir, servers):  # noqa: F811
    page = offline_page
    server = servers(site_dir)
    install(page, server.url + "form.html", site_dir)
    ready(page)
    set_passphrase(page)
    typed_and_saved(page, "#child_name", NAME)
    server.stop()
    stopped = 1
    page.reload()
    ready(page)
    unlock(page)
    expect(page.locator("#child_name")).to_have_value(NAME)
    typed_and_saved(page, "#context", "Written with the server gone")
    reload_and_reopen(page)  # still offline: what was typed there is kept too
    lost = answers_lost(page, {"#child_name": NAME, "#context": "Written with the server gone"})
    fault_row("offline-cold-start", faults_injected=stopped, records_lost=lost)


def test_fault_update_with_a_form_open(offline_page, tmp_path, site_dir, servers):  # noqa: F811
    page = offline_page
    site = tmp_path / "site"
    shutil.copytree(site_dir, site)
    server = servers(site)
    install(page, server.url + "form.html", site)
    ready(page)
    set_passphrase(page)
    typed_and_saved(page, "#child_name", NAME)

    form = site / "form.html"  # a new version of the form page, and sw.js with it
    form.write_text(form.read_text(encoding="utf-8").replace(
        "</main>", '<p id="cre-test-new-version">This is the new version.</p></main>', 1), encoding="utf-8")
    service_worker.generate_worker(site)
    versions = 1
    page.reload()
    ready(page)
    banner = page.locator("#cre-sw-update")
    expect(banner).to_contain_text(BANNER_TEXT, timeout=120_000)
    unlock(page)
    expect(page.locator("#cre-test-new-version")).to_have_count(0)  # still the version the form started with
    typed_and_saved(page, "#context", "Typed before updating")
    with page.expect_navigation():
        banner.get_by_role("button", name="Update now").click()
    ready(page)
    expect(page.locator("#cre-test-new-version")).to_be_visible()
    unlock(page, PASSPHRASE)  # the previous version's draft opens and decrypts in the new one
    reopened(page)
    lost = answers_lost(page, {"#child_name": NAME, "#context": "Typed before updating"})
    expect(page.locator("#child_name")).to_have_value(NAME)
    expect(page.locator("#context")).to_have_value("Typed before updating")
    fault_row("update-with-tab-open", faults_injected=versions, records_lost=lost)


def test_the_suite_table_names_real_tests():
    """Every row of fault-suite.yaml names a test function that exists (the site page links rows to tests)."""
    from fault_rows import load

    root = Path(__file__).resolve().parents[2]
    for row in load()["rows"]:
        path, _, name = row["test"].partition("::")
        assert f"def {name}(" in (root / path).read_text(encoding="utf-8"), row["test"]
