"""Record files: opening one (plain JSON or the encrypted copy, which asks for its own passphrase; an earlier-form
record is converted), and downloading the encrypted copy that moves a draft to another computer. Every refusal
says why in one sentence and leaves the open draft as it was; a file never lays itself over a draft kept here: it
is stored as a new draft (drafts.py), then opened.
"""

import asyncio

from .. import page_contract as contract, passphrase, progress, sealing
from ..convert import prepare_import
from ..inputs import UnusableInput, check_size, parse_json, read_record
from ..records import duplicate, utc_now
from ..storage_faults import NotStored, not_stored
from . import passphrase_form
from .dom import by_id, file_name, save
from .vault import Unreadable, WrongPassphrase

EXPORT_BOXES = {"passphrase": contract.EXPORT_PASSPHRASE, "again": contract.EXPORT_AGAIN}


async def read_bytes(chosen):
    """A chosen file's bytes; UnusableInput when the browser cannot read it (moved, deleted or changed since)."""
    try:
        return (await chosen.arrayBuffer()).to_bytes()
    except Exception:  # noqa: BLE001 - a NotReadableError or NotFoundError from the browser, by any name
        raise UnusableInput("the browser could not read it, perhaps because it was moved, changed or deleted after "
                            "you chose it; choose it again") from None


