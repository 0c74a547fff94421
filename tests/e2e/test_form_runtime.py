"""Journeys through the form page's Python runtime: PyScript on the self-hosted Pyodide starts from app/boot.js,
runs app/main.py with the `cre` package from app/bundle.zip, and the page says so on its start screen; opened from
a file share, the page says plainly that the form needs a web address instead of trying (and failing) to start
Python. At a desktop's and a phone's size (conftest.sized_page).

Served under /some/sub/path/ like the guidance journeys: every request must stay on that server.
"""

from e2e_support import ready
from journey_support import Journey
from playwright.sync_api import expect

FORM = "form.html"
FILE_SHARE_TEXT = ("This page cannot start the form's checks when opened from a file. From a file share, use the "
                   "form in one file: the CRE assessment file. Or open this page from your organisation's intranet.")


def test_journey_python_starts_on_the_form_page(sized_page, server, axe):
    page = sized_page
    journey = Journey(page, "python-starts", axe)
    response = page.goto(server + FORM)
    assert response is not None and response.status == 200, f"{FORM}: HTTP {response and response.status}"
    expect(page.locator("#start-title")).to_be_visible()  # the start screen, before Python
    expect(page.locator("#cre-new")).to_be_visible()
    ready(page)  # an error box fails at once
    expect(page.locator("#cre-loading")).to_be_hidden()
    expect(page.locator("#cre-env-warning")).to_be_hidden()  # http on 127.0.0.1: nothing to warn about
    expect(page.locator("#cre-glance-level")).to_have_text("No level suggested yet")
    buttons = page.locator("[data-needs-python]")
    assert buttons.count() > 0, f"{FORM} has no [data-needs-python] buttons"
    disabled = [b.evaluate("b => b.id || b.textContent.trim()") for b in buttons.all() if b.is_disabled()]
    assert disabled == [], f"still disabled once Python was ready: {disabled}"
    journey.arrive("start", focus=None)
    assert page.errors == [], f"{FORM}: {page.errors}"
    strays = [url for url in page.requests if not url.startswith((server, "data:", "blob:"))]
    assert strays == [], f"{FORM} asked for something outside {server}: {strays}"


def test_journey_form_opened_from_a_file_share_says_it_needs_a_web_address(sized_page, site_dir):
    page = sized_page
    journey = Journey(page, "file-share")
    page.goto((site_dir / FORM).as_uri(), wait_until="load")
    warning = page.locator("#cre-env-warning")
    expect(warning).to_be_visible()
    expect(warning).to_have_text(FILE_SHARE_TEXT)
    single = warning.get_by_role("link", name="the CRE assessment file")  # the form in one file (single_file)
    assert single.get_attribute("href") == (site_dir / "offline" / "CRE-assessment.html").as_uri()
    expect(page.locator("#start-title")).to_be_visible()
    expect(page.locator("#cre-progress")).to_be_hidden()  # nothing is loading: Python cannot run from a file
    for button in page.locator("[data-needs-python]").all():
        expect(button).to_be_disabled()
    journey.shot("start-from-a-file-share")
    started = [url for url in page.requests if "/app/pyscript/" in url or "/app/pyodide/" in url]
    assert started == [], f"PyScript was started from a file share: {started}"
    assert page.errors == [], f"{FORM} from a file share: {page.errors}"
