"""risk-examples.md: the seed's 11 categories of Low / Medium / High examples, each linkable by its id.

The form links to `risk-examples.html#<category id>`; each category is a heading with that id.
"""

from cre import definitions

from .markdown import esc, page, para, table
from .refs import LEVEL_LABELS, current_form, indicator_link, indicators


def indicators_by_category(form):
    """Category id -> the current form's indicators that point to it, in form order."""
    found = {}
    for item in indicators(form):
        for category_id in item.raw.get("examples", ()):
            found.setdefault(category_id, []).append(item)
    return found


def render():
    data = definitions.risk_examples()
    form = current_form()
    pointing = indicators_by_category(form)
    blocks = ["# Risk examples"]
    blocks += [para(text) for text in data["intro"]]
    blocks.append(
        "Use these examples to judge whether a concern is Low, Medium or High. They are examples, not a checklist: "
        "use your professional judgement. The [indicators](indicators.md) page shows which examples go with each "
        "indicator."
    )
    blocks.append("Categories:\n\n" + "\n".join(
        f"- [{esc(category['title'])}](#{category['id']})" for category in data["categories"]
    ))
    for category in data["categories"]:
        blocks.append(f"## {esc(category['title'])} {{#{category['id']}}}")
        rows = [(f"**{LEVEL_LABELS[level]}**", esc(category[level])) for level in LEVEL_LABELS]
        blocks.append(table(["Level", "What it can look like"], rows))
        linked = pointing.get(category["id"], [])
        if linked:
            blocks.append("Indicators: " + ", ".join(indicator_link(item) for item in linked) + ".")
        if category.get("sic"):
            blocks.append(f"*Note: {esc(category['sic'])}*")
    return page(*blocks)
