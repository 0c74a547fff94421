"""The form page as a whole: a standalone HTML5 document (not a MkDocs page) around one form's sections.

Everything a practitioner types into is in the HTML itself, so the page is usable the moment it loads; boot.js
(the one script: classic and deferred, so it runs even from file:// to say the form needs a web address) shows
loading progress and starts Python, which then checks the answers and fills the output regions. The Content Security Policy allows no inline script, style or handler, so
the page has none. The title never carries anything from the record or the form data.
"""

from . import drafts_panel
from .markup import esc, lines, tag, void
from .sections import render_sections, task_list

TITLE = "CRE Risk Assessment – form"
STYLESHEET = "app/form.css"
BOOT_SCRIPT = "app/boot.js"
VAULT_SCRIPT = "app/vault.js"  # WebCrypto, IndexedDB and Web Locks calls for Python
AUTO_LOCK_MINUTES = 15  # the default; the site config (mkdocs.yml extra.cre.auto_lock_minutes) may change it
BLANK_PAGE = "form-blank.html"
ICON = "assets/images/favicon.png"  # the theme's, beside the guidance pages
# frame-ancestors is left out: a <meta> policy cannot carry it (browsers ignore it and warn); send it as a header.
CSP = ("default-src 'self'; script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'; style-src 'self'; "
       "img-src 'self' data: blob:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; "
       "base-uri 'self'; form-action 'none'")
NO_SCRIPT = ("This page needs JavaScript to save, check and download your answers. Without it you can read and "
             "type, but nothing is saved: use a browser with JavaScript turned on.")
WAITING = "This appears once the checking rules have loaded."
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
        tag("title", esc(BLANK_TITLE if blank else TITLE)),
        void("link", rel="stylesheet", href=STYLESHEET),
        void("link", rel="icon", href=ICON),  # else the browser asks the server root for /favicon.ico
        # classic, not modules: boot.js must also run from file://; a blank form to print runs no script at all
        "" if blank else tag("script", src=VAULT_SCRIPT, defer=True),
        "" if blank else tag("script", src=BOOT_SCRIPT, defer=True),
        ""))


def header():
    home = tag("a", "CRE Risk Assessment guidance", href="index.html", class_="cre-header__link")
    danger = tag("p", tag("strong", "A child in immediate danger: ", tag("a", "call 999", href="tel:999")),
                 class_="cre-danger__text")
    return lines(
        tag("a", "Skip to main content", href="#cre-main", class_="govuk-skip-link"),
        tag("header", lines("", tag("div", home, class_="cre-width cre-header__inner"),
                            tag("div", tag("div", danger, class_="cre-width"), class_="cre-danger"), ""),
            class_="cre-header"))


def loading():
    return tag("div", lines(
        "",
        tag("label", "Loading the checking rules…", for_="cre-progress"),
        tag("progress", id="cre-progress", max="100", value="0"),
        tag("p", id="cre-env-warning", class_="cre-warning", hidden=True),
        ""), id="cre-loading", role="status", class_="cre-loading")


def chooser(form, other):
    """Which form this page is, and the way to the other one."""
    current = other.definition.get("published") or other.definition.get("short_title") or other.title
    if form.definition.get("status") == "current":
        published = form.definition.get("published") or form.definition.get("short_title") or form.title
        return tag("p", f"Using the current form ({esc(published)}). ",
                   tag("a", "Open an earlier-form assessment", href="form-earlier.html"), class_="cre-chooser")
    return lines(
        tag("p", f"Using the earlier form ({esc(form.title)}). ",
            tag("a", f"Use the current form ({esc(current)})", href="form.html"), class_="cre-chooser"),
        tag("div", tag("p", f"This form has been superseded by the {esc(other.title)} ({esc(current)}). Use it "
                       "only to open, finish or convert an assessment started on the earlier form.",
                       class_="govuk-body"),
            class_="govuk-inset-text cre-superseded"))


def title(form):
    """The page's h1: the form's own title, with a caption on a form that has been superseded."""
    caption = "" if form.definition.get("status") == "current" else tag(
        "span", "Earlier form, superseded", class_="govuk-caption-l")
    return tag("h1", caption, esc(form.title), class_="govuk-heading-xl")


