"""changes.md: the toolkit's version, the forms it knows, and what changed in each release."""

import cre
from cre import definitions

from .markdown import esc, page, table

STATUS = {"current": "Current", "superseded": "Superseded: open, finish and convert older assessments",
          "revised": "Revised: its records open at the newer version, every answer kept"}

CHANGES = {
    "0.2.0": [
        "Reviews: start a review of any assessment (a draft, a record file, an earlier-form record); the child's "
        "details, factors and indicator ratings are carried over and marked until you confirm or change them; the "
        "result screen, check your answers and the PDF say what changed since the assessment reviewed; a "
        "\"Review by\" date, with reviews due listed first; `cre review` and `cre diff`.",
        "The form in one file for a file share (`offline/CRE-assessment.html`), holding the guidance it links to, "
        "with the blank form to print beside it.",
        "A smaller runtime: Python's standard library pruned to what the form imports.",
        "A passphrase the browser never saves, weak passphrases refused, Finish and wipe leaves nothing behind, the "
        "page's own confirmation dialogs, and a lock that clears the page when no passphrase is set.",
        "Routing in the procedure's words, with the toolkit's readings marked as such; \"Not known\" for the "
        "local authority.",
    ],
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
