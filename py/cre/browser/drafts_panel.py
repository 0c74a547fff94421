"""The start screen's drafts panel (its HTML: cre_build.form_page.drafts_panel): the list of the drafts kept on this
device (draft_rows.py) with each one's buttons (Continue, Duplicate, Start a review, Delete), "Start a new
assessment", and the note shown when the browser may clear drafts. What is stored, and the record on the page, are
the draft store's (drafts.py): this uses it, and it tells this when the list may have changed (`render`).
"""

import asyncio

from pyscript import document, window

from .. import draft_list, page_contract as contract, progress
from ..records import duplicate, utc_now
from ..storage_faults import NotStored, not_stored
from . import draft_rows


class DraftsPanel:
    def __init__(self, page, drafts, vault, warning, dialog, review):
        self.page, self.drafts, self.vault, self.warning, self.dialog = page, drafts, vault, warning, dialog
        self.actions = draft_rows.Actions(resume=drafts.resume, duplicate=self.duplicate, review=review,
                                          remove=self.remove)
        self.output = document.querySelector(f"#{contract.DRAFTS} .{contract.OUTPUT_CLASS}")

    def start(self):
        self.page.listen(document.getElementById(contract.NEW), "click", self.start_new)

    async def ask_to_persist(self):
        """Ask the browser to keep the drafts; when it may still clear them, say so."""
        storage = window.navigator.storage
        if storage and getattr(storage, "persist", None):
            try:
                kept = await storage.persist()
            except Exception:  # noqa: BLE001
                kept = False
            document.getElementById(contract.PERSIST).hidden = bool(kept)

    def render(self):
        self.output.replaceChildren(*draft_rows.contents(self.vault, self.drafts.summaries,
                                                         self.page.record["record_id"], self.actions,
                                                         self.page.listen))

    def empty(self):
        """No drafts can be kept in this browser: the list says nothing (the storage warning says why)."""
        self.output.replaceChildren()

    # --- the buttons ----------------------------------------------------------------------------------------------
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
            made = await self.drafts.stored(copy_it)
        except NotStored as failed:
            self.warning.not_stored(not_stored("The draft was not duplicated", failed.kind,
                                               "Your drafts are unchanged."))
            return
        if made is None:
            return
        self.warning.stored_again()
        self.drafts.summarise(*made)
        self.page.say("Draft duplicated: the copy is at the top of the list.")
        self.render()

    async def remove(self, draft_id):
        if not await self.dialog.ask("Delete this draft?", "The draft will be deleted from this device. This "
                                     "cannot be undone.", "Delete draft"):
            return
        try:
            await self.drafts.stored(lambda: self.vault.delete_draft(draft_id))
        except NotStored as failed:  # still stored, so still listed and openable as it was
            self.warning.not_stored(not_stored("The draft was not deleted", failed.kind, "It is still in your list."))
            return
        self.warning.stored_again()
        self.drafts.summaries.pop(draft_id, None)
        if draft_id == self.page.record["record_id"]:
            self.start_new(ask=False)
        self.page.say("Draft deleted.")
        self.render()

    def start_new(self, event=None, ask=True):
        """Start a new assessment: an empty record on the first section. Answers on the page stay in their draft;
        answers that could not be saved are only dropped when the practitioner says so."""
        drafts = self.drafts
        if ask and self.page.record["answers"] and (drafts.dirty or not drafts.can_save()):
            if event is not None:
                event.preventDefault()  # the link opens the first section only once the answer is yes
            asyncio.ensure_future(self.start_new_if_sure())
            return
        drafts.clear_for_new()

    async def start_new_if_sure(self):
        if await self.dialog.ask("Start a new assessment?", "The answers on this page are not saved on this "
                                 "device. Cancel, then download the record (JSON) to keep them.",
                                 "Start again and lose them"):
            self.drafts.clear_for_new()
            self.page.screens.go(progress.section_screen(self.page.form.sections[0]))
