"""Building page elements (text only, never HTML from the record) and offering files for download."""

from datetime import date

from pyodide.ffi import create_proxy, to_js
from pyscript import document, window

from ..draft_list import initials


def by_id(element_id):
    return document.getElementById(element_id)


def element(tag, *children, class_=None, **attributes):
    """A DOM element with text (never HTML) and child elements."""
    node = document.createElement(tag)
    if class_:
        node.className = class_
    for name, value in attributes.items():
        node.setAttribute(name.replace("_", "-"), value)
    for child in children:
        node.append(child if not isinstance(child, str) else document.createTextNode(child))
    return node


def step_element(step):
    """One routing step: when, who, what, each contact as a tel: or mailto: link, and, visibly, whatever in it is the
    toolkit's reading rather than the procedure's words (its note, a local-practice deadline, assumed office hours)."""
    contacts = []
    for contact in step["contacts"]:
        name = contact.get("name", "")
        if contact.get("tel"):
            contacts.append(element("li", f"{name}: ", element("a", contact["phone"], href=contact["tel"])))
        elif contact.get("mailto"):
            contacts.append(element("li", f"{name}: ", element("a", contact["email"], href=contact["mailto"])))
    parts = [element("strong", f"{step['deadline_label']}: {step['who']}", class_=f"cre-deadline-{step['deadline']}"),
             element("p", step["action"])]
    if contacts:
        parts.append(element("ul", *contacts, class_="cre-contacts"))
    notes = [step.get("added"), step.get("deadline_added") and f"Local practice: {step['deadline_added']}",
             step.get("hours_note")]
    for note in filter(None, notes):
        parts.append(element("p", f"The toolkit's reading, not the procedure's words: {note}",
                             class_="cre-added govuk-body-s"))
    return element("li", *parts, class_="cre-step")


def js_object(mapping):
    """A plain JavaScript object (an options argument) from a dict."""
    return to_js(mapping, dict_converter=window.Object.fromEntries)


def file_name(record, extension):
    """CRE-<initials>-<date>.<ext>: initials only, never the child's name."""
    return f"CRE-{initials(record)}-{date.today().isoformat()}.{extension}"


def save(content, name, mime):
    """Offer content to the practitioner as a downloaded file (nothing is sent anywhere)."""
    blob = window.Blob.new(to_js([content]), js_object({"type": mime}))
    url = window.URL.createObjectURL(blob)
    link = document.createElement("a")
    link.href, link.download = url, name
    document.body.append(link)
    link.click()
    link.remove()
    window.setTimeout(create_proxy(lambda *_: window.URL.revokeObjectURL(url)), 10_000)
