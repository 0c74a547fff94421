"""What the rules say, put on the form page's screens: inline errors and the error summary, the list of sections,
the bar above every screen, the result screen (the immediate steps, the suggested level, the judgement, who to
contact) and check your answers. Every text from the record is set as text, never parsed as HTML; what to show is
decided in the pure package (cre.progress, cre.answer_text, cre.levels, cre.routing).
"""

from pyscript import document

from .. import page_contract as contract, progress
from ..answer_text import section_answers
from ..levels import judgements, level_label, type_label
from .dom import by_id, element, step_element


def inline(problems):
    for slot in document.querySelectorAll(f"#{contract.FORM} .govuk-error-message"):
        slot.hidden, slot.textContent = True, ""
    for group in document.querySelectorAll(".govuk-form-group--error"):
        group.classList.remove("govuk-form-group--error")
    for found in problems:
        slot = by_id(contract.error_id(found["item"])) if found["item"] else None
        if not slot:  # a missing element is JS null (falsy), not None
            continue
        slot.hidden = False
        slot.textContent = (slot.textContent + " " if slot.textContent else "") + found["message"]
        wrapper = by_id(contract.item_id(found["item"]))
        if wrapper:
            wrapper.classList.add("govuk-form-group--error")


def error_summary(problems, screen, shown, screen_for=None):
    """The GOV.UK error summary at the top of the open screen (moved there: one summary for the page), listing
    `problems` when `shown`. Each links to its answer; a problem naming none links to the screen `screen_for(problem)`
    names, else to this one."""
    summary = by_id(contract.ERROR_SUMMARY)
    heading = by_id(contract.title_id(screen))
    if heading and summary.nextElementSibling != heading:
        heading.before(summary)
    listing = summary.querySelector("ul")

    def link(found):
        if found["item"]:
            return f"#{contract.item_id(found['item'])}"
        return f"#{(screen_for(found) if screen_for else None) or screen}"

    listing.replaceChildren(*[element("li", element("a", found["message"], href=link(found))) for found in problems])
    summary.hidden = not (shown and problems)
    return summary


def tasks(rows):
    for row in rows:
        marker = by_id(contract.task_status_id(row["id"]))
        if marker:
            marker.setAttribute(contract.DATA_STATUS, row["status"])
            marker.textContent = row["status_text"]
        hint = by_id(contract.task_hint_id(row["id"]))
        if hint:
            hint.textContent = row["hint"]
    done = progress.completed_count(rows)
    by_id(contract.TASKS_SUMMARY).textContent = f"You have completed {done} of {len(rows)} sections."


def glance(suggestion, harmed_now):
    """The bar: the suggested level, or that the child is harmed now, always in view."""
    overall = suggestion["overall"]
    text = f"Suggested level: {level_label(overall)}" if overall else "No level suggested yet"
    if harmed_now:  # first and alone: the bar is narrow on a phone, and the level is on the result screen
        text = "Harmed now: act immediately"
    level = by_id(contract.GLANCE_LEVEL)
    level.textContent = text
    level.dataset.level = "high" if harmed_now else (overall or "none")


def suggestion_panel(suggestion):
    output = document.querySelector(f"#{contract.SUGGESTION} .{contract.OUTPUT_CLASS}")
    overall = suggestion["overall"]
    headline = f"Suggested level: {level_label(overall)}" if overall else "No level suggested yet"
    reasons = element("ul", *[element("li", line["text"]) for line in suggestion["explanation"]],
                      class_="govuk-list govuk-list--bullet")
    output.replaceChildren(element("p", element("strong", headline)), reasons)


