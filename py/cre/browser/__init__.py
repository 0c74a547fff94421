"""The form page's adapter: the only code that touches the DOM and browser storage (through PyScript's `window`
and `document`). page.py shows the rules' results; drafts.py keeps drafts (encrypted by vault.py, through
app/vault.js; listed by draft_rows.py; storage_warning.py says what storage could not do); files.py opens and
seals record files; reviews.py starts reviews and shows what they carried over and what changed;
conversion_note.py shows a converted record's earlier answers until they are marked as reviewed; guard.py holds
the passphrase forms, the auto-lock and the wipe; dialog.py asks before what cannot be undone; dom.py builds
elements. Everything else in `cre` is plain Python that runs the same in CPython.
"""

import asyncio

from pyscript import document

from .conversion_note import ConversionNote
from .dialog import Dialog
from .drafts import Drafts
from .guard import Guard
from .page import Page
from .reviews import Reviews


def start():
    """Wire up the form page: called once by the PyScript entry when Python is ready. Returns the page (keep it)."""
    page = Page(document.getElementById("cre-form"))
    page.dialog = Dialog(page)
    page.dialog.start()
    page.drafts = Drafts(page)
    page.drafts.guard = Guard(page, page.drafts)
    page.drafts.guard.start()
    page.reviews = Reviews(page, page.drafts)
    page.reviews.start()
    page.conversion = ConversionNote(page, page.drafts)
    page.conversion.start()
    page.start()
    document.documentElement.dataset.python = "ready"
    asyncio.ensure_future(page.drafts.open())
    return page