def error_summary():
    return tag("div", lines("", tag("h2", "There is a problem", class_="govuk-error-summary__title",
                                    id="cre-error-summary-title"),
                            tag("div", tag("ul", "", class_="govuk-list govuk-error-summary__list"),
                                class_="govuk-error-summary__body"), ""),
               id="cre-error-summary", class_="govuk-error-summary", role="alert", tabindex="-1",
               aria_labelledby="cre-error-summary-title", hidden=True)


def _output(region_id, title, placeholder, hidden=False):
    title_id = f"{region_id}-title"
    return tag("section", lines("", tag("h2", title, class_="govuk-heading-l", id=title_id),
                                tag("div", tag("p", placeholder, class_="govuk-body cre-placeholder"),
                                    class_="cre-output"), ""),
               id=region_id, class_="cre-panel", aria_labelledby=title_id, hidden=hidden)


def outputs():
    routing_wait = (f"{WAITING} Until then, the guidance's "
                    + tag("a", "level of risk and referral pathways", href="level-of-risk.html")
                    + " say whom to contact.")
    return lines(
        _output("cre-suggestion", "Suggested level of risk", WAITING),
        _output("cre-routing", "Who to contact and by when", routing_wait),
        _output("cre-review", "Check your answers", "", hidden=True))


def actions():
    def button(button_id, text, kind=""):
        return tag("button", text, type="button", id=button_id, class_=f"govuk-button{kind}", data_needs_python=True,
                   disabled=True)

    return lines(
        tag("div", lines("", button("cre-check", "Check answers"),
                         button("cre-download-json", "Download the record (JSON)", " govuk-button--secondary"),
                         button("cre-download-pdf", "Download the PDF", " govuk-button--secondary"),
                         button("cre-download-sealed", "Download an encrypted copy (to move to another computer)",
                                " govuk-button--secondary"),
                         button("cre-print", "Print this page", " govuk-button--secondary"), ""),
            class_="cre-actions"),
        tag("p", "", id="cre-status", role="status", aria_live="polite", class_="cre-status"))


def footer():
    return tag("footer", tag("div", tag("p", "Nothing you type leaves this device. ",
                                        tag("a", "Privacy: how this tool handles what you type", href="privacy.html")),
                             class_="cre-width"), class_="cre-footer")


def render(form, other, blank=False, auto_lock_minutes=AUTO_LOCK_MINUTES):
    """The complete page for one form; `other` is the form the chooser line leads to. `blank`: the same form to
    print and fill in by hand, with no script, drafts or results. The drafts lock after `auto_lock_minutes`
    without activity."""
    preamble = lines(*(tag("p", esc(text), class_="govuk-body") for text in form.definition.get("preamble") or ()))
    the_form = tag("form", lines("", render_sections(form), ""), id="cre-form", data_form_id=form.id,
                   data_form_version=form.version, data_auto_lock_minutes=None if blank else auto_lock_minutes,
                   novalidate=True, autocomplete="off")
    working = () if blank else (tag("noscript", tag("p", NO_SCRIPT, class_="cre-warning")), loading(),
                                chooser(form, other), drafts_panel.panel(), drafts_panel.wiped(),
                                task_list(form), error_summary())
    main = tag("main", lines(
        "",
        title(form),
        preamble,
        tag("p", BLANK_NOTE, class_="govuk-inset-text") if blank else print_links(),
        *working,
        the_form if blank else tag("div", lines("", the_form, tag("aside", outputs(), class_="cre-aside",
                                                                  aria_label="Results"), ""), class_="cre-layout"),
        "" if blank else actions(),
        "" if blank else drafts_panel.lock_warning(auto_lock_minutes),
        ""), id="cre-main", class_="cre-width cre-main", tabindex="-1")
    body = tag("body", lines("", header(), main, footer(), ""))
    return "<!DOCTYPE html>\n" + tag("html", lines("", head(blank), body, ""), lang="en-GB") + "\n"


def print_links():
    return tag("p", tag("a", "Print a blank form", href=BLANK_PAGE), " to fill in by hand, for example with a child.",
               class_="govuk-body cre-print-links")
