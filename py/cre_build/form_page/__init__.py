"""The form pages, generated at build time from the compiled form definitions (cre.definitions).

`pages()` returns {site path: content}: form.html (the current form), form-earlier.html (the form it superseded)
and app/form.css. Each page is a complete HTML5 document that works without JavaScript for typing: every question
is a real, labelled input whose name follows cre.form_values, so Python can read the page as soon as it starts.
The build adds these files to the site (they are not MkDocs pages); nothing here imports MkDocs.
"""

from cre import definitions

from . import document, style

CURRENT_PAGE = "form.html"
EARLIER_PAGE = "form-earlier.html"


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


def pages():
    """{"form.html": ..., "form-earlier.html": ..., "form-blank.html": ..., "app/form.css": ...}"""
    current, earlier = current_and_earlier()
    return {
        CURRENT_PAGE: document.render(current, earlier),
        EARLIER_PAGE: document.render(earlier, current),
        document.BLANK_PAGE: document.render(current, earlier, blank=True),
        document.STYLESHEET: style.css(),
    }
