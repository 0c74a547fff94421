"""Shared helpers for the browser tests: where things are, the nav pages, and the axe-core accessibility check.

Kept apart from conftest.py so the test files can import them by name (pytest puts this folder on sys.path).
"""

import os
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SITE_DIR = Path(os.environ.get("CRE_E2E_SITE", ROOT / "public"))  # override only to try the tests on another build
BASE = "/some/sub/path/"  # the site must work under any sub-path, as on the partnership's intranet
CHROMIUM = os.environ.get("CRE_E2E_CHROMIUM", "/usr/bin/chromium")  # Debian's package; see the Makefile
# Headless as root, and never talking to Google's hosts on its own (updates, sync, safe browsing, QUIC probes).
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run", "--disable-quic"]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SHOTS = Path(os.environ.get("CRE_E2E_SHOTS", "/tmp/e2e-shots"))


class _NavLoader(yaml.SafeLoader):
    """mkdocs.yml names Python objects (!!python/name:...); reading the nav needs none of them."""


_NavLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def nav_pages():
    """Every page in mkdocs.yml's nav, as the built file name (index.md -> index.html), in nav order."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_NavLoader)

    def walk(entries):
        for entry in entries:
            value = next(iter(entry.values())) if isinstance(entry, dict) else entry
            if isinstance(value, list):
                yield from walk(value)
            else:
                yield re.sub(r"\.md$", ".html", value)

    return list(walk(config["nav"]))


def axe_violations(page):
    """Run axe-core (the pinned npm copy) on the page as it is now, for the WCAG 2.2 A and AA rules."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Evaluated, not added as a <script>: the form page's CSP refuses injected scripts.
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}}
    result = page.evaluate("options => axe.run(document, options)", options)
    return result["violations"]


def describe_violations(violations, targets=3):
    """One readable paragraph per broken rule: id, impact, what it means, where (the first few selectors)."""
    lines = []
    for rule in violations:
        nodes = rule["nodes"]
        where = ", ".join(" ".join(map(str, node["target"])) for node in nodes[:targets])
        more = f" (+{len(nodes) - targets} more)" if len(nodes) > targets else ""
        lines.append(f"- {rule['id']} [{rule['impact']}]: {rule['help']}\n    at {where}{more}\n    {rule['helpUrl']}")
    return "\n".join(lines)


# --- the form page: Python ready, the drafts' passphrase, "Saved" -------------------------------------------------
READY = "() => document.documentElement.dataset.python === 'ready'"
PYTHON_TIMEOUT_MS = 120_000
PASSPHRASE = "kettle orchard lantern 7"  # what a test practitioner sets on first save


def ready(page):
    """Wait for the form's Python, and check it started without an error box."""
    page.wait_for_function(READY, timeout=PYTHON_TIMEOUT_MS)
    errors = page.locator(".py-error")
    assert errors.count() == 0, errors.all_inner_texts()


def set_passphrase(page, passphrase=PASSPHRASE):
    """First save on this browser: choose the passphrase (typed twice) in the drafts panel."""
    page.fill("#cre-new-passphrase", passphrase)
    page.fill("#cre-confirm-passphrase", passphrase)
    page.click("#cre-set-passphrase")
    page.locator("#cre-vault-setup").wait_for(state="hidden")


def unlock(page, passphrase=PASSPHRASE):
    page.fill("#cre-passphrase", passphrase)
    page.click("#cre-unlock")
    page.locator("#cre-vault-unlock").wait_for(state="hidden")


def saved(page):
    page.locator("#cre-saved", has_text="Saved on this device at").wait_for()
