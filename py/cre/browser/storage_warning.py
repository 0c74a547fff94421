"""The box above every screen that says what storage could not do (a full disk, storage turned off, a save refused
or a Duplicate or Delete that failed), with the record's JSON download offered where answers were not saved."""

from .. import page_contract as contract
from .dom import by_id

KEEP = "Your answers are still on this page: download the record (JSON) to keep them."
FAULTS = {  # a save that failed, by the vault's fault name (app/vault.js)
    "QuotaExceededError": "This device has run out of space for drafts, so your last changes were not saved. "
                          "Delete drafts you no longer need, or free space on the device. " + KEEP,
    "Closed": "This browser stopped saving drafts (its storage was closed or cleared). " + KEEP,
    "StaleWrite": "This draft was changed in another tab or window after you opened it here, so your changes were "
                  "not saved over it. " + KEEP + " Then resume the draft to see the newer version.",
}
UNAVAILABLE = ("Drafts cannot be kept in this browser (private browsing, or storage is turned off). Your answers "
               "stay on this page until you close it: download the record (JSON) to keep them.")


class StorageWarning:
    def __init__(self):
        self.not_stored_text = ""  # the message about a Duplicate, Delete or opened file not stored, while shown

    @staticmethod
    def show(text, offer_download=True):
        box = by_id(contract.STORAGE_WARNING)
        box.hidden = False
        box.querySelector(f".{contract.WARNING_TEXT_CLASS}").textContent = text
        by_id(contract.WARNING_DOWNLOAD).hidden = not offer_download
        if offer_download:
            by_id(contract.SAVED).textContent = "Not saved."

    def save_failed(self, kind):
        """A save failed (the vault's fault name): what happened, and that the answers are still on the page."""
        self.show(FAULTS.get(kind) or f"Your last changes could not be saved in this browser ({kind}). " + KEEP)

    @staticmethod
    def clear():
        """Saving works again: a warning that offered the download goes."""
        box = by_id(contract.STORAGE_WARNING)
        if not box.hidden and not by_id(contract.WARNING_DOWNLOAD).hidden:
            box.hidden = True

    def not_stored(self, text, offer_download=False):
        self.show(text, offer_download)
        self.not_stored_text = text

    def stored_again(self):
        """A later Duplicate or Delete worked: the message about the one that failed goes."""
        box = by_id(contract.STORAGE_WARNING)
        if self.not_stored_text and box.querySelector(f".{contract.WARNING_TEXT_CLASS}").textContent == \
                self.not_stored_text:
            box.hidden = True
        self.not_stored_text = ""