class RecordFiles:
    def __init__(self, page, drafts, guard, vault, warning):
        self.page, self.drafts, self.guard, self.vault, self.warning = page, drafts, guard, vault, warning
        self.sealed_file = None  # an encrypted file waiting for its passphrase

    def start(self):
        listen = self.page.listen
        listen(by_id(contract.IMPORT), "change", self.import_file)
        listen(by_id(contract.FILE_UNLOCK), "submit", lambda event: self.guard.submit(event, self.open_file))
        listen(by_id(contract.CANCEL_FILE), "click", self.cancel_file)
        listen(by_id(contract.DOWNLOAD_SEALED), "click", self.download_sealed)
        listen(by_id(contract.EXPORT), "submit", self.export_submitted)
        listen(by_id(contract.EXPORT_CANCEL), "click", self.cancel_export)

    # --- opening a file ------------------------------------------------------------------------------------------
    async def import_file(self, _event):
        chooser = by_id(contract.IMPORT)  # event.currentTarget is gone once this coroutine runs
        files = chooser.files
        if not files or files.length == 0:
            return
        chosen = files.item(0)
        chooser.value = ""  # the File stays readable; the same file chosen again is a change again
        try:
            check_size(chosen.size)  # before reading: a 1.5 GB file took 9 s to read and held the page 3 s
            data = await read_bytes(chosen)
            value = parse_json(data)
            if sealing.is_sealed_file(value):
                self.ask_file_passphrase(sealing.read_file(value))
                return
            await self.open_record(data)
        except (UnusableInput, ValueError) as error:
            self.refuse(error)

    def ask_file_passphrase(self, sealed_file):
        self.sealed_file = sealed_file
        by_id(contract.FILE_UNLOCK).hidden = False
        self.guard.error(contract.FILE_ERROR, None)
        by_id(contract.FILE_PASSPHRASE).focus()

    def cancel_file(self, _event=None):
        self.sealed_file = None
        by_id(contract.FILE_PASSPHRASE).value = ""
        by_id(contract.FILE_UNLOCK).hidden = True
        self.guard.error(contract.FILE_ERROR, None)

    async def open_file(self):
        """The file's passphrase form was sent (one passphrase form at a time: Guard.submit)."""
        field = by_id(contract.FILE_PASSPHRASE)
        try:
            await self.open_sealed(self.sealed_file, field.value)
        except WrongPassphrase:
            field.value = ""
            self.guard.error(contract.FILE_ERROR,
                             "That passphrase does not open this file. Use the one it was saved with.")
            field.focus()
            return
        self.cancel_file()

    async def open_sealed(self, sealed_file, passphrase):
        """The passphrase for an encrypted file was entered: open it, or say why not (WrongPassphrase propagates)."""
        try:
            data = await self.vault.open_file(sealed_file, passphrase)
        except Unreadable:
            self.refuse("the file was changed after it was encrypted, so it cannot be trusted")
            return
        try:
            await self.open_record(data)
        except (UnusableInput, ValueError) as error:
            self.refuse(error)

    def refuse(self, reason):
        self.page.say(f"That file cannot be opened: {reason}. Your open draft is unchanged.")

    async def open_record(self, data):
        record, form = read_record(data)
        record = prepare_import(record, form)
        if record["record_id"] in self.drafts.summaries:  # never lay a file over a draft kept here: open it as a copy
            record = duplicate(record, now=utc_now())
        stored = self.drafts.available and self.vault.unlocked
        if record["form"]["id"] != self.page.form.id and not stored:  # it opens on the other page, from the store
            self.page.say("This record belongs to the other form page, which opens it from your drafts: unlock your "
                          "drafts (or set a passphrase) first, then open the file again. Your open draft is "
                          "unchanged.")
            self.guard.focus_vault()
            return
        rev, failed = 0, None
        if stored:
            try:
                rev = await self.drafts.add(record, "draft-valid")
                self.drafts.summarise(record, "draft-valid")
            except NotStored as error:
                failed = error.kind
        if failed and record["form"]["id"] != self.page.form.id:
            self.warning.not_stored(not_stored(
                "The record was not opened: it belongs to the other form page, which opens it from your drafts, and "
                "it could not be saved there", failed, "Your open draft is unchanged."))
            return
        if not await self.drafts.open_record(record, rev):
            return
        self.page.say("Record opened." + (" It was converted from the earlier form: review the answers carried over."
                                          if record.get("conversion") else ""))
        if failed:  # on the page all the same: the practitioner can read it, change it and download it
            self.warning.not_stored(not_stored(
                "The record is open on this page but was not saved in your drafts", failed,
                "Download the record (JSON) to keep any changes you make.", advice=""), offer_download=True)
        elif stored:
            self.warning.stored_again()
        self.page.screens.go(progress.TASKS)

    # --- the encrypted copy --------------------------------------------------------------------------------------
    def download_sealed(self, _event=None):
        """Ask for the copy's own passphrase (the file gets its own salt and key: cre.browser.vault.seal_file)."""
        by_id(contract.EXPORT).hidden = False
        by_id(contract.EXPORT_PASSPHRASE).focus()

    def cancel_export(self, _event=None):
        self.clear_export()
        by_id(contract.EXPORT).hidden = True
        by_id(contract.DOWNLOAD_SEALED).focus()

    @staticmethod
    def clear_export():
        for box in EXPORT_BOXES.values():
            by_id(box).value = ""
            passphrase_form.inline(box, None)

    def export_submitted(self, event):
        event.preventDefault()  # now: the coroutine runs after the browser would have sent the form
        asyncio.ensure_future(self.export_sealed())

    async def export_sealed(self):
        first, again = (by_id(box) for box in EXPORT_BOXES.values())
        problem = passphrase.check(first.value, again.value)
        for field, box in EXPORT_BOXES.items():
            passphrase_form.inline(box, problem.message if problem and problem.field == field else None)
        if problem:
            if problem.field == "again":
                again.value = ""
            by_id(EXPORT_BOXES[problem.field]).focus()
            return
        self.page.refresh()
        self.page.say("Encrypting the copy…", beside_downloads=True)
        sealed = await self.vault.seal_file(self.page.record, first.value)
        self.clear_export()
        by_id(contract.EXPORT).hidden = True
        save(sealed, file_name(self.page.record, "json").replace(".json", "-encrypted.json"), "application/json")
        self.page.say("An encrypted copy was downloaded. Open it on the other computer with the passphrase you "
                      "just chose for it.", beside_downloads=True)
