"""The form page's screens other than the sections: start, the list of sections, keeping drafts (the passphrase),
level of risk and who to contact, and check your answers; and the bar above every screen with the suggested level.

Each screen is an element with class `cre-screen` whose id is its name in cre.progress. The stylesheet shows the
screen the address's #fragment names (or that holds the element it names), else the start screen, so the back
button, a reload and a link work the same before and after Python has started; cre.browser moves the focus and
fills in what the rules say.
"""

from cre import page_contract as contract, progress

from . import drafts_panel
from .markup import esc, lines, tag
from .sections import back_link, continue_link

WAITING = "This appears once the checking rules have loaded."


def _screen(screen_id, title, *content, back=None, back_text="Back", extra_class=""):
    title_id = contract.title_id(screen_id)
    return tag("section", lines(
        "",
        back_link(back, back_text) if back else "",
        tag("h1", title, class_="govuk-heading-l", id=title_id, tabindex="-1"),
        *content,
        ""), id=screen_id, class_=f"{contract.SCREEN_CLASS} {extra_class}".strip(), aria_labelledby=title_id)


def glance():
    """The bar above every screen: loading progress until Python is ready, then the suggested level, links to who
    to contact and to the sections, and whether the draft is saved. Its height never changes, so nothing moves."""
    loading = tag("div", lines(
        "",
        tag("label", "Loading the checking rules…", for_=contract.PROGRESS),
        tag("progress", id=contract.PROGRESS, max="100", value="0"),
        ""), id=contract.LOADING, role="status", class_="cre-loading")
    level = tag("p", tag("strong", "", id=contract.GLANCE_LEVEL), class_="cre-glance__level")
    links = tag("p", tag("a", "Who to contact", href=f"#{progress.RESULT}", id="cre-glance-contacts"), " ",
                tag("a", "Sections", href=f"#{progress.TASKS}"), class_="cre-glance__links")
    saved = tag("p", "", id=contract.SAVED, role="status", class_="cre-glance__saved")
    return tag("div", tag("div", lines("", loading, level, links, saved, ""), class_="cre-width cre-glance__inner"),
               id=contract.GLANCE, class_="cre-glance", aria_label="Where you are")


def start(form, other, intro):
    """Start a new assessment, continue a draft, or open a record file."""
    caption = "" if form.definition.get("status") == "current" else tag(
        "span", "Earlier form, superseded", class_="govuk-caption-l")
    first = progress.section_screen(form.sections[0])
    begin = tag("a", "Start a new assessment", tag("span", "", class_="govuk-button__start-icon", aria_hidden="true"),
                href=f"#{first}", id=contract.NEW, class_="govuk-button govuk-button--start", draggable="false")
    title_id = contract.title_id(progress.START)
    return tag("section", lines(
        "",
        tag("h1", caption, esc(form.title), class_="govuk-heading-xl", id=title_id, tabindex="-1"),
        intro,
        begin,
        drafts_panel.drafts(),
        drafts_panel.record_file(),
        drafts_panel.wipe(),
        ""), id=progress.START, class_=f"{contract.SCREEN_CLASS} cre-screen--start", aria_labelledby=title_id)


def tasks(form):
    """The list of sections ("Complete multiple tasks"), each with its status, then the result and the check."""
    rows = []
    for row in progress.section_progress(form, {}, []):
        status_id = contract.task_status_id(row["id"])
        hint_id = contract.task_hint_id(row["id"])
        rows.append(tag(
            "li",
            tag("div", tag("a", esc(row["title"]), href=f"#{row['screen']}", aria_describedby=f"{hint_id} {status_id}",
                           class_="cre-task-list__link"),
                tag("div", esc(row["hint"]), id=hint_id, class_="cre-task-list__hint"), class_="cre-task-list__name"),
            tag("strong", esc(row["status_text"]), class_="cre-task-status", **{contract.DATA_STATUS: row["status"]},
                id=status_id),
            data_section=row["id"], class_="cre-task-list__item"))
    after = [tag("li", tag("a", "Level of risk and who to contact", href=f"#{progress.RESULT}",
                           class_="cre-task-list__link"), class_="cre-task-list__item"),
             tag("li", tag("a", "Check your answers", href=f"#{progress.CHECK}", class_="cre-task-list__link"),
                 class_="cre-task-list__item")]
    return _screen(
        progress.TASKS, "Sections of the assessment",
        tag("p", f"You have completed 0 of {len(rows)} sections.", id=contract.TASKS_SUMMARY, class_="govuk-body"),
        tag("nav", lines("", tag("ol", lines("", *rows, ""), class_="cre-task-list"), ""), id="cre-tasks",
            aria_label="Sections"),
        tag("h2", "When you have answered what you can", class_="govuk-heading-m"),
        tag("ol", lines("", *after, ""), class_="cre-task-list"),
        back=progress.START)


