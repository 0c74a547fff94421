"""One tab edits a draft at a time: this tab holds a Web Lock per draft it edits (cre.browser.vault `claim`), and a
draft that another tab holds is shown here read only (every field disabled, a notice saying why) until that tab
lets go; then the draft is this tab's to edit, and the draft store is told (`taken_back`). Without Web Locks every
claim succeeds: the revision check on each write still refuses a stale write.
"""

import asyncio

from pyscript import document

from .. import page_contract as contract

READ_ONLY = ("This draft is open in another tab or window, so it is shown here read only: only one place can change "
             "it at a time. Close the other tab to edit it here.")


class OneTab:
    def __init__(self, page, vault, taken_back):
        self.page, self.vault = page, vault
        self.taken_back = taken_back  # a coroutine function of the draft id: the other tab let go of it
        self.held = None  # the draft id whose Web Lock this tab holds
        self.read_only = False  # another tab is editing the open draft

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
        await self.taken_back(draft_id)

    def set_read_only(self, read_only):
        self.read_only = read_only
        for field in self.page.element.querySelectorAll("input, textarea, select, button"):
            field.disabled = read_only
        notice = document.getElementById(contract.NOTICE)
        notice.hidden = not read_only
        notice.textContent = READ_ONLY if read_only else ""

    def release(self):
        if self.held:
            self.vault.release(self.held)
            self.held = None
        self.set_read_only(False)
