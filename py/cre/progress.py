"""Where a practitioner is in a form: the screens in order, each section's status and counts, and which problems
a screen shows. Pure Python: the build names the screens' Continue links from `next_screen`, the page shows the
statuses, and the CLI, the PDF and the page agree because they all ask here.

Screens, by the id of their element on the form page: `start`, `tasks` (the list of sections), one per section
(`section-ID`), `result` (level of risk and who to contact) and `check` (check your answers); and `save`, where
the passphrase is set, offered when saving first needs it.
"""

from .levels import RATIONALE_ITEM, below_suggestion, review_lows
from .records import answered

START, TASKS, RESULT, CHECK = "start", "tasks", "result", "check"
SAVE = "save"  # setting the passphrase: offered when saving first needs it, outside the journey's order
NOT_STARTED, IN_PROGRESS, COMPLETED, PROBLEMS = "not-started", "in-progress", "completed", "problems"
STATUS_TEXT = {NOT_STARTED: "Not started", IN_PROGRESS: "In progress", COMPLETED: "Completed",
               PROBLEMS: "There is a problem"}
RATEABLE = ("indicator", "typed_indicator")
# Grouped items counted on a section's row: (item types, what "done" means for one, the words for the count).
COUNTED = ((RATEABLE, "indicators rated"), (("factor",), "factors ticked"))


def is_asked(form, item, answers, suggestion):
    """Whether the page asks an item now: its show_if condition holds, and the reason for a lower judgement is asked
    as soon as a judgement is below the suggested level or, on a review under the floor rule, is Low (and stays
    while a reason is written)."""
    if item.id == RATIONALE_ITEM and not (below_suggestion(suggestion) or review_lows(form, answers, suggestion)
                                          or answered(answers.get(item.id))):
        return False
    return form.is_shown(item, answers)


def section_screen(section):
    return f"section-{section['id']}"


def screens(form):
    """Every screen of the form's page, in the order a practitioner goes through them."""
    return [START, TASKS, *(section_screen(section) for section in form.sections), RESULT, CHECK]


def next_screen(form, screen):
    """The screen a Continue button on `screen` leads to (the last section leads to the result)."""
    order = screens(form)
    return order[min(order.index(screen) + 1, len(order) - 1)]


def section_of(form, item_id):
    """The screen that holds an item, or None for a problem about the record as a whole."""
    item = form.item(item_id) if item_id else None
    return section_screen(item.section) if item is not None else None


def is_rated(item, value):
    """Whether an indicator has a rating (Not identified counts: the practitioner looked at it)."""
    if item.type == "typed_indicator":
        return isinstance(value, dict) and bool(value.get("level"))
    return answered(value)


def _counts(items, answers):
    """[(done, total, words)] for the grouped items a section holds (indicators rated, factors ticked)."""
    found = []
    for types, words in COUNTED:
        group = [item for item in items if item.type in types]
        if group:
            if types == RATEABLE:
                done = sum(is_rated(item, answers.get(item.id)) for item in group)
            else:
                done = sum(answered(answers.get(item.id)) for item in group)
            found.append((done, len(group), words))
    return found


def section_progress(form, answers, problems):
    """One row per section, in order: {id, screen, title, status, status_text, hint}.

    Not started: nothing answered. There is a problem: an answer in it is wrong (an error). In progress: something
    a complete assessment needs is missing, or an indicator is not yet rated (each indicator is rated, if only as
    Not identified). Completed: none of those. The hint counts what helps: "10 of 50 indicators rated",
    "3 of 21 factors ticked", "2 answers needed"."""
    by_item = {}
    for found in problems:
        by_item.setdefault(found.get("item"), []).append(found["severity"])
    rows = []
    for section in form.sections:
        items = [item for item in form.section_items(section) if item.answerable]
        severities = [severity for item in items for severity in by_item.get(item.id, ())]
        counts = _counts(items, answers)
        needed = severities.count("incomplete")
        if "error" in severities:
            status = PROBLEMS
        elif not any(answered(answers.get(item.id)) for item in items):
            status = NOT_STARTED
        elif needed or any(done < total for done, total, words in counts if words == "indicators rated"):
            status = IN_PROGRESS
        else:
            status = COMPLETED
        hints = [f"{done} of {total} {words}" for done, total, words in counts]
        if needed and status != NOT_STARTED:
            hints.append(f"{needed} answer{'s' if needed != 1 else ''} needed")
        number = section.get("number")
        rows.append({"id": section["id"], "screen": section_screen(section),
                     "title": f"Section {number}. {section['title']}" if number else section["title"],
                     "status": status, "status_text": STATUS_TEXT[status], "hint": "; ".join(hints)})
    return rows


def completed_count(rows):
    return sum(row["status"] == COMPLETED for row in rows)


def visible_problems(form, problems, checked, submitted=None):
    """The problems the page shows beside their answers: live ones (cre.messages) as soon as they arise; every one
    once the practitioner has asked to check (`checked`); and every error on the screen whose Continue was pressed
    (`submitted`), such as a date still missing its month."""
    return [found for found in problems
            if found.get("live") or checked
            or (submitted and found["severity"] == "error" and section_of(form, found.get("item")) == submitted)]


def shown_problems(form, problems, screen, checked, submitted=None):
    """The problems a screen lists in its error summary, in report order (of those visible_problems shows). A section screen lists its own items' problems; check your answers lists every one; the result screen lists
    the judgement's; the start and the list of sections list none."""
    wanted = visible_problems(form, problems, checked, submitted)
    if screen == CHECK:
        return wanted
    if screen == RESULT:
        judged = {item.id for item in form.tagged("judged_level")}
        return [found for found in wanted if found.get("item") in judged]
    if screen in (START, TASKS):
        return []
    return [found for found in wanted if section_of(form, found.get("item")) == screen]
