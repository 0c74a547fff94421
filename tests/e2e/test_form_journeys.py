"""Practitioners' journeys through the form page's screens (start, the sections one at a time, the passphrase,
level of risk and who to contact, check your answers), each at a desktop's 1280x800 and a phone's 390x844.

On every screen a journey arrives at: the page says which screen is open, the focus is on its heading, the bar's
level and "Who to contact" are in view on a section, axe (WCAG 2.2 AA) finds nothing, and a full-page screenshot is
saved under e2e_support.SHOTS (positions and CLS figures in measurements.jsonl beside them). Nothing leaves the site
(the sized_page fixture's Watch, as conftest's page), and no error reaches the console.

The journeys: a Derby case rated Medium, from the guidance's home page to the PDF and the JSON (the passphrase
offered by the first Continue, the list of sections, a Change link from check your answers); continue a draft after
a reload and in a new tab; the keyboard only, from start to the PDF; no layout shift while the page loads; the
browser's back button; an impossible date of birth. And, moved to the screens from the first journeys: type before
Python is ready and keep every keystroke; the floor rule stops a Low judgement for a 12-year-old with SEND; harmed
now interrupts with 999 and the routing updates; the JSON passes `cre validate` and the PDF holds the Unicode name
and the steps; a Derbyshire open case rated High shows the CPM-VC step; a blank form prints.
"""

import io
import json
import re
from pathlib import Path

import pytest
from e2e_support import (CHECK_TIMEOUT_MS, PASSPHRASE, PYTHON_TIMEOUT_MS, READY, ready, set_passphrase, unlock,
                         wait_for_screen)
from journey_support import (BOXES, Journey, answer_section_1, answer_section_4, choose_radio, fill_date,
                             has_day_month_year, pdf_text, press_continue, record_measurement, start_screen_ready,
                             tab_to, tick, type_date, type_into, validate, yesterday)
from cre.ukclock import now_uk, out_of_hours
from playwright.sync_api import expect
from pypdf import PdfReader

NAME = "Łucja Żółć-Ελένη"
DERBY_NAME = "Zoë Wójcik-Nowak"


# --- shared steps ----------------------------------------------------------------------------------------------------
def open_start(page, server, journey):
    """The form page's start screen, Python ready and the drafts store open."""
    page.goto(server + "form.html")
    start_screen_ready(page)
    journey.arrive("start", focus=None)  # a page load leaves the focus where the browser puts it


def start_new(page, journey):
    page.click("#cre-new")
    journey.arrive("section-s1")


def new_assessment(page, server, journey):
    """The form page's start screen (open_start), then a new assessment: Section 1."""
    open_start(page, server, journey)
    start_new(page, journey)


def wait_saved(page):
    expect(page.locator("#cre-saved")).to_contain_text("Saved on this device at", timeout=CHECK_TIMEOUT_MS)


def not_now(page, journey, then):
    """The passphrase screen, offered by the first Continue: carry on without saving."""
    journey.arrive("save")
    page.click("#cre-not-now")
    journey.arrive(then)


def fill_child_under_13_with_send(page):
    page.fill("#child_name", NAME)
    page.fill("#age", "12")
    page.check("#send-yes")
    page.check("#local_authority-derby")
    page.check("#case_open-no")
    page.check("#harmed_now-no")
    page.fill("#why_at_risk", "Seen with older males near the station; missing overnight twice.")


def go_by_link(journey, selector, screen, **arrive):
    """Follow a link on the page (the bar's, a list's) to a new screen, and arrive there (Journey.arrive)."""
    journey.page.locator(selector).click()
    return journey.arrive(screen, **arrive)


def summary_row(page, label):
    """Check your answers: the value of the row whose question is `label`."""
    row = page.locator("#cre-review .govuk-summary-list__row").filter(
        has=page.locator("dt", has_text=re.compile("^" + re.escape(label) + "$")))
    return row.locator(".govuk-summary-list__value")


# --- 1. A Derby case, Medium, from the guidance's home page to the PDF ------------------------------------------------
FACTOR_CURRENT_ONLY = "f03"  # "Harms or neglect in the family home": Current only
RATINGS = {"cce02": "medium", "cce09": "low", "cse03": "low", "cse10": "not_identified"}  # highest: Medium


