"""The form page's drafts, as HTML pieces that cre.browser drives: on the start screen, continuing a draft (unlock,
the list), opening a record file and finishing and wiping; the passphrase set-up (its own screen, offered when
saving first needs it); the storage notices above every screen; the auto-lock warning and the "wiped" notice.

Drafts are encrypted with a passphrase the practitioner sets on this device; the passphrase forms stay hidden until
Python shows one. None of these are inside the assessment's <form>, so a passphrase never becomes an answer.
"""

from cre import page_contract as contract
from cre.passphrase import MIN_LENGTH

from .markup import described_by, esc, lines, tag, void

LOST_PASSPHRASE = ("If you forget the passphrase, nobody can open these drafts: not you, not your IT team. Download "
                   "the record when you stop, to keep a copy.")


def passphrase_box(field_id, label, hint=None, error=False):
    """A passphrase box: a password box, so it is masked and screen readers do not read it out. autocomplete
    "one-time-code" keeps the browser's password manager from offering to save it, so the next person at a shared
    computer never finds it filled in: "off" does not, "new-password" and "current-password" invite it, and a text
    box masked by CSS would put the passphrase in the accessibility tree (tests/e2e/test_passphrase_safety.py).
    `error`: an inline error slot (GOV.UK), which cre.browser.passphrase_form fills."""
    hint_id = f"{field_id}-hint" if hint else None
    error_id = contract.error_id(field_id) if error else None
    return tag("div", lines(
        tag("label", esc(label), for_=field_id, class_="govuk-label"),
        tag("p", esc(hint), id=hint_id, class_="govuk-hint") if hint else "",
        tag("p", "", id=error_id, class_="govuk-error-message", hidden=True) if error else "",
        void("input", type="password", id=field_id, class_="govuk-input cre-passphrase", autocomplete="one-time-code",
             spellcheck="false", autocapitalize="off", aria_describedby=described_by(hint_id, error_id)),
    ), id=contract.group_id(field_id), class_="govuk-form-group")


def _error(error_id):
    return tag("p", "", id=error_id, class_="govuk-error-message", role="alert", hidden=True)


def _button(button_id, text, kind=" govuk-button--secondary", submit=False, **extra):
    return tag("button", esc(text), type="submit" if submit else "button", id=button_id,
               class_=f"govuk-button{kind}", **extra)


def _setup_summary():
    """The set-up form's error summary (GOV.UK; moved above the screen's heading when shown): its one link leads to
    the box with the problem."""
    return tag("div", lines(
        "",
        tag("h2", "There is a problem", class_="govuk-error-summary__title", id="cre-setup-summary-title"),
        tag("div", tag("ul", tag("li", tag("a", "", href=f"#{contract.NEW_PASSPHRASE}",
                                           id=contract.SETUP_SUMMARY_LINK)),
                       class_="govuk-list govuk-error-summary__list"), class_="govuk-error-summary__body"),
        ""), id=contract.SETUP_SUMMARY, class_="govuk-error-summary", role="alert", tabindex="-1",
        aria_labelledby="cre-setup-summary-title", hidden=True)


def setup():
    """Set the passphrase: on a screen of its own, offered when saving first needs it. Says how long a passphrase
    should be and why; cre.passphrase refuses the weakest."""
    return tag("form", lines(
        "",
        _setup_summary(),
        tag("p", "Drafts are saved on this device as you type, encrypted with a passphrase you choose. You will "
                 "need it to open them again after you close the page or it locks itself.", class_="govuk-body"),
        tag("div", tag("strong", esc(LOST_PASSPHRASE)), class_="govuk-warning-text"),
        tag("p", "Computers are often shared. Anyone who copies this browser's files can try passphrases on a "
                 "computer of their own, about ten a second on each of its processor cores, for as long as they "
                 "like: a common password is found within minutes, three random words would take one computer "
                 "hundreds of years.", id="cre-passphrase-advice", class_="govuk-body"),
        passphrase_box(contract.NEW_PASSPHRASE, "Choose a passphrase",
                    hint=f"At least {MIN_LENGTH} characters. Three or four random words are best: easy to remember, "
                         "hard to guess.", error=True),
        passphrase_box(contract.CONFIRM_PASSPHRASE, "Type it again", error=True),
        _error(contract.SETUP_ERROR),
        _button("cre-set-passphrase", "Set passphrase and save drafts", kind="", submit=True),
        _button(contract.NOT_NOW, "Not now: carry on without saving"),
        ""), id=contract.VAULT_SETUP, class_="cre-vault", novalidate=True, hidden=True)


