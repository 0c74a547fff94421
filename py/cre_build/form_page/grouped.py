"""The grouped question types as HTML: indicators, typed indicators (earlier form), factors, type levels, tables.

Each is a fieldset whose legend is the partnership's text, holding several fields named as cre.form_values says
(`ID.cce`, `ID.historic`, `ID.TYPE`, `ID.ROW.COLUMN`, ...). A table starts with ROWS_AT_FIRST rows and carries a
<template> of one more row, with `__ROW__` (numbered from 0) in every name, id and for, and `__NUMBER__` (from 1)
in its labels, which Python copies when the practitioner adds a row.
"""

from cre import definitions, page_contract as contract
from cre.form_values import TRUE, field_name

from . import examples
from .fields import Question, option_group, option_item, option_list
from .markup import esc, hidden_text, lines, tag, void

ROWS_AT_FIRST = 3
NOT_IDENTIFIED = ("", "Not identified")
TYPE_TICKS = (("cce", "CCE"), ("cse", "CSE"))
FACTOR_TICKS = (("historic", "Historic"), ("current", "Current"))


def _vocabulary(name):
    return [(option["value"], option["label"]) for option in definitions.vocabulary(name)]


def _numbered(item):
    """The legend of an indicator or factor: "N. text"."""
    number, text = item.raw.get("number"), esc(item.raw.get("text") or item.label)
    return f"{esc(number)}. {text}" if number is not None else text


def _bullets(item):
    """The bullet list an indicator carries ("Consideration to be given to:"), and its id."""
    entries = item.raw.get("list") or ()
    if not entries:
        return "", None
    list_id = f"{item.id}-list"
    return tag("ul", "".join(tag("li", esc(entry)) for entry in entries),
               class_="govuk-list govuk-list--bullet", id=list_id), list_id


def _subgroup(legend, content):
    """A small fieldset inside a question: one part of a grouped answer."""
    return tag("fieldset", tag("legend", legend, class_="govuk-fieldset__legend cre-subgroup__legend"), content,
               class_="govuk-fieldset cre-subgroup")


def _ticks(item, parts):
    """Checkboxes with one name each (`ID.PART`, value "true")."""
    return option_group("checkboxes", [option_item("checkboxes", field_name(item.id, part), f"{item.id}-{part}",
                                                   TRUE, esc(label)) for part, label in parts],
                        inline=True, small=True)


def indicator(item):
    bullets, list_id = _bullets(item)
    radios = option_list("radios", field_name(item.id), item.id, _vocabulary("ratings"), inline=True, small=True)
    fieldset = Question(item).fieldset(_numbered(item), radios, legend_class="cre-indicator__legend",
                                       more=bullets, more_id=list_id)
    return lines(fieldset, examples.details(item))


def typed_indicator(item):
    bullets, list_id = _bullets(item)
    levels = option_list("radios", field_name(item.id, "level"), f"{item.id}-level",
                         [NOT_IDENTIFIED, *_vocabulary("levels")], inline=True, small=True, checked="")
    parts = tag("div", _subgroup("Type", _ticks(item, TYPE_TICKS)), _subgroup("Level of risk", levels),
                class_="cre-typed")
    fieldset = Question(item).fieldset(_numbered(item), parts, legend_class="cre-indicator__legend",
                                       more=bullets, more_id=list_id)
    return lines(fieldset, examples.details(item))


def factor(item):
    content = [_ticks(item, FACTOR_TICKS)]
    if item.raw.get("commentary"):
        commentary_id = f"{item.id}-commentary"
        which = hidden_text(f" on factor {esc(item.raw['number'])}") if item.raw.get("number") is not None else ""
        content.append(tag(
            "div",
            tag("label", "Commentary", which, class_="govuk-label", for_=commentary_id),
            tag("textarea", "", class_="govuk-textarea", rows="3", id=commentary_id,
                name=field_name(item.id, "commentary"), spellcheck="false"),
            class_="cre-commentary"))
    return Question(item).fieldset(_numbered(item), *content, legend_class="cre-indicator__legend")


def type_levels(item):
    """A small fieldset per exploitation type; "Not identified" (the empty value) is checked at first."""
    levels = [NOT_IDENTIFIED, *_vocabulary("levels")]
    groups = [_subgroup(esc(option["label"]),
                        option_list("radios", field_name(item.id, option["value"]), f"{item.id}-{option['value']}",
                                    levels, inline=True, small=True, checked=""))
              for option in item.options]
    return Question(item).fieldset(esc(item.label), tag("div", lines("", *groups, ""), class_="cre-type-levels"))


def table_row(item, row, number):
    """One row of a table: a labelled text input per column, named ID.ROW.COLUMN."""
    row_label = esc(item.raw.get("row_label") or "Row")
    cells = []
    for column in item.raw["columns"]:
        cell_id = f"{item.id}-{row}-{column['id']}"
        label = esc(column["label"])
        text = f"{row_label} {number}" if label == row_label else label + hidden_text(f" ({row_label} {number})")
        cells.append(tag("div", tag("label", text, class_="govuk-label", for_=cell_id),
                         void("input", class_="govuk-input", type="text", id=cell_id,
                              name=field_name(item.id, row, column["id"]), spellcheck="false", autocomplete="off"),
                         class_="cre-cell"))
    return tag("div", lines("", *cells, ""), class_=contract.ROW_CLASS, **{contract.DATA_ROW: row})


def table(item):
    rows = [table_row(item, row, row + 1) for row in range(ROWS_AT_FIRST)]
    add = esc(f"Add another {(item.raw.get('row_label') or 'row').lower()}")
    return Question(item).fieldset(
        esc(item.label),
        tag("div", lines("", *rows, ""), id=contract.rows_id(item.id), data_rows=item.id),
        tag("template", table_row(item, contract.ROW, contract.NUMBER), id=contract.row_template_id(item.id)),
        tag("button", add, type="button", class_="govuk-button govuk-button--secondary",
            **{contract.DATA_ADD_ROW: item.id}, disabled=True))


RENDERERS = {"indicator": indicator, "typed_indicator": typed_indicator, "factor": factor,
             "type_levels": type_levels, "table": table}
