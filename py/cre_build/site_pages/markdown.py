"""Small helpers that turn the form's words into safe Markdown: escaping, tables, phone and email links.

Everything here is plain string building. The form's text is passed through verbatim; escaping only stops
Markdown from reading a character as markup (it renders as the same character).
"""

import re

_INLINE = re.compile(r"([\\`*_\[\]{}|>#])")
_BLOCK_START = re.compile(r"^(\s*)([-+=]|\d+\.)(\s)")


def esc(text):
    """Inline text: Markdown characters escaped, "<" as an entity, line breaks as spaces."""
    text = " ".join(str(text).split())
    return _INLINE.sub(r"\\\1", text).replace("<", "&lt;")


def para(text):
    """A paragraph of the form's text: escaped, and never read as a list item or heading."""
    escaped = esc(text)
    return _BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2) + m.group(3), escaped)


def table(headers, rows):
    """A Markdown table. Cells are Markdown already (escape them with esc); an empty cell shows a dash."""
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join("---" for _ in headers) + " |"]
    for row in rows:
        cells = [cell if str(cell).strip() else "–" for cell in row]
        lines.append("| " + " | ".join(str(cell).replace("\n", " ") for cell in cells) + " |")
    return "\n".join(lines)


def tel(phone):
    """A phone number as a link a phone can dial: [01332 641172](tel:01332641172)."""
    digits = re.sub(r"[^0-9+]", "", phone)
    return f"[{esc(phone)}](tel:{digits})"


def mailto(address):
    return f"[{esc(address)}](mailto:{address})"


def contact_means(contact):
    """How to reach a contact: phone, email or web address, as links."""
    parts = []
    if contact.get("phone"):
        parts.append(tel(contact["phone"]))
    if contact.get("email"):
        parts.append(mailto(contact["email"]))
    if contact.get("url"):
        parts.append(f"<{contact['url']}>")
    return ", ".join(parts)


def short_name(contact):
    """A contact's name without its bracketed note: "Careline (out of hours, ...)" becomes "Careline"."""
    return contact["name"].split(" (")[0]


def contact_inline(contact):
    """A contact's name and how to reach it, for running text and table cells."""
    return f"{esc(short_name(contact))} {contact_means(contact)}"


def document(link):
    """A document the form names: a link when there is an address, otherwise its name and where it is kept."""
    text = f"[{esc(link['text'])}]({link['url']})" if link.get("url") else f"*{esc(link['text'])}*"
    if link.get("note"):
        text += f" ({esc(link['note'])})"
    return text


def admonition(kind, title, paragraphs, collapsible=False):
    """A Material admonition (or a collapsed details block) holding paragraphs of Markdown."""
    marker = "???" if collapsible else "!!!"
    body = "\n\n".join("\n".join("    " + line if line else "" for line in p.split("\n")) for p in paragraphs)
    return f'{marker} {kind} "{title}"\n\n{body}'


def page(*blocks):
    """A page from its blocks (headings, paragraphs, tables), one blank line between each."""
    return "\n\n".join(block.strip("\n") for block in blocks if block) + "\n"
