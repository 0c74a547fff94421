"""Journeys with drafts: saved (encrypted) as the practitioner types once a passphrase is set, back after a reload
and the passphrase, several side by side, and a record file from another computer or the earlier form opened (and
converted) without losing the open draft."""

import json

from playwright.sync_api import expect

from cre.records import new_record
from e2e_support import (answer, check_accessibility, click, continue_draft, delete_draft, open_form, open_screen,
                         ready, saved, saved_draft, set_passphrase, show, unlock, wait_for_screen)


def test_journey_start_a_draft_reload_and_resume(page, server, axe):
    page.goto(server + "form.html")
    ready(page)
    answer(page, "#child_name", "Anna Nowak")
    expect(page.locator("#cre-saved")).to_contain_text("Not saved yet: set a passphrase")
    page.locator("#cre-saved").get_by_role("link", name="set a passphrase to save").click()  # the bar's link
    wait_for_screen(page, "save")
    expect(page.locator("#cre-vault-setup")).to_be_visible()
    check_accessibility(page, axe)  # the passphrase set-up screen
    set_passphrase(page)
    wait_for_screen(page, "section-s1")  # back to where the practitioner was typing
    answer(page, "#cce02-high")
    answer(page, "#immediate_actions-0-action", "Call the Initial Response Team")
    saved(page)
    page.reload()
    ready(page)
    expect(page.locator("#child_name")).to_have_value("")  # nothing shows before the passphrase
    unlock(page)
    expect(page.locator("#child_name")).to_have_value("Anna Nowak")
    expect(page.locator("#cce02-high")).to_be_checked()
    expect(page.locator("#immediate_actions-0-action")).to_have_value("Call the Initial Response Team")
    draft = page.locator("#cre-drafts li.cre-draft")
    expect(draft).to_have_count(1)
    expect(draft.locator(".cre-draft__title")).to_have_text("AN · CRE Assessment (May 2022) (open now)")
    expect(draft.locator(".cre-draft__details")).to_contain_text("Started ")
    expect(draft.locator(".cre-draft__details")).to_contain_text("Last changed ")
    expect(draft).not_to_contain_text("Anna")  # the list names a draft by its initials, never the name
    check_accessibility(page, axe)  # the start screen with the drafts list


def test_journey_two_drafts_side_by_side(page, server):
    saved_draft(page, server, {"#child_name": "Anna Nowak"})
    click(page, "#cre-new")
    wait_for_screen(page, "section-s1")
    expect(page.locator("#child_name")).to_have_value("")
    page.fill("#child_name", "Ben Cole")
    saved(page)
    drafts = page.locator("#cre-drafts li.cre-draft")
    expect(drafts).to_have_count(2)
    show(page, drafts.first)  # the start screen: the newest first, each by the child's initials
    expect(drafts.locator(".cre-draft__title")).to_have_text([
        "BC · CRE Assessment (May 2022) (open now)", "AN · CRE Assessment (May 2022)"])
    expect(page.locator("#cre-drafts")).not_to_contain_text("Anna")
    expect(page.locator("#cre-drafts")).not_to_contain_text("Ben Cole")
    continue_draft(page, row=page.locator("#cre-drafts li.cre-draft", has_text="AN ·"))
    expect(page.locator("#cre-status")).to_contain_text("Draft opened")
    expect(page.locator("#child_name")).to_have_value("Anna Nowak")
    ben = page.locator("#cre-drafts li.cre-draft", has_text="BC ·")
    delete_draft(page, ben)
    expect(drafts).to_have_count(1)
    expect(page.locator("#child_name")).to_have_value("Anna Nowak")


def test_journey_a_converted_record_shows_its_earlier_answers_until_marked_as_reviewed(page, server, tmp_path, axe):
    """An earlier-form record opened here is converted: check your answers lists the earlier answers the current
    form has no question for, in the earlier form's words, and the record cannot be complete until the
    practitioner marks the conversion as reviewed; the mark is saved with the draft."""
    earlier = new_record("cre-ra-legacy")
    earlier["answers"] = {"child_name": "Ольга Іваненко", "immediate_concerns": "Seen at a known address"}
    good = tmp_path / "earlier.json"
    good.write_text(json.dumps(earlier, ensure_ascii=False), encoding="utf-8")
    open_form(page, server)
    show(page, "#cre-import").set_input_files(str(good))
    expect(page.locator("#cre-status")).to_contain_text("converted from the earlier form")
    open_screen(page, "check")
    note = page.locator("#cre-conversion")
    expect(note).to_be_visible()
    expect(note).to_contain_text("Seen at a known address")
    waiting = "Review the answers carried over from the earlier form, then mark the conversion as reviewed"
    expect(page.locator("#check .govuk-error-summary")).to_contain_text(waiting)
    check_accessibility(page, axe)
    note.get_by_role("button", name="Mark the conversion as reviewed").click()
    expect(page.locator("#cre-status")).to_have_text("You marked the conversion as reviewed.")
    expect(page.locator("#check")).not_to_contain_text(waiting)
    expect(note.get_by_role("button")).to_be_hidden()
    saved(page)
    page.reload()
    ready(page)
    unlock(page)
    open_screen(page, "check")
    expect(page.locator("#cre-conversion")).to_contain_text("You marked the conversion as reviewed.")
    expect(page.locator("#check")).not_to_contain_text(waiting)


def test_journey_import_an_earlier_form_record_and_a_bad_file(page, server, tmp_path):
    earlier = new_record("cre-ra-legacy")
    earlier["answers"] = {"child_name": "Ольга Іваненко", "ind02": {"cce": True, "level": "high"},
                          "immediate_concerns": "Seen at a known address"}
    good, bad = tmp_path / "earlier.json", tmp_path / "bad.json"
    good.write_text(json.dumps(earlier, ensure_ascii=False), encoding="utf-8")
    bad.write_text("{ not json", encoding="utf-8")
    saved_draft(page, server, {"#child_name": "Anna Nowak"})
    show(page, "#cre-import").set_input_files(str(bad))
    expect(page.locator("#cre-status")).to_contain_text("That file cannot be opened")
    expect(page.locator("#child_name")).to_have_value("Anna Nowak")
    page.set_input_files("#cre-import", str(good))
    expect(page.locator("#cre-status")).to_contain_text("converted from the earlier form")
    expect(page.locator("#child_name")).to_have_value("Ольга Іваненко")
    expect(page.locator("#cce02-high")).to_be_checked()
    expect(page.locator("#cre-drafts li.cre-draft")).to_have_count(2)
    expect(page.locator("#cre-drafts")).not_to_contain_text("Ольга")
