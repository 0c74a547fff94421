"""Shared look-ups for the pages: which form is current and which earlier, and links between pages."""

from cre import definitions

from .markdown import esc

LEVEL_LABELS = {option["value"]: option["label"] for option in definitions.vocabulary("levels")}
GROUP_LABELS = {"cce": "CCE", "cse": "CSE"}


def form_with_status(status):
    """The one form in the index with this status ("current" or "superseded")."""
    entries = [entry for entry in definitions.index() if entry["status"] == status]
    if len(entries) != 1:
        raise ValueError(f"expected one {status} form, found {len(entries)}")
    return definitions.get_form(entries[0]["id"], entries[0]["version"])


def current_form():
    return form_with_status("current")


def earlier_form():
    return form_with_status("superseded")


def category_titles():
    return {category["id"]: category["title"] for category in definitions.risk_examples()["categories"]}


def category_link(category_id, page="risk-examples.md"):
    return f"[{esc(category_titles()[category_id])}]({page}#{category_id})"


def indicator_name(item):
    """ "CCE 1", "CSE 27", or "Indicator 3" for the earlier form's single list."""
    group = GROUP_LABELS.get(item.raw.get("group"), "Indicator")
    return f"{group} {item.raw['number']}"


def indicator_link(item):
    """A link to an indicator of the current form on the indicators page."""
    return f"[{indicator_name(item)}](indicators.md#{item.id})"


def indicators(form, group=None):
    """The form's indicators in order (of one group when given)."""
    found = form.of_type("indicator", "typed_indicator")
    return [item for item in found if group is None or item.raw.get("group") == group]


def factors(form):
    return form.of_type("factor")


def section_of(form, item_type):
    """The first section holding an item of this type (for its title and intro)."""
    for candidate in form.sections:
        if any(item.type == item_type for item in form.section_items(candidate)):
            return candidate
    raise KeyError(f"{form.id} has no {item_type} items")


def conversion_from(form):
    """The conversion that turns records of this form into drafts of another."""
    for conversion in definitions.conversions():
        if (conversion["from"]["form"], conversion["from"]["version"]) == (form.id, form.version):
            return conversion
    raise KeyError(f"no conversion from {form.id} version {form.version}")
