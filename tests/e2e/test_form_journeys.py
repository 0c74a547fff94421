"""Journeys through the assessment form in the browser: type before Python is ready, live rules (the floor rule),
the routing card and the harmed-now interruption, and downloads a practitioner can use (the JSON passes
`cre validate`, the PDF holds the child's name and the steps). axe runs on each screen; nothing leaves the site.
"""

import io
import json
import re
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import expect
from pypdf import PdfReader

from e2e_support import AXE_JS

PYTHON_TIMEOUT_MS = 120_000
READY = "() => document.documentElement.dataset.python === 'ready'"
NAME = "Łucja Żółć-Ελένη"
CRE = str(Path(sys.executable).with_name("cre"))


def open_form(page, server, page_name="form.html"):
    page.goto(server + page_name)


def wait_for_python(page):
    page.wait_for_function(READY, timeout=PYTHON_TIMEOUT_MS)
    assert page.locator(".py-error").count() == 0, page.locator(".py-error").all_inner_texts()


def check_accessibility(page, axe):
    page.evaluate(AXE_JS.read_text(encoding="utf-8"))  # the form page's CSP refuses injected <script> tags
    axe(page)


def stayed_on_site(page, server):
    strays = [url for url in page.requests if not url.startswith((server, "data:", "blob:"))]
    assert strays == [], f"requests outside {server}: {strays}"


def fill_child_under_13_with_send(page):
    page.fill("#child_name", NAME)
    page.fill("#age", "12")
    page.check("#send-yes")
    page.check("#local_authority-derby")
    page.check("#case_open-no")
    page.check("#harmed_now-no")
    page.fill("#why_at_risk", "Seen with older males near the station; missing overnight twice.")
    page.check("#cce02-low")


def test_journey_type_before_python_is_ready_and_keep_every_keystroke(page, server, axe):
    open_form(page, server)
    page.locator("#child_name").press_sequentially(NAME)
    page.locator("#why_at_risk").press_sequentially("Typed while the rules were loading.")
    wait_for_python(page)
    assert page.input_value("#child_name") == NAME
    assert page.input_value("#why_at_risk") == "Typed while the rules were loading."
    with page.expect_download() as download:
        page.click("#cre-download-json")
    record = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert record["answers"]["child_name"] == NAME
    check_accessibility(page, axe)
    stayed_on_site(page, server)


def test_journey_12_year_old_with_send_the_floor_rule_stops_a_low_rating(page, server, axe):
    open_form(page, server)
    wait_for_python(page)
    fill_child_under_13_with_send(page)
    page.check("#exploitation_levels-cce-low")
    expect(page.locator("#cre-suggestion")).to_contain_text("Suggested level: Medium")
    expect(page.locator("#cre-suggestion")).to_contain_text("Floor rule")
    error = page.locator("#exploitation_levels-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("no child under 13 years or with SEND can be assessed as Low Risk")
    page.click("#cre-check")
    summary = page.locator("#cre-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary.locator("a", has_text="assessed as Low Risk")).to_have_attribute("href", "#item-exploitation_levels")
    review = page.locator("#cre-review")
    expect(review).to_be_visible()
    expect(review).to_contain_text(NAME)
    expect(review.get_by_role("link", name="Change Name of Child:")).to_have_attribute("href", "#item-child_name")
    check_accessibility(page, axe)
    page.check("#exploitation_levels-cce-medium")
    expect(error).to_be_hidden()
    stayed_on_site(page, server)


def test_journey_harmed_now_interrupts_with_999_and_the_routing_card_updates(page, server, axe):
    open_form(page, server)
    wait_for_python(page)
    fill_child_under_13_with_send(page)
    page.check("#cce09-high")
    routing = page.locator("#cre-routing")
    expect(routing).to_contain_text("Derby Initial Response Team")
    expect(routing.locator('a[href="tel:01332641172"]').first).to_be_visible()
    page.check("#harmed_now-yes")
    interruption = page.locator("#cre-harmed-now")
    expect(interruption).to_be_visible()
    expect(interruption).to_have_attribute("role", "alert")
    expect(interruption.locator('a[href="tel:999"]')).to_be_visible()
    check_accessibility(page, axe)
    page.check("#harmed_now-no")
    expect(interruption).to_have_count(0)


def test_journey_download_json_and_pdf_and_use_them(page, server, tmp_path):
    open_form(page, server)
    wait_for_python(page)
    fill_child_under_13_with_send(page)
    page.check("#exploitation_levels-cce-medium")
    with page.expect_download() as json_download:
        page.click("#cre-download-json")
    file_name = json_download.value.suggested_filename
    assert re.fullmatch(r"CRE-ŁŻΕ-\d{4}-\d{2}-\d{2}\.json", file_name), file_name  # initials, never the name
    saved = tmp_path / "record.json"
    json_download.value.save_as(saved)
    result = subprocess.run([CRE, "validate", str(saved)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout)["status"] == "draft-valid"
    with page.expect_download(timeout=PYTHON_TIMEOUT_MS) as pdf_download:
        page.click("#cre-download-pdf")
    pdf = PdfReader(io.BytesIO(Path(pdf_download.value.path()).read_bytes()))
    text = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    assert NAME in text
    assert "Refer the outcome to a manager now" in text and "Initial Response Team" in text
    stayed_on_site(page, server)


def test_journey_derbyshire_open_case_rated_high_shows_the_cpm_vc_step(page, server, axe):
    open_form(page, server)
    wait_for_python(page)
    page.fill("#child_name", "Çağrı Öztürk")
    page.fill("#age", "15")
    page.check("#send-no")
    page.check("#local_authority-derbyshire")
    page.check("#case_open-yes")
    page.check("#harmed_now-no")
    page.check("#cse11-high")
    page.check("#exploitation_levels-cse-high")
    routing = page.locator("#cre-routing")
    step = routing.locator("li.cre-step", has_text="CPM-VC")
    expect(step).to_contain_text("Immediately")
    expect(step.locator('a[href="tel:01629532834"]')).to_be_visible()
    expect(routing).to_contain_text("Derbyshire CRE Operational Workflow")
    expect(routing).not_to_contain_text("Starting Point contact and referral service")
    check_accessibility(page, axe)
    stayed_on_site(page, server)


def test_journey_print_a_blank_form_to_use_with_a_child(page, server, axe):
    open_form(page, server)
    page.click("a[href='form-blank.html']")
    expect(page.locator("h1")).to_contain_text("Child at Risk of Exploitation")
    expect(page.locator("#cce23-high")).to_be_attached()
    expect(page.locator("#cre-drafts")).to_have_count(0)
    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert len(pdf.pages) > 5 and "Organised groups or networks" in " ".join(p.extract_text() for p in pdf.pages)
    page.emulate_media(media="screen")
    check_accessibility(page, axe)
    stayed_on_site(page, server)