def unlock():
    forgotten = tag("details", lines(
        "",
        tag("summary", "Forgotten your passphrase?"),
        tag("p", "Nobody can open the drafts without it. You can remove every draft from this device and start "
                 "again: records you downloaded are not affected.", class_="govuk-body"),
        _button("cre-forgot-wipe", "Remove all drafts from this device", kind=" govuk-button--warning",
                **{contract.DATA_WIPE: True}),
        ""), class_="cre-details")
    return tag("form", lines(
        "",
        tag("h3", "Your drafts are locked", class_="govuk-heading-s", id="cre-unlock-title"),
        tag("p", "Enter your passphrase to open your drafts.", id=contract.LOCK_REASON, class_="govuk-body"),
        passphrase_box(contract.PASSPHRASE, "Passphrase"),
        _error(contract.UNLOCK_ERROR),
        _button("cre-unlock", "Unlock drafts", kind="", submit=True),
        forgotten,
        ""), id=contract.VAULT_UNLOCK, class_="cre-vault", novalidate=True, hidden=True)


def file_unlock():
    return tag("form", lines(
        "",
        tag("h3", "This record file is encrypted", class_="govuk-heading-s"),
        tag("p", "Enter the passphrase it was saved with on the other computer.", class_="govuk-body"),
        passphrase_box(contract.FILE_PASSPHRASE, "Passphrase for the file"),
        _error(contract.FILE_ERROR),
        _button("cre-open-file", "Open the file", kind="", submit=True),
        _button(contract.CANCEL_FILE, "Cancel"),
        ""), id=contract.FILE_UNLOCK, class_="cre-vault", novalidate=True, hidden=True)


def export():
    """The encrypted copy's own passphrase: each file gets its own salt and key, so a file and its passphrase open
    that record and nothing else on this device."""
    return tag("form", lines(
        "",
        tag("h3", "Choose a passphrase for the encrypted copy", class_="govuk-heading-s", id="cre-export-title"),
        tag("p", "Only this toolkit can open the file, and only with this passphrase. It can be the same words as "
                 "your drafts' passphrase: the file still gets a key of its own. Give it to the person who will "
                 "open the file another way than the file itself.", class_="govuk-body"),
        passphrase_box(contract.EXPORT_PASSPHRASE, "Passphrase for the file",
                       hint=f"At least {MIN_LENGTH} characters, such as three or four random words", error=True),
        passphrase_box(contract.EXPORT_AGAIN, "Type it again", error=True),
        _button("cre-export-download", "Download the encrypted copy", kind="", submit=True),
        _button(contract.EXPORT_CANCEL, "Cancel"),
        ""), id=contract.EXPORT, class_="cre-vault", novalidate=True, aria_labelledby="cre-export-title", hidden=True)


def notices():
    """What storage has to say, shown above whichever screen is open: a fault (with the JSON download) and the
    read-only notice when another tab edits the draft."""
    return lines(
        tag("div", lines("", tag("p", "", class_=contract.WARNING_TEXT_CLASS),
                         _button(contract.WARNING_DOWNLOAD, "Download the record (JSON)", hidden=True), ""),
            id=contract.STORAGE_WARNING, class_="cre-warning", role="alert", hidden=True),
        tag("div", "", id=contract.NOTICE, class_="cre-notice", role="status", hidden=True))


