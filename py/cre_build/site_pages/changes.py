"""changes.md: the toolkit's version, the forms it knows, and what changed in each release."""

import cre
from cre import definitions

from .markdown import esc, page, table

STATUS = {"current": "Current", "superseded": "Superseded: open, finish and convert older assessments",
          "revised": "Revised: its records open at the newer version, every answer kept"}

CHANGES = {
    "0.1.0": [
        "Both forms as data: the current Derby and Derbyshire CRE Assessment and the earlier CRE Risk Assessment, "
        "in the partnership's own words.",
        "The partnership's rules: the suggested level of risk, the floor rule for children under 13 or with SEND, "
        "and checks on dates and answers.",
        "Referral routing: who to contact, on which number, by when, including out of hours and bank holidays.",
        "The `cre` command: validate, route, convert, PDF, schema, new, forms.",
        "A PDF of an assessment, marked OFFICIAL-SENSITIVE.",
        "This guidance site, generated from the same data as the form.",
    ],
}


def render():
    rows = []
    for entry in definitions.index():
        form = definitions.get_form(entry["id"], entry["version"])
        published = form.definition.get("published", "")
        rows.append((f"`{form.id}`", f"`{form.version}`", esc(form.title), esc(published),
                     STATUS.get(entry["status"], esc(entry["status"]))))
    blocks = [
        "# Version and changes",
        f"This is version **{esc(cre.__version__)}** of the CRE Risk Assessment toolkit.",
        "## Forms",
        table(["Form id", "Version", "Title", "Published", "Status"], rows),
        "## Changes",
    ]
    for form in definitions.all_forms(revised=True):
        if form.definition.get("revision"):
            blocks.append(f"### {esc(form.title)}: the toolkit's definition {form.definition['revised_by']}")
            blocks.append(f"How the toolkit's version {form.version} differed; its records open at version "
                          f"{form.definition['revised_by']} with every answer kept:")
            blocks.append("\n".join(f"- {esc(what)}" for what in form.definition["revision"]))
    for version, items in CHANGES.items():
        blocks.append(f"### {version}")
        blocks.append("\n".join(f"- {item}" for item in items))
    return page(*blocks)
