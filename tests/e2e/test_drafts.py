"""Journeys with drafts: saved (encrypted) as the practitioner types once a passphrase is set, back after a reload
and the passphrase, several side by side, and a record file from another computer or the earlier form opened (and
converted) without losing the open draft."""

import json

from playwright.sync_api import expect

from cre.records import new_record
from e2e_support import AXE_JS, ready, saved, set_passphrase, unlock


def start(page, server):
    """The form page, Python ready, a passphrase set (the first save on this browser)."""
    page.goto(server + "form.html")
    ready(page)
    set_passphrase(page)


def test_journey_start_a_draft_reload_and_resume(page, server, axe):
    page.goto(server + "form.html")
    ready(page)
    page.fill("#child_name", "Anna Nowak")
    expect(page.locator("#cre-saved")).to_contain_text("Not saved yet: set a passphrase")
    page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    axe(page)  # the passphrase set-up screen
    set_passphrase(page)
    page.check("#cce02-high")
    page.fill("#immediate_actions-0-action", "Call the Initial Response Team")
    saved(page)
    page.reload()
    ready(page)
    expect(page.locator("#child_name")).to_have_value("")  # nothing shows before the passphrase
    unlock(page)
    expect(page.locator("#child_name")).to_have_value("Anna Nowak")
    expect(page.locator("#cce02-high")).to_be_checked()
    expect(page.locator("#immediate_actions-0-action")).to_have_value("Call the Initial Response Team")
    page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    axe(page)


def test_journey_two_drafts_side_by_side(page, server):
    start(page, server)
    page.fill("#child_name", "Anna Nowak")
    saved(page)
    page.click("#cre-new")
    expect(page.locator("#child_name")).to_have_value("")
    page.fill("#child_name", "Ben Cole")
    expect(page.locator("#cre-drafts li.cre-draft")).to_have_count(2)
    anna = page.locator("#cre-drafts li.cre-draft", has_text="AN ·")
    anna.get_by_role("button", name="Resume").click()
    expect(page.locator("#child_name")).to_have_value("Anna Nowak")
    ben = page.locator("#cre-drafts li.cre-draft", has_text="BC ·")
    page.once("dialog", lambda dialog: dialog.accept())
    ben.get_by_role("button", name="Delete").click()
    expect(page.locator("#cre-drafts li.cre-draft")).to_have_count(1)
    expect(page.locator("#child_name")).to_have_value("Anna Nowak")


def test_journey_import_an_earlier_form_record_and_a_bad_file(page, server, tmp_path):
    earlier = new_record("cre-ra-legacy")
    earlier["answers"] = {"child_name": "Ольга Іваненко", "ind02": {"cce": True, "level": "high"},
                          "immediate_concerns": "Seen at a known address"}
    good, bad = tmp_path / "earlier.json", tmp_path / "bad.json"
    good.write_text(json.dumps(earlier, ensure_ascii=False), encoding="utf-8")
    bad.write_text("{ not json", encoding="utf-8")
    start(page, server)
    page.fill("#child_name", "Anna Nowak")
    saved(page)
    page.set_input_files("#cre-import", str(bad))
    expect(page.locator("#cre-status")).to_contain_text("That file cannot be opened")
    expect(page.locator("#child_name")).to_have_value("Anna Nowak")
    page.set_input_files("#cre-import", str(good))
    expect(page.locator("#cre-status")).to_contain_text("converted from the earlier form")
    expect(page.locator("#child_name")).to_have_value("Ольга Іваненко")
    expect(page.locator("#cce02-high")).to_be_checked()
    expect(page.locator("#cre-drafts li.cre-draft")).to_have_count(2)
