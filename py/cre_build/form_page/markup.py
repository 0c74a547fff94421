"""Small helpers that build the form page's HTML as plain strings: escaping, attributes and elements.

Every text that comes from data goes through `esc` (html.escape, quotes included), and so does every attribute
value, so hostile text in a form definition stays text. Attribute names are written as Python keywords:
`class_` -> class, `for_` -> for, `aria_describedby` -> aria-describedby; True gives a bare attribute and None or
False leaves it out.
"""

import html


def esc(text):
    """Text (or a number) made safe for HTML content and attribute values."""
    return html.escape(str(text), quote=True)


def attr_value(value):
    """A value for a double-quoted attribute ("&", "<", ">" and '"' escaped; apostrophes may stay)."""
    return html.escape(str(value), quote=False).replace('"', "&quot;")


def attrs(**values):
    parts = []
    for name, value in values.items():
        if value is None or value is False:
            continue
        name = name.rstrip("_").replace("_", "-")
        parts.append(f" {name}" if value is True else f' {name}="{attr_value(value)}"')
    return "".join(parts)


def tag(element, /, *content, **attributes):
    """An element around content that is already HTML (escape text with esc first)."""
    return f"<{element}{attrs(**attributes)}>{''.join(content)}</{element}>"


def void(element, /, **attributes):
    """An element with no content: input, meta, link."""
    return f"<{element}{attrs(**attributes)}>"


def lines(*parts):
    """HTML fragments one per line, leaving out empty ones."""
    return "\n".join(part for part in parts if part)


def hidden_text(text):
    """Text for screen readers only (already escaped HTML)."""
    return tag("span", text, class_="govuk-visually-hidden")


def described_by(*ids):
    return " ".join(i for i in ids if i) or None
