"""indicators.md: Section 3 of the current form, its CCE and CSE indicators with their numbers.

Each indicator has the anchor of its item id (`#cce01`) and links to the risk-example categories it points to.
"""

from .markdown import esc, page, para, table
from .refs import GROUP_LABELS, category_link, current_form, indicators, section_of


def indicator_cell(item):
    """The indicator's text, with its bullet list (CCE 19) as an HTML list the table cell can hold."""
    text = esc(item.raw["text"])
    if item.raw.get("list"):
        text += "<ul>" + "".join(f"<li>{esc(entry)}</li>" for entry in item.raw["list"]) + "</ul>"
    if item.raw.get("sic"):
        text += f"<br>*Note: {esc(item.raw['sic'])}*"
    return text


def indicator_rows(items, link_examples=True, anchor_prefix=""):
    rows = []
    for item in items:
        number = f"{item.raw['number']} {{#{anchor_prefix}{item.id}}}"
        examples = ", ".join(category_link(cid) for cid in item.raw.get("examples", ())) if link_examples else ""
        rows.append((number, indicator_cell(item), examples))
    return rows


def render():
    form = current_form()
    section = section_of(form, "indicator")
    blocks = [
        "# Indicators",
        f"These are the indicators in Section {esc(section['number'])} of the form, "
        f"*{esc(section['title'])}*. Rate each one you see as Low, Medium or High. "
        "The risk examples linked to each indicator help you choose the level.",
        "## What the form says",
    ]
    blocks += [para(text) for text in section.get("intro", [])]
    for subsection in section.get("subsections", []):
        items = [item for item in indicators(form) if item.subsection is subsection]
        if not items:
            continue
        group = GROUP_LABELS.get(items[0].raw["group"], items[0].raw["group"])
        blocks.append(f"## {esc(subsection['title'])} {{#{subsection['id']}}}")
        blocks += [para(text) for text in subsection.get("intro", [])]
        blocks.append(table([f"{group} no.", "Indicator", "Risk examples"], indicator_rows(items)))
        others = [item for item in form.section_items(section)
                  if item.subsection is subsection and item.type != "indicator"]
        if others:
            blocks.append("The form then asks: " + "; ".join(f"*{esc(item.label)}*" for item in others))
    return page(*blocks)
