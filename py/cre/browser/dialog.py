"""Asking the practitioner before something that cannot be undone, in the page's own dialog (markup:
cre_build.form_page.dialog). `await ask(...)` is True only for the destructive answer; Escape, Cancel, or the page
locking meanwhile all mean no."""

import asyncio

from pyscript import document


class Dialog:
    def __init__(self, page):
        self.page = page
        self.element = document.getElementById("cre-confirm")
        self.answer = None  # the future of the question being asked

    def start(self):
        listen = self.page.listen
        listen(document.getElementById("cre-confirm-yes"), "click", lambda _e: self.close(True))
        listen(document.getElementById("cre-confirm-no"), "click", lambda _e: self.close(False))
        listen(self.element, "close", lambda _e: self.close(False))  # Escape, or closed by the page

    async def ask(self, title, text, yes):
        """Show the question and wait for the answer; a question already open is answered no first."""
        self.close(False)
        document.getElementById("cre-confirm-title").textContent = title
        document.getElementById("cre-confirm-text").textContent = text
        document.getElementById("cre-confirm-yes").textContent = yes
        self.answer = asyncio.get_event_loop().create_future()
        answer = self.answer
        self.element.showModal()
        return await answer

    def close(self, value=False):
        answer, self.answer = self.answer, None
        if self.element.open:
            self.element.close()
        if answer is not None and not answer.done():
            answer.set_result(value)