def test_journey_derby_medium_case_from_home_to_pdf(sized_page, server, axe, tmp_path):
    page = sized_page
    journey = Journey(page, "derby-medium-case", axe)
    page.goto(server + "index.html")
    journey.page_shot("home")
    start = page.locator("a.cre-start-button", has_text="Start a new assessment")
    expect(start).to_have_count(1)
    start.click()
    page.wait_for_url(re.compile(r"/form\.html$"))
    start_screen_ready(page)
    journey.arrive("start", focus=None)
    start_new(page, journey)

    answer_section_1(page, DERBY_NAME, "Found twice with cash and a second phone; seen getting into cars with older "
                     "males near the bus station after school.")
    journey.shot("section-s1-answered")
    press_continue(journey, "section-s1")
    journey.arrive("save")  # the first Continue with answers offers to keep them
    set_passphrase(page, PASSPHRASE)
    journey.arrive("section-s2")
    wait_saved(page)

    page.check(f"#{FACTOR_CURRENT_ONLY}-current")
    page.check("#f02-historic")
    page.check("#f02-current")
    journey.shot("section-s2-answered")
    press_continue(journey, "section-s2")
    journey.arrive("section-s3")

    for item, level in RATINGS.items():
        page.check(f"#{item}-{level}")
    expect(page.locator("#cre-glance-level")).to_have_text("Suggested level: Medium", timeout=CHECK_TIMEOUT_MS)
    journey.shot("section-s3-answered")
    press_continue(journey, "section-s3")
    journey.arrive("section-s4")

    answer_section_4(page)
    journey.shot("section-s4-answered")
    press_continue(journey, "section-s4")

    # The result: the level and the first number to ring in view on arrival, no hunting.
    wait_for_screen(page, "result")
    suggestion = page.locator("#cre-suggestion")
    expect(suggestion).to_contain_text("Suggested level: Medium", timeout=CHECK_TIMEOUT_MS)
    level = suggestion.locator("strong", has_text="Suggested level: Medium")
    first_tel = page.locator('#result a[href^="tel:"]').first
    expect(level).to_be_visible()
    # Office hours: the Initial Response Team; out of hours, weekends and bank holidays: the Careline comes first.
    first_number = "tel:01332956606" if out_of_hours(now_uk()) else "tel:01332641172"
    expect(first_tel).to_have_attribute("href", first_number)
    irt = page.locator("#cre-routing li.cre-step", has_text="Derby Initial Response Team")
    expect(irt.locator('a[href="tel:01332641172"]').first).to_be_visible()
    # The level is in the bar above the screen and in the routing's first line; the suggestion panel with its
    # reasons comes after who to contact (measured for the record, not required in view).
    journey.shot_viewport("result-on-arrival")
    journey.in_view("arriving on the result", {
        "the bar's level": "#cre-glance-level >> text=Suggested level: Medium",
        "the routing's level": "#cre-routing .cre-output > p >> text=Medium",
        "the first number to ring": '#result a[href^="tel:"]'})
    record_measurement(journey=journey.name, size=page.size, when="arriving on the result", note="not required",
                       **page.evaluate(BOXES, {"the suggestion panel's level": "#cre-suggestion strong"}))
    journey.arrive("result")

    # The list of sections: what is done, what is not, how many indicators were rated.
    go_by_link(journey, "#cre-glance a[href='#tasks']", "tasks")
    status = {section: page.locator(f"#task-{section}-status") for section in ("s1", "s2", "s3", "s4")}
    expect(status["s1"]).to_have_text("Completed")
    expect(status["s2"]).to_have_text("Completed")
    expect(status["s3"]).to_have_text("In progress")
    expect(status["s4"]).to_have_text("Completed")
    expect(page.locator("#task-s3-hint")).to_have_text(f"{len(RATINGS)} of 50 indicators rated")
    expect(page.locator("#task-s2-hint")).to_contain_text("2 of 21 factors ticked")
    page.go_back()
    journey.arrive("result", label="result-again")
    press_continue(journey, "result")
    journey.arrive("check")

    review = page.locator("#cre-review")
    expect(review).to_contain_text(DERBY_NAME)
    expect(summary_row(page, "Age:")).to_have_text("14")
    page.locator("#cre-review a[href='#item-age']").click()
    journey.arrive("section-s1", focus="#age", label="section-s1-change-age")
    page.fill("#age", "15")
    press_continue(journey, "section-s1")  # from a Change link, Continue goes back to check your answers
    journey.arrive("check", label="check-after-change")
    expect(summary_row(page, "Age:")).to_have_text("15")

    with page.expect_download(timeout=PYTHON_TIMEOUT_MS) as pdf_download:
        page.click("#cre-download-pdf")
    said = page.locator("#cre-downloads-status")  # beside the buttons: the line above the screens is out of sight
    expect(said).to_contain_text("The PDF was downloaded", timeout=CHECK_TIMEOUT_MS)
    expect(said).to_be_in_viewport()
    with page.expect_download() as json_download:
        page.click("#cre-download-json")
    expect(said).to_contain_text("The record was downloaded")
    expect(said).to_be_in_viewport()
    expect(page.locator("#cre-status")).to_be_empty()  # one line speaks at a time
    saved_json = tmp_path / json_download.value.suggested_filename
    json_download.value.save_as(saved_json)
    record = json.loads(saved_json.read_text(encoding="utf-8"))
    assert record["answers"]["child_name"] == DERBY_NAME and record["answers"]["age"] == 15
    factor = record["answers"][FACTOR_CURRENT_ONLY]
    assert factor.get("current") is True and not factor.get("historic"), factor
    assert validate(saved_json)["status"] in ("draft-valid", "complete")
    text = pdf_text(pdf_download.value.path())
    assert DERBY_NAME in text
    assert "Initial Response Team" in text
    journey.done()
    assert "Historic: No" not in text, (
        "the PDF says 'Historic: No' for a factor ticked Current only: it should say only what was ticked")


