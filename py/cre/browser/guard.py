"""Who may see the drafts: the passphrase forms (set, unlock, open an encrypted file), the auto-lock after a spell
without activity (with a warning a minute before, WCAG 2.2.1), locking by hand, and "Finish and wipe".

Locking saves first, drops the key and clears every answer from the page; the tab's open-draft id stays in
sessionStorage so that unlocking brings the same draft back. Wiping deletes the whole drafts database, so other
tabs are told (and clear themselves) and a page kept in the back/forward cache is evicted with it.
"""

import asyncio

from pyodide.ffi import create_proxy
from pyscript import document, window

from .. import passphrase, progress
from . import passphrase_form
from .dom import element
from .page import OPEN_DRAFT
from .vault import WrongPassphrase, fault

WARN_SECONDS = 60
ACTIVITY = ("keydown", "pointerdown", "input", "wheel", "touchstart")


def by_id(element_id):
    return document.getElementById(element_id)


class Guard:
    def __init__(self, page, drafts):
        self.page, self.drafts, self.vault = page, drafts, drafts.vault
        minutes = float(page.element.dataset.autoLockMinutes or 15)
        self.lock_ms = int(minutes * 60_000)
        self.warn_ms = max(self.lock_ms - WARN_SECONDS * 1000, 0)
        self.last_activity = window.Date.now()
        self.sealed_file = None  # an encrypted file waiting for its passphrase
        self._timers = []
        self._on_warn, self._on_time_out = create_proxy(self.warn), create_proxy(self.timed_out)
        self._busy = False

    def start(self):
        listen = self.page.listen
        for name in ("cre-vault-setup", "cre-vault-unlock", "cre-file-unlock"):
            listen(by_id(name), "submit", self.submitted)
        listen(by_id("cre-cancel-file"), "click", self.cancel_file)
        listen(by_id("cre-lock"), "click", lambda _e: asyncio.ensure_future(self.lock("Locked.")))
        listen(by_id("cre-lock-now"), "click", lambda _e: asyncio.ensure_future(self.lock("Locked.")))
        listen(by_id("cre-stay"), "click", self.activity)
        for button in document.querySelectorAll("[data-wipe]"):
            listen(button, "click", lambda _e: asyncio.ensure_future(self.wipe()))
        for name in ACTIVITY:
            listen(document, name, self.activity)
        listen(document, "visibilitychange", self.woke)

    # --- which form the panel shows ----------------------------------------------------------------------------------
    def show_vault(self, reason=None):
        """Set-up when no passphrase exists on this browser, unlock when it is locked, neither when unlocked."""
        has_vault = self.vault.meta is not None
        by_id("cre-vault-setup").hidden = has_vault or self.vault.unlocked
        by_id("cre-vault-unlock").hidden = not has_vault or self.vault.unlocked
        by_id("cre-lock").hidden = not self.vault.unlocked
        if reason:
            by_id("cre-lock-reason").textContent = reason
        self.drafts.render()

    def ask_to_save(self):
        """A change while no key is held: say where to unlock or set the passphrase (never steal focus)."""
        if self.vault.meta is None:
            link = element("a", "set a passphrase to save", href=f"#{progress.SAVE}")
        else:
            link = element("a", "unlock your drafts to save", href="#cre-vault-unlock")
        by_id("cre-saved").replaceChildren("Not saved yet: ", link)
        self.show_vault()

    def focus_vault(self):
        """Open the screen where the passphrase is set, or the start screen's unlock form."""
        self.page.screens.go(progress.SAVE if self.vault.meta is None else "cre-vault-unlock")

    def submitted(self, event):
        event.preventDefault()
        if self._busy:
            return
        action = {"cre-vault-setup": self.set_passphrase, "cre-vault-unlock": self.unlock,
                  "cre-file-unlock": self.open_file}[event.currentTarget.id]
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
        first, second = by_id("cre-new-passphrase"), by_id("cre-confirm-passphrase")
        problem = passphrase.check(first.value, second.value)
        if problem:
            second.value = ""  # typed again once the first box is right
            passphrase_form.show(self.page, problem)
            return
        passphrase_form.clear()
        self.error("cre-setup-error", None)
        self.page.say("Setting the passphrase…")
        try:
            await self.vault.set_passphrase(first.value)
        except Exception as error:  # noqa: BLE001
            if fault(error) == "StaleWrite":  # another tab set one a moment ago
                await self.vault.open()
                self.error("cre-setup-error", None)
                self.show_vault("A passphrase was set in another tab just now: enter that one to save drafts.")
                return
            self.error("cre-setup-error", "The passphrase could not be stored in this browser. Your answers are "
                                          "still on this page: download the record (JSON) to keep them.")
            return
        first.value = second.value = ""
        self.page.say("Passphrase set. Drafts are now saved on this device, encrypted.")
        await self.opened()
        self.page.screens.leave_save()

    async def unlock(self):
        field = by_id("cre-passphrase")
        self.page.say("Unlocking…")
        try:
            await self.vault.unlock(field.value)
        except WrongPassphrase:
            field.value = ""
            self.error("cre-unlock-error", "That passphrase does not open the drafts on this device. Check it and "
                                           "try again.")
            self.page.say("")
            field.focus()
            return
        field.value = ""
        self.error("cre-unlock-error", None)
        self.page.say("Drafts unlocked.")
        await self.opened()
        by_id("cre-drafts-title").focus()

    async def opened(self):
        self.show_vault()
        await self.drafts.unlocked()
        self.activity()

    # --- encrypted files -------------------------------------------------------------------------------------------
    def ask_file_passphrase(self, sealed_file):
        self.sealed_file = sealed_file
        form = by_id("cre-file-unlock")
        form.hidden = False
        self.error("cre-file-error", None)
        by_id("cre-file-passphrase").focus()

    def cancel_file(self, _event=None):
        self.sealed_file = None
        by_id("cre-file-passphrase").value = ""
        by_id("cre-file-unlock").hidden = True
        self.error("cre-file-error", None)

    async def open_file(self):
        field = by_id("cre-file-passphrase")
        try:
            await self.drafts.files.open_sealed(self.sealed_file, field.value)
        except WrongPassphrase:
            field.value = ""
            self.error("cre-file-error", "That passphrase does not open this file. Use the one it was saved with.")
            field.focus()
            return
        self.cancel_file()

    # --- the auto-lock -------------------------------------------------------------------------------------------------
    def activity(self, _event=None):
        """Any use of the page: the timers start again. They always run, key or not: with no key held, what is on
        the page is cleared instead of locked."""
        self.last_activity = window.Date.now()
        for timer in self._timers:
            window.clearTimeout(timer)
        warning = by_id("cre-lock-warning")
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
        by_id("cre-lock-warning-saved").hidden = not self.vault.unlocked
        by_id("cre-lock-warning-unsaved").hidden = self.vault.unlocked
        by_id("cre-lock-now").hidden = not self.vault.unlocked
        by_id("cre-lock-warning").hidden = False
        by_id("cre-stay").focus()

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
        self.page.dialog.close()
        self.drafts.release()
        self.page.clear()
        by_id("cre-lock-warning").hidden = True
        by_id("cre-saved").textContent = ""
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
        self.page.dialog.close()
        self.vault.lock()
        self.drafts.release()
        self.drafts.summaries = {}  # the list's initials and levels, too, wait for the passphrase
        self.page.clear()
        by_id("cre-lock-warning").hidden = True
        by_id("cre-saved").textContent = ""
        self.show_vault(reason)
        self.page.say("")
        self.page.screens.go("cre-vault-unlock")  # the start screen, at the unlock form (focus goes to its field)
        by_id("cre-passphrase").focus()

    # --- finish and wipe -------------------------------------------------------------------------------------------
    async def wipe(self):
        if not await self.page.dialog.ask("Finish and wipe this device?",
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
            self.drafts.warning.show("The drafts could not all be removed. Close every other tab of this toolkit, then "
                             "try again.", offer_download=False)
            return
        self.wiped()

    async def wiped_elsewhere(self):
        self.vault.lock()
        self.drafts.release()
        self.page.clear()
        self.wiped()

    def wiped(self):
        window.sessionStorage.removeItem(OPEN_DRAFT)
        self.drafts.available = False
        notice = by_id("cre-wiped")
        for child in by_id("cre-main").children:  # this notice stays; nothing else is left to use
            child.hidden = child.id != "cre-wiped"
        by_id("cre-glance").hidden = True
        notice.hidden = False
        notice.focus()
