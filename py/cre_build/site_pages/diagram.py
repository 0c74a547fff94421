"""The level-of-risk decision diagram (Mermaid), labelled with names and numbers taken from the contacts data.

A summary for people who would rather look than read; the page gives the form's words and every step below it.
"""

from cre import definitions

from .markdown import short_name


def _label(text):
    """A quoted Mermaid label: double quotes become Mermaid's entity, line breaks become <br>."""
    return '"' + str(text).replace('"', "#quot;").replace("\n", "<br>") + '"'


def _reach(contact):
    return contact.get("phone") or contact.get("email") or ""


def _who(contact, name=None):
    return f"{name or short_name(contact)} {_reach(contact)}".strip()


def group_titles():
    return {group["id"]: group["title"] for group in definitions.load("contacts.json")["groups"]}


def mermaid():
    """The diagram's Mermaid source (without the fence)."""
    c, links, groups = definitions.contacts(), definitions.links(), group_titles()
    derby, shire = groups["derby"], groups["derbyshire"]
    nodes = {
        "harmed": ("{", "Is the child being harmed now?"),
        "call": ("[", f"Call {_who(c['police_emergency'], 'the Police on')}"),
        "refer": ("[", "Refer now to Social Care and the Police\n"
                       f"{derby}: {_who(c['derby_irt'])}\n"
                       f"{_who(c['derby_careline'])}\n"
                       f"{shire}: {_who(c['derbyshire_starting_point'])}\n"
                       f"Police: {_reach(c['police_non_urgent'])}"),
        "strategy": ("[", "Social Care holds a Strategy Discussion / Meeting"),
        "within_24": ("[", "Concerns of Significant Harm or at Risk of Exploitation:\n"
                           "complete the CRE Risk Assessment within 24 hours"),
        "level": ("{", "Level of risk?"),
        "low": ("[", "Review the assessment regularly\nSupport the child, even for one low indicator\n"
                     "(in isolation of other safeguarding concerns)"),
        "low_derby": ("[", f"{derby}: {links['derby_service_offer']['text']}"),
        "low_shire": ("[", f"{shire}: {links['derbyshire_workflow']['text']}"),
        "manager": ("[", "Tell a manager now"),
        "case": ("{", "Is the case open to Social Care?"),
        "new_derby": ("[", f"{derby}: {_who(c['derby_irt'])}\n"
                           f"Out of hours, weekends and bank holidays: {_who(c['derby_careline'])} first,\n"
                           "the Initial Response Team the next working day (toolkit's reading)"),
        "new_shire": ("[", f"{shire}: {_who(c['derbyshire_starting_point'])}"),
        "open_derby": ("[", f"{derby}: the child's Social Worker and Team Manager\n(threshold discussion)"),
        "open_shire": ("[", f"{shire}: {links['derbyshire_workflow']['text']}"),
        "cpm_vc": ("[", f"High risk: CPM-VC {_reach(c['derbyshire_cpm_vc'])}\n(toolkit's reading: open cases)"),
        "extremism": ("([", "Extremism or radicalisation?"),
        "prevent": ("[", f"Prevent, City: {_reach(c['prevent_city'])}\n"
                         f"Prevent, County: {_reach(c['prevent_county'])}\n(toolkit's reading)"),
        "place": ("([", "Place-based risk?"),
        "liberty": ("[", f"{links['operation_liberty_form']['text']} if required"),
    }
    closing = {"{": "}", "[": "]", "([": "])"}
    lines = [
        "flowchart TD",
        "    accTitle: Level of risk and referral",
        "    accDescr: Which referral steps follow from the answers. The same steps are written out below.",
    ]
    # Node ids get a prefix: some plain words ("call", "end", "class", "style") are Mermaid keywords.
    lines += [f"    n_{node}{shape}{_label(text)}{closing[shape]}" for node, (shape, text) in nodes.items()]
    edges = [
        ("harmed", "Yes", "call"), ("call", None, "refer"), ("refer", None, "strategy"),
        ("strategy", "and also", "level"), ("harmed", "No or not known", "level"),
        ("level", "Any level", "within_24"),
        ("level", "Low, and not harmed now", "low"), ("low", None, "low_derby"), ("low", None, "low_shire"),
        ("level", "Medium or High", "manager"), ("manager", None, "case"),
        ("case", "No: new referral, not harmed now", "new_derby"),
        ("case", "No: new referral, not harmed now", "new_shire"),
        ("case", "Yes: open case", "open_derby"), ("case", "Yes: open case", "open_shire"),
        ("open_shire", "High", "cpm_vc"),
        ("extremism", "Yes", "prevent"), ("place", "Yes", "liberty"),
    ]
    for start, label, end in edges:
        arrow = f" -->|{_label(label)}| " if label else " --> "
        lines.append(f"    n_{start}{arrow}n_{end}")
    lines += [
        "    classDef urgent fill:#fde0dc,stroke:#b71c1c,color:#000",
        "    classDef question fill:#e8eaf6,stroke:#283593,color:#000",
        "    class n_call,n_refer urgent",
        "    class n_harmed,n_level,n_case,n_extremism,n_place question",
    ]
    return "\n".join(lines)


def fenced():
    return "```mermaid\n" + mermaid() + "\n```"
