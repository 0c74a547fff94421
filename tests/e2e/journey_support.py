"""Helpers for the practitioner journeys (test_form_journeys.py, test_form_runtime.py, test_reviews.py,
test_single_file.py): a page at a desktop and at a phone size, and a `Journey` that, on every screen it arrives at,
waits for the page to say which screen is open, checks the focus, runs axe, checks the bar is in view, and saves a
full-page screenshot under e2e_support.SHOTS; the answers the journeys share; what they download, read back (the PDF's
text) and hand to the `cre` command.

Every wait follows the page's state (a condition, an expectation with a generous timeout), never a fixed sleep:
the CI machine is a busy 2-core box.
"""

import io
import json
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from e2e_support import CHECK_TIMEOUT_MS, PYTHON_TIMEOUT_MS, SHOTS, assert_accessible, ready, set_passphrase, show
from playwright.sync_api import expect
from pypdf import PdfReader

SECTIONS = ("section-s1", "section-s2", "section-s3", "section-s4")
MEASUREMENTS = SHOTS / "measurements.jsonl"  # positions and CLS figures, for the report


def record_measurement(**figures):
    SHOTS.mkdir(parents=True, exist_ok=True)
    with MEASUREMENTS.open("a", encoding="utf-8") as out:
        out.write(json.dumps(figures, ensure_ascii=False) + "\n")


# --- where things are on the screen ---------------------------------------------------------------------------------
# {what: "css" or "css >> text=words"}: where the first rendered, visible match is, all measured in one go (the page redraws
# its panels a moment after a change, so an element found in one call may be gone by the next).
BOXES = """things => Object.fromEntries(Object.entries(things).map(([what, selector]) => {
  const [css, text] = selector.split(' >> text=');
  const found = [...document.querySelectorAll(css)].find(
    (element) => element.getClientRects().length && getComputedStyle(element).visibility !== 'hidden'
      && (!text || element.textContent.includes(text)));
  if (!found) return [what, null];
  const r = found.getBoundingClientRect();
  return [what, {top: Math.round(r.top), bottom: Math.round(r.bottom), left: Math.round(r.left),
                 right: Math.round(r.right), text: found.textContent.trim().slice(0, 60),
                 viewport: `${innerWidth}x${innerHeight}`, scroll_y: Math.round(scrollY)}];
}))"""
BAR = {"the bar's level": "#cre-glance-level", "the bar's Who to contact": "#cre-glance-contacts"}


def overlap(one, other):
    return (one["left"] < other["right"] and other["left"] < one["right"]
            and one["top"] < other["bottom"] and other["top"] < one["bottom"])


def in_viewport(where):
    width, height = (int(n) for n in where["viewport"].split("x"))
    return 0 <= where["top"] and where["bottom"] <= height and 0 <= where["left"] and where["right"] <= width


