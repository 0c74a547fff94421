"""Drafts kept in this browser, encrypted (cre.browser.vault): saved as the practitioner types, listed to resume,
duplicate or delete. Record files (opened and the encrypted copy) are files.py's.

Only the open draft's random id is kept in sessionStorage, so a reload of this tab reopens it after unlocking; no
answer is ever put in Web Storage, a URL or the page title. One tab edits a draft at a time (a Web Lock per draft):
another tab shows it read only until the first lets go. Every write names the revision it read, so a write from an
out-of-date page is refused, never silently laid over a newer one. When storage fails, the answers stay on the
page, the practitioner is told what happened and offered the JSON download, and the next change tries again.
"""

import asyncio

from pyodide.ffi import create_proxy, to_js
from pyscript import document, window

from .. import draft_list, progress
from ..convert import upgrade
from ..records import duplicate, form_of, new_record, utc_now
from ..storage_faults import NotStored, not_stored
from ..validate import validate
from . import draft_rows
from .files import RecordFiles
from .page import OPEN_DRAFT, PAGES
from .storage_warning import StorageWarning
from .vault import Unreadable, Vault, fault

SAVE_DELAY_MS = 300
REOPEN_TRIES, REOPEN_PAUSE_S = 5, 0.4  # reconnecting after the browser closed the drafts database
KEEP = "Your answers are still on this page: download the record (JSON) to keep them."
FAULTS = {
    "QuotaExceededError": "This device has run out of space for drafts, so your last changes were not saved. "
                          "Delete drafts you no longer need, or free space on the device. " + KEEP,
    "Closed": "This browser stopped saving drafts (its storage was closed or cleared). " + KEEP,
    "StaleWrite": "This draft was changed in another tab or window after you opened it here, so your changes were "
                  "not saved over it. " + KEEP + " Then resume the draft to see the newer version.",
}
UNAVAILABLE = ("Drafts cannot be kept in this browser (private browsing, or storage is turned off). Your answers "
               "stay on this page until you close it: download the record (JSON) to keep them.")
UNREADABLE = ("That draft cannot be opened: it was changed or damaged after it was saved, or this form did not "
              "save it.")