# --- 2. Continue a draft after a reload -------------------------------------------------------------------------------
def in_time_zone(zone):
    """Run the test's sized_page in this time zone (far from UTC, so local times cannot pass for UTC ones)."""
    def mark(test):
        test.time_zone = zone
        return test
    return mark


LOCAL_STAMPS = """minutes => {
  const months = ['Jan','Feb','Mar','Apr','May','Jun','Jul','Aug','Sep','Oct','Nov','Dec'];
  const out = [];
  for (let back = 0; back <= minutes; back++) {
    const t = new Date(Date.now() - back * 60000);
    const two = n => String(n).padStart(2, '0');
    out.push(`${t.getDate()} ${months[t.getMonth()]} ${t.getFullYear()}, ${two(t.getHours())}:${two(t.getMinutes())}`);
  }
  return out;
}"""


@in_time_zone("Pacific/Chatham")  # UTC+13:45 in November: a local time is never the UTC one
def test_journey_continue_a_draft_from_the_start_screen_after_a_reload(sized_page, server, axe):
    page = sized_page
    journey = Journey(page, "continue-a-draft", axe)
    new_assessment(page, server, journey)
    page.fill("#child_name", DERBY_NAME)
    page.fill("#age", "14")
    page.check("#local_authority-derby")
    page.fill("#why_at_risk", "Missing from home three times this month.")
    saved = page.locator("#cre-saved")
    expect(saved).to_contain_text("Not saved yet", timeout=CHECK_TIMEOUT_MS)
    journey.shot("section-s1-not-saved-yet")
    saved.get_by_role("link", name="set a passphrase to save").click()  # the bar's way to the passphrase
    journey.arrive("save")
    set_passphrase(page, PASSPHRASE)
    journey.arrive("section-s1", label="section-s1-saved")  # opened from the bar: back where it was
    wait_saved(page)

    page.goto(server + "form.html")  # a reload, without the fragment
    ready(page)
    expect(page.locator("#cre-vault-unlock")).to_be_visible(timeout=CHECK_TIMEOUT_MS)
    journey.arrive("start", focus=None, label="start-locked")
    assert page.input_value("#child_name") == ""  # nothing on the page until unlocked
    unlock(page, PASSPHRASE)
    draft = listed_draft(page)
    journey.shot("start-unlocked")
    journey.check_axe()

    # After a reload in the same tab, unlocking reopens the tab's draft: its button is "Go to the open draft".
    draft.get_by_role("button", name="Go to the open draft", exact=True).click()
    answers_are_back(page, journey)

    # Closed, then opened in a new tab: the draft waits in the list, "Continue".
    tab = page.context.new_page()
    tab.size, tab.errors = page.size, []
    tab.on("pageerror", lambda exc: tab.errors.append(f"uncaught: {exc}"))
    page.close()
    journey = Journey(tab, "continue-a-draft-new-tab", axe)
    tab.goto(server + "form.html")
    ready(tab)
    expect(tab.locator("#cre-vault-unlock")).to_be_visible(timeout=CHECK_TIMEOUT_MS)
    journey.arrive("start", focus=None, label="start-locked")
    unlock(tab, PASSPHRASE)
    draft = listed_draft(tab)
    expect(draft).not_to_contain_text("(open now)")
    draft.get_by_role("button", name="Continue", exact=True).click()
    answers_are_back(tab, journey)
    journey.done()


