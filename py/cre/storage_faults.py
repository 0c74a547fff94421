"""What a practitioner reads when the drafts' storage refused a Duplicate, a Delete or keeping an opened record file:
what did not happen, why (by the vault's fault name: app/vault.js), what is still there, and what to do. Never a
word of the record. Autosave's own messages are cre.browser.storage_warning's."""

REASONS = {  # fault name -> (why, what to do)
    "QuotaExceededError": ("this device has run out of space for drafts",
                           "Free space on the device, or delete drafts you no longer need, then try again."),
    "Closed": ("this browser stopped saving drafts (its storage was closed or cleared)", "Try again in a moment."),
    "Unavailable": ("this browser's storage refused the change", "Try again in a moment."),
    "StaleWrite": ("the same draft was saved from another tab or window meanwhile", "Try again in a moment."),
}


class NotStored(Exception):
    """A storage step failed as a whole (each is one transaction): `kind` is the vault's fault name."""

    def __init__(self, kind):
        super().__init__(kind)
        self.kind = kind


def not_stored(what, kind, kept, advice=None):
    """`what` did not happen, because of the fault `kind`; `kept` says what is still there; `advice` replaces the
    fault's own advice ("" for none)."""
    why, usual = REASONS.get(kind, (f"this browser's storage refused the change ({kind})", "Try again in a moment."))
    return " ".join(part for part in (f"{what}: {why}.", kept, usual if advice is None else advice) if part)