# --- a journey: screens, focus, axe, screenshots ---------------------------------------------------------------------
def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class Journey:
    """One practitioner's way through the page. `arrive(screen)` on each screen change; `shot(label)` for states
    worth a picture on the same screen; `in_view(...)` for what must be seen without scrolling. What is not in view
    is collected and reported by `done()` at the journey's end, so one layout fault does not hide the rest."""

    def __init__(self, page, name, axe=None):
        self.page, self.name, self.count = page, slug(name), 0
        self.axe = axe
        self.layout = []  # what was not in view where it must be
        SHOTS.mkdir(parents=True, exist_ok=True)

    def shot(self, label):
        """The whole page. Taken from the top: a full-page picture of a scrolled page draws the sticky bar where
        the scroll left it, over the content; the scroll is put back afterwards."""
        self.count += 1
        path = SHOTS / f"{self.name}-{self.page.size}-{self.count:02d}-{slug(label)}.png"
        scrolled = self.page.evaluate("() => scrollY")
        if scrolled:
            self.page.evaluate("() => scrollTo(0, 0)")
        self.page.screenshot(path=str(path), full_page=True)
        if scrolled:
            self.page.evaluate("y => scrollTo(0, y)", scrolled)
        return path

    def shot_viewport(self, label):
        """What the practitioner sees without scrolling."""
        self.count += 1
        path = SHOTS / f"{self.name}-{self.page.size}-{self.count:02d}-{slug(label)}-viewport.png"
        self.page.screenshot(path=str(path))
        return path

    def check_axe(self):
        (self.axe or assert_accessible)(self.page)

    def in_view(self, when, things, record=True, apart=False):
        """Each of `things` ({what: selector}) is rendered and wholly inside the viewport as it is now (and, when
        `apart`, none of them overlaps another)."""
        positions = self.page.evaluate(BOXES, things)
        if record:
            record_measurement(journey=self.name, size=self.page.size, when=when, **positions)
        missing = [f"{when}: {what} at {where} ({self.page.size})" for what, where in positions.items()
                   if where is None or not in_viewport(where)]
        if apart:
            found = [(what, where) for what, where in positions.items() if where]
            missing += [f"{when}: {a} overlaps {b}: {wa} / {wb} ({self.page.size})"
                        for i, (a, wa) in enumerate(found) for b, wb in found[i + 1:] if overlap(wa, wb)]
        if missing and not record:
            record_measurement(journey=self.name, size=self.page.size, when=when, **positions)
        if missing:
            self.shot_viewport(f"not-in-view-{when}")
        self.layout += missing
        return positions

    def bar_in_view(self, when):
        """The bar's suggested level and its "Who to contact" link are on screen, side by side."""
        return self.in_view(when, BAR, record=False, apart=True)

    def arrive(self, screen, focus="heading", label=None):
        """The page shows `screen` (Python has followed the change); the focus is on its heading (or on `focus`,
        a selector, or not checked when None); the bar is in view on a section; axe finds nothing; a screenshot."""
        page = self.page
        page.wait_for_function("screen => document.body.dataset.screen === screen", arg=screen,
                               timeout=CHECK_TIMEOUT_MS)
        heading = page.locator(f"#{screen}-title")
        expect(heading).to_be_visible()
        if focus == "heading":
            expect(heading).to_be_focused(timeout=CHECK_TIMEOUT_MS)
        elif focus:
            expect(page.locator(focus)).to_be_focused(timeout=CHECK_TIMEOUT_MS)
        if screen in SECTIONS:
            self.bar_in_view(f"arriving on {screen}")
        self.shot(label or screen)
        self.check_axe()
        return heading

    def page_shot(self, label):
        """A page outside the form (the guidance's home, the blank form): axe and a screenshot."""
        self.shot(label)
        self.check_axe()

    def done(self):
        """The journey's end: no error in the console or uncaught, and everything that had to be in view was."""
        errors = getattr(self.page, "errors", [])
        assert not errors, "errors in the page's console:\n" + "\n".join(errors)
        assert not self.layout, "not in view without scrolling:\n" + "\n".join(self.layout)


def press_continue(journey, screen):
    """The screen's Continue, as a practitioner clicks it (the bar must still be in view down there)."""
    link = journey.page.locator(f"#{screen} a[data-continue]")
    link.scroll_into_view_if_needed()
    if screen in SECTIONS:
        journey.bar_in_view(f"at the foot of {screen}")
    link.click()


def start_screen_ready(page):
    """Python is ready and the drafts store is open (the list says so), so Continue can offer the save screen."""
    ready(page)
    expect(page.locator("#cre-drafts .cre-output")).to_contain_text("drafts on this device", timeout=CHECK_TIMEOUT_MS)


# --- answers ---------------------------------------------------------------------------------------------------------
def has_day_month_year(page, item_id):
    return page.locator(f"#{item_id}-day").count() > 0


def fill_date(page, item_id, day, month, year):
    """A date answer, in whichever input the page has: GOV.UK's day, month and year, or a browser date input."""
    if has_day_month_year(page, item_id):
        page.fill(f"#{item_id}-day", str(day))
        page.fill(f"#{item_id}-month", str(month))
        page.fill(f"#{item_id}-year", str(year))
    else:
        page.fill(f"#{item_id}", f"{year:04d}-{month:02d}-{day:02d}")


def yesterday():
    """A date of completion that is in the past wherever the browser's clock is (never "in the future")."""
    return date.today() - timedelta(days=1)


def answer_section_1(page, name, why, *choices):
    """Section 1 for a Derby child of 14 without SEND or an open case, not harmed now: the child's name, why they
    are at risk, and any other `choices` (radio ids, such as "at_risk-yes")."""
    page.fill("#child_name", name)
    page.fill("#age", "14")
    for choice in ("send-no", "local_authority-derby", "case_open-no", *choices, "harmed_now-no"):
        page.check(f"#{choice}")
    page.fill("#why_at_risk", why)