def listed_draft(page):
    """The one draft on the start screen: the child's initials, never the name; started and changed in the
    browser's local time."""
    draft = page.locator("#cre-drafts li.cre-draft")
    expect(draft).to_have_count(1, timeout=CHECK_TIMEOUT_MS)
    expect(draft.locator(".cre-draft__title")).to_contain_text("ZWN · CRE Assessment (May 2022)")
    expect(draft).not_to_contain_text("Wójcik")
    expect(draft).not_to_contain_text("Zoë")
    details = draft.locator(".cre-draft__details").inner_text()
    started = re.search(r"Started (\d{1,2} \w{3} \d{4}, \d{2}:\d{2})", details)
    changed = re.search(r"Last changed (\d{1,2} \w{3} \d{4}, \d{2}:\d{2})", details)
    assert started and changed, details
    recent_local = page.evaluate(LOCAL_STAMPS, 10)  # the browser's local clock, the last ten minutes
    assert started.group(1) in recent_local and changed.group(1) in recent_local, (details, recent_local[:3])
    return draft


def answers_are_back(page, journey):
    journey.arrive("tasks")
    expect(page.locator("#task-s1-status")).to_have_text("In progress")
    go_by_link(journey, "#tasks a[href='#section-s1']", "section-s1", label="section-s1-resumed")
    expect(page.locator("#child_name")).to_have_value(DERBY_NAME)
    expect(page.locator("#age")).to_have_value("14")
    expect(page.locator("#local_authority-derby")).to_be_checked()
    expect(page.locator("#why_at_risk")).to_have_value("Missing from home three times this month.")


# --- 3. The keyboard only --------------------------------------------------------------------------------------------
def test_journey_keyboard_only_completes_an_assessment_and_downloads_the_pdf(sized_page, server, axe):
    page = sized_page
    journey = Journey(page, "keyboard-only", axe)
    open_start(page, server, journey)
    keys = page.keyboard

    tab_to(page, "#cre-new")
    keys.press("Enter")
    journey.arrive("section-s1")
    type_into(page, "child_name", NAME)
    keys.press("Tab")
    tab_to(page, "#child_name", backwards=True)  # Shift+Tab back: the name is as typed
    expect(page.locator("#child_name")).to_have_value(NAME)
    type_into(page, "age", "14")
    choose_radio(page, "send-no")
    choose_radio(page, "local_authority-derby")
    choose_radio(page, "case_open-no")
    choose_radio(page, "harmed_now-no")
    type_into(page, "why_at_risk", "Going missing after school; new trainers and a phone nobody bought him.")
    journey.shot("section-s1-answered")
    tab_to(page, "#section-s1 a[data-continue]")
    keys.press("Enter")
    journey.arrive("save")
    tab_to(page, "#cre-not-now")
    keys.press("Enter")
    journey.arrive("section-s2")

    tick(page, "f05-current")
    tab_to(page, "#section-s2 a[data-continue]")
    keys.press("Enter")
    journey.arrive("section-s3")

    choose_radio(page, "cce02-medium")
    choose_radio(page, "cce04-low")
    expect(page.locator("#cre-glance-level")).to_have_text("Suggested level: Medium", timeout=CHECK_TIMEOUT_MS)
    tab_to(page, "#section-s3 a[data-continue]")
    keys.press("Enter")
    journey.arrive("section-s4")

    choose_radio(page, "exploitation_levels-cce-medium")
    done = yesterday()
    type_date(page, "date_completed", done.day, done.month, done.year)
    type_into(page, "practitioner_name", "Sam Okafor")
    type_into(page, "practitioner_agency", "Derby Youth Service")
    journey.shot("section-s4-answered")
    tab_to(page, "#section-s4 a[data-continue]")
    keys.press("Enter")
    journey.arrive("result")
    expect(page.locator("#cre-suggestion")).to_contain_text("Suggested level: Medium")

    tab_to(page, "#result a[data-continue]")
    keys.press("Enter")
    journey.arrive("check")
    expect(page.locator("#cre-review")).to_contain_text(NAME)
    tab_to(page, "#cre-download-pdf")
    with page.expect_download(timeout=PYTHON_TIMEOUT_MS) as download:
        keys.press("Enter")
    assert download.value.suggested_filename.endswith(".pdf")
    assert NAME in pdf_text(download.value.path())
    journey.done()


