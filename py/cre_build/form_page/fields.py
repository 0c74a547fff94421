"""One item of a form as HTML: the GOV.UK form group around it and the simple question types.

Each item becomes `<div class="govuk-form-group cre-item" id="item-ID" data-item="ID" data-type="TYPE">` holding,
in GOV.UK order, its label or legend, its hints, an empty error slot (`ID-error`, filled by Python) and its
inputs, with `aria-describedby` naming the hints and the error slot. Field names and values follow the contract
in cre.form_values. The grouped types (indicators, factors, type levels, tables) are in grouped.py;
sections.render_item joins both registers, and an unknown type stops the build.
"""

from cre import definitions, page_contract as contract
from cre.form_values import field_name
from cre.levels import RATIONALE_ITEM
from cre.record_schema import DATE_PART_MAX

from .markup import described_by, esc, lines, tag, void

ADDED_NOTE = "Asked by this toolkit, not printed on the paper form."
ADDED_OPTION_NOTE = "Offered by this toolkit, not printed on the paper form."
INLINE_MAX = 3          # choices with this many short options or fewer sit on one line
INLINE_LABEL_MAX = 12


class Question:
    """The ids and the describing texts (hint, added note, error slot) of one item."""

    def __init__(self, item):
        self.item, self.id = item, item.id
        self.error_id = contract.error_id(item.id)
        self.hints = []
        if item.raw.get("hint"):
            self.hints.append((f"{item.id}-hint", esc(item.raw["hint"]), "govuk-hint"))
        if item.raw.get("added"):
            self.hints.append((f"{item.id}-added", esc(ADDED_NOTE), "govuk-hint cre-added"))

    @property
    def identity(self):
        return "identity" in self.item.tags

    def describedby(self, *extra):
        return described_by(*extra, *(hint_id for hint_id, _, _ in self.hints), self.error_id)

    def hints_html(self):
        return lines(*(tag("div", text, class_=kind, id=hint_id) for hint_id, text, kind in self.hints))

    def error_html(self):
        return tag("p", "", class_="govuk-error-message", id=self.error_id, hidden=True)

    def label(self, text=None, for_=None):
        text = esc(self.item.label) if text is None else text
        return tag("label", text, class_="govuk-label govuk-label--s", for_=for_ or self.id)

    def fieldset(self, legend, *content, legend_class="govuk-fieldset__legend--s", more="", more_id=None):
        """A fieldset: legend (escaped HTML), more of the question (a list, with its id), hints, error slot, then
        the content (GOV.UK order); the fieldset is described by all but the legend."""
        legend_html = tag("legend", legend, class_=f"govuk-fieldset__legend {legend_class}")
        return tag("fieldset", lines("", legend_html, more, self.hints_html(), self.error_html(), *content, ""),
                   class_="govuk-fieldset", aria_describedby=self.describedby(more_id))


def wrapper(item, inner):
    """The form group every item sits in; show_if becomes data attributes that Python reads. An item asked only
    on a condition (show_if, or the reason for a judgement below the suggestion) starts hidden, as an empty record
    has it, so nothing moves when Python starts."""
    condition = item.raw.get("show_if") or {}
    shown_in = " ".join(str(value) for value in condition.get("in", ())) if condition else None
    asked_when = "below-suggestion" if item.id == RATIONALE_ITEM else None
    return tag("div", "\n" + inner + "\n", class_=f"govuk-form-group {contract.ITEM_CLASS}",
               id=contract.item_id(item.id),
               **{contract.DATA_ITEM: item.id, "data-type": item.type,
                  contract.DATA_SHOW_IF_ITEM: condition.get("item"), "data-show-if-in": shown_in,
                  contract.DATA_ASKED_WHEN: asked_when},
               hidden=bool(condition or asked_when))


def _privacy(question):
    """No spell checking on any free text (a browser's enhanced spell check may send what is typed away), and no
    autofill on identity fields."""
    return {"spellcheck": "false", **({"autocomplete": "off"} if question.identity else {})}


def _single(question, control):
    return lines(question.label(), question.hints_html(), question.error_html(), control)


def text(item):
    question = Question(item)
    return _single(question, void("input", class_="govuk-input", type="text", id=item.id, name=field_name(item.id),
                                  aria_describedby=question.describedby(), **_privacy(question)))


def textarea(item):
    question = Question(item)
    return _single(question, tag("textarea", "", class_="govuk-textarea", rows="5", id=item.id,
                                 name=field_name(item.id), aria_describedby=question.describedby(),
                                 **_privacy(question)))