def answer_section_4(page):
    """Section 4 as the journeys' practitioner completes it: CCE at Medium, completed yesterday, by Priya Shah of
    the school nursing team."""
    page.check("#exploitation_levels-cce-medium")
    done = yesterday()
    fill_date(page, "date_completed", done.day, done.month, done.year)
    page.fill("#practitioner_name", "Priya Shah")
    page.fill("#practitioner_agency", "Derby City Council, school nursing")


def open_record_file(page, address, record, path, says):
    """The form page at `address` (served, or the single file), Python ready and a passphrase set, then a record
    (written to `path` as JSON) opened with the start screen's "Open a record file": the page says `says`."""
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    page.goto(address)
    start_screen_ready(page)
    set_passphrase(page)
    show(page, "#cre-import").set_input_files(str(path))
    expect(page.locator("#cre-status")).to_contain_text(says)


# --- what the journeys download, and the `cre` command on it -------------------------------------------------------
CRE = str(Path(sys.executable).with_name("cre"))


def download(page, button, folder, timeout=PYTHON_TIMEOUT_MS):
    """Click a download button (a PDF can take as long as Python's start): the file, saved into `folder`."""
    with page.expect_download(timeout=timeout) as info:
        page.click(button)
    path = folder / info.value.suggested_filename
    info.value.save_as(path)
    return path


def pdf_text(path):
    """The PDF's text, its white space folded."""
    pdf = PdfReader(io.BytesIO(Path(path).read_bytes()))
    return " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)


def cre(*args):
    """The installed `cre` command, as a practitioner's system would run it on a downloaded file: its output (it
    must exit 0)."""
    result = subprocess.run([CRE, *map(str, args)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def validate(path):
    """`cre validate` on a downloaded record: the report."""
    return json.loads(cre("validate", path))


# --- the keyboard only ---------------------------------------------------------------------------------------------
ACTIVE_MATCHES = "selector => !!document.activeElement && document.activeElement.matches(selector)"


def tab_to(page, selector, backwards=False, limit=400):
    """Press Tab (or Shift+Tab) until the focused element matches `selector`."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        if page.evaluate(ACTIVE_MATCHES, selector):
            return
        page.keyboard.press(key)
    focused = page.evaluate("() => document.activeElement && document.activeElement.outerHTML.slice(0, 200)")
    raise AssertionError(f"{limit} presses of {key} never reached {selector}; the focus is on {focused}")


def choose_radio(page, radio_id):
    """Choose a radio with the keyboard: Tab into its group, then Space on it or the arrow keys to it."""
    name = page.locator(f"#{radio_id}").get_attribute("name")
    tab_to(page, f'input[type=radio][name="{name}"]')
    for _ in range(12):
        if page.evaluate("() => document.activeElement.id") == radio_id:
            break
        page.keyboard.press("ArrowDown")
    else:
        raise AssertionError(f"the arrow keys never reached #{radio_id}")
    if not page.locator(f"#{radio_id}").is_checked():
        page.keyboard.press("Space")
    expect(page.locator(f"#{radio_id}")).to_be_checked()


def tick(page, checkbox_id):
    tab_to(page, f"#{checkbox_id}")
    page.keyboard.press("Space")
    expect(page.locator(f"#{checkbox_id}")).to_be_checked()


def type_into(page, field_id, text):
    tab_to(page, f"#{field_id}")
    page.keyboard.type(text)
    expect(page.locator(f"#{field_id}")).to_have_value(text)


def type_date(page, item_id, day, month, year):
    """A date with the keyboard: into GOV.UK's three boxes, or a browser date input's segments (day first in the
    en-GB locale the sized pages use)."""
    if has_day_month_year(page, item_id):
        for part, value in (("day", day), ("month", month), ("year", year)):
            type_into(page, f"{item_id}-{part}", str(value))
        return
    tab_to(page, f"#{item_id}")
    page.keyboard.type(f"{day:02d}{month:02d}{year:04d}")
    expect(page.locator(f"#{item_id}")).to_have_value(f"{year:04d}-{month:02d}-{day:02d}")
