"""The suggested level of risk, per exploitation type and overall, and why.

From the seed (Section 3): indicators rated mean the child is at risk; the highest rated level leads. Where
indicators suggest risk, no child under the floor age (forms/vocabulary.yaml) or with SEND "can immediately be
assessed as Low Risk" (form 000; the earlier form: "can be assessed"; each form's own words, Form.floor_words), so
the suggestion rises to Medium. The toolkit reads 000's "immediately" as: on a first assessment a Low judgement is
refused; on a review (a previous assessment recorded) Low may be judged with a written reason. The earlier form has
no such allowance. A child with one low level indicator still requires support. The practitioner's own judgement is
read from the items tagged `judged_level`; comparing the two is a rule in cre.rules.judgement.
"""

from datetime import date

from .definitions import LEVEL_RANK, LEVELS, floor_age, option_values, vocabulary

EXPLOITATION_TYPES = option_values("exploitation_types")
RATIONALE_ITEM = "level_rationale"  # where a judgement below the suggestion is explained (rules and page alike)
REVIEW_ITEM = "previously_assessed"  # answered "yes": this assessment is a review


def level_label(level):
    return {o["value"]: o["label"] for o in vocabulary("levels")}.get(level, "None")


def type_label(kind):
    return {o["value"]: o["label"] for o in vocabulary("exploitation_types")}.get(kind, kind)


def highest(levels):
    """The highest of some levels, or None."""
    ranked = [level for level in levels if level in LEVELS]
    return max(ranked, key=LEVEL_RANK.get) if ranked else None


def indicator_name(item):
    group = item.raw.get("group")
    number = item.raw.get("number")
    prefix = group.upper() if group in ("cce", "cse") else "Indicator"
    return f"{prefix} {number}" if number else prefix


def rated_indicators(form, answers):
    """(item, types, level) for every indicator rated Low, Medium or High, in form order."""
    rated = []
    for item in form.of_type("indicator", "typed_indicator"):
        value = answers.get(item.id)
        types = set(item.raw.get("types", ()))
        if item.type == "indicator":
            level = value if value in LEVELS else None
            if item.raw.get("group") in ("cce", "cse"):
                types.add(item.raw["group"])
        else:
            value = value if isinstance(value, dict) else {}
            level = value.get("level") if value.get("level") in LEVELS else None
            types |= {kind for kind in ("cce", "cse") if value.get(kind) is True}
        if level:
            rated.append((item, types, level))
    return rated


def age_of(form, answers, today):
    """The child's age: the answer to `age`, else worked out from the date of birth; None when neither."""
    age = answers.get("age")
    if isinstance(age, int) and not isinstance(age, bool):
        return age
    born = parse_date(answers.get("dob"))
    if born is None or born > today:
        return None
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def parse_date(value):
    """A real calendar date from "YYYY-MM-DD", else None."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def review_may_be_low(form):
    """Whether the form's floor rule says "can immediately be assessed as Low Risk" (000), which the toolkit reads
    as allowing Low on a review with a written reason; the earlier form says "can be assessed"."""
    return "immediately" in form.floor_words.split()


def floor_reasons(form, answers, today):
    """Why the floor rule applies to this child (empty when it does not): under the floor age, or SEND."""
    reasons = []
    age = age_of(form, answers, today)
    if age is not None and age < floor_age():
        reasons.append(("age", f"the child is {age}, under {floor_age()}"))
    for item in form.tagged("send"):
        if answers.get(item.id) == "yes":
            reasons.append((item.id, "the child has SEND" if item.id == "send" else "the child has a disability"))
    return reasons


def floor_allows_review(form, answers):
    """Whether the floor rule lets this record judge Low with a written reason: a review, on a form whose floor rule
    says "immediately" (form 000). Otherwise a Low judgement is refused while the floor rule applies."""
    return review_may_be_low(form) and answers.get(REVIEW_ITEM) == "yes"


def review_lows(form, answers, suggestion):
    """(item, type or None) for every Low judgement the floor rule allows only with a written reason (a review)."""
    if not suggestion.get("floor_review"):
        return []
    return [(item, kind) for item, kind, level in judgements(form, answers) if level == "low"]


def judgements(form, answers):
    """(item, type or None, level) for every Low/Medium/High the practitioner judged: per exploitation type
    (type_levels items) or overall (a level choice)."""
    for item in form.tagged("judged_level"):
        value = answers.get(item.id)
        if item.type == "type_levels" and isinstance(value, dict):
            yield from ((item, kind, level) for kind, level in value.items() if level in LEVELS)
        elif value in LEVELS:
            yield item, None, value


def judged_levels(form, answers):
    """The practitioner's judgement: per type and overall (the highest of every judgement)."""
    by_type, overall = {}, []
    for _, kind, level in judgements(form, answers):
        if kind is not None:
            by_type[kind] = highest([by_type.get(kind), level])
        overall.append(level)
    return {"overall": highest(overall), "by_type": by_type}


