"""The PDF's own bundle (app/bundle/HASH/pdf.zip), which the page fetches once the rules are live: the rules never
wait for it, and when it cannot be had the practitioner is told, keeps every answer, and gets the PDF on trying
again."""

from e2e_support import PYTHON_TIMEOUT_MS, answer, check_accessibility, open_form, open_screen, ready, saved
from journey_support import download, pdf_text
from playwright.sync_api import expect

PDF_BUNDLE = "**/app/bundle/*/pdf.zip"
NAME = "Rhiannon Ellery-Østergaard"
FAILED = ("The PDF could not be made: part of the form did not load. Check the connection and try again; your "
          "answers are kept.")


def test_journey_the_rules_go_live_without_the_pdf_part_and_a_pdf_comes_on_trying_again(sized_page, server, axe,
                                                                                         tmp_path):
    page = sized_page
    asked = []

    def refuse(route):
        asked.append(route.request.url)
        route.abort("internetdisconnected")

    page.route(PDF_BUNDLE, refuse)
    open_form(page, server)  # the rules are live, and the drafts' passphrase set, with the PDF's part refused
    answer(page, "#child_name", NAME)
    saved(page)
    assert asked, "the page did not ask for the PDF's part once the rules were live"
    open_screen(page, "check")
    page.click("#cre-download-pdf")
    said = page.locator("#cre-downloads-status")  # beside the button, not above the screens, out of its sight
    expect(said).to_have_text(FAILED, timeout=PYTHON_TIMEOUT_MS)
    expect(said).to_be_in_viewport()
    expect(page.locator("#cre-review")).to_contain_text(NAME)  # nothing lost
    expect(page.locator(".py-error")).to_have_count(0)  # said plainly, not as a traceback
    check_accessibility(page, axe)

    page.unroute(PDF_BUNDLE, refuse)
    pdf = download(page, "#cre-download-pdf", tmp_path)
    assert NAME in pdf_text(pdf)
    expect(said).to_contain_text("The PDF was downloaded")
    check_accessibility(page, axe)

    page.reload()  # the draft was kept throughout
    ready(page)
