"""A form's sections as HTML, each with its subsections and items.

Sections are `<section id="section-ID">`. On the form page each is a screen of its own (cre.progress names them):
a Back link to the list of sections, an h1 "Section N. Title" (subsections h2) and a Continue link to the next
screen. On the blank form to print they follow one another under the page's h1 (h2 and h3).
"""

from cre import page_contract as contract, progress

from . import fields, grouped
from .markup import esc, lines, tag

RENDERERS = {**fields.RENDERERS, **grouped.RENDERERS}


def render_item(item):
    """The whole form group of one item. Raises ValueError for a type this page has no HTML for."""
    try:
        render = RENDERERS[item.type]
    except KeyError:
        raise ValueError(f"item {item.id}: the form page has no HTML for type {item.type!r}") from None
    return fields.wrapper(item, render(item))


def heading(section):
    """ "Section N. Title", or the title alone for a section the paper does not number."""
    number = section.get("number")
    return f"Section {esc(number)}. {esc(section['title'])}" if number else esc(section["title"])


def _intro(paragraphs):
    return lines(*(tag("p", esc(text), class_="govuk-body") for text in paragraphs or ()))


def _items(form, items):
    return lines(*(render_item(form.item(raw["id"])) for raw in items or ()))


def back_link(href, text="Back"):
    return tag("a", esc(text), href=f"#{href}", class_="govuk-back-link")


def continue_link(form, screen):
    """The Continue link at the foot of a screen: to the next screen (cre.progress), named for where it goes."""
    target = progress.next_screen(form, screen)
    text = {progress.RESULT: "Continue to level of risk and who to contact",
            progress.CHECK: "Continue to check your answers"}.get(target, "Continue")
    return tag("a", esc(text), href=f"#{target}", class_="govuk-button", **{contract.DATA_CONTINUE: target})


def render_section(form, section, screen=False):
    """One section. `screen`: as a screen of the form page (h1, Back, Continue); else as part of a printed page."""
    title_id = contract.title_id(progress.section_screen(section))
    top, sub = ("h1", "h2") if screen else ("h2", "h3")
    parts = [back_link(progress.TASKS, "Back to the list of sections") if screen else "",
             tag(top, heading(section), class_="govuk-heading-l", id=title_id,
                 tabindex="-1" if screen else None),
             _intro(section.get("intro")), _items(form, section.get("items"))]
    for subsection in section.get("subsections") or ():
        sub_title_id = contract.title_id(f"sub-{subsection['id']}")
        parts.append(tag(
            "div",
            lines("", tag(sub, esc(subsection["title"]), class_="govuk-heading-m", id=sub_title_id),
                  _intro(subsection.get("intro")), _items(form, subsection.get("items")), ""),
            class_="cre-subsection", id=f"sub-{subsection['id']}"))
    if screen:
        parts.append(tag("div", continue_link(form, progress.section_screen(section)), class_="cre-screen-nav"))
    return tag("section", lines("", *parts, ""), id=progress.section_screen(section),
               class_=f"cre-section {contract.SCREEN_CLASS}" if screen else "cre-section", aria_labelledby=title_id)


def render_sections(form, screens=False):
    return lines(*(render_section(form, section, screens) for section in form.sections))
