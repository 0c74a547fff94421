"""Who may see the drafts: the passphrase forms (set, unlock), the auto-lock after a spell without activity (with a
warning a minute before, WCAG 2.2.1), locking by hand, and "Finish and wipe". An encrypted record file's own
passphrase is files.py's; both take one passphrase form at a time (`submit`).

Locking saves first, drops the key and clears every answer from the page; the tab's open-draft id stays in
sessionStorage so that unlocking brings the same draft back. Wiping deletes the whole drafts database, so other
tabs are told (and clear themselves) and a page kept in the back/forward cache is evicted with it.
"""

import asyncio

from pyodide.ffi import create_proxy
from pyscript import document, window

from .. import page_contract as contract, passphrase, progress
from . import passphrase_form
from .dom import by_id, element
from .vault import WrongPassphrase, fault

WARN_SECONDS = 60
ACTIVITY = ("keydown", "pointerdown", "input", "wheel", "touchstart")


class Guard:
    def __init__(self, page, drafts, panel, vault, dialog, warning):
        self.page, self.drafts, self.panel, self.vault, self.dialog, self.warning = \
            page, drafts, panel, vault, dialog, warning
        minutes = float(page.element.getAttribute(contract.DATA_AUTO_LOCK_MINUTES) or 15)
        self.lock_ms = int(minutes * 60_000)
        self.warn_ms = max(self.lock_ms - WARN_SECONDS * 1000, 0)
        self.last_activity = window.Date.now()
        self._timers = []
        self._on_warn, self._on_time_out = create_proxy(self.warn), create_proxy(self.timed_out)
        self._busy = False

    def start(self):
        listen = self.page.listen
        listen(by_id(contract.VAULT_SETUP), "submit", lambda event: self.submit(event, self.set_passphrase))
        listen(by_id(contract.VAULT_UNLOCK), "submit", lambda event: self.submit(event, self.unlock))
        listen(by_id(contract.LOCK), "click", lambda _e: asyncio.ensure_future(self.lock("Locked.")))
        listen(by_id(contract.LOCK_NOW), "click", lambda _e: asyncio.ensure_future(self.lock("Locked.")))
        listen(by_id(contract.STAY), "click", self.activity)
        for button in document.querySelectorAll(f"[{contract.DATA_WIPE}]"):
            listen(button, "click", lambda _e: asyncio.ensure_future(self.wipe()))
        for name in ACTIVITY:
            listen(document, name, self.activity)
        listen(document, "visibilitychange", self.woke)
        listen(window, contract.STORAGE_DELETED, lambda _e: asyncio.ensure_future(self.wiped_elsewhere()))

    async def open(self):
        """Open the drafts store, then show the passphrase form it needs (or, when it cannot keep drafts, nothing)."""
        if not await self.drafts.open():
            self.panel.empty()
            return
        await self.panel.ask_to_persist()
        self.show_vault()

    # --- which form the panel shows ----------------------------------------------------------------------------------
    def show_vault(self, reason=None):
        """Set-up when no passphrase exists on this browser, unlock when it is locked, neither when unlocked."""
        has_vault = self.vault.meta is not None
        by_id(contract.VAULT_SETUP).hidden = has_vault or self.vault.unlocked
        by_id(contract.VAULT_UNLOCK).hidden = not has_vault or self.vault.unlocked
        by_id(contract.LOCK).hidden = not self.vault.unlocked
        if reason:
            by_id(contract.LOCK_REASON).textContent = reason
        self.panel.render()

    def answers_read(self, changed):
        """The page read its answers: a change that drafts could keep, but no key is held, asks for the passphrase."""
        if changed and self.drafts.available and not self.drafts.read_only and not self.vault.unlocked:
            self.ask_to_save()

    def ask_to_save(self):
        """A change while no key is held: say where to unlock or set the passphrase (never steal focus)."""
        if self.vault.meta is None:
            link = element("a", "set a passphrase to save", href=f"#{progress.SAVE}")
        else:
            link = element("a", "unlock your drafts to save", href=f"#{contract.VAULT_UNLOCK}")
        by_id(contract.SAVED).replaceChildren("Not saved yet: ", link)
        self.show_vault()

    def focus_vault(self):
        """Open the screen where the passphrase is set, or the start screen's unlock form."""
        self.page.screens.go(progress.SAVE if self.vault.meta is None else contract.VAULT_UNLOCK)

    def submit(self, event, action):
        """A passphrase form was sent: run its action, unless one is still running (deriving a key takes a while)."""
        event.preventDefault()
        if self._busy:
            return
        asyncio.ensure_future(self.busy(action))

    async def busy(self, action):
        self._busy = True
        try:
            await action()
        finally:
            self._busy = False

    @staticmethod
    def error(error_id, text):
        slot = by_id(error_id)
        slot.hidden, slot.textContent = not text, text or ""

    async def set_passphrase(self):
        first, second = by_id(contract.NEW_PASSPHRASE), by_id(contract.CONFIRM_PASSPHRASE)
        problem = passphrase.check(first.value, second.value)
        if problem:
            second.value = ""  # typed again once the first box is right
            passphrase_form.show(self.page, problem)
            return
        passphrase_form.clear()
        self.error(contract.SETUP_ERROR, None)
        self.page.say("Setting the passphrase…")
        try:
            await self.vault.set_passphrase(first.value)
        except Exception as error:  # noqa: BLE001
            if fault(error) == "StaleWrite":  # another tab set one a moment ago
                await self.vault.open()
                self.error(contract.SETUP_ERROR, None)
                self.show_vault("A passphrase was set in another tab just now: enter that one to save drafts.")
                return
            self.error(contract.SETUP_ERROR, "The passphrase could not be stored in this browser. Your answers are "
                                             "still on this page: download the record (JSON) to keep them.")
            return
        first.value = second.value = ""
        self.page.say("Passphrase set. Drafts are now saved on this device, encrypted.")
        await self.opened()
        self.page.screens.leave_save()

    async def unlock(self):
        field = by_id(contract.PASSPHRASE)
        self.page.say("Unlocking…")
        try:
            await self.vault.unlock(field.value)
        except WrongPassphrase:
            field.value = ""
            self.error(contract.UNLOCK_ERROR, "That passphrase does not open the drafts on this device. Check it and "
                                              "try again.")
            self.page.say("")
            field.focus()
            return
        field.value = ""
        self.error(contract.UNLOCK_ERROR, None)
        self.page.say("Drafts unlocked.")
        await self.opened()
        by_id(contract.DRAFTS_TITLE).focus()

    async def opened(self):
        self.show_vault()
        await self.drafts.unlocked()
        self.activity()

    # --- the auto-lock ------------------------------------------------------------------------------------------------
    def activity(self, _event=None):
        """Any use of the page: the timers start again. They always run, key or not: with no key held, what is on
        the page is cleared instead of locked."""
        self.last_activity = window.Date.now()
        for timer in self._timers:
            window.clearTimeout(timer)
        warning = by_id(contract.LOCK_WARNING)
        if not warning.hidden:
            warning.hidden = True
        self._timers = [window.setTimeout(self._on_warn, self.warn_ms),
                        window.setTimeout(self._on_time_out, self.lock_ms)]

    def exposed(self):
        """Whether anything of a child is on the page without a key held (typed, or opened from a file)."""
        return not self.vault.unlocked and bool(self.page.record["answers"])

    def warn(self, *_):
        if not (self.vault.unlocked or self.exposed()):
            return
        by_id(contract.LOCK_WARNING_SAVED).hidden = not self.vault.unlocked
        by_id(contract.LOCK_WARNING_UNSAVED).hidden = self.vault.unlocked
        by_id(contract.LOCK_NOW).hidden = not self.vault.unlocked
        by_id(contract.LOCK_WARNING).hidden = False
        by_id(contract.STAY).focus()

    def timed_out(self, *_):
        if window.Date.now() - self.last_activity < self.lock_ms - 1000:
            return
        minutes = round(self.lock_ms / 60_000)
        if self.vault.unlocked:
            asyncio.ensure_future(self.lock(f"Locked after {minutes} minutes without activity, to protect the "
                                            "child's information. Enter your passphrase to carry on."))
        elif self.exposed():
            self.clear_unsaved(f"The answers on this page were cleared after {minutes} minutes without activity, "
                               "to protect the child's information. They were not saved on this device.")

    def clear_unsaved(self, reason):
        """No key held: nothing can be saved, so what is on the page goes (the answers, the result, any question)."""
        self.dialog.close()
        self.drafts.release()
        self.page.clear()
        by_id(contract.LOCK_WARNING).hidden = True
        by_id(contract.SAVED).textContent = ""
        self.show_vault()
        self.page.screens.go(progress.START)
        self.page.say(reason)

    def woke(self, _event=None):
        """Timers stop while a laptop sleeps: on coming back, lock at once if the time is up."""
        if document.visibilityState == "visible":
            self.timed_out()

    async def lock(self, reason):
        if not self.vault.unlocked:
            return
        await self.drafts.save()
        self.dialog.close()
        self.vault.lock()
        self.drafts.locked()  # and the list's initials and levels, too, wait for the passphrase
        self.page.clear()
        by_id(contract.LOCK_WARNING).hidden = True
        by_id(contract.SAVED).textContent = ""
        self.show_vault(reason)
        self.page.say("")
        self.page.screens.go(contract.VAULT_UNLOCK)  # the start screen, at the unlock form (focus goes to its field)
        by_id(contract.PASSPHRASE).focus()

    # --- finish and wipe -------------------------------------------------------------------------------------------
    async def wipe(self):
        if not await self.dialog.ask("Finish and wipe this device?",
                                     "Every draft and the passphrase will be removed from this browser. Download "
                                     "anything you still need first. This cannot be undone.",
                                     "Wipe this device"):
            return
        self.vault.lock()
        self.drafts.release()
        self.page.clear()
        try:
            await self.vault.wipe()
        except Exception:  # noqa: BLE001
            self.warning.show("The drafts could not all be removed. Close every other tab of this toolkit, then "
                              "try again.", offer_download=False)
            return
        self.wiped()

    async def wiped_elsewhere(self):
        self.vault.lock()
        self.drafts.release()
        self.page.clear()
        self.wiped()

    def wiped(self):
        self.drafts.close()
        notice = by_id(contract.WIPED)
        for child in by_id(contract.MAIN).children:  # this notice stays; nothing else is left to use
            child.hidden = child.id != contract.WIPED
        by_id(contract.GLANCE).hidden = True
        notice.focus()