# --- 4. No layout shift while the page loads ------------------------------------------------------------------------
CLS_OBSERVER = """(() => {
  if (window !== window.top) return;
  window.__cls = {total: 0, shifts: [], readyAt: null};
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      window.__cls.total += entry.value;
      window.__cls.shifts.push({value: entry.value, at: Math.round(entry.startTime),
        sources: (entry.sources || []).map((s) => s.node ? (s.node.id || s.node.className || s.node.nodeName) : "")});
    }
  }).observe({type: "layout-shift", buffered: true});
  new MutationObserver(() => {
    if (window.__cls.readyAt === null && document.documentElement.dataset.python === "ready") {
      window.__cls.readyAt = performance.now();
    }
  }).observe(document, {attributes: true, subtree: true, attributeFilter: ["data-python"]});
})();"""
CLS_LIMIT = 0.1  # "good" in Core Web Vitals


def test_journey_the_form_page_does_not_shift_as_it_loads(sized_page, server, axe):
    """Measured on the start screen (form.html) and on Section 1 (form.html#section-s1, where typing starts), each
    a fresh load: the sum of layout shifts without recent input, until Python is ready and two seconds more."""
    page = sized_page
    journey = Journey(page, "no-layout-shift", axe)
    page.add_init_script(CLS_OBSERVER)
    found = {}
    for address, screen in (("form.html", "start"), ("form.html#section-s1", "section-s1")):
        page.goto("about:blank")
        page.goto(server + address)
        page.wait_for_function("() => window.__cls && window.__cls.readyAt !== null", timeout=PYTHON_TIMEOUT_MS)
        # The window: until Python is ready and two seconds more, by the page's clock (not a sleep here).
        page.wait_for_function("() => performance.now() >= window.__cls.readyAt + 2000", timeout=CHECK_TIMEOUT_MS)
        cls = page.evaluate("() => window.__cls")
        record_measurement(journey="no-layout-shift", size=page.size, address=address, cls=round(cls["total"], 4),
                           ready_at_ms=round(cls["readyAt"]), shifts=cls["shifts"])
        found[address] = cls
        journey.arrive(screen, focus=None)
    for address, cls in found.items():
        assert cls["total"] <= CLS_LIMIT, (
            f"{address}: cumulative layout shift {cls['total']:.3f} > {CLS_LIMIT}: {cls['shifts']}")
    journey.done()


# --- 5. The browser's back button ------------------------------------------------------------------------------------
def test_journey_back_button_goes_back_a_screen(sized_page, server, axe):
    page = sized_page
    journey = Journey(page, "back-button", axe)
    new_assessment(page, server, journey)
    page.fill("#child_name", NAME)
    press_continue(journey, "section-s1")
    not_now(page, journey, "section-s2")
    page.check("#f01-historic")
    press_continue(journey, "section-s2")
    journey.arrive("section-s3")
    page.go_back()
    journey.arrive("section-s2", label="section-s2-after-back")
    expect(page.locator("#f01-historic")).to_be_checked()
    assert page.url.endswith("#section-s2"), page.url
    journey.done()