def save():
    """Keep drafts on this device: set the passphrase. Offered when saving first needs it, never before."""
    return _screen(
        progress.SAVE, "Save your answers on this device", drafts_panel.setup())


def _output(region_id, title, placeholder):
    title_id = contract.title_id(region_id)
    return tag("section", lines("", tag("h2", title, class_="govuk-heading-m", id=title_id),
                                tag("div", tag("p", placeholder, class_="govuk-body cre-placeholder"),
                                    class_=contract.OUTPUT_CLASS), ""),
               id=region_id, class_="cre-panel", aria_labelledby=title_id)


def result(form):
    """Level of risk and who to contact: the immediate steps first when the child is harmed now, then every
    referral step (the level is in the bar above and in the steps' first line), the suggested level and why, and
    the practitioner's judgement."""
    routing_wait = (f"{WAITING} Until then, the guidance's "
                    + tag("a", "level of risk and referral pathways", href="level-of-risk.html")
                    + " say whom to contact.")
    return _screen(
        progress.RESULT, "Level of risk and who to contact",
        tag("div", "", id=contract.RESULT_NOW, class_="cre-interruption", role="alert", hidden=True),
        _output(contract.ROUTING, "Who to contact and by when", routing_wait),
        _output(contract.SUGGESTION, "Suggested level of risk", WAITING),
        _output(contract.JUDGEMENT, "Your judgement", WAITING),
        tag("div", continue_link(form, progress.RESULT), class_="cre-screen-nav"),
        back=progress.TASKS, back_text="Back to the list of sections")


def check():
    """Check your answers, then the downloads and finishing."""
    def button(button_id, text, kind=" govuk-button--secondary", **extra):
        return tag("button", esc(text), type="button", id=button_id, class_=f"govuk-button{kind}",
                   **{contract.DATA_NEEDS_PYTHON: True}, disabled=True, **extra)

    return _screen(
        progress.CHECK, "Check your answers",
        tag("div", tag("div", tag("p", WAITING, class_="govuk-body cre-placeholder"), class_=contract.OUTPUT_CLASS),
            id=contract.REVIEW),
        tag("h2", "Download the assessment", class_="govuk-heading-m"),
        tag("p", "Both files hold personal information about a child: store them as your agency requires.",
            class_="govuk-body"),
        tag("div", lines("", button(contract.DOWNLOAD_PDF, "Download the PDF", kind=""),
                         button(contract.DOWNLOAD_JSON, "Download the record (JSON)"),
                         button(contract.DOWNLOAD_SEALED, "Download an encrypted copy (to move to another computer)"),
                         button(contract.PRINT, "Print this page"), ""), class_="cre-actions"),
        tag("p", "", id=contract.DOWNLOADS_STATUS, role="status", aria_live="polite", class_="cre-status"),
        drafts_panel.export(),
        tag("h2", "Finished on this computer?", class_="govuk-heading-m"),
        tag("p", "Finish and wipe removes every draft and the passphrase from this browser. Download what you still "
                 "need first: this cannot be undone.", class_="govuk-body"),
        button("cre-finish", "Finish and wipe this device", kind=" govuk-button--warning",
               **{contract.DATA_WIPE: True}),
        back=progress.RESULT)
