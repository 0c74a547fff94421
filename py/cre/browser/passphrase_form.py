"""The passphrase set-up form's problems, shown the GOV.UK way: the error summary at the top of the screen (focused,
its link moves the focus to the box), the message above the box and the red bar beside it. What is a problem, and
its words, is cre.passphrase's; nothing typed is ever shown back.
"""

from pyscript import window

from .. import page_contract as contract
from ..progress import SAVE
from .dom import by_id, element

BOXES = {"passphrase": contract.NEW_PASSPHRASE, "again": contract.CONFIRM_PASSPHRASE}


def inline(box, message):
    """A passphrase box's inline error (GOV.UK): the message above the box and the red bar beside it, or, with
    message None, neither."""
    slot = by_id(contract.error_id(box))
    slot.replaceChildren(*([element("span", "Error: ", class_="govuk-visually-hidden"), message] if message else []))
    slot.hidden = not message
    by_id(contract.group_id(box)).classList.toggle("govuk-form-group--error", bool(message))


def clear():
    by_id(contract.SETUP_SUMMARY).hidden = True
    for box in BOXES.values():
        inline(box, None)


def show(page, problem):
    """One problem (a cre.passphrase.Problem): in the summary, focused, and beside its box."""
    clear()
    box = BOXES[problem.field]
    inline(box, problem.message)
    link = by_id(contract.SETUP_SUMMARY_LINK)
    link.textContent = problem.message
    link.setAttribute("href", f"#{box}")
    link.dataset.box = box
    if not link.hasAttribute("data-listening"):  # focus the box: following the link would add a history entry
        link.setAttribute("data-listening", "")
        page.listen(link, "click", _to_box)
    summary, heading = by_id(contract.SETUP_SUMMARY), by_id(contract.title_id(SAVE))
    if heading and summary.nextElementSibling != heading:  # at the top of the screen, as the page's own summary
        heading.before(summary)
    summary.hidden = False
    window.scrollTo(0, 0)  # the top of the screen, clear of the bar that stays above it (as a new screen opens)
    summary.focus()


def _to_box(event):
    event.preventDefault()
    by_id(str(event.currentTarget.dataset.box)).focus()
