"""Asking the practitioner before something that cannot be undone, in the page's own dialog (markup:
cre_build.form_page.dialog). `await ask(...)` is True only for the destructive answer; Escape, Cancel, or the page
locking meanwhile all mean no."""

import asyncio

from pyscript import document

from .. import page_contract as contract


class Dialog:
    def __init__(self, listen):
        self.listen = listen  # cre.browser.page.Page.listen: keeps the handlers alive
        self.element = document.getElementById(contract.CONFIRM)
        self.answer = None  # the future of the question being asked

    def start(self):
        listen = self.listen
        listen(document.getElementById(contract.CONFIRM_YES), "click", lambda _e: self.close(True))
        listen(document.getElementById(contract.CONFIRM_NO), "click", lambda _e: self.close(False))
        listen(self.element, "close", lambda _e: self.close(False))  # Escape, or closed by the page

    async def ask(self, title, text, yes):
        """Show the question and wait for the answer; a question already open is answered no first."""
        self.close(False)
        document.getElementById(contract.CONFIRM_TITLE).textContent = title
        document.getElementById(contract.CONFIRM_TEXT).textContent = text
        document.getElementById(contract.CONFIRM_YES).textContent = yes
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
