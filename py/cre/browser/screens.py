"""Moving between the form page's screens (cre.progress names them): the stylesheet shows the screen the address's
#fragment names; this follows each change of it (a link, Continue, the browser's back button) to move the focus to
the new screen's heading, or to the answer a link names, and to tell the page which screen is open.

Continue on a section with a wrong answer stays and shows the error summary; the first Continue with answers that
cannot be saved yet offers the passphrase screen once. A Change link from check your answers returns there: every
Continue leads back to it until it is shown again.
"""

from pyscript import document, window

from .. import page_contract as contract, progress
from ..progress import SAVE


class Screens:
    def __init__(self, page):
        self.page = page
        self.current = self.screen_for(self.fragment())
        self.returning = False  # a Change link was followed from check your answers
        self.offered_save = False  # the passphrase screen was offered once on this page
        self.after_save = None  # where the passphrase screen leads on
        self.moved = False  # a screen was opened on this page (so Back stays on it)
        self.save_needed = lambda: False  # whether answers wait for a passphrase to be saved (set by cre.browser.start)

    @staticmethod
    def fragment():
        return str(window.location.hash or "").lstrip("#")

    @staticmethod
    def screen_for(fragment):
        """The screen a fragment shows: the screen itself, or the one holding the element it names; else start."""
        target = document.getElementById(fragment) if fragment else None
        screen = target.closest(f".{contract.SCREEN_CLASS}") if target else None
        return str(screen.id) if screen else progress.START

    def start(self):
        listen = self.page.listen
        listen(window, "hashchange", self.changed)
        for link in document.querySelectorAll(f"[{contract.DATA_CONTINUE}]"):
            listen(link, "click", self.continuing)
        listen(document.querySelector(".govuk-skip-link"), "click", self.skip)
        listen(document.getElementById(contract.NOT_NOW), "click", lambda _event: self.leave_save())
        self.show(self.current, focus=False)

    def go(self, screen):
        """Open a screen as a link would (a new entry in the browser's history)."""
        window.location.hash = screen

    def changed(self, _event=None):
        self.moved = True
        fragment = self.fragment()
        screen = self.screen_for(fragment)
        if self.current == progress.CHECK and screen not in (progress.CHECK, progress.RESULT, progress.TASKS):
            self.returning = True
        if screen == progress.CHECK:
            self.returning = False
        self.show(screen, focus=True, target=fragment if fragment != screen else None)

    def show(self, screen, focus, target=None):
        self.current = screen
        document.body.dataset.screen = screen
        self.point_continue()
        self.page.screen_opened(screen)
        if not focus:
            return
        element = document.getElementById(target) if target else None
        if element:  # an answer (a Change link, the error summary) or a form in the screen: its first field
            field = element.querySelector("input:not([type=hidden]), textarea, select")
            if field:
                field.focus()
                return
        heading = document.getElementById(contract.title_id(screen))
        if heading:
            window.scrollTo(0, 0)
            heading.focus()

    def point_continue(self):
        """While returning to check your answers, each Continue leads there; otherwise to the next screen."""
        for link in document.querySelectorAll(f"[{contract.DATA_CONTINUE}]"):
            target = progress.CHECK if self.returning else str(link.getAttribute(contract.DATA_CONTINUE))
            link.setAttribute("href", f"#{target}")

    def continuing(self, event):
        """Continue: stay and show the problems when an answer on this screen is wrong; offer the passphrase screen
        the first time answers cannot be saved."""
        self.page.refresh()  # what was typed in the last moment counts (the live check waits for a pause)
        if self.page.blocking_problems(self.current):
            event.preventDefault()
            self.page.show_error_summary(focus=True)
            return
        if not self.offered_save and self.save_needed():
            event.preventDefault()
            self.offered_save = True
            self.after_save = str(event.currentTarget.getAttribute("href")).lstrip("#")
            self.go(SAVE)

    def leave_save(self):
        """After the passphrase screen (set, or "not now"): on to where Continue was going, else back."""
        if self.current != SAVE:
            return
        if self.after_save:
            target, self.after_save = self.after_save, None
            self.go(target)
        elif self.moved:
            window.history.back()
        else:  # opened straight at this screen (a reload, a bookmark): Back would leave the form
            self.go(progress.START)

    def skip(self, event):
        """The skip link goes to the open screen's heading (a fragment outside the screens would open the start)."""
        event.preventDefault()
        heading = document.getElementById(contract.title_id(self.current))
        if heading:
            heading.focus()
