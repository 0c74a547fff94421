"""Shared helpers for the browser tests: where things are, the nav pages, and the axe-core accessibility check.

Kept apart from conftest.py so the test files can import them by name (pytest puts this folder on sys.path).
"""

import os
import re
from pathlib import Path

import yaml
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
SITE_DIR = Path(os.environ.get("CRE_E2E_SITE", ROOT / "public"))  # override only to try the tests on another build
BASE = "/some/sub/path/"  # the site must work under any sub-path, as on the partnership's intranet
CHROMIUM = os.environ.get("CRE_E2E_CHROMIUM", "/usr/bin/chromium")  # Debian's package; see the Makefile
# Headless as root, and never talking to Google's hosts on its own (updates, sync, safe browsing, QUIC probes).
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run", "--disable-quic"]
# Chromium's renderer dies, rarely, of a segmentation fault while a page starts Python ("Target crashed": once in a
# CI run of 147 journeys, once in a 7-run benchmark, once in 300 form loads by a loop here). Only that error earns
# another go: a journey is run again (conftest) and a benchmark visit made again, up to CRASH_RETRIES times; a page
# that crashed every time still fails. The summary line counts the reruns ("1 rerun").
RENDERER_CRASHED = "Target crashed"
CRASH_RETRIES = 2
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SHOTS = Path(os.environ.get("CRE_E2E_SHOTS", "/tmp/e2e-shots"))
SIZES = {  # the two sizes every journey runs at (conftest's sized_page)
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
SIZE_IDS = ["1280x800", "390x844"]


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


def assert_accessible(page):
    """No WCAG 2.2 A/AA violation that axe-core can detect on the page as it is now (conftest's `axe` fixture)."""
    violations = axe_violations(page)
    assert not violations, f"axe-core found problems on {page.url}:\n{describe_violations(violations)}"


def check_accessibility(page, axe):
    """axe-core on the page (or frame) as it is now: evaluated, not added as a <script>, which the form page's CSP
    refuses."""
    page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    axe(page)


# --- the form page: Python ready, its screens, the drafts' passphrase, "Saved" ------------------------------------
# Waits follow the page's state, with limits that hold on a busy 2-core CI machine.
PYTHON_IS_READY = "document.documentElement.dataset.python === 'ready'"  # the page's own flag
READY = f"() => {PYTHON_IS_READY}"
READY_OR_FAILED = f"() => {PYTHON_IS_READY} || !!document.querySelector('.py-error')"  # a failed start: at once
PYTHON_TIMEOUT_MS = 120_000  # Python's start: about 3 s here, far longer on a loaded machine
CHECK_TIMEOUT_MS = 30_000  # a check of the answers, a save ("Saved"), a screen shown, a passphrase derived
PASSPHRASE = "kettle orchard lantern 7"  # what a test practitioner sets on first save
# IndexedDB refusing to open, as in private browsing or with storage turned off (an init script).
NO_INDEXEDDB = """IDBFactory.prototype.open = function () {
  window.__opensRefused = (window.__opensRefused || 0) + 1;
  const request = { error: new DOMException("The user denied permission to access the database.", "UnknownError") };
  setTimeout(() => request.onerror && request.onerror({ type: "error", target: request }));
  return request;
};"""
# An expectation (expect(...)) waits as long as a check may take: most follow Python's work on the page (a check, a
# draft decrypted, a file's passphrase derived), and a met one returns at once, so only a failure waits this long.
expect.set_options(timeout=CHECK_TIMEOUT_MS)
# The screen a fragment shows (cre.browser.screens.screen_for): the screen itself, or the one holding the element
# it names; else the start screen.
SCREEN_FOR = """(fragment) => {
  const target = fragment ? document.getElementById(fragment) : null;
  const screen = target ? target.closest(".cre-screen") : null;
  return screen ? screen.id : "start";
}"""
# The id of the screen holding an element when that screen is not the one shown (else null).
HIDDEN_SCREEN = """(element) => {
  const screen = element.closest(".cre-screen");
  return screen && getComputedStyle(screen).display === "none" ? screen.id : null;
}"""


def open_form(page, server, passphrase_set=False):
    """The form page (form.html at the test server's address), Python ready, and the drafts' passphrase set (the
    first save on this browser) or, when `passphrase_set`, entered to unlock the drafts."""
    page.goto(server + "form.html")
    ready(page)
    (unlock if passphrase_set else set_passphrase)(page)


def saved_draft(page, server, answers):
    """open_form, then the answers ({selector: text}) typed, and the draft saved."""
    open_form(page, server)
    for selector, text in answers.items():
        answer(page, selector, text)
    saved(page)


def ready(page):
    """Wait for the form's Python, and check it started without an error box (one shown fails at once, not when
    the wait runs out)."""
    page.wait_for_function(READY_OR_FAILED, timeout=PYTHON_TIMEOUT_MS)
    errors = page.locator(".py-error").all_inner_texts()
    assert errors == [], "Python reported errors on the page:\n" + "\n".join(errors)


def current_screen(page):
    """The screen Python last opened (body[data-screen]); None before Python is ready."""
    return page.evaluate("() => document.body.dataset.screen || null")


def open_screen(page, fragment):
    """Open the screen a fragment names (a screen id such as "check", or an element in one such as
    "cre-vault-unlock"), as a link would, and wait until it is shown: once Python has followed the change
    (body[data-screen]) when Python is ready, and in any case until the stylesheet shows it. Returns the screen id."""
    screen = page.evaluate(SCREEN_FOR, fragment)
    page.evaluate("(fragment) => { if (location.hash !== '#' + fragment) location.hash = fragment; }", fragment)
    if page.evaluate(READY):
        page.wait_for_function("(screen) => document.body.dataset.screen === screen", arg=screen,
                               timeout=CHECK_TIMEOUT_MS)
    page.locator(f"#{screen}").wait_for(state="visible", timeout=CHECK_TIMEOUT_MS)
    return screen


def wait_for_screen(page, screen):
    """Until Python has opened a screen (after a Continue, a resumed draft, the passphrase screen going back)."""
    page.wait_for_function("(screen) => document.body.dataset.screen === screen", arg=screen,
                           timeout=CHECK_TIMEOUT_MS)


def show(page, selector):
    """An element (a selector or a locator), its screen opened first when another screen is shown: a field can only
    be filled, and a button clicked, while its screen is shown. Returns the locator."""
    locator = page.locator(selector) if isinstance(selector, str) else selector
    screen = locator.first.evaluate(HIDDEN_SCREEN)
    if screen:
        open_screen(page, screen)
    return locator


def answer(page, selector, value=True):
    """Answer a question on whichever screen holds it: text is typed (fill), True ticks a radio or checkbox."""
    field = show(page, selector)
    if value is True:
        field.check()
    else:
        field.fill(value)
    return field


def click(page, selector):
    """Click a link or button on whichever screen holds it."""
    target = show(page, selector)
    target.click()
    return target


def draft_button(page, name, draft_id=None, row=None):
    """A button of the start screen's drafts list ("Continue", "Duplicate", "Delete", "Go to the open draft") for a
    draft, by its id or in a row locator. A CSS locator, not by role: it is found while the start screen is hidden,
    so click() can open that screen first."""
    exactly = re.compile(f"^{re.escape(name)}$")
    if row is not None:
        return row.locator("button", has_text=exactly)
    return page.locator(f"#cre-drafts button[data-draft='{draft_id}']", has_text=exactly)


def confirm(page, yes=True, title=None):
    """Answer the page's question dialog (Delete, Finish and wipe, Start again), once it is open: its destructive
    button, or Cancel. Returns the question's title."""
    dialog = page.locator("#cre-confirm")
    expect(dialog).to_be_visible(timeout=CHECK_TIMEOUT_MS)
    asked = page.locator("#cre-confirm-title").text_content()
    if title is not None:
        assert asked == title, asked
    page.click("#cre-confirm-yes" if yes else "#cre-confirm-no")
    expect(dialog).to_be_hidden()
    return asked


def download_sealed(page, passphrase=PASSPHRASE):
    """Check your answers' encrypted copy, under a passphrase chosen for it (the file's own): returns the Download."""
    click(page, "#cre-download-sealed")
    expect(page.locator("#cre-export")).to_be_visible()
    page.fill("#cre-export-passphrase", passphrase)
    page.fill("#cre-export-again", passphrase)
    with page.expect_download(timeout=CHECK_TIMEOUT_MS) as info:
        page.click("#cre-export-download")
    expect(page.locator("#cre-export")).to_be_hidden()
    said = page.locator("#cre-downloads-status")  # beside the buttons, in sight
    expect(said).to_contain_text("An encrypted copy was downloaded")
    expect(said).to_be_in_viewport()
    return info.value


def delete_draft(page, row):
    """The drafts list's Delete for a row, and yes to the question."""
    click(page, draft_button(page, "Delete", row=row))
    confirm(page, title="Delete this draft?")


def continue_draft(page, draft_id=None, row=None):
    """The start screen's "Continue" for a draft (by its id, or in a row locator): the draft opens on the list of
    sections."""
    click(page, draft_button(page, "Continue", draft_id=draft_id, row=row))
    wait_for_screen(page, "tasks")


def set_passphrase(page, passphrase=PASSPHRASE):
    """First save on this browser: on the "save" screen (opened as the bar's link would, unless already shown),
    choose the passphrase (typed twice) and set it; the page then goes on, or back a screen, by itself."""
    if current_screen(page) != "save":
        open_screen(page, "save")
    setup = page.locator("#cre-vault-setup")
    setup.wait_for(state="visible", timeout=CHECK_TIMEOUT_MS)  # once the drafts' database has opened
    page.fill("#cre-new-passphrase", passphrase)
    page.fill("#cre-confirm-passphrase", passphrase)
    page.click("#cre-set-passphrase")
    setup.wait_for(state="hidden", timeout=CHECK_TIMEOUT_MS)
    page.wait_for_function("() => document.body.dataset.screen !== 'save'", timeout=CHECK_TIMEOUT_MS)


def unlock(page, passphrase=PASSPHRASE):
    """Enter the passphrase in the start screen's unlock form."""
    open_screen(page, "cre-vault-unlock")
    form = page.locator("#cre-vault-unlock")
    form.wait_for(state="visible", timeout=CHECK_TIMEOUT_MS)  # once the drafts' database has opened
    page.fill("#cre-passphrase", passphrase)
    page.click("#cre-unlock")
    form.wait_for(state="hidden", timeout=CHECK_TIMEOUT_MS)


def saved(page):
    page.locator("#cre-saved", has_text="Saved on this device at").wait_for(timeout=CHECK_TIMEOUT_MS)
