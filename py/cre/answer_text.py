"""An answer as the plain text a practitioner reads: the conversion note, the check-your-answers list."""

from .definitions import vocabulary
from .levels import level_label


def describe(item, value):
    """An answer as plain text (the caller skips unanswered items)."""
    if item.type == "typed_indicator":
        ticks = [kind.upper() for kind in ("cce", "cse") if value.get(kind)]
        level = level_label(value.get("level")) if value.get("level") else "no level"
        return f"{', '.join(ticks) or 'no CCE/CSE tick'}; {level}"
    if item.type == "factor":
        marks = [name.capitalize() for name in ("historic", "current") if value.get(name)]
        text = ", ".join(marks) or "not ticked"
        return f"{text}; commentary: {value['commentary']}" if value.get("commentary") else text
    if item.type == "choice":
        return item.option_label(value)
    if item.type == "indicator":
        return {o["value"]: o["label"] for o in vocabulary("ratings")}.get(value, str(value))
    if item.type == "type_levels":
        return "; ".join(f"{item.option_label(kind)}: {level_label(level)}" for kind, level in value.items()) or "None"
    if item.type == "table":
        return "; ".join(" / ".join(str(v) for v in row.values() if v) for row in value)
    if isinstance(value, list):
        return ", ".join(item.option_label(v) for v in value)
    return str(value)
