"""The draft store: the record on the page kept in this browser as an encrypted draft (cre.browser.vault), saved as
the practitioner types, and put back on the page when resumed. The list of drafts on the start screen is
drafts_panel.py's, record files are files.py's, the passphrase and the lock guard.py's; each of them uses this, and
this uses none of them (it tells the list through on_listed).

Only the open draft's random id is kept in sessionStorage, so a reload of this tab reopens it after unlocking; no
answer is ever put in Web Storage, a URL or the page title. One tab edits a draft at a time (one_tab.py). Every
write names the revision it read, so a write from an out-of-date page is refused, never silently laid over a newer
one. When storage fails, the answers stay on the page, the practitioner is told what happened and offered the JSON
download, and the next change tries again.
"""

import asyncio

from pyodide.ffi import create_proxy
from pyscript import document, window

from .. import draft_list, page_contract as contract, progress
from ..convert import upgrade
from ..records import form_of, new_record
from ..storage_faults import NotStored
from ..validate import validate
from .dom import js_object
from .one_tab import OneTab
from .storage_warning import FAULTS, UNAVAILABLE
from .vault import Unreadable, fault

OPEN_DRAFT = "cre-open-draft"  # sessionStorage: the random id of this tab's open draft, never an answer
SAVE_DELAY_MS = 300
REOPEN_TRIES, REOPEN_PAUSE_S = 5, 0.4  # reconnecting after the browser closed the drafts database
UNREADABLE = ("That draft cannot be opened: it was changed or damaged after it was saved, or this form did not "
              "save it.")