class Drafts:
    """The page's drafts: the encrypted store, the list on the page, autosave, import, one tab per draft."""

    def __init__(self, page):
        self.page, self.vault, self.warning = page, Vault(), StorageWarning()
        self.available = False  # the database opened
        self.rev = 0  # the revision of the open record as this page last read or wrote it (0: never stored)
        self.read_only = False  # another tab is editing the open draft
        self.held = None  # the draft id whose Web Lock this tab holds
        self.summaries = {}  # id -> (label parts) for the list, decrypted once per unlock
        self.dirty = False  # changes on the page not yet stored
        self.edits = self.read_edits = 0  # input events so far; how many of them the last read of the answers saw
        self.saved_text = ""
        self.failed = False  # the last save failed: what is on the page is not stored
        self._timer, self._lock = None, asyncio.Lock()
        self._save_proxy = create_proxy(lambda *_: asyncio.ensure_future(self.save()))
        self.output = document.querySelector("#cre-drafts .cre-output")
        self.guard = None  # set by start(): the passphrase forms and the auto-lock
        self.files = RecordFiles(self)

    # --- opening the store ---------------------------------------------------------------------------------------
    async def open(self):
        self.page.listen(document.getElementById("cre-new"), "click", self.start_new)
        self.files.start()
        self.page.listen(document.getElementById("cre-warning-download"), "click", self.page.download_json)
        for name in ("cre-storage-closed", "cre-storage-deleted"):
            self.page.listen(window, name, lambda event: asyncio.ensure_future(self.storage_event(event.type)))
        self.page.listen(window, "beforeunload", self.leaving)
        self.page.listen(window, "pagehide", self.flush)
        self.page.listen(document, "visibilitychange", self.flush)
        try:
            await self.vault.open()
        except Exception:  # noqa: BLE001 - private mode, disabled storage, a broken profile: all mean "no drafts"
            self.warning.show(UNAVAILABLE)
            self.output.replaceChildren()
            return
        self.available = True
        await self.ask_to_persist()
        self.guard.show_vault()

    async def ask_to_persist(self):
        storage = window.navigator.storage
        if storage and getattr(storage, "persist", None):
            try:
                kept = await storage.persist()
            except Exception:  # noqa: BLE001
                kept = False
            document.getElementById("cre-persist").hidden = bool(kept)

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
            self.say(f"{len(unsealed)} {'draft was' if one else 'drafts were'} found on this device without "
                     f"encryption, and {'is' if one else 'are'} now encrypted. Check every answer before you rely on "
                     f"{'it' if one else 'them'}: anything on this computer could have changed a draft kept that way.")
        self.render()

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

    def typing(self):
        """Called at once on every input event, before the answers are read: "Saving…" until the write is done."""
        self.edits += 1
        if self.can_save():
            self.dirty = True
            self.show_saved("Saving…")

    def unchanged(self):
        """The answers were read and nothing had changed: no save is coming."""
        self.read_edits = self.edits
        if self.dirty and self._timer is None and not self._lock.locked() and not self.failed:
            self.dirty = False
            self.show_saved(self.saved_text)

    def changed(self):
        self.read_edits = self.edits
        if not self.available or self.read_only:
            return
        if not self.vault.unlocked:
            self.guard.ask_to_save()
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

    def show_saved(self, text):
        document.getElementById("cre-saved").textContent = text

    async def save(self):
        """Seal and store the open record, one write at a time, under the revision this page last saw."""
        self._timer = None
        async with self._lock:
            record = self.page.record
            if not self.available or self.read_only or not self.vault.unlocked or not record["answers"]:
                return False
            if self.held != record["record_id"] and not await self.take(record["record_id"]):
                return False
            status = self.page.result["validation"]["status"] if self.page.result else "draft-valid"
            try:
                self.rev = await self.write(record, status, self.rev)
            except Exception as error:  # noqa: BLE001 - each fault is told plainly below; the page keeps the answers
                kind = fault(error)
                self.failed = True  # until a save works, nothing may say "Saved"
                self.warning.show(FAULTS.get(kind)
                                  or f"Your last changes could not be saved in this browser ({kind}). " + KEEP)
                return False
            self.failed = False
            self.warning.clear()
            window.sessionStorage.setItem(OPEN_DRAFT, record["record_id"])
            self.summarise(record, status)
            time = window.Date.new().toLocaleTimeString(
                "en-GB", to_js({"hour": "2-digit", "minute": "2-digit"}, dict_converter=window.Object.fromEntries))
            self.saved_text = f"Saved on this device at {time}."
            # "Saved" only when nothing newer waits to be saved, nor was typed since the answers were last read
            if record is self.page.record and self._timer is None and self.read_edits == self.edits:
                self.dirty = False
                self.show_saved(self.saved_text)
            self.render()
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

    async def recover(self):
        """Reopen the database. If storage was cleared meanwhile (and this tab is unlocked), the passphrase check is
        written back, the open draft will be stored anew, and the practitioner is told the rest are gone."""
        if await self.vault.reopen():
            self.rev = 0
            self.summaries = {}
            self.warning.show("This browser's storage was cleared while the form was open. Your open draft is saved "
                              "again under the same passphrase; other drafts that were on this device are gone.",
                              offer_download=False)

    async def storage_event(self, kind):
        if kind == "cre-storage-deleted":  # wiped from another tab
            await self.guard.wiped_elsewhere()
            return
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
        self.render()

    # --- one tab per draft -----------------------------------------------------------------------------------------
    async def take(self, draft_id):
        """Hold the draft's lock (letting go of the last one). False: another tab has it; this page turns read only
        until that tab lets go."""
        if self.held and self.held != draft_id:
            self.vault.release(self.held)
            self.held = None
        if await self.vault.claim(draft_id):
            self.held = draft_id
            self.set_read_only(False)
            return True
        self.set_read_only(True)
        asyncio.ensure_future(self.wait_for(draft_id))
        return False

    async def wait_for(self, draft_id):
        if not await self.vault.claim(draft_id, wait=True) or self.page.record["record_id"] != draft_id:
            return
        self.held = draft_id
        self.set_read_only(False)
        if self.vault.unlocked:
            await self.resume(draft_id, quietly=True)
        self.say("The other tab has closed this draft: you can edit it here now.")

    def set_read_only(self, read_only):
        self.read_only = read_only
        for field in self.page.element.querySelectorAll("input, textarea, select, button"):
            field.disabled = read_only
        notice = document.getElementById("cre-notice")
        notice.hidden = not read_only
        notice.textContent = ("This draft is open in another tab or window, so it is shown here read only: only one "
                              "place can change it at a time. Close the other tab to edit it here.") if read_only else ""

    def release(self):
        if self.held:
            self.vault.release(self.held)
            self.held = None
        self.set_read_only(False)

    # --- the list --------------------------------------------------------------------------------------------------
    def render(self):
        self.output.replaceChildren(*draft_rows.contents(self))

    async def read(self, draft_id):
        """A stored draft and its revision; None when it is gone, or cannot be opened (said plainly)."""
        try:
            return await self.vault.read_draft(draft_id)
        except Unreadable:
            self.say(UNREADABLE)
            return None

    async def resume(self, draft_id, quietly=False):
        if not quietly and draft_id == self.page.record["record_id"]:  # already open: go back to it
            self.page.screens.go(progress.TASKS)
            return
        found = await self.read(draft_id)
        if found is None:
            return
        draft, rev = found
        window.sessionStorage.setItem(OPEN_DRAFT, draft_id)
        if draft["record"]["form"]["id"] != self.page.form.id:
            window.location.assign(PAGES.get(draft["record"]["form"]["id"], "form.html"))
            return
        self.page.show(upgrade(draft["record"]))  # a draft of an earlier definition is saved at the newest next
        self.rev = rev
        await self.take(draft_id)
        if not quietly:
            self.say("Draft opened." if not self.read_only else "Draft opened, read only.")
            self.page.screens.go(progress.TASKS)
        self.render()

    async def duplicate(self, draft_id):
        async def copy_it():
            found = await self.vault.read_draft(draft_id)
            if found is None:
                return None
            original, status = found[0]["record"], found[0].get("status", "draft-valid")
            copy = duplicate(original, now=utc_now())
            note = draft_list.copy_note(draft_list.summary(original, status))
            await self.vault.write_draft(copy, status, 0, note)  # one transaction: the whole copy, or none of it
            return copy, status, note

        try:
            made = await self.stored(copy_it)
        except NotStored as failed:
            self.warning.not_stored(not_stored("The draft was not duplicated", failed.kind, "Your drafts are unchanged."))
            return
        if made is None:
            return
        self.warning.stored_again()
        self.summarise(*made)
        self.say("Draft duplicated: the copy is at the top of the list.")
        self.render()

    async def remove(self, draft_id):
        if not await self.page.dialog.ask("Delete this draft?", "The draft will be deleted from this device. This "
                                          "cannot be undone.", "Delete draft"):
            return
        try:
            await self.stored(lambda: self.vault.delete_draft(draft_id))
        except NotStored as failed:  # still stored, so still listed and openable as it was
            self.warning.not_stored(not_stored("The draft was not deleted", failed.kind, "It is still in your list."))
            return
        self.warning.stored_again()
        self.summaries.pop(draft_id, None)
        if draft_id == self.page.record["record_id"]:
            self.start_new(ask=False)
        self.say("Draft deleted.")
        self.render()

    def needs_passphrase(self):
        """Answers are on the page, drafts can be kept here, and no passphrase has been set on this browser yet."""
        return self.available and self.vault.meta is None and bool(self.page.record["answers"])

    def start_new(self, event=None, ask=True):
        """Start a new assessment: an empty record on the first section. Answers on the page stay in their draft;
        answers that could not be saved are only dropped when the practitioner says so."""
        if ask and self.page.record["answers"] and (self.dirty or not self.can_save()):
            if event is not None:
                event.preventDefault()  # the link opens the first section only once the answer is yes
            asyncio.ensure_future(self.start_new_if_sure())
            return
        self.clear_for_new()

    async def start_new_if_sure(self):
        if await self.page.dialog.ask("Start a new assessment?", "The answers on this page are not saved on this "
                                      "device. Cancel, then download the record (JSON) to keep them.",
                                      "Start again and lose them"):
            self.clear_for_new()
            self.page.screens.go(progress.section_screen(self.page.form.sections[0]))

    def clear_for_new(self):
        window.sessionStorage.removeItem(OPEN_DRAFT)
        self.release()
        self.rev = 0
        self.page.show(new_record(self.page.form.id, self.page.form.version))
        document.getElementById("cre-saved").textContent = ""
        self.render()

    # --- telling the practitioner ----------------------------------------------------------------------------------
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

    def say(self, text):
        self.page.say(text)
