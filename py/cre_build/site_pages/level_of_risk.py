"""level-of-risk.md: the seed's Level of Risk and Referral passages, a decision diagram, and every routing step.

The passages and step texts come from the routing table; names and numbers from the contacts.
"""

import calendar
from itertools import groupby

from cre import definitions
from cre.routing import DEADLINES

from . import diagram
from .markdown import admonition, contact_inline, contact_means, document, esc, page, para, table

READING = "The toolkit's reading, not the procedure's words:"


def _labels(name, extra=None):
    return {**{o["value"]: o["label"] for o in definitions.vocabulary(name)}, **(extra or {})}


def condition_text(when):
    """A rule's conditions in words, e.g. "Harmed now: Yes; Local authority: Derby City Council; office hours"."""
    values = {
        "harmed_now": ("Harmed now", _labels("yes_no_unknown")),
        "local_authority": ("Local authority", _labels("local_authorities", {"unknown": "Not known, or not answered"})),
        "case": ("Case", {"new": "New referral", "open": "Open to Social Care", "unknown": "Not known"}),
        "level": ("Level", _labels("levels", {"none": "No indicator rated yet"})),
        "types": ("Exploitation type", _labels("exploitation_types")),
    }
    flags = {"out_of_hours": ("Out of hours, weekend or bank holiday", "Office hours"),
             "place_based_risk": ("Place-based risk recorded", "No place-based risk recorded"),
             "level_recorded": ("the level is your recorded judgement",
                                "the level is only suggested (no judgement recorded, or the floor rule's Medium)")}
    parts = []
    for key, wanted in when.items():
        if key in flags:
            parts.append(flags[key][0 if wanted else 1])
        elif key in values:
            title, labels = values[key]
            parts.append(f"{title}: " + " or ".join(labels.get(v, str(v)) for v in wanted))
        else:
            parts.append(f"{key}: {wanted}")
    return "; ".join(parts)


def step_rules(table_data):
    """Step id -> the conditions (in words) of every rule that adds it."""
    found = {}
    for rule in table_data["rules"]:
        for step in rule["steps"]:
            found.setdefault(step, []).append(condition_text(rule["when"]) or "Always")
    return found


def step_rows(table_data):
    contacts, links, when = definitions.contacts(), definitions.links(), step_rules(table_data)
    rows = []
    for step in table_data["steps"]:
        what = f"*When: {esc(' — or — '.join(when.get(step['id'], ['Never used'])))}*<br>{esc(step['action'])}"
        if step.get("added"):
            what += f"<br>**{READING}** {esc(step['added'])}"
        reach = [contact_inline(contacts[c]) for c in step.get("contacts", [])]
        reach += [document(links[link]) for link in step.get("links", [])]
        deadline = DEADLINES.get(step["deadline"], esc(step["deadline"]))
        if step["deadline"] == "next_working_day":
            deadline += " (the card gives its date)"
        if step.get("deadline_added"):
            deadline += f" (local practice: {esc(step['deadline_added'])})"
        rows.append((esc(step["who"]), what, deadline, "<br>".join(reach)))
    return rows


def passages(table_data):
    links, blocks = definitions.links(), []
    for passage in table_data["passages"]:
        if passage.get("heading"):
            blocks.append(f"### {esc(passage['heading'])}")
        text = para(passage["text"])
        # A document with no address and no note adds nothing to the passage, which already names it.
        useful = [links[link] for link in passage.get("links", []) if links[link].get("url") or links[link].get("note")]
        if useful:
            text += "\n\n" + "See: " + "; ".join(document(link) for link in useful)
        blocks.append(text)
    return blocks


def out_of_hours():
    hours, holidays = definitions.office_hours(), definitions.bank_holidays()
    contacts = definitions.contacts()
    by_year = groupby(sorted(holidays["dates"].items()), key=lambda pair: pair[0][:4])
    rows = [(year, ", ".join(f"{int(day[8:])} {calendar.month_abbr[int(day[5:7])]} ({name})" for day, name in pairs))
            for year, pairs in by_year]
    return [
        "## Out of hours {#out-of-hours}",
        "The form's Key Contacts: \"Derby Children's Social Care: Initial Response Team 01332 641172, Careline (out "
        "of hours, weekends and bank holidays) 01332 956606\". Out of hours, at weekends and on bank holidays the "
        f"toolkit gives Derby's {contact_inline(contacts['derby_careline'])} as the number to call first. It then "
        f"offers the {contact_inline(contacts['derby_irt'])} on the next working day, with its date.",
        f"**{READING}** that the Initial Response Team may follow on the next working day, and the office hours. "
        f"{esc(hours['added'])}",
        admonition("info", "English bank holidays the toolkit knows "
                   f"({holidays['years'][0]} to {holidays['years'][1]})",
                   [table(["Year", "Bank holidays"], rows)], collapsible=True),
    ]


def render():
    table_data, contacts, links = definitions.routing_table(), definitions.contacts(), definitions.links()
    steps = {step["id"]: step for step in table_data["steps"]}
    emergency = contacts["police_emergency"]
    blocks = [
        "# Level of risk and referral",
        admonition("danger emergency", "A child in immediate danger",
                   [f"Call the Police on **{contact_means(emergency)}**. Then refer to Social Care straight away."]),
        "## At a glance",
        "Start at the top. Every step that applies adds up: a child harmed now also follows the steps for "
        "their level of risk. Extremism and place-based risk add their own steps at any level. The diagram is a "
        "summary; the form's own words and every step follow below it. A child harmed now is referred immediately to "
        "Social Care and the Police, and the Low steps do not follow: Low is \"where this is in isolation of other "
        "safeguarding concerns\". Wherever a step is the toolkit's reading rather than the procedure's words, it says "
        "so.",
        diagram.fenced(),
        "## What the form says",
        *passages(table_data),
        "## Every referral step",
        "The assessment form and the `cre route` command list the steps that apply to an assessment, in this "
        "order. Each step comes from a passage above.",
        table(["Who", "What to do", "By when", "Contacts and documents"], step_rows(table_data)),
        "## The CPM-VC and the CRE High Risk Meeting",
        "\"The Child Protection Manager for Vulnerable Children (CPM-VC) should be contacted immediately if the level "
        "of risk is thought to be High and will organise a CRE High Risk Meeting, if the risk level is agreed.\" "
        f"{contact_inline(contacts['derbyshire_cpm_vc'])}.",
        f"**{READING}** {esc(steps['cpm_vc']['added'])}",
        "## Strategy discussions and the 24 hours",
        "\"Where there are concerns that a child is suffering or likely to suffer Significant Harm or at Risk of "
        "Exploitation, a CRE Risk Assessment should be completed within 24 hours and Children's Social Care will hold "
        "a Strategy Discussion / Meeting involving the Police, health and any relevant involved agency.\" "
        f"See {document(links['s47_procedure'])}. This is the only deadline the procedure gives besides "
        "\"immediately\"; the other steps show \"No deadline given\".",
        "## Operation Liberty",
        "\"Place Based Risk (PBR) – Consider Offender/Location/Business or Online Space of Concern … Complete "
        f"Operation Liberty Form if required.\" {document(links['operation_liberty_form'])}. Guidance: "
        f"{document(links['operation_liberty_guidance'])}. The toolkit shows this step, with no deadline, whenever "
        "place-based risk is recorded.",
        *out_of_hours(),
    ]
    return page(*blocks)
