"""The form page's adapter: the only code that touches the DOM and browser storage (through PyScript's `window`
and `document`). Everything else in `cre` is plain Python that runs the same in CPython; every id, data attribute
and class this finds on the page is named in cre.page_contract, which the build's HTML follows too.

start() makes the parts and hands each the ones it uses; a part knows only parts made before it, and is told of
what happens above it through the hooks start() fills:

    Page           page.py: the record on the page. Reads the answers, has the rules check them, shows what comes
                   back (views.py, on the screens of screens.py), downloads the JSON and the PDF
    Dialog         dialog.py: asks before what cannot be undone
    Drafts         drafts.py: keeps the record as an encrypted draft as the practitioner types (vault.py, through
                   app/vault.js), one tab per draft (one_tab.py), puts a stored one back on the page; says what
                   storage could not do (storage_warning.py)
    Reviews        reviews.py: starts a review; the marks on answers carried over, what changed
    DraftsPanel    drafts_panel.py: the start screen's list of drafts (draft_rows.py) and its buttons
    Guard          guard.py: the passphrase forms (passphrase_form.py), the auto-lock, "Finish and wipe"
    RecordFiles    files.py: opens a record file (plain or encrypted), downloads the encrypted copy
    ConversionNote conversion_note.py: a converted record's earlier answers, until marked as reviewed

A record's way: Page.refresh reads it from the fields and tells on_read → Drafts.save seals and stores it →
Drafts.resume (or open_record) puts a stored one back with Page.show → Page.download_pdf hands it to cre.pdf.
"""

import asyncio

from pyscript import document

from .. import page_contract as contract
from .conversion_note import ConversionNote
from .dialog import Dialog
from .drafts import Drafts
from .drafts_panel import DraftsPanel
from .files import RecordFiles
from .guard import Guard
from .page import Page
from .reviews import Reviews
from .storage_warning import StorageWarning
from .vault import Vault


def start():
    """Wire up the form page: called once by the PyScript entry when Python is ready. Returns the page (keep it)."""
    page = Page(document.getElementById(contract.FORM))
    dialog = Dialog(page.listen)
    vault, warning = Vault(), StorageWarning()
    drafts = Drafts(page, vault, warning)
    reviews = Reviews(page, drafts, warning)
    panel = DraftsPanel(page, drafts, vault, warning, dialog, reviews.begin)
    guard = Guard(page, drafts, panel, vault, dialog, warning)
    files = RecordFiles(page, drafts, guard, vault, warning)
    conversion = ConversionNote(page, drafts)
    # What happens below, told to the parts above
    page.on_input.append(drafts.typing)
    page.on_read.extend([drafts.answers_read, guard.answers_read])
    page.on_render.extend([reviews.render, conversion.render])
    page.screens.save_needed = drafts.needs_passphrase
    drafts.on_listed.append(panel.render)
    for part in (dialog, guard, reviews, conversion, panel, files, page):
        part.start()
    document.documentElement.dataset.python = "ready"
    asyncio.ensure_future(guard.open())
    return page
