"""The form pages, generated at build time from the compiled form definitions (cre.definitions).

`pages()` returns {site path: content}: form.html (the current form), form-earlier.html (the form it superseded)
and app/form.css. Each page is a complete HTML5 document that works without JavaScript for typing: every question
is a real, labelled input whose name follows cre.form_values, so Python can read the page as soon as it starts.
Which page shows which form, and every id and data attribute the page's Python finds, are cre.page_contract's.
The build adds these files to the site (they are not MkDocs pages); nothing here imports MkDocs.
"""

from cre.page_contract import CURRENT_PAGE, EARLIER_PAGE, current_and_earlier

from . import document, style

__all__ = ["CURRENT_PAGE", "EARLIER_PAGE", "auto_lock_minutes", "current_and_earlier", "pages"]


def pages(settings=None):
    """{"form.html": ..., "form-earlier.html": ..., "form-blank.html": ..., "app/form.css": ...}. settings: the
    site config's `extra.cre` (auto_lock_minutes)."""
    minutes = auto_lock_minutes(settings or {})
    current, earlier = current_and_earlier()
    return {
        CURRENT_PAGE: document.render(current, earlier, auto_lock_minutes=minutes),
        EARLIER_PAGE: document.render(earlier, current, auto_lock_minutes=minutes),
        document.BLANK_PAGE: document.render(current, earlier, blank=True),
        document.STYLESHEET: style.css(),
    }


def auto_lock_minutes(settings):
    """Minutes without activity before the drafts lock: a whole number from 1 to 240 (4 hours)."""
    minutes = settings.get("auto_lock_minutes", document.AUTO_LOCK_MINUTES)
    if not isinstance(minutes, int) or isinstance(minutes, bool) or not 1 <= minutes <= 240:
        raise ValueError(f"extra.cre.auto_lock_minutes must be a whole number of minutes from 1 to 240, not {minutes!r}")
    return minutes
