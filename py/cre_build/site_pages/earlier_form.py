"""earlier-form.md: the earlier CRE Risk Assessment (form 004), what changed, and how its records convert.

The mapping tables are generated from the conversion data, so they always match what `cre convert` does.
"""

from cre.convert import rule_target

from .indicators import indicator_cell
from .markdown import esc, page, para, table
from .refs import (
    conversion_from,
    current_form,
    earlier_form,
    factors,
    indicator_link,
    indicators,
    section_of,
)


def _place_subsection(form):
    for item in form.tagged("place_based_risk"):
        return item.subsection or item.section
    return None


def _options(form, item_id):
    item = form.item(item_id)
    return ", ".join(f"*{esc(option['label'])}*" for option in item.options) if item else ""


def _unmapped_label(item):
    """An earlier question by its label, told apart from others with the same label by number or hint."""
    text = f"*{esc(item.label)}*"
    if item.raw.get("number"):
        return f"{text} ({'factor' if item.type == 'factor' else 'indicator'} {item.raw['number']})"
    if item.raw.get("hint"):
        return f"{text} ({esc(item.raw['hint'])})"
    return text


def changes(old, new, rules):
    """What changed between the forms, in words, with the numbers and titles taken from the definitions."""
    mapped = {rule_target(rule) for rule in rules.values()}
    first = new.sections[0]
    new_questions = [item for item in new.section_items(first)
                     if item.answerable and item.id not in mapped and not item.raw.get("added")]
    old_place, new_place = _place_subsection(old), _place_subsection(new)
    analysis = new.item("vulnerability_analysis")
    other = [item for item in indicators(old) if item.label.rstrip(": ").lower() == "other"]
    listed = [item for item in indicators(old) if item not in other]
    also = f" (and *{esc(other[0].label.rstrip(': '))}*)" if other else ""
    lines = [
        f"**Indicators**: one list of {len(listed)} indicators{also}, each ticked CCE, CSE or "
        f"both with one level, became two lists: {len(indicators(new, 'cce'))} [CCE indicators](indicators.md#cce) "
        f"and {len(indicators(new, 'cse'))} [CSE indicators](indicators.md#cse), each rated Low, Medium or High.",
        f"**Vulnerability factors**: {len(factors(old))} factors, each with its own commentary, became "
        f"{len(factors(new))} [factors](vulnerability-factors.md) and one narrative"
        + (f", *{esc(analysis.label)}*." if analysis else "."),
        f"**Thresholds**: the earlier form offered {_options(old, 'threshold')}. "
        f"The current form offers {_options(new, 'threshold')}.",
        "**Level of risk**: one overall level became a level for each type of exploitation identified.",
    ]
    if old_place and new_place:
        lines.append(f"**Place-based risk**: *{esc(old_place['title'])}* became *{esc(new_place['title'])}*, "
                     "with the Operation Liberty form.")
    if new_questions:
        lines.append(f"**New questions in Section {esc(first.get('number', ''))}**, *{esc(first['title'])}*: "
                     + "; ".join(f"*{esc(item.label)}*" for item in new_questions))
    return "\n".join(f"- {line}" for line in lines)


def indicator_rows(old, new, rules):
    rows = []
    for item in indicators(old):
        targets = rules.get(item.id, {}).get("indicator", {})
        becomes = "; ".join(f"If ticked {kind.upper()}: {indicator_link(new.item(target))}"
                            for kind, target in targets.items())
        rows.append((f"{item.raw['number']} {{#earlier-{item.id}}}", indicator_cell(item),
                     becomes or "Kept in the conversion note"))
    return rows


def _how(item, rule, previous):
    """How an answer carries over, where it is not copied as it is."""
    if isinstance(rule, str):
        if previous and rule == previous["item"]:
            return (" (when the earlier assessment's date or level is known, *Yes*, and this answer goes to the "
                    "note: it was about assessments before that one)")
        return ""
    if "join" in rule:
        return " (together with the other answers that go here, one to a line)"
    if "answers" in rule:
        kept = " or ".join(f"*{esc(o['label'])}*" for o in item.options if o["value"] in rule["answers"])
        return f" (only {kept}; any other answer goes to the note)"
    return " (the earlier assessment's own, recorded as the child's previous assessment)"


def other_rows(old, new, rules, previous):
    rows = []
    for item in old.items.values():
        rule = rules.get(item.id)
        target = rule_target(rule) if rule else None
        if item.type in ("typed_indicator", "factor") or not item.answerable or not target:
            continue
        rows.append((esc(item.label), esc(new.item(target).label) + _how(item, rule, previous),
                     f"`{item.id}` → `{target}`"))
    return rows


def render():
    old, new = earlier_form(), current_form()
    conversion = conversion_from(old)
    rules = conversion["items"]
    unmapped = [item for item in old.items.values() if item.answerable and item.id not in rules]
    blocks = [
        "# The earlier form",
        f"Before May 2022, practitioners used the *{esc(old.title)}* (form id `{old.id}`, version {old.version}). "
        f"The partnership replaced it with the *{esc(new.title)}*, {esc(new.definition.get('published', ''))}, "
        f"version {new.paper_version} (form id `{new.id}`). The current form says:",
        *[f"> {para(text)}" for text in new.definition.get("preamble", [])],
        "Use the current form for every new assessment. The toolkit still opens assessments made with the earlier "
        "form, so you can finish them, and converts them to the current form.",
        "## What changed",
        changes(old, new, rules),
        "## Converting an earlier assessment",
        "In the browser: [open the earlier form](form-earlier.html) to finish an assessment made with it, or open its "
        "record file from the start screen of the [current form](form.html), which converts it.",
        "Someone with the `cre` command can convert a saved earlier assessment (a JSON file):",
        "```sh\ncre convert old-assessment.json > converted.json\n```",
        "The result is a new draft of the current form. It records which earlier assessment it came from.",
        "- Answers that clearly match a question of the current form are copied across (the tables below).\n"
        "- Every other answer goes into a note in the draft, labelled with the earlier form's wording. So does any "
        "part of an answer the current form has no place for, such as a factor's commentary or a CCE or CSE tick "
        "with no matching indicator. Nothing is lost.\n"
        "- Where several earlier indicators lead to the same current indicator, the highest level is kept.\n"
        "- The earlier assessment becomes the child's previous assessment: its date and level go there, not into "
        "this assessment's dates. Its own answer on earlier assessments then goes into the note.\n"
        "- The draft cannot be completed until you have reviewed the note. Check every answer: the current form "
        "asks more than the earlier one did.",
        "See [Record format](record-format.md) for the command's other uses.",
        "## The earlier form's indicators",
        "The earlier form's list, with the current indicator each one becomes when it was ticked CCE or CSE.",
        *[para(text) for text in section_of(old, "typed_indicator").get("intro", [])],
        table(["No.", "Indicator", "In the current form"], indicator_rows(old, new, rules)),
        "## Other answers that carry over",
        f"The {len(factors(old))} vulnerability factors carry over as shown on the "
        "[vulnerability factors](vulnerability-factors.md#earlier-factors) page. "
        "These answers are copied as they are, except where the table says otherwise:",
        table(["Earlier form", "Current form", "Item ids"], other_rows(old, new, rules, conversion.get("previous"))),
        "## Answers kept in the conversion note",
        "These earlier questions have no matching question in the current form. Their answers go into the note:",
        "\n".join(f"- {_unmapped_label(item)}" for item in unmapped),
    ]
    return page(*blocks)
