"""Record files: opening one (plain JSON or the encrypted copy, which asks for its passphrase; an earlier-form
record is converted), and downloading the encrypted copy that moves a draft to another computer. Every refusal
says why in one sentence and leaves the open draft as it was; a file never lays itself over a draft kept here.
"""

import asyncio

from pyscript import document, window

from .. import passphrase, progress, sealing
from ..convert import prepare_import
from ..inputs import UnusableInput, check_size, parse_json, read_record
from ..records import duplicate, utc_now
from ..storage_faults import NotStored, not_stored
from . import passphrase_form
from .dom import file_name, save
from .page import OPEN_DRAFT, PAGES
from .vault import Unreadable

EXPORT_BOXES = {"passphrase": "cre-export-passphrase", "again": "cre-export-again"}


async def read_bytes(chosen):
    """A chosen file's bytes; UnusableInput when the browser cannot read it (moved, deleted or changed since)."""
    try:
        return (await chosen.arrayBuffer()).to_bytes()
    except Exception:  # noqa: BLE001 - a NotReadableError or NotFoundError from the browser, by any name
        raise UnusableInput("the browser could not read it, perhaps because it was moved, changed or deleted after "
                            "you chose it; choose it again") from None


class RecordFiles:
    def __init__(self, drafts):
        self.drafts, self.page = drafts, drafts.page

    def start(self):
        self.page.listen(document.getElementById("cre-import"), "change", self.import_file)
        self.page.listen(document.getElementById("cre-download-sealed"), "click", self.download_sealed)
        self.page.listen(document.getElementById("cre-export"), "submit", self.export_submitted)
        self.page.listen(document.getElementById("cre-export-cancel"), "click", self.cancel_export)

    async def import_file(self, _event):
        chooser = document.getElementById("cre-import")  # event.currentTarget is gone once this coroutine runs
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
                self.drafts.guard.ask_file_passphrase(sealing.read_file(value))
                return
            await self.open_record(data)
        except (UnusableInput, ValueError) as error:
            self.refuse(error)

    async def open_sealed(self, sealed_file, passphrase):
        """The passphrase for an encrypted file was entered: open it, or say why not (WrongPassphrase propagates)."""
        try:
            data = await self.drafts.vault.open_file(sealed_file, passphrase)
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
        stored = self.drafts.available and self.drafts.vault.unlocked
        if record["form"]["id"] != self.page.form.id and not stored:  # it opens on the other page, from the store
            self.page.say("This record belongs to the other form page, which opens it from your drafts: unlock your "
                     "drafts (or set a passphrase) first, then open the file again. Your open draft is unchanged.")
            self.drafts.guard.focus_vault()
            return
        rev, failed = 0, None
        if stored:
            try:
                rev = await self.drafts.stored(lambda: self.drafts.vault.write_draft(record, "draft-valid", 0))
                self.drafts.summarise(record, "draft-valid")
            except NotStored as error:
                failed = error.kind
        if failed and record["form"]["id"] != self.page.form.id:
            self.drafts.warning.not_stored(not_stored(
                "The record was not opened: it belongs to the other form page, which opens it from your drafts, and "
                "it could not be saved there", failed, "Your open draft is unchanged."))
            return
        window.sessionStorage.setItem(OPEN_DRAFT, record["record_id"])
        if record["form"]["id"] != self.page.form.id:
            window.location.assign(PAGES.get(record["form"]["id"], "form.html"))
            return
        self.drafts.release()
        self.page.show(record)
        self.drafts.rev = rev
        if self.drafts.vault.unlocked:
            await self.drafts.take(record["record_id"])
        self.page.say("Record opened." + (" It was converted from the earlier form: review the answers carried over."
                                          if record.get("conversion") else ""))
        if failed:  # on the page all the same: the practitioner can read it, change it and download it
            self.drafts.warning.not_stored(not_stored(
                "The record is open on this page but was not saved in your drafts", failed,
                "Download the record (JSON) to keep any changes you make.", advice=""), offer_download=True)
        elif stored:
            self.drafts.warning.stored_again()
        self.drafts.render()
        self.page.screens.go(progress.TASKS)

    def download_sealed(self, _event=None):
        """Ask for the copy's own passphrase (the file gets its own salt and key: cre.browser.vault.seal_file)."""
        document.getElementById("cre-export").hidden = False
        document.getElementById("cre-export-passphrase").focus()

    def cancel_export(self, _event=None):
        self.clear_export()
        document.getElementById("cre-export").hidden = True
        document.getElementById("cre-download-sealed").focus()

    def clear_export(self):
        for box in EXPORT_BOXES.values():
            document.getElementById(box).value = ""
            passphrase_form.inline(box, None)

    def export_submitted(self, event):
        event.preventDefault()  # now: the coroutine runs after the browser would have sent the form
        asyncio.ensure_future(self.export_sealed())

    async def export_sealed(self):
        first, again = (document.getElementById(box) for box in EXPORT_BOXES.values())
        problem = passphrase.check(first.value, again.value)
        for field, box in EXPORT_BOXES.items():
            passphrase_form.inline(box, problem.message if problem and problem.field == field else None)
        if problem:
            if problem.field == "again":
                again.value = ""
            document.getElementById(EXPORT_BOXES[problem.field]).focus()
            return
        self.page.refresh()
        self.page.say("Encrypting the copy…")
        sealed = await self.drafts.vault.seal_file(self.page.record, first.value)
        self.clear_export()
        document.getElementById("cre-export").hidden = True
        save(sealed, file_name(self.page.record, "json").replace(".json", "-encrypted.json"), "application/json")
        self.page.say("An encrypted copy was downloaded. Open it on the other computer with the passphrase you "
                      "just chose for it.")