def integer(item):
    """GOV.UK's advice for whole numbers: a text input with a numeric keyboard, not type=number."""
    question = Question(item)
    return _single(question, void("input", class_="govuk-input govuk-input--width-3", type="text",
                                  inputmode="numeric", pattern="[0-9]*", id=item.id, name=field_name(item.id),
                                  aria_describedby=question.describedby(), **_privacy(question)))


DATE_BOXES = (("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4))


def date(item):
    """GOV.UK's date input: a fieldset (the label as its legend) of three text boxes with numeric keyboards, so a
    partial or impossible date stays as typed for Python to explain (cre.form_values.read_date)."""
    question = Question(item)
    boxes = [tag("div", tag("div", lines(
        tag("label", label, class_="govuk-label govuk-date-input__label", for_=f"{item.id}-{part}"),
        void("input", class_=f"govuk-input govuk-date-input__input govuk-input--width-{width}", type="text",
             inputmode="numeric", id=f"{item.id}-{part}", name=field_name(item.id, part), maxlength=DATE_PART_MAX,
             **_privacy(question))),
        class_="govuk-form-group"), class_="govuk-date-input__item") for part, label, width in DATE_BOXES]
    legend = tag("legend", esc(item.label), class_="govuk-fieldset__legend govuk-fieldset__legend--s")
    inputs = tag("div", lines("", *boxes, ""), class_="govuk-date-input", id=item.id)
    return tag("fieldset", lines("", legend, question.hints_html(), question.error_html(), inputs, ""),
               class_="govuk-fieldset", role="group", aria_describedby=question.describedby())


def option_item(kind, name, input_id, value, label, checked=False, hint=None):
    """One GOV.UK radio or checkbox (kind "radios" or "checkboxes") with its label and hint (escaped HTML)."""
    hint_id = f"{input_id}-item-hint" if hint else None
    return tag("div",
               void("input", class_=f"govuk-{kind}__input", id=input_id, name=name,
                    type="radio" if kind == "radios" else "checkbox", value=value, checked=checked,
                    aria_describedby=hint_id),
               tag("label", label, class_=f"govuk-label govuk-{kind}__label", for_=input_id),
               tag("div", hint, id=hint_id, class_=f"govuk-hint govuk-{kind}__hint cre-added") if hint else "",
               class_=f"govuk-{kind}__item")


def option_group(kind, items, *, inline=False, small=False):
    modifiers = (f" govuk-{kind}--inline" if inline else "") + (f" govuk-{kind}--small" if small else "")
    return tag("div", lines("", *items, ""), class_=f"govuk-{kind}{modifiers}")


def option_list(kind, name, id_prefix, options, *, inline=False, small=False, checked=None):
    """Radios or checkboxes sharing one name, one per (value, label) or (value, label, hint); the empty value gets
    the id suffix "none"."""
    return option_group(kind, [option_item(kind, name, f"{id_prefix}-{option[0] or 'none'}", option[0],
                                           esc(option[1]), checked=checked is not None and option[0] == checked,
                                           hint=esc(option[2]) if len(option) > 2 else None)
                               for option in options], inline=inline, small=small)


def _options(item):
    """An item's options for option_list: an option the paper does not print says so in its hint."""
    return [(option["value"], option["label"], *([ADDED_OPTION_NOTE] if option.get("added") else []))
            for option in item.options]


def choice(item):
    options = _options(item)
    inline = len(options) <= INLINE_MAX and all(len(option[1]) <= INLINE_LABEL_MAX and len(option) == 2
                                                for option in options)
    question = Question(item)
    return question.fieldset(esc(item.label), option_list("radios", field_name(item.id), item.id, options,
                                                          inline=inline))


def checkboxes(item):
    question = Question(item)
    return question.fieldset(esc(item.label), option_list("checkboxes", field_name(item.id), item.id,
                                                          _options(item)))


def _safe_url(url):
    return url if isinstance(url, str) and url.startswith(("https://", "http://")) else None


def note(item):
    """Text for the practitioner, with its link (or the link's name and where to find it, when it has no URL)."""
    parts = [tag("p", esc(item.raw.get("text", "")))]
    link = item.raw.get("link")
    if link:
        known = definitions.links().get(link.get("ref"), {})
        name = esc(known.get("text") or link.get("text") or "")
        url = _safe_url(known.get("url"))
        if url:
            parts.append(tag("p", tag("a", name, href=url, rel="noopener noreferrer", target="_blank"),
                             " (opens in new tab)"))
        else:
            where = f" ({esc(known['note'])})" if known.get("note") else ""
            parts.append(tag("p", tag("strong", name), where))
    return tag("div", lines("", *parts, ""), class_="govuk-inset-text")


RENDERERS = {"text": text, "textarea": textarea, "integer": integer, "date": date, "choice": choice,
             "checkboxes": checkboxes, "note": note}
