"""The start screen's drafts list as elements: what the list says when there is nothing to show, and one row per
draft (its initials, form, level, status and times, in the words of cre.draft_list) with its buttons: Continue,
Duplicate, Start a review and Delete, each calling the action it is given (drafts_panel.py gives them)."""

import asyncio
from collections import namedtuple

from pyscript import window

from .. import draft_list
from .dom import element

NO_PASSPHRASE = "No drafts on this device. Once you set a passphrase, what you type is saved here as you go, encrypted."
NONE_YET = "No drafts on this device yet. What you type is saved here as you go, encrypted."
DAMAGED = ("A draft that cannot be opened: it was changed or damaged after it was saved, or this form did not "
           "save it")

# What a row's buttons do: each a coroutine function of the draft's id.
Actions = namedtuple("Actions", "resume duplicate review remove")


def local_offset(moment):
    """Minutes the browser's clock is ahead of UTC at that moment (negative west of Greenwich)."""
    return -int(window.Date.new(moment.timestamp() * 1000).getTimezoneOffset())


def contents(vault, summaries, open_id, actions, listen):
    """What the list shows now: nothing while locked (not even initials), else a sentence or the rows. open_id: the
    draft on the page; listen: cre.browser.page.Page.listen."""
    if vault.meta is None:
        return [element("p", NO_PASSPHRASE, class_="govuk-body")]
    if not vault.unlocked:
        return []
    if not summaries:
        return [element("p", NONE_YET, class_="govuk-body")]
    rows = [row(summaries[key], key, key == open_id, actions, listen)
            for key in draft_list.list_order(summaries, local_offset, open_id=open_id)]
    return [element("ul", *rows, class_="cre-drafts")]


def row(summary, draft_id, is_open, actions, listen):
    if summary is None:
        text = [element("span", DAMAGED, class_="cre-draft__title")]
        buttons = []
    else:
        title, details = draft_list.describe(summary, local_offset)
        text = [element("span", title + (" (open now)" if is_open else ""), class_="cre-draft__title"),
                element("span", " · ".join(details), class_="cre-draft__details")]
        buttons = [button("Continue" if not is_open else "Go to the open draft", actions.resume, draft_id, listen),
                   button("Duplicate", actions.duplicate, draft_id, listen),
                   button("Start a review", actions.review, draft_id, listen)]
    buttons.append(button("Delete", actions.remove, draft_id, listen))
    return element("li", element("div", *text, class_="cre-draft__text"), *buttons, class_="cre-draft")


def button(text, action, draft_id, listen):
    node = element("button", text, type="button", class_="govuk-button govuk-button--secondary cre-small")
    node.dataset.draft = draft_id
    listen(node, "click", lambda _event: asyncio.ensure_future(action(draft_id)))
    return node