# --- 6. An impossible date --------------------------------------------------------------------------------------------
def test_journey_an_impossible_date_of_birth_is_named_in_the_error_summary(sized_page, server, axe):
    page = sized_page
    journey = Journey(page, "impossible-date", axe)
    new_assessment(page, server, journey)
    if not has_day_month_year(page, "dob"):
        pytest.skip("the date of birth is still a browser date input (no #dob-day, #dob-month, #dob-year): "
                    "31/02/2026 cannot be typed into it")
    page.fill("#child_name", NAME)
    fill_date(page, "dob", 31, 2, 2026)
    press_continue(journey, "section-s1")
    summary = page.locator("#cre-error-summary")
    expect(summary).to_be_visible(timeout=CHECK_TIMEOUT_MS)
    expect(summary).to_be_focused()
    wait_for_screen(page, "section-s1")  # Continue stayed
    link = summary.locator("a[href^='#item-dob'], a[href^='#dob']")
    expect(link).to_have_count(1)
    expect(link).to_contain_text("Date of birth")
    expect(link).to_contain_text("real date")
    expect(page.locator("#dob-error")).to_be_visible()
    journey.check_axe()
    journey.shot("section-s1-impossible-date")
    link.click()
    expect(page.locator("#dob-day")).to_be_focused(timeout=CHECK_TIMEOUT_MS)
    journey.done()


# --- the first journeys, on the screens -----------------------------------------------------------------------------
def test_journey_type_before_python_is_ready_and_keep_every_keystroke(sized_page, server, axe, tmp_path):
    page = sized_page
    journey = Journey(page, "type-before-python", axe)
    held = []
    page.context.route("**/bundle.zip", lambda route: held.append(route))  # Python waits for its code
    with page.expect_request("**/bundle.zip", timeout=PYTHON_TIMEOUT_MS):
        page.goto(server + "form.html")
        page.click("#cre-new")  # a link: works before Python
        expect(page.locator("#section-s1-title")).to_be_visible()
        page.locator("#child_name").press_sequentially(NAME)
    assert not page.evaluate(READY)
    expect(page.locator("#cre-progress")).to_be_visible()
    journey.shot("section-s1-before-python")
    journey.shot_viewport("section-s1-before-python")
    journey.in_view("typing while Python loads", {  # the bar's links wait for Python: nothing to show there yet
        "the bar's loading label": "#cre-loading label", "the bar's progress": "#cre-progress"}, apart=True)
    expect(page.locator("#cre-glance-contacts")).to_be_hidden()
    for _ in range(100):  # the request was seen; its route handler runs on Playwright's next round trip
        if held:
            break
        page.evaluate("() => 0")
    assert held, "the bundle's request was never held"
    for route in held:
        route.fallback()
    page.locator("#why_at_risk").press_sequentially("Typed while the rules were loading.")  # while Python starts
    ready(page)
    journey.arrive("section-s1", focus=None, label="section-s1-python-ready")
    expect(page.locator("#child_name")).to_have_value(NAME)
    expect(page.locator("#why_at_risk")).to_have_value("Typed while the rules were loading.")
    go_by_link(journey, "#cre-glance a[href='#tasks']", "tasks")
    go_by_link(journey, "#tasks a[href='#check']", "check")
    with page.expect_download() as download:
        page.click("#cre-download-json")
    record = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert record["answers"]["child_name"] == NAME
    assert record["answers"]["why_at_risk"] == "Typed while the rules were loading."
    journey.done()


def low_refused(journey, screen):
    """Continue refused a Low judgement: the screen stays, its error summary has the focus and links to the
    judgement."""
    page = journey.page
    summary = page.locator("#cre-error-summary")
    expect(summary).to_be_visible(timeout=CHECK_TIMEOUT_MS)
    expect(summary).to_be_focused()
    expect(summary.locator("a", has_text="assessed as Low Risk")).to_have_attribute("href", "#item-exploitation_levels")
    wait_for_screen(page, screen)
    journey.check_axe()
    journey.shot(f"{screen}-low-refused")


