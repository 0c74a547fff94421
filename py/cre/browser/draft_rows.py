"""The start screen's drafts list as elements: what the list says when there is nothing to show, and one row per
draft (its initials, form, level, status and times, in the words of cre.draft_list) with its buttons: Continue,
Duplicate, Start a review (cre.browser.reviews) and Delete."""

import asyncio

from pyscript import window

from .. import draft_list
from .dom import element

NO_PASSPHRASE = "No drafts on this device. Once you set a passphrase, what you type is saved here as you go, encrypted."
NONE_YET = "No drafts on this device yet. What you type is saved here as you go, encrypted."
DAMAGED = ("A draft that cannot be opened: it was changed or damaged after it was saved, or this form did not "
           "save it")


def local_offset(moment):
    """Minutes the browser's clock is ahead of UTC at that moment (negative west of Greenwich)."""
    return -int(window.Date.new(moment.timestamp() * 1000).getTimezoneOffset())


def contents(drafts):
    """What the list shows now: nothing while locked (not even initials), else a sentence or the rows."""
    if drafts.vault.meta is None:
        return [element("p", NO_PASSPHRASE, class_="govuk-body")]
    if not drafts.vault.unlocked:
        return []
    if not drafts.summaries:
        return [element("p", NONE_YET, class_="govuk-body")]
    rows = [row(drafts, key) for key in draft_list.list_order(drafts.summaries, local_offset, open_id=drafts.page.record["record_id"])]
    return [element("ul", *rows, class_="cre-drafts")]


def row(drafts, draft_id):
    summary = drafts.summaries[draft_id]
    if summary is None:
        text = [element("span", DAMAGED, class_="cre-draft__title")]
        buttons = []
    else:
        title, details = draft_list.describe(summary, local_offset)
        is_open = draft_id == drafts.page.record["record_id"]
        text = [element("span", title + (" (open now)" if is_open else ""), class_="cre-draft__title"),
                element("span", " · ".join(details), class_="cre-draft__details")]
        buttons = [button(drafts, "Continue" if not is_open else "Go to the open draft", drafts.resume, draft_id),
                   button(drafts, "Duplicate", drafts.duplicate, draft_id)]
        if drafts.page.reviews is not None:
            buttons.append(button(drafts, "Start a review", drafts.page.reviews.begin, draft_id))
    buttons.append(button(drafts, "Delete", drafts.remove, draft_id))
    return element("li", element("div", *text, class_="cre-draft__text"), *buttons, class_="cre-draft")


def button(drafts, text, action, draft_id):
    node = element("button", text, type="button", class_="govuk-button govuk-button--secondary cre-small")
    node.dataset.draft = draft_id
    drafts.page.listen(node, "click", lambda _event: asyncio.ensure_future(action(draft_id)))
    return node
