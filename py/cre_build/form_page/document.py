"""The form page as a whole: a standalone HTML5 document (not a MkDocs page) holding every screen of one form (the
start, the list of sections, each section, the result, check your answers; screens.py), one shown at a time.

Everything a practitioner types into is in the HTML itself, so the page is usable the moment it loads; boot.js
(the one script: classic and deferred, so it runs even from file:// to say the form needs a web address) shows
loading progress and starts Python, which then checks the answers and fills the output regions. The Content
Security Policy allows no inline script, style or handler, so the page has none. The title never carries anything
from the record or the form data.
"""

from cre import page_contract as contract

from .. import csp
from . import dialog, drafts_panel, screens
from .markup import esc, lines, tag, void
from .sections import render_sections

TITLE = "CRE Risk Assessment – form"
STYLESHEET = "app/form.css"
BOOT_SCRIPT = "app/boot.js"
VAULT_SCRIPT = "app/vault.js"  # WebCrypto, IndexedDB and Web Locks calls for Python
AUTO_LOCK_MINUTES = 15  # the default; the site config (mkdocs.yml extra.cre.auto_lock_minutes) may change it
BLANK_PAGE = "form-blank.html"
ICON = "assets/images/favicon.png"  # the theme's, beside the guidance pages
# The form pages' Content Security Policy, defined beside the guidance pages' (cre_build.csp). frame-ancestors is
# left out: a <meta> policy cannot carry it (browsers ignore it and warn); the server sends it as a header.
CSP = csp.policy(csp.FORM_PAGE)
NO_SCRIPT = ("This page needs JavaScript to save, check and download your answers. Without it you can read and "
             "type, but nothing is saved: use a browser with JavaScript turned on.")
DESCRIPTION = ("Complete the Derby and Derbyshire Child at Risk of Exploitation (CRE) Assessment: the level of risk, "
               "whom to contact and by when. Nothing you type leaves this device.")
BLANK_TITLE = "CRE Risk Assessment – blank form to print"
BLANK_NOTE = ("A blank copy of the form to print and fill in by hand, for example with a child. Nothing typed here "
              "is checked or saved: use the form page for that.")


def head(blank=False):
    return tag("head", lines(
        "",
        void("meta", charset="utf-8"),
        void("meta", http_equiv="Content-Security-Policy", content=CSP),
        void("meta", name="viewport", content="width=device-width, initial-scale=1"),
        void("meta", name="referrer", content="no-referrer"),
        void("meta", name="description", content=BLANK_NOTE if blank else DESCRIPTION),
        tag("title", esc(BLANK_TITLE if blank else TITLE)),
        void("link", rel="stylesheet", href=STYLESHEET),
        void("link", rel="icon", href=ICON),  # else the browser asks the server root for /favicon.ico
        # classic, not modules: boot.js must also run from file://; a blank form to print runs no script at all
        "" if blank else tag("script", src=VAULT_SCRIPT, defer=True),
        "" if blank else tag("script", src=BOOT_SCRIPT, defer=True),
        ""))


def header(form, blank=False):
    """The guidance's name (the way back) and the emergency line; on the form itself, the form's short name too."""
    home = tag("a", "CRE Risk Assessment guidance", href="index.html", class_="cre-header__link")
    if not blank:
        name = form.definition.get("short_title") or form.title
        home += tag("span", esc(name), class_="cre-header__service")
    danger = tag("p", tag("strong", "A child in immediate danger: ", tag("a", "call 999", href="tel:999")),
                 class_="cre-danger__text")
    return lines(
        tag("a", "Skip to main content", href=f"#{contract.MAIN}", class_="govuk-skip-link"),
        tag("header", lines("", tag("div", home, class_="cre-width cre-header__inner"),
                            tag("div", tag("div", danger, class_="cre-width"), class_="cre-danger"), ""),
            class_="cre-header"))


