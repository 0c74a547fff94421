"""Record files: opening one (plain JSON or the encrypted copy, which asks for its passphrase; an earlier-form
record is converted), and downloading the encrypted copy that moves a draft to another computer. Every refusal
says why in one sentence and leaves the open draft as it was; a file never lays itself over a draft kept here.
"""

import asyncio

from pyscript import document, window

from .. import progress, sealing
from ..convert import prepare_import
from ..inputs import UnusableInput, parse_json, read_record
from ..records import duplicate, utc_now
from .dom import file_name, save
from .page import OPEN_DRAFT, PAGES
from .vault import Unreadable



class RecordFiles:
    def __init__(self, drafts):
        self.drafts, self.page = drafts, drafts.page

    def start(self):
        self.page.listen(document.getElementById("cre-import"), "change", self.import_file)
        self.page.listen(document.getElementById("cre-download-sealed"), "click",
                         lambda _e: asyncio.ensure_future(self.download_sealed()))

    async def import_file(self, _event):
        chooser = document.getElementById("cre-import")  # event.currentTarget is gone once this coroutine runs
        files = chooser.files
        if not files or files.length == 0:
            return
        data = (await files.item(0).arrayBuffer()).to_bytes()
        chooser.value = ""
        try:
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
        window.sessionStorage.setItem(OPEN_DRAFT, record["record_id"])
        rev = 0
        if stored:
            rev = await self.drafts.vault.write_draft(record, "draft-valid", 0)
            self.drafts.summarise(record, "draft-valid")
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
        self.drafts.render()
        self.page.screens.go(progress.TASKS)

    async def download_sealed(self):
        if not self.drafts.vault.unlocked:
            self.page.say("Set or enter your passphrase in Drafts on this device first: the encrypted copy uses it.")
            self.drafts.guard.focus_vault()
            return
        self.page.refresh()
        save(await self.drafts.vault.seal_file(self.page.record), file_name(self.page.record, "json")
             .replace(".json", "-encrypted.json"), "application/json")
        self.page.say("An encrypted copy was downloaded. Open it on the other computer with this passphrase.")