def drafts():
    """Continue a draft: the unlock form (when drafts are locked) and the list."""
    return tag("section", lines(
        "",
        tag("h2", "Continue a draft", class_="govuk-heading-m", id=contract.DRAFTS_TITLE, tabindex="-1"),
        tag("p", "This browser may clear saved drafts when it runs short of space. Download the record (JSON) when "
                 "you stop, to keep a copy.", id=contract.PERSIST, class_="govuk-inset-text", hidden=True),
        unlock(),
        tag("div", tag("p", "Your drafts on this device are listed here once the checking rules have loaded.",
                       class_="govuk-body cre-placeholder"), class_=contract.OUTPUT_CLASS),
        _button(contract.LOCK, "Lock drafts now", hidden=True),
        ""), id=contract.DRAFTS, class_="cre-start-part", aria_labelledby=contract.DRAFTS_TITLE)


def record_file():
    """Open a record file: plain JSON or the encrypted copy (which asks for its passphrase), or the earlier form."""
    return tag("section", lines(
        "",
        tag("h2", "Open a record file", class_="govuk-heading-m", id="cre-open-title"),
        tag("label", "A record file (JSON or encrypted) from another computer, or from the earlier form",
            for_=contract.IMPORT, class_="govuk-label"),
        void("input", type="file", id=contract.IMPORT, accept=".json,application/json", class_="govuk-file-upload",
             **{contract.DATA_NEEDS_PYTHON: True}, disabled=True),
        file_unlock(),
        ""), class_="cre-start-part", aria_labelledby="cre-open-title")


def wipe():
    return tag("details", lines(
        "",
        tag("summary", "Finished on this computer?"),
        tag("p", "Finish and wipe removes every draft and the passphrase from this browser. Download what you "
                 "still need first: this cannot be undone. Anyone at this computer can wipe it, without the "
                 "passphrase, so download a record you must not lose.", class_="govuk-body"),
        _button("cre-wipe", "Finish and wipe this device", kind=" govuk-button--warning",
                **{contract.DATA_WIPE: True, contract.DATA_NEEDS_PYTHON: True}, disabled=True),
        ""), class_="cre-details")


def lock_warning(minutes):
    """The warning before the auto-lock (WCAG 2.2.1): one action keeps the page unlocked. What happens next differs
    when no passphrase is held (nothing can be saved): cre.browser.guard shows the sentence that is true."""
    return tag("div", lines(
        "",
        tag("h2", "Your drafts will lock in 1 minute", id="cre-lock-warning-title", class_="govuk-heading-m"),
        tag("p", f"To protect the child's information, this page locks after {minutes} minutes without activity. ",
            tag("span", "Your answers are saved first, then cleared from the screen until you enter your "
                        "passphrase.", id=contract.LOCK_WARNING_SAVED),
            tag("span", "Your answers are not saved on this device, so they will be cleared from the screen. "
                        "Download the record (JSON), or set a passphrase, to keep them.",
                id=contract.LOCK_WARNING_UNSAVED, hidden=True),
            class_="govuk-body"),
        _button(contract.STAY, "Stay unlocked", kind=""),
        _button(contract.LOCK_NOW, "Lock now"),
        ""), id=contract.LOCK_WARNING, class_="cre-lock-warning", role="alertdialog", aria_modal="false",
        aria_labelledby="cre-lock-warning-title", tabindex="-1", hidden=True)


def wiped():
    return tag("div", lines(
        "",
        tag("h1", "This device has been wiped", class_="govuk-heading-l"),
        tag("p", "Every draft and the passphrase were removed from this browser. Records and PDFs you downloaded "
                 "are not affected: store or delete them as your agency requires.", class_="govuk-body"),
        tag("p", "On a shared computer, close every window of this browser now. Until it closes, the browser may "
                 "still hold what was on this page in its memory.", class_="govuk-body"),
        tag("p", tag("a", "Start a new assessment", href=contract.CURRENT_PAGE), " or ",
            tag("a", "go to the guidance", href="index.html"), ".", class_="govuk-body"),
        ""), id=contract.WIPED, class_="cre-panel", role="status", tabindex="-1", hidden=True)