def test_journey_12_year_old_with_send_the_floor_rule_stops_a_low_rating(sized_page, server, axe):
    page = sized_page
    journey = Journey(page, "floor-rule", axe)
    new_assessment(page, server, journey)
    fill_child_under_13_with_send(page)
    press_continue(journey, "section-s1")
    not_now(page, journey, "section-s2")
    press_continue(journey, "section-s2")
    journey.arrive("section-s3")
    page.check("#cce02-low")
    press_continue(journey, "section-s3")
    journey.arrive("section-s4")
    page.check("#exploitation_levels-cce-low")
    error = page.locator("#exploitation_levels-error")
    expect(error).to_be_visible(timeout=CHECK_TIMEOUT_MS)
    expect(error).to_contain_text("no child under 13 years or with SEND can immediately be assessed as Low Risk")
    press_continue(journey, "section-s4")  # a wrong answer: Continue stays and says why
    low_refused(journey, "section-s4")

    go_by_link(journey, "#cre-glance-contacts", "result")
    suggestion = page.locator("#cre-suggestion")
    expect(suggestion).to_contain_text("Suggested level: Medium")
    expect(suggestion).to_contain_text("Floor rule")
    press_continue(journey, "result")  # the judgement is wrong: the result screen stays and says why
    low_refused(journey, "result")
    go_by_link(journey, "#cre-glance a[href='#tasks']", "tasks")
    go_by_link(journey, "#tasks a[href='#check']", "check")
    summary = page.locator("#cre-error-summary")
    expect(summary).to_be_visible()
    low = summary.locator("a", has_text="assessed as Low Risk")
    expect(low).to_have_attribute("href", "#item-exploitation_levels")
    review = page.locator("#cre-review")
    expect(review).to_contain_text(NAME)
    expect(review.get_by_role("link", name="Change Name of Child:")).to_have_attribute("href", "#item-child_name")
    low.click()
    journey.arrive("section-s4", focus="#exploitation_levels-cce-none", label="section-s4-from-the-summary")
    page.check("#exploitation_levels-cce-medium")
    expect(error).to_be_hidden(timeout=CHECK_TIMEOUT_MS)
    press_continue(journey, "section-s4")  # from check your answers: back there
    journey.arrive("check", label="check-mended")
    expect(page.locator("#cre-error-summary")).not_to_contain_text("assessed as Low Risk")
    journey.done()


def test_journey_harmed_now_interrupts_with_999_and_the_routing_updates(sized_page, server, axe):
    page = sized_page
    journey = Journey(page, "harmed-now", axe)
    new_assessment(page, server, journey)
    fill_child_under_13_with_send(page)
    go_by_link(journey, "#cre-glance a[href='#tasks']", "tasks")
    go_by_link(journey, "#tasks a[href='#section-s3']", "section-s3")
    page.check("#cce09-high")
    go_by_link(journey, "#cre-glance-contacts", "result")
    routing = page.locator("#cre-routing")
    expect(routing).to_contain_text("Derby Initial Response Team")
    expect(routing.locator('a[href="tel:01332641172"]').first).to_be_visible()
    expect(routing.locator('a[href="tel:999"]')).to_have_count(0)
    expect(page.locator("#cre-result-now")).to_be_hidden()

    go_by_link(journey, "#cre-glance a[href='#tasks']", "tasks", label="tasks-again")
    go_by_link(journey, "#tasks a[href='#section-s1']", "section-s1", label="section-s1-again")
    page.check("#harmed_now-yes")
    interruption = page.locator("#cre-harmed-now")
    expect(interruption).to_be_visible(timeout=CHECK_TIMEOUT_MS)
    expect(interruption).to_have_attribute("role", "alert")
    expect(interruption.locator('a[href="tel:999"]')).to_be_visible()
    journey.in_view("harmed now", {"999 under the question": "#cre-harmed-now a[href='tel:999']"})
    expect(page.locator("#cre-glance-level")).to_contain_text("Harmed now: act immediately")
    journey.shot("section-s1-harmed-now")
    page.locator("#section-s1 a[data-continue]").scroll_into_view_if_needed()  # further down the screen
    journey.shot_viewport("section-s1-harmed-now-scrolled")
    journey.bar_in_view("harmed now, scrolled down Section 1")
    journey.check_axe()

    page.locator("#cre-glance-contacts").click()
    wait_for_screen(page, "result")
    now = page.locator("#cre-result-now")
    expect(now).to_be_visible()
    journey.in_view("arriving on the result, harmed now", {"999": "#cre-result-now a[href='tel:999']"})
    journey.arrive("result", label="result-harmed-now")
    expect(routing.locator("li.cre-step").first).to_contain_text("999")  # the routing changed: the police first
    expect(routing.locator('li.cre-step a[href="tel:999"]')).to_have_count(1)
    expect(routing.locator('.cre-numbers a[href="tel:999"]')).to_have_count(1)  # every number at a glance, once

    page.go_back()
    journey.arrive("section-s1", label="section-s1-back")
    page.check("#harmed_now-no")
    expect(interruption).to_have_count(0, timeout=CHECK_TIMEOUT_MS)
    expect(page.locator("#cre-glance-level")).not_to_contain_text("Harmed now")
    go_by_link(journey, "#cre-glance-contacts", "result", label="result-not-harmed-now")
    expect(page.locator("#cre-result-now")).to_be_hidden()
    expect(routing.locator('a[href="tel:999"]')).to_have_count(0)
    journey.done()