def judgement_panel(form, answers):
    """What the practitioner judged, per type, with the way to change it."""
    output = document.querySelector(f"#{contract.JUDGEMENT} .{contract.OUTPUT_CLASS}")
    judged = list(judgements(form, answers))
    target = next((item.id for item in form.tagged("judged_level")), None)
    if judged:
        lines = [element("li", f"{type_label(kind) if kind else 'Overall'}: {level_label(level)}")
                 for _, kind, level in judged]
        parts = [element("ul", *lines, class_="govuk-list")]
        link_text = "Change your judgement"
    else:
        parts = [element("p", "You have not recorded your judgement of the level of risk yet.", class_="govuk-body")]
        link_text = "Record your judgement"
    if target:
        parts.append(element("p", element("a", link_text, href=f"#{contract.item_id(target)}"), class_="govuk-body"))
    output.replaceChildren(*parts)


def routing_panel(routing):
    """Who to contact and by when: the level it is for, every number in the steps at a glance (so the first one to
    ring is in view on arrival, even on a phone, where the steps run long), then the steps."""
    output = document.querySelector(f"#{contract.ROUTING} .{contract.OUTPUT_CLASS}")
    steps = [step_element(step) for step in routing["steps"]]
    basis = element("p", routing["level_basis"], class_="govuk-body-s")
    numbers = numbers_line(routing["steps"])
    output.replaceChildren(basis, *([numbers] if numbers else []), element("ol", *steps, class_="cre-steps"))


def numbers_line(steps):
    """"Numbers in these steps: Derby Initial Response Team 01332 641172 · …", each a tel: link, in step order,
    each once; None when no step has a number."""
    found = {}
    for step in steps:
        for contact in step["contacts"]:
            if contact.get("tel"):
                found.setdefault(contact["tel"], contact)
    if not found:
        return None
    links = []
    for tel, contact in found.items():
        links += [" · "] if links else []
        links.append(element("a", f"{contact.get('name', '')} {contact['phone']}", href=tel))
    return element("p", element("strong", "Numbers in these steps: "), *links, class_="govuk-body cre-numbers")


def immediate(routing, harmed_now):
    """Harmed now: the immediate steps, under the question (created there) and first on the result screen."""
    now = [step for step in routing["steps"] if step["deadline"] == "immediately"]
    box = by_id(contract.HARMED_NOW)
    result_box = by_id(contract.RESULT_NOW)
    if not harmed_now:
        if box:
            box.remove()
        result_box.hidden = True
        result_box.replaceChildren()
        return
    if not box:
        anchor = by_id(contract.item_id("harmed_now"))
        if anchor:
            box = element("div", role="alert", id=contract.HARMED_NOW, class_="cre-interruption")
            anchor.after(box)
    title = "The child is being harmed now: act immediately"
    if box:
        box.replaceChildren(element("h2", title, class_="govuk-heading-m"),
                            element("ol", *[step_element(step) for step in now], class_="cre-steps"))
    result_box.replaceChildren(element("h2", title, class_="govuk-heading-m"),
                               element("ol", *[step_element(step) for step in now], class_="cre-steps"))
    result_box.hidden = False


def review(form, answers):
    """Check your answers: every answer, section by section, each with a link back to change it, and the number of
    indicators not rated."""
    blocks = []
    for section in form.sections:
        rows, not_rated = section_answers(form, section, answers)
        listed = [_row(item.label, text, f"#{contract.item_id(item.id)}", item.label) for item, text in rows]
        if not_rated:
            listed.append(_row("Indicators not rated Low, Medium or High", str(not_rated),
                               f"#{progress.section_screen(section)}", "indicators not rated"))
        number = section.get("number")
        title = f"Section {number}. {section['title']}" if number else section["title"]
        body = element("dl", *listed, class_="govuk-summary-list") if listed else \
            element("p", "Nothing answered yet.", class_="govuk-body")
        blocks += [element("h2", title, class_="govuk-heading-m"), body]
    by_id(contract.REVIEW).querySelector(f".{contract.OUTPUT_CLASS}").replaceChildren(*blocks)


def _row(key, value, href, what):
    change = element("a", "Change", element("span", f" {what}", class_="govuk-visually-hidden"), href=href)
    return element("div", element("dt", key, class_="govuk-summary-list__key"),
                   element("dd", value, class_="govuk-summary-list__value"),
                   element("dd", change, class_="govuk-summary-list__actions"), class_="govuk-summary-list__row")