def chooser(form, other):
    """Which form this page is, and the way to the other one."""
    current = other.definition.get("published") or other.definition.get("short_title") or other.title
    if form.definition.get("status") == "current":
        published = form.definition.get("published") or form.definition.get("short_title") or form.title
        return tag("p", f"Using the current form ({esc(published)}). ",
                   tag("a", "Open an earlier-form assessment", href=contract.EARLIER_PAGE, class_="cre-chooser__other"),
                   class_="cre-chooser")
    return lines(
        tag("p", f"Using the earlier form ({esc(form.title)}). ",
            tag("a", f"Use the current form ({esc(current)})", href=contract.CURRENT_PAGE), class_="cre-chooser"),
        tag("div", tag("p", f"This form has been superseded by the {esc(other.title)} ({esc(current)}). Use it "
                       "only to open, finish or convert an assessment started on the earlier form.",
                       class_="govuk-body"),
            class_="govuk-inset-text cre-superseded"))


def error_summary():
    return tag("div", lines("", tag("h2", "There is a problem", class_="govuk-error-summary__title",
                                    id="cre-error-summary-title"),
                            tag("div", tag("ul", "", class_="govuk-list govuk-error-summary__list"),
                                class_="govuk-error-summary__body"), ""),
               id=contract.ERROR_SUMMARY, class_="govuk-error-summary", role="alert", tabindex="-1",
               aria_labelledby="cre-error-summary-title", hidden=True)


def footer():
    return tag("footer", tag("div", tag("p", "Nothing you type leaves this device. ",
                                        tag("a", "Privacy: how this tool handles what you type", href="privacy.html")),
                             class_="cre-width"), class_="cre-footer")


def render(form, other, blank=False, auto_lock_minutes=AUTO_LOCK_MINUTES):
    """The complete page for one form; `other` is the form the chooser line leads to. `blank`: the same form to
    print and fill in by hand, with no script, drafts or results. The drafts lock after `auto_lock_minutes`
    without activity."""
    preamble = lines(*(tag("p", esc(text), class_="govuk-body") for text in form.definition.get("preamble") or ()))
    the_form = tag("form", lines("", render_sections(form, screens=not blank), ""), id=contract.FORM,
                   **{contract.DATA_FORM_ID: form.id, contract.DATA_FORM_VERSION: form.version,
                      contract.DATA_AUTO_LOCK_MINUTES: None if blank else auto_lock_minutes},
                   novalidate=True, autocomplete="off")
    if blank:
        main = lines("", blank_title(form), preamble, tag("p", BLANK_NOTE, class_="govuk-inset-text"), the_form, "")
    else:
        intro = lines(preamble, chooser(form, other), print_links())
        main = lines(
            "",
            tag("noscript", tag("p", NO_SCRIPT, class_="cre-warning")),
            tag("p", id=contract.ENV_WARNING, class_="cre-warning", hidden=True),
            drafts_panel.notices(),
            tag("p", "", id=contract.STATUS, role="status", aria_live="polite", class_="cre-status"),
            drafts_panel.wiped(),
            error_summary(),
            tag("div", lines("", screens.start(form, other, intro), screens.tasks(form), the_form,
                             screens.result(form), screens.check(), screens.save(), ""), id="cre-screens"),
            drafts_panel.lock_warning(auto_lock_minutes),
            dialog.confirm(),
            "")
    body = tag("body", lines("", header(form, blank), "" if blank else screens.glance(),
                             tag("main", main, id=contract.MAIN, class_="cre-width cre-main", tabindex="-1"),
                             footer(), ""), class_="cre-blank" if blank else None)
    return "<!DOCTYPE html>\n" + tag("html", lines("", head(blank), body, ""), lang="en-GB") + "\n"


def blank_title(form):
    return tag("h1", esc(form.title), class_="govuk-heading-xl")


def print_links():
    return tag("p", tag("a", "Print a blank form", href=BLANK_PAGE), " to fill in by hand, for example with a child.",
               class_="govuk-body cre-print-links")
