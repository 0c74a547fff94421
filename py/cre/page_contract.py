"""The form page's contract: every name that the page's HTML, written at build time (cre_build.form_page), and the
adapter that drives it in the browser (cre.browser) both rely on. Element ids, the ids made per item, section and
screen, the data attributes, the classes the adapter finds elements by, and which page shows which form: named here
once, imported by both sides. Pure Python (no js, no pyscript), so the build imports it as the browser does.

tests/unit/test_page_contract.py is generated from this module: the build renders every id, attribute and class
named here on each form page, the adapter uses every one, and neither side writes one of them out by hand. The
ids the page's own scripts find (app/boot.js) and the events app/vault.js sends are checked against those files.
"""

from . import definitions

# --- which page shows which form ------------------------------------------------------------------------------------
CURRENT_PAGE = "form.html"  # the current form
EARLIER_PAGE = "form-earlier.html"  # the one form the current form superseded, which the toolkit still opens


def current_and_earlier():
    """The current form, and the one form that it superseded (the earlier form the toolkit still opens)."""
    forms = definitions.all_forms()
    current = [form for form in forms if form.definition.get("status") == "current"]
    if len(current) != 1:
        raise ValueError(f"expected one current form, found {[form.id for form in current]}")
    earlier = [form for form in forms if form.definition.get("superseded_by") == current[0].id]
    if len(earlier) != 1:
        raise ValueError(f"expected one form superseded by {current[0].id}, found {[form.id for form in earlier]}")
    return current[0], earlier[0]


def form_pages():
    """{form id: the page that shows it}."""
    current, earlier = current_and_earlier()
    return {current.id: CURRENT_PAGE, earlier.id: EARLIER_PAGE}


def page_for(form_id):
    """The page that shows a form's records (the current form's page for a form it does not know)."""
    return form_pages().get(form_id, CURRENT_PAGE)


# --- element ids: rendered by the build, found by the adapter ---------------------------------------------------------
# Above every screen
MAIN = "cre-main"
GLANCE = "cre-glance"  # the bar: the suggested level, and whether the draft is saved
GLANCE_LEVEL = "cre-glance-level"
SAVED = "cre-saved"
STATUS = "cre-status"  # what was just done (a live region); the downloads say theirs beside them
ERROR_SUMMARY = "cre-error-summary"  # one for the page, moved above the open screen's heading
STORAGE_WARNING = "cre-storage-warning"
WARNING_DOWNLOAD = "cre-warning-download"
NOTICE = "cre-notice"  # read only: another tab edits the draft
WIPED = "cre-wiped"
LOCK_WARNING = "cre-lock-warning"
LOCK_WARNING_SAVED = "cre-lock-warning-saved"
LOCK_WARNING_UNSAVED = "cre-lock-warning-unsaved"
STAY = "cre-stay"
LOCK_NOW = "cre-lock-now"
# The question dialog
CONFIRM = "cre-confirm"
CONFIRM_TITLE = "cre-confirm-title"
CONFIRM_TEXT = "cre-confirm-text"
CONFIRM_YES = "cre-confirm-yes"
CONFIRM_NO = "cre-confirm-no"
# The start screen: a new assessment, the drafts (unlock, list, lock), a record file (and its passphrase)
NEW = "cre-new"
DRAFTS = "cre-drafts"
DRAFTS_TITLE = "cre-drafts-title"
PERSIST = "cre-persist"
VAULT_UNLOCK = "cre-vault-unlock"
PASSPHRASE = "cre-passphrase"
UNLOCK_ERROR = "cre-unlock-error"
LOCK_REASON = "cre-lock-reason"
LOCK = "cre-lock"
IMPORT = "cre-import"
FILE_UNLOCK = "cre-file-unlock"
FILE_PASSPHRASE = "cre-file-passphrase"
FILE_ERROR = "cre-file-error"
CANCEL_FILE = "cre-cancel-file"
# The passphrase screen (cre.progress.SAVE)
VAULT_SETUP = "cre-vault-setup"
NEW_PASSPHRASE = "cre-new-passphrase"
CONFIRM_PASSPHRASE = "cre-confirm-passphrase"
SETUP_ERROR = "cre-setup-error"
SETUP_SUMMARY = "cre-setup-summary"
SETUP_SUMMARY_LINK = "cre-setup-summary-link"
NOT_NOW = "cre-not-now"
# The list of sections, the result, check your answers (its downloads and the encrypted copy's passphrase)
TASKS_SUMMARY = "cre-tasks-summary"
FORM = "cre-form"  # the assessment's <form>: every answer, and the data attributes below
RESULT_NOW = "cre-result-now"
ROUTING = "cre-routing"
SUGGESTION = "cre-suggestion"
JUDGEMENT = "cre-judgement"
REVIEW = "cre-review"
DOWNLOAD_PDF = "cre-download-pdf"
DOWNLOAD_JSON = "cre-download-json"
DOWNLOAD_SEALED = "cre-download-sealed"
DOWNLOADS_STATUS = "cre-downloads-status"  # what the downloads just did, beside their buttons (a live region)
PRINT = "cre-print"
EXPORT = "cre-export"
EXPORT_PASSPHRASE = "cre-export-passphrase"
EXPORT_AGAIN = "cre-export-again"
EXPORT_CANCEL = "cre-export-cancel"

# --- element ids made per item, section, screen or box ------------------------------------------------------------


def item_id(item):
    """The form group around one item (the error summary, check your answers and the notes link to it)."""
    return f"item-{item}"


def error_id(field):
    """The inline error slot of an item or of a passphrase box."""
    return f"{field}-error"


def group_id(box):
    """The form group around a passphrase box (marked red with its error)."""
    return f"{box}-group"


