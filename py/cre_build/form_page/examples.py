"""The risk examples beside an indicator: a <details> with the Low, Medium and High examples of each category the
indicator names, shown inline so the practitioner need not leave the form, each headed by a link to that category
on the guidance site's risk examples page (risk-examples.html#CATEGORY).
"""

from cre import definitions

from .markup import esc, hidden_text, lines, tag

SUMMARY = "What Low, Medium and High look like"
PAGE = "risk-examples.html"


def categories():
    """Category id -> category, from the compiled risk examples."""
    return {category["id"]: category for category in definitions.risk_examples()["categories"]}


def levels():
    return [(option["value"], option["label"]) for option in definitions.vocabulary("levels")]


def details(item):
    """The examples of an indicator ("" when it names none). Raises ValueError for an unknown category."""
    wanted = item.raw.get("examples") or ()
    if not wanted:
        return ""
    known = categories()
    blocks = []
    for category_id in wanted:
        if category_id not in known:
            raise ValueError(f"item {item.id}: no risk-example category {category_id!r}")
        category = known[category_id]
        link = tag("a", esc(category["title"]), href=f"{PAGE}#{category_id}", target="_blank", rel="noopener")
        rows = "".join(tag("dt", esc(label)) + tag("dd", esc(category.get(value, ""))) for value, label in levels())
        blocks.append(tag("div", tag("p", link, tag("span", " (opens in new tab)", class_="cre-examples__new-tab"),
                                          class_="cre-examples__title"),
                          tag("dl", rows, class_="cre-examples__levels"), class_="cre-examples__category"))
    number = item.raw.get("number")
    which = hidden_text(f" for indicator {esc(number)}") if number is not None else ""
    summary = tag("summary", tag("span", esc(SUMMARY), which, class_="govuk-details__summary-text"),
                  class_="govuk-details__summary")
    return tag("details", summary, tag("div", lines("", *blocks, ""), class_="govuk-details__text"),
               class_="govuk-details cre-examples")