def test_journey_download_json_and_pdf_and_use_them(sized_page, server, axe, tmp_path):
    page = sized_page
    journey = Journey(page, "downloads", axe)
    new_assessment(page, server, journey)
    fill_child_under_13_with_send(page)
    page.goto(server + "form.html#section-s3")  # a fragment opens a screen (a bookmark, a link from elsewhere)
    journey.arrive("section-s3", focus=None)
    page.check("#cce02-low")
    page.evaluate("() => { location.hash = 'section-s4'; }")
    journey.arrive("section-s4")
    page.check("#exploitation_levels-cce-medium")
    go_by_link(journey, "#cre-glance a[href='#tasks']", "tasks")
    go_by_link(journey, "#tasks a[href='#check']", "check")
    with page.expect_download() as json_download:
        page.click("#cre-download-json")
    file_name = json_download.value.suggested_filename
    assert re.fullmatch(r"CRE-ŁŻΕ-\d{4}-\d{2}-\d{2}\.json", file_name), file_name  # initials, never the name
    saved = tmp_path / "record.json"
    json_download.value.save_as(saved)
    assert validate(saved)["status"] == "draft-valid"
    with page.expect_download(timeout=PYTHON_TIMEOUT_MS) as pdf_download:
        page.click("#cre-download-pdf")
    text = pdf_text(pdf_download.value.path())
    assert NAME in text
    assert "Refer the outcome to a manager now" in text and "Initial Response Team" in text
    journey.done()


def test_journey_derbyshire_open_case_rated_high_shows_the_cpm_vc_step(sized_page, server, axe):
    page = sized_page
    journey = Journey(page, "derbyshire-open-case-high", axe)
    new_assessment(page, server, journey)
    page.fill("#child_name", "Çağrı Öztürk")
    page.fill("#age", "15")
    page.check("#send-no")
    page.check("#local_authority-derbyshire")
    page.check("#case_open-yes")
    page.check("#harmed_now-no")
    press_continue(journey, "section-s1")
    not_now(page, journey, "section-s2")
    press_continue(journey, "section-s2")
    journey.arrive("section-s3")
    page.check("#cse11-high")
    expect(page.locator("#cre-glance-level")).to_have_text("Suggested level: High", timeout=CHECK_TIMEOUT_MS)
    press_continue(journey, "section-s3")
    journey.arrive("section-s4")
    page.check("#exploitation_levels-cse-high")
    press_continue(journey, "section-s4")
    journey.arrive("result")
    routing = page.locator("#cre-routing")
    step = routing.locator("li.cre-step", has_text="CPM-VC")
    expect(step).to_contain_text("Immediately")
    expect(step.locator('a[href="tel:01629532834"]')).to_be_visible()
    expect(routing).to_contain_text("Derbyshire CRE Operational Workflow")
    expect(routing).not_to_contain_text("Starting Point contact and referral service")
    journey.done()


def test_journey_print_a_blank_form_to_use_with_a_child(sized_page, server, axe):
    page = sized_page
    journey = Journey(page, "blank-form", axe)
    page.goto(server + "form.html")
    page.click("#start a[href='form-blank.html']")  # a plain link: works before Python
    expect(page.locator("h1")).to_contain_text("Child at Risk of Exploitation")
    expect(page.locator("#cce23-high")).to_be_attached()
    expect(page.locator("#cre-drafts")).to_have_count(0)
    journey.page_shot("blank-form")
    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert len(pdf.pages) > 5 and "Organised groups or networks" in " ".join(p.extract_text() for p in pdf.pages)
    page.emulate_media(media="screen")
    journey.done()
