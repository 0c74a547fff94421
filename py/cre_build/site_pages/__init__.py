"""The guidance site's generated pages and files, built from the compiled forms (cre.definitions).

`generated_files()` maps a path relative to the docs dir to its content. Plain Python string building: no MkDocs
import, so the pages could move to another generator; the MkDocs hook (cre_build/mkdocs_hooks.py) adds them.
"""

from pathlib import Path

from cre_build import form_page

from . import (
    changes,
    contacts,
    data_safety,
    earlier_form,
    factors,
    hosting,
    indicators,
    level_of_risk,
    performance,
    record_format,
    risk_examples,
    server_config,
)

REPO = Path(__file__).resolve().parents[3]

PAGES = {
    "risk-examples.md": risk_examples.render,
    "indicators.md": indicators.render,
    "vulnerability-factors.md": factors.render,
    "level-of-risk.md": level_of_risk.render,
    "contacts.md": contacts.render,
    "earlier-form.md": earlier_form.render,
    "record-format.md": record_format.render,
    "hosting.md": hosting.render,
    "changes.md": changes.render,
    "data-safety.md": data_safety.render,
    "performance.md": performance.render,
}


def generated_files(settings=None):
    """Every generated page and file: {path relative to the docs dir: content}. settings: the site config's
    `extra.cre` (see cre_build.form_page.pages)."""
    files = {path: render() for path, render in PAGES.items()}
    files.update(record_format.schema_files(REPO / "schemas"))
    files.update(server_config.files())
    files.update(form_page.pages(settings))  # standalone HTML: MkDocs copies .html files as they are
    return files
