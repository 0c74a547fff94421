"""A form's sections as HTML: the task list that leads to them and each section with its subsections and items.

Sections are `<section id="section-ID">` with an h2 "Section N. Title"; subsections get an h3. The task list has
one `<li data-section="ID">` per section with a status that Python updates ("Not started" until then).
"""

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


def task_list(form):
    rows = []
    for section in form.sections:
        status_id = f"task-{section['id']}-status"
        rows.append(tag(
            "li",
            tag("a", heading(section), href=f"#section-{section['id']}", aria_describedby=status_id,
                class_="cre-task-list__link"),
            " ",
            tag("strong", "Not started", class_="cre-task-status", data_status="not-started", id=status_id),
            data_section=section["id"], class_="cre-task-list__item"))
    return tag("nav", lines("", tag("h2", "Sections", class_="govuk-heading-m", id="cre-tasks-title"),
                            tag("ol", lines("", *rows, ""), class_="cre-task-list"), ""),
               id="cre-tasks", aria_label="Sections")


def _items(form, items):
    return lines(*(render_item(form.item(raw["id"])) for raw in items or ()))


def render_section(form, section):
    title_id = f"section-{section['id']}-title"
    parts = [tag("h2", heading(section), class_="govuk-heading-l", id=title_id),
             _intro(section.get("intro")), _items(form, section.get("items"))]
    for subsection in section.get("subsections") or ():
        sub_title_id = f"sub-{subsection['id']}-title"
        parts.append(tag(
            "div",
            lines("", tag("h3", esc(subsection["title"]), class_="govuk-heading-m", id=sub_title_id),
                  _intro(subsection.get("intro")), _items(form, subsection.get("items")), ""),
            class_="cre-subsection", id=f"sub-{subsection['id']}"))
    return tag("section", lines("", *parts, ""), id=f"section-{section['id']}", class_="cre-section",
               aria_labelledby=title_id)


def render_sections(form):
    return lines(*(render_section(form, section) for section in form.sections))
