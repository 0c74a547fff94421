"""Who to call, which number, by when: the seed's Level of Risk and Referral, applied to one record.

The decision table is data (forms/routing.yaml). This module only works out the facts of a record (local
authority, new or open case, level, harmed now, types, place-based risk, out of hours), finds every rule whose
conditions hold, and returns the steps ordered by deadline.

The card (`route_answers`) is JSON: now, out_of_hours, hours_assumption (the sentence saying office hours are the
toolkit's assumption), level, level_basis, facts and steps. Each step has id, who, action, how, contacts (name,
phone/email, tel:/mailto:), links, source (the seed's passage), rules (the rules that added it) and:

- deadline: a key of DEADLINES, only ever one the procedure gives (immediately, within_24_hours), next_working_day
  (after the Careline out of hours: a reading, so the step also has `added`), none (the procedure gives no time)
  or at_review; deadline_label, the words the card shows ("Next working day, Monday 30 November 2026");
  deadline_date, the ISO date for next_working_day, otherwise None;
- deadline_added: None, or the note of a deadline set by local practice (the label then says "local practice");
- added: None, or the toolkit's note where the step is its reading rather than the procedure's words;
- hours_note: None, or `hours_assumption` when the step was chosen by office hours or out of hours.
"""

from .definitions import contacts, links, option_values, routing_table
from .levels import level_label
from .records import answered
from .ukclock import day_text, hours_assumption, next_working_day, now_uk, out_of_hours

LOCAL_AUTHORITIES, YES_NO = option_values("local_authorities"), option_values("yes_no")

# The order steps come out in: steps with no deadline are done now, in the order listed; the next working day waits.
DEADLINES = {
    "immediately": "Immediately",
    "within_24_hours": "Within 24 hours",
    "none": "No deadline given",
    "next_working_day": "Next working day",
    "at_review": "At review",
}


def _choice(answers, item_id, known):
    value = answers.get(item_id)
    return value if value in known else "unknown"


def level_for_routing(suggestion):
    """The level routing follows, and why: the practitioner's judgement where given (never below the floor rule's
    Medium on a first assessment; a review may judge Low with a written reason), otherwise the suggestion; "none"
    when neither exists."""
    level, basis, _ = _level(suggestion)
    return level, basis


def _level(suggestion):
    """(level, basis, whether the level is the practitioner's recorded judgement)."""
    judged, suggested = suggestion["judged"]["overall"], suggestion["overall"]
    if judged:
        if suggestion["floor_applies"] and judged == "low" and not suggestion.get("floor_review"):
            return ("medium", "The judgement is Low, but the floor rule means this child cannot be Low: routed as "
                    "Medium.", False)
        return judged, f"Your judgement: {level_label(judged)}.", True
    if suggested:
        return suggested, f"No judgement recorded yet: routed on the suggested level, {level_label(suggested)}.", False
    return "none", "No level yet: no indicator is rated and no judgement is recorded.", False


def facts_of(form, answers, suggestion, local_now):
    """The facts the decision table's conditions test."""
    level, basis, recorded = _level(suggestion)
    types = set(suggestion["by_type"]) | set(suggestion["judged"]["by_type"])
    case = {"yes": "open", "no": "new"}.get(answers.get("case_open"), "unknown")
    return {
        "local_authority": _choice(answers, "local_authority", LOCAL_AUTHORITIES),
        "case": case,
        "level": level,
        "level_recorded": recorded,
        "harmed_now": _choice(answers, "harmed_now", YES_NO),
        "out_of_hours": out_of_hours(local_now),
        "types": sorted(types),
        "place_based_risk": any(answered(answers.get(item.id)) for item in form.tagged("place_based_risk")),
    }, basis


def matches(condition, facts):
    for key, wanted in condition.items():
        if key == "types":
            if not set(wanted) & set(facts["types"]):
                return False
        elif isinstance(wanted, bool):
            if facts[key] is not wanted:
                return False
        elif facts[key] not in wanted:
            return False
    return True


def _contact(contact):
    shown = {key: contact[key] for key in ("id", "name", "organisation", "phone", "email", "url", "hours") if key in contact}
    if "phone" in contact:
        shown["tel"] = "tel:" + contact["phone"].replace(" ", "")
    if "email" in contact:
        shown["mailto"] = "mailto:" + contact["email"]
    return shown


def deadline_of(step, local_now):
    """(label, ISO date or None) of a step's deadline at a UK local time."""
    label, when = DEADLINES[step["deadline"]], None
    if step["deadline"] == "next_working_day":
        day = next_working_day(local_now)
        label, when = f"{label}, {day_text(day)}", day.isoformat()
    if step.get("deadline_added"):
        label += " (local practice)"
    return label, when


def _step(step, passages, rules, local_now, by_hours):
    all_contacts, all_links = contacts(), links()
    source = passages.get(step.get("source"))
    label, when = deadline_of(step, local_now)
    return {
        "id": step["id"],
        "who": step["who"],
        "action": step["action"],
        "how": step.get("how"),
        "deadline": step["deadline"],
        "deadline_label": label,
        "deadline_date": when,
        "deadline_added": step.get("deadline_added"),
        "contacts": [_contact(all_contacts[c]) for c in step.get("contacts", [])],
        "links": [all_links[link] for link in step.get("links", [])],
        "source": {"id": source["id"], "heading": source.get("heading"), "text": source["text"]} if source else None,
        "added": step.get("added"),
        "hours_note": hours_assumption() if by_hours else None,
        "rules": rules,
    }


def route_answers(form, answers, suggestion, local_now=None):
    """The routing card for some answers: facts, level and its basis, and the ordered steps."""
    local_now = local_now or now_uk()
    table = routing_table()
    facts, basis = facts_of(form, answers, suggestion, local_now)
    fired = {}
    for rule in table["rules"]:
        if matches(rule["when"], facts):
            for step_id in rule["steps"]:
                fired.setdefault(step_id, []).append(rule["id"])
    order = {step["id"]: n for n, step in enumerate(table["steps"])}
    urgency = list(DEADLINES)
    steps_by_id = {step["id"]: step for step in table["steps"]}
    passages = {passage["id"]: passage for passage in table["passages"]}
    by_hours = {rule["id"] for rule in table["rules"] if "out_of_hours" in rule["when"]}
    chosen = sorted(fired, key=lambda s: (urgency.index(steps_by_id[s]["deadline"]), order[s]))
    return {
        "now": local_now.isoformat(),
        "out_of_hours": facts["out_of_hours"],
        "hours_assumption": hours_assumption(),
        "level": facts["level"],
        "level_basis": basis,
        "facts": facts,
        "steps": [_step(steps_by_id[s], passages, fired[s], local_now, by_hours & set(fired[s])) for s in chosen],
    }
