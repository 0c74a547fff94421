"""vulnerability-factors.md: Section 2 of the current form (21 factors) and of the earlier form (16 factors)."""

from .markdown import esc, page, para, table
from .refs import conversion_from, current_form, earlier_form, factors, section_of


def factor_rows(form):
    return [(f"{item.raw['number']} {{#{item.id}}}", esc(item.label)) for item in factors(form)]


def legacy_factor_targets(earlier):
    """Earlier factor id -> the current factor id it converts to."""
    rules = conversion_from(earlier)["items"].items()
    return {source: rule["factor"] for source, rule in rules if isinstance(rule, dict) and "factor" in rule}


def answer_note(form):
    item = factors(form)[0]
    parts = "historic or current"
    if item.raw.get("commentary"):
        parts += ", with a commentary for each"
    return f"For each factor the form asks whether it is {parts}."


def render():
    current, earlier = current_form(), earlier_form()
    section = section_of(current, "factor")
    old_section = section_of(earlier, "factor")
    others = [item for item in current.section_items(section) if item.type != "factor"]
    targets = legacy_factor_targets(earlier)
    blocks = [
        "# Vulnerability factors",
        f"Section {esc(section['number'])} of the form, *{esc(section['title'])}*, lists "
        f"{len(factors(current))} factors that can make a child more vulnerable to exploitation. "
        + answer_note(current),
        "## What the form says",
    ]
    blocks += [para(text) for text in section.get("intro", [])]
    blocks.append(f"## The {len(factors(current))} factors of the current form {{#current-factors}}")
    blocks.append(table(["No.", "Factor"], factor_rows(current)))
    if others:
        blocks.append("The section then asks: " + "; ".join(f"*{esc(item.label)}*" for item in others))
    blocks.append(f"## The {len(factors(earlier))} factors of the earlier form {{#earlier-factors}}")
    blocks.append(
        f"The [earlier form](earlier-form.md), *{esc(earlier.title)}*, had {len(factors(earlier))} factors. "
        + answer_note(earlier)
        + " The last column shows the current factor each one becomes when an earlier assessment is converted."
    )
    blocks += [para(text) for text in old_section.get("intro", [])]
    rows = []
    for item in factors(earlier):
        target = targets.get(item.id)
        target_cell = (
            f"[{current.item(target).raw['number']}](#{target})" if target else "Kept in the conversion note"
        )
        rows.append((f"{item.raw['number']} {{#earlier-{item.id}}}", esc(item.label), target_cell))
    blocks.append(table(["No.", "Factor", "Current factor"], rows))
    return page(*blocks)
