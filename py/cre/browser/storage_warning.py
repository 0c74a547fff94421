"""The box above every screen that says what storage could not do (a full disk, storage turned off, a Duplicate or
Delete that failed), with the record's JSON download offered where answers were not saved."""

from pyscript import document


def by_id(element_id):
    return document.getElementById(element_id)


class StorageWarning:
    def __init__(self):
        self.not_stored_text = ""  # the message about a Duplicate, Delete or opened file not stored, while shown

    @staticmethod
    def show(text, offer_download=True):
        box = by_id("cre-storage-warning")
        box.hidden = False
        box.querySelector(".cre-warning-text").textContent = text
        by_id("cre-warning-download").hidden = not offer_download
        if offer_download:
            by_id("cre-saved").textContent = "Not saved."

    @staticmethod
    def clear():
        """Saving works again: a warning that offered the download goes."""
        box = by_id("cre-storage-warning")
        if not box.hidden and not by_id("cre-warning-download").hidden:
            box.hidden = True

    def not_stored(self, text, offer_download=False):
        self.show(text, offer_download)
        self.not_stored_text = text

    def stored_again(self):
        """A later Duplicate or Delete worked: the message about the one that failed goes."""
        box = by_id("cre-storage-warning")
        if self.not_stored_text and box.querySelector(".cre-warning-text").textContent == self.not_stored_text:
            box.hidden = True
        self.not_stored_text = ""