class Drafts:
    """The page's drafts: the encrypted store, autosave of the record on the page, and opening a stored one."""

    def __init__(self, page, vault, warning):
        self.page, self.vault, self.warning = page, vault, warning
        self.tab = OneTab(page, vault, self.taken_back)
        self.available = False  # the database opened
        self.rev = 0  # the revision of the open record as this page last read or wrote it (0: never stored)
        self.summaries = {}  # id -> what the list says of it (cre.draft_list.summary), decrypted once per unlock
        self.dirty = False  # changes on the page not yet stored
        self.edits = self.read_edits = 0  # input events so far; how many of them the last read of the answers saw
        self.saved_text = ""
        self.failed = False  # the last save failed: what is on the page is not stored
        self.on_listed = []  # told when what the list of drafts shows may have changed (cre.browser.start fills it)
        self._timer, self._lock = None, asyncio.Lock()
        self._save_proxy = create_proxy(lambda *_: asyncio.ensure_future(self.save()))

    @property
    def read_only(self):
        """Another tab is editing the open draft."""
        return self.tab.read_only

    def listed(self):
        """What the list of drafts shows may have changed: tell it (on_listed)."""
        for tell in self.on_listed:
            tell()

    # --- opening the store ---------------------------------------------------------------------------------------
    async def open(self):
        """Open the database: True when drafts can be kept here (else the warning says why not)."""
        self.page.listen(document.getElementById(contract.WARNING_DOWNLOAD), "click", self.page.download_json)
        self.page.listen(window, contract.STORAGE_CLOSED, lambda _event: asyncio.ensure_future(self.storage_closed()))
        self.page.listen(window, "beforeunload", self.leaving)
        self.page.listen(window, "pagehide", self.flush)
        self.page.listen(document, "visibilitychange", self.flush)
        try:
            await self.vault.open()
        except Exception:  # noqa: BLE001 - private mode, disabled storage, a broken profile: all mean "no drafts"
            self.warning.show(UNAVAILABLE)
            return False
        self.available = True
        return True

    async def unlocked(self):
        """The passphrase is set or entered: seal any first-version drafts, reopen this tab's draft, list them."""
        unsealed = await self.vault.legacy()
        for _draft_id, legacy in unsealed:  # anything on this computer could have written one: trust no status
            record = legacy["record"]
            await self.vault.write_draft(record, validate(record, form_of(record))["status"], 0)
        self.summaries = {}
        for draft_id, value in await self.vault.entries():
            await self.remember(draft_id, value)
        open_id = window.sessionStorage.getItem(OPEN_DRAFT)
        if self.page.record["answers"]:  # typed before unlocking: keep it as a draft now
            await self.save()
        elif open_id and open_id in self.summaries:
            await self.resume(open_id, quietly=True)
        if unsealed:
            one = len(unsealed) == 1
            self.page.say(f"{len(unsealed)} {'draft was' if one else 'drafts were'} found on this device without "
                          f"encryption, and {'is' if one else 'are'} now encrypted. Check every answer before you "
                          f"rely on {'it' if one else 'them'}: anything on this computer could have changed a draft "
                          "kept that way.")
        self.listed()

    def locked(self):
        """The key was dropped: this tab lets go of its draft; the list's initials and levels wait for the key too."""
        self.release()
        self.summaries = {}

    def close(self):
        """The store was wiped: nothing is kept here any more, and this tab has no open draft."""
        window.sessionStorage.removeItem(OPEN_DRAFT)
        self.available = False

    async def remember(self, draft_id, value):
        try:
            draft, _rev = await self.vault.open_draft(draft_id, value)
        except Unreadable:
            self.summaries[draft_id] = None
            return
        self.summarise(draft["record"], draft.get("status", "draft-valid"), draft.get("copy_of"))

    def summarise(self, record, status, copy_of=None):
        known = self.summaries.get(record["record_id"]) or {}
        self.summaries[record["record_id"]] = draft_list.summary(record, status, copy_of or known.get("copy_of"))

    # --- autosave ------------------------------------------------------------------------------------------------
    def can_save(self):
        return self.available and not self.read_only and self.vault.unlocked

    def needs_passphrase(self):
        """Answers are on the page, drafts can be kept here, and no passphrase has been set on this browser yet."""
        return self.available and self.vault.meta is None and bool(self.page.record["answers"])

    def typing(self):
        """Called at once on every input event, before the answers are read: "Saving…" until the write is done."""
        self.edits += 1
        if self.can_save():
            self.dirty = True
            self.show_saved("Saving…")

    def answers_read(self, changed):
        """The page read its answers: a change is saved after a pause; when nothing changed, no save is coming."""
        self.read_edits = self.edits
        if not changed:
            if self.dirty and self._timer is None and not self._lock.locked() and not self.failed:
                self.dirty = False
                self.show_saved(self.saved_text)
            return
        if not self.can_save():  # no key held: the guard says where to unlock or set the passphrase
            return
        self.dirty = True
        if self._timer is not None:
            window.clearTimeout(self._timer)
        self._timer = window.setTimeout(self._save_proxy, SAVE_DELAY_MS)

    def flush(self, _event=None):
        """The tab is hidden or going away: save now rather than after the pause."""
        if self.dirty and self._timer is not None and document.visibilityState != "visible":
            window.clearTimeout(self._timer)
            self._timer = None
            asyncio.ensure_future(self.save())

    def leaving(self, event):
        """Changes not yet stored: the browser asks the practitioner before the page goes."""
        if self.dirty and self.page.record["answers"]:
            event.preventDefault()
            event.returnValue = ""

    @staticmethod
    def show_saved(text):
        document.getElementById(contract.SAVED).textContent = text

    async def save(self):
        """Seal and store the open record, one write at a time, under the revision this page last saw."""
        self._timer = None
        async with self._lock:
            record = self.page.record
            if not self.can_save() or not record["answers"]:
                return False
            if self.tab.held != record["record_id"] and not await self.tab.take(record["record_id"]):
                return False
            status = self.page.result["validation"]["status"] if self.page.result else "draft-valid"
            try:
                self.rev = await self.write(record, status, self.rev)
            except Exception as error:  # noqa: BLE001 - each fault is told plainly; the page keeps the answers
                self.failed = True  # until a save works, nothing may say "Saved"
                self.warning.save_failed(fault(error))
                return False
            self.failed = False
            self.warning.clear()
            window.sessionStorage.setItem(OPEN_DRAFT, record["record_id"])
            self.summarise(record, status)
            time = window.Date.new().toLocaleTimeString(
                "en-GB", js_object({"hour": "2-digit", "minute": "2-digit"}))
            self.saved_text = f"Saved on this device at {time}."
            # "Saved" only when nothing newer waits to be saved, nor was typed since the answers were last read
            if record is self.page.record and self._timer is None and self.read_edits == self.edits:
                self.dirty = False
                self.show_saved(self.saved_text)
            self.listed()
            return True

    async def write(self, record, status, expected_rev):
        """One write; when the browser had closed the connection, reopen it and try once more."""
        copy_of = (self.summaries.get(record["record_id"]) or {}).get("copy_of")
        try:
            return await self.vault.write_draft(record, status, expected_rev, copy_of)
        except Exception as error:  # noqa: BLE001
            if fault(error) != "Closed":
                raise
        await self.recover()
        return await self.vault.write_draft(record, status, self.rev, copy_of)

    # --- when the browser closes or clears the store ------------------------------------------------------------
    async def recover(self):
        """Reopen the database. If storage was cleared meanwhile (and this tab is unlocked), the passphrase check is
        written back, the open draft will be stored anew, and the practitioner is told the rest are gone."""
        if await self.vault.reopen():
            self.rev = 0
            self.summaries = {}
            self.warning.show("This browser's storage was cleared while the form was open. Your open draft is saved "
                              "again under the same passphrase; other drafts that were on this device are gone.",
                              offer_download=False)

    async def storage_closed(self):
        """The browser closed the database (a wipe from another tab is the guard's): reconnect, and save again."""
        for attempt in range(REOPEN_TRIES):  # the browser may still be deleting the database it closed
            try:
                await self.recover()
                break
            except Exception:  # noqa: BLE001
                if attempt == REOPEN_TRIES - 1:
                    self.warning.show(FAULTS["Closed"])
                    return
                await asyncio.sleep(REOPEN_PAUSE_S)
        if self.vault.unlocked and self.page.record["answers"]:
            await self.save()
        self.listed()

    async def stored(self, step):
        """Run a storage step of Duplicate, Delete or opening a file and return what it returns; when the browser had
        closed the connection, reconnect and run it once more, as autosave does. NotStored when it failed: each step
        is one transaction, so nothing of it was kept."""
        for last in (False, True):
            try:
                return await step()
            except Exception as error:  # noqa: BLE001 - the caller tells the practitioner plainly
                kind = fault(error)
                if kind != "Closed" or last:
                    raise NotStored(kind) from None
            try:
                await self.recover()
            except Exception:  # noqa: BLE001 - the browser will not reopen the database now
                raise NotStored("Closed") from None

    async def add(self, record, status):
        """Store a new draft (one transaction) and return its revision; NotStored when it was not stored."""
        return await self.stored(lambda: self.vault.write_draft(record, status, 0))

    # --- one tab per draft (one_tab.py) ----------------------------------------------------------------------------
    def release(self):
        self.tab.release()

    async def taken_back(self, draft_id):
        """The other tab let go of the draft on this page: this tab may edit it now."""
        if self.vault.unlocked:
            await self.resume(draft_id, quietly=True)
        self.page.say("The other tab has closed this draft: you can edit it here now.")

    # --- the open draft --------------------------------------------------------------------------------------------
    async def read(self, draft_id):
        """A stored draft and its revision; None when it is gone, or cannot be opened (said plainly)."""
        try:
            return await self.vault.read_draft(draft_id)
        except Unreadable:
            self.page.say(UNREADABLE)
            return None

    def on_its_page(self, record):
        """Make the record this tab's open draft. False: it belongs to the other form page, which is opened (and
        opens it from the drafts)."""
        window.sessionStorage.setItem(OPEN_DRAFT, record["record_id"])
        if record["form"]["id"] != self.page.form.id:
            window.location.assign(contract.page_for(record["form"]["id"]))
            return False
        return True

    async def resume(self, draft_id, quietly=False):
        if not quietly and draft_id == self.page.record["record_id"]:  # already open: go back to it
            self.page.screens.go(progress.TASKS)
            return
        found = await self.read(draft_id)
        if found is None:
            return
        draft, rev = found
        if not self.on_its_page(draft["record"]):
            return
        self.page.show(upgrade(draft["record"]))  # a draft of an earlier definition is saved at the newest next
        self.rev = rev
        await self.tab.take(draft_id)
        if not quietly:
            self.page.say("Draft opened." if not self.read_only else "Draft opened, read only.")
            self.page.screens.go(progress.TASKS)
        self.listed()

    async def open_record(self, record, rev):
        """Open a record just stored (a file opened, a review started) as this tab's draft: on this page (True), or
        on the other form page, which opens it from the drafts (False)."""
        if not self.on_its_page(record):
            return False
        self.release()
        self.page.show(record)
        self.rev = rev
        if self.vault.unlocked:
            await self.tab.take(record["record_id"])
        self.listed()
        return True

    def clear_for_new(self):
        """An empty record on the page, stored once something is typed; the last draft stays as it was saved."""
        window.sessionStorage.removeItem(OPEN_DRAFT)
        self.release()
        self.rev = 0
        self.page.show(new_record(self.page.form.id, self.page.form.version))
        self.show_saved("")
        self.listed()