def title_id(region):
    """The heading of a screen (cre.progress names them) or a panel: focused when it opens."""
    return f"{region}-title"


def task_status_id(section_id):
    return f"task-{section_id}-status"


def task_hint_id(section_id):
    return f"task-{section_id}-hint"


def rows_id(item):
    """A table's rows."""
    return f"rows-{item}"


def row_template_id(item):
    """A table's <template> of one more row, written with ROW and NUMBER where the row's index and number go."""
    return f"row-template-{item}"


ROW, NUMBER = "__ROW__", "__NUMBER__"  # in a row template: the row's index (from 0) and its number (from 1)

# --- element ids the adapter makes (never in the built HTML, so they can never clash with one) ----------------------
HARMED_NOW = "cre-harmed-now"  # the immediate steps under the question "harmed now"
CHANGES_RESULT = "cre-changes-result"  # what changed since the reviewed assessment, on the result screen
CHANGES_CHECK = "cre-changes-check"  # the same on check your answers
CONVERSION = "cre-conversion"  # a converted record's earlier answers, on check your answers

# --- data attributes ----------------------------------------------------------------------------------------------
DATA_FORM_ID = "data-form-id"  # on FORM: the form and version this page shows (app/vault.js reads them too)
DATA_FORM_VERSION = "data-form-version"
DATA_AUTO_LOCK_MINUTES = "data-auto-lock-minutes"  # on FORM: the drafts lock after this long without activity
DATA_ITEM = "data-item"  # on an item's form group (and the adapter's notes beside it): the item's id
DATA_SHOW_IF_ITEM = "data-show-if-item"  # on an item asked only on another's answer
DATA_ASKED_WHEN = "data-asked-when"  # on an item asked only on a condition of the rules (the judgement's reason)
DATA_STATUS = "data-status"  # on a section's status in the list of sections
DATA_ROW = "data-row"  # on a table's row: its index
DATA_ADD_ROW = "data-add-row"  # on a table's "Add another" button: the table item's id
DATA_CONTINUE = "data-continue"  # on a Continue link: the screen it leads to
DATA_NEEDS_PYTHON = "data-needs-python"  # on a control that is disabled until Python is ready
DATA_WIPE = "data-wipe"  # on a "Finish and wipe" button

# --- classes the adapter finds elements by ------------------------------------------------------------------------
SCREEN_CLASS = "cre-screen"  # each screen (its id is its name in cre.progress)
ITEM_CLASS = "cre-item"  # each item's form group
ROW_CLASS = "cre-row"  # each row of a table
OUTPUT_CLASS = "cre-output"  # the part of a panel the adapter fills
WARNING_TEXT_CLASS = "cre-warning-text"  # the words of STORAGE_WARNING

# --- the page's own scripts -----------------------------------------------------------------------------------------
LOADING = "cre-loading"  # app/boot.js: the loading progress, hidden once Python is ready
PROGRESS = "cre-progress"
ENV_WARNING = "cre-env-warning"  # app/boot.js: why the form cannot work (or not offline) at this address
STORAGE_CLOSED = "cre-storage-closed"  # events app/vault.js sends on window: the drafts database was closed,
STORAGE_DELETED = "cre-storage-deleted"  # or deleted (by another tab's "Finish and wipe")

# The groups, for the test that checks both sides against this module (every name above is in one).
IDS = (MAIN, GLANCE, GLANCE_LEVEL, SAVED, STATUS, ERROR_SUMMARY, STORAGE_WARNING, WARNING_DOWNLOAD, NOTICE, WIPED,
       LOCK_WARNING, LOCK_WARNING_SAVED, LOCK_WARNING_UNSAVED, STAY, LOCK_NOW, CONFIRM, CONFIRM_TITLE, CONFIRM_TEXT,
       CONFIRM_YES, CONFIRM_NO, NEW, DRAFTS, DRAFTS_TITLE, PERSIST, VAULT_UNLOCK, PASSPHRASE, UNLOCK_ERROR,
       LOCK_REASON, LOCK, IMPORT, FILE_UNLOCK, FILE_PASSPHRASE, FILE_ERROR, CANCEL_FILE, VAULT_SETUP, NEW_PASSPHRASE,
       CONFIRM_PASSPHRASE, SETUP_ERROR, SETUP_SUMMARY, SETUP_SUMMARY_LINK, NOT_NOW, TASKS_SUMMARY, FORM, RESULT_NOW,
       ROUTING, SUGGESTION, JUDGEMENT, REVIEW, DOWNLOAD_PDF, DOWNLOAD_JSON, DOWNLOAD_SEALED, DOWNLOADS_STATUS, PRINT,
       EXPORT, EXPORT_PASSPHRASE, EXPORT_AGAIN, EXPORT_CANCEL)
MADE_IDS = (HARMED_NOW, CHANGES_RESULT, CHANGES_CHECK, CONVERSION)
DATA_ATTRIBUTES = (DATA_FORM_ID, DATA_FORM_VERSION, DATA_AUTO_LOCK_MINUTES, DATA_ITEM, DATA_SHOW_IF_ITEM,
                   DATA_ASKED_WHEN, DATA_STATUS, DATA_ROW, DATA_ADD_ROW, DATA_CONTINUE, DATA_NEEDS_PYTHON, DATA_WIPE)
CLASSES = (SCREEN_CLASS, ITEM_CLASS, ROW_CLASS, OUTPUT_CLASS, WARNING_TEXT_CLASS)
BOOT_IDS = (LOADING, PROGRESS, ENV_WARNING)
VAULT_EVENTS = (STORAGE_CLOSED, STORAGE_DELETED)
