"""Who to call, which number, by when: the seed's Level of Risk and Referral, applied to one record.

The decision table is data (forms/routing.yaml). This module only works out the facts of a record (local
authority, new or open case, level, harmed now, types, place-based risk, out of hours), finds every rule whose
conditions hold, and returns the steps ordered by deadline.
"""

from .definitions import contacts, links, routing_table
from .levels import level_label
from .records import answered
from .ukclock import now_uk, out_of_hours

DEADLINES = {"immediately": "Immediately", "within_24_hours": "Within 24 hours", "at_review": "At review"}


def _choice(answers, item_id, known):
    value = answers.get(item_id)
    return value if value in known else "unknown"


def level_for_routing(suggestion):
    """The level routing follows, and why: the practitioner's judgement where given (never below the floor rule's
    Medium), otherwise the suggestion; "none" when neither exists."""
    judged, suggested = suggestion["judged"]["overall"], suggestion["overall"]
    if judged:
        if suggestion["floor_applies"] and judged == "low":
            return "medium", "The judgement is Low, but the floor rule means this child cannot be Low: routed as Medium."
        return judged, f"Your judgement: {level_label(judged)}."
    if suggested:
        return suggested, f"No judgement recorded yet: routed on the suggested level, {level_label(suggested)}."
    return "none", "No level yet: no indicator is rated and no judgement is recorded."


def facts_of(form, answers, suggestion, local_now):
    """The facts the decision table's conditions test."""
    level, basis = level_for_routing(suggestion)
    types = set(suggestion["by_type"]) | set(suggestion["judged"]["by_type"])
    case = {"yes": "open", "no": "new"}.get(answers.get("case_open"), "unknown")
    return {
        "local_authority": _choice(answers, "local_authority", ("derby", "derbyshire", "other")),
        "case": case,
        "level": level,
        "harmed_now": _choice(answers, "harmed_now", ("yes", "no")),
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


def _step(step, passages, rules):
    all_contacts, all_links = contacts(), links()
    source = passages.get(step.get("source"))
    return {
        "id": step["id"],
        "who": step["who"],
        "action": step["action"],
        "how": step.get("how"),
        "deadline": step["deadline"],
        "deadline_label": DEADLINES[step["deadline"]],
        "contacts": [_contact(all_contacts[c]) for c in step.get("contacts", [])],
        "links": [all_links[link] for link in step.get("links", [])],
        "source": {"id": source["id"], "heading": source.get("heading"), "text": source["text"]} if source else None,
        "added": step.get("added"),
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
    chosen = sorted(fired, key=lambda s: (urgency.index(steps_by_id[s]["deadline"]), order[s]))
    return {
        "now": local_now.isoformat(),
        "out_of_hours": facts["out_of_hours"],
        "level": facts["level"],
        "level_basis": basis,
        "facts": facts,
        "steps": [_step(steps_by_id[s], passages, fired[s]) for s in chosen],
    }
