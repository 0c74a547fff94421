"""contacts.md: every key contact by group, phones as tel: links, emails as mailto: links, and the named documents.

Out-of-hours and emergency numbers are marked. Hours are shown only where the form gives them (the Careline's); the
toolkit's assumed office hours are kept on the Level of risk page. The page is meant to print on one or two A4 sheets.
"""

from cre import definitions

from .markdown import admonition, contact_means, document, esc, page, table


OUT_OF_HOURS_PAGE = "level-of-risk.md#out-of-hours"


def when_text(contact):
    kind = contact.get("hours")
    if kind == "emergency":
        return "**Emergency**: a child in immediate danger"
    if kind == "out_of_hours":
        return "**Out of hours**, weekends and bank holidays"
    if kind == "office":
        return f"When the Careline is not covering: see [Out of hours]({OUT_OF_HOURS_PAGE})"
    return ""


def contact_name(contact):
    name = esc(contact["name"])
    if contact["organisation"] not in contact["name"]:
        name = f"{esc(contact['organisation'])}: {name}"
    if contact.get("hours") in ("emergency", "out_of_hours"):
        name = f"**{name}**"
    return name


def render():
    data = definitions.load("contacts.json")
    emergency = definitions.contacts()["police_emergency"]
    blocks = [
        "# Key contacts",
        admonition("danger emergency", "A child in immediate danger",
                   [f"Call the Police on **{contact_means(emergency)}**."]),
        "These are the contacts in the form's Key Contacts, with the procedures and documents it names. "
        "Select a number to call it from a phone. This page prints on A4.",
        "The form gives hours only for Derby's Careline (out of hours, weekends and bank holidays), so no other "
        f"hours are shown here. How the toolkit chooses between the Careline and the Initial Response Team is under "
        f"[Out of hours]({OUT_OF_HOURS_PAGE}).",
    ]
    for group in data["groups"]:
        blocks.append(f"## {esc(group['title'])} {{#{group['id']}}}")
        rows = [(contact_name(c), contact_means(c), when_text(c)) for c in group["contacts"]]
        blocks.append(table(["Contact", "Phone, email or web", "When"], rows))
    blocks.append("## Documents named in the form {#documents}")
    blocks.append(
        "The form names these documents. Where it gives no address, look for them on the partnership's "
        "procedures site or ask your safeguarding lead."
    )
    blocks.append("\n".join(f"- {document(link)}" for link in data["links"]))
    return page(*blocks)