def suggest(form, answers, today=None):
    """The suggested level per type and overall, with the explanation a practitioner reads."""
    today = today or date.today()
    rated = rated_indicators(form, answers)
    explanation = []
    by_type = {}
    for kind in EXPLOITATION_TYPES:
        hits = [(item, level) for item, types, level in rated if kind in types]
        if not hits:
            continue
        top = highest(level for _, level in hits)
        by_type[kind] = top
        leaders = [indicator_name(item) for item, level in hits if level == top]
        explanation.append({
            "code": "highest_indicator", "type": kind, "level": top,
            "items": [item.id for item, level in hits if level == top],
            "text": f"{type_label(kind)}: {level_label(top)}, the highest level rated ({', '.join(leaders)}).",
        })
    overall = highest(level for _, _, level in rated)
    if overall is None:
        explanation.append({"code": "no_indicators", "items": [],
                            "text": "No indicator is rated Low, Medium or High, so no level is suggested."})
    floor = floor_reasons(form, answers, today) if overall else []
    if floor:
        why = " and ".join(text for _, text in floor)
        raised = [kind for kind, level in by_type.items() if level == "low"]
        for kind in raised:
            by_type[kind] = "medium"
        if overall == "low":
            overall = "medium"
        review = floor_allows_review(form, answers)
        rises = ", so the suggestion rises to Medium." if raised or overall == "medium" else (
            "; the suggestion is already above Low.")
        explanation.append({
            "code": "floor_rule", "items": [item_id for item_id, _ in floor],
            "text": (f"Floor rule: {why}. Where indicators suggest risk, no child under {floor_age()} years or with "
                     f"SEND {form.floor_words}{rises}"
                     + (" This is a review (a previous assessment is recorded), so a Low judgement needs a written "
                        "reason." if review else "")),
        })
    if len(rated) == 1 and rated[0][2] == "low":
        explanation.append({
            "code": "one_low_indicator", "items": [rated[0][0].id],
            "text": ("One low level indicator: the child still requires support to reduce that risk. This may not "
                     "necessarily result in a referral to statutory services."),
        })
    if overall:
        explanation.append({"code": "overall", "level": overall, "items": [],
                            "text": f"Overall: {level_label(overall)}, the highest level of any type."})
    return {
        "at_risk": bool(rated),
        "overall": overall,
        "by_type": by_type,
        "floor_applies": bool(floor),
        "floor_review": bool(floor) and floor_allows_review(form, answers),  # Low allowed, with a written reason
        "rated": len(rated),
        "explanation": explanation,
        "judged": judged_levels(form, answers),
    }


def below_suggestion(suggestion):
    """Where the practitioner's judgement is below the suggested level: [(what, judged, suggested)], `what` being
    "overall" or an exploitation type the practitioner judged. A rationale is then needed (rule and PDF alike)."""
    judged = suggestion.get("judged") or {}
    pairs = [("overall", judged.get("overall"), suggestion.get("overall"))]
    pairs += [(kind, (judged.get("by_type") or {}).get(kind), level)
              for kind, level in (suggestion.get("by_type") or {}).items()]
    return [(what, given, wanted) for what, given, wanted in pairs
            if given and wanted and LEVEL_RANK.get(given, 0) < LEVEL_RANK.get(wanted, 0)]
