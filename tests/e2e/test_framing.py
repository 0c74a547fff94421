"""Journeys where another page puts the form in a frame (to lay it under its own and catch what is typed or shown).

`cre serve` refuses to be framed with its headers (X-Frame-Options DENY, CSP frame-ancestors 'none'), so the frame
stays empty. A host that sends neither still gets no form in the frame: app/boot.js sees it is framed, takes the
page's content away, says how to open the form in its own tab, and never starts Python (so no draft opens there).

The framing page is made up at an address under the test server (page.route), so it is same-origin with the form:
the most a hostile intranet page could be.
"""

import pytest
from playwright.sync_api import expect

from e2e_support import check_accessibility

FRAMER = "framing-test.html"  # no such file on the site: page.route answers it
FRAMED_TEXT = "This form cannot be shown inside another page. Open it in its own tab:"
FIELDS = "input, textarea, select, button"
HEADERS_THAT_REFUSE = ("x-frame-options", "content-security-policy")


def framer_html(form_page):
    return (f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Another page</title></head>'
            f'<body><h1>Another page</h1><iframe id="framed" title="The form" src="{form_page}" '
            f'width="900" height="700"></iframe></body></html>')


def open_framer(page, server, form_page):
    page.route(server + FRAMER, lambda route: route.fulfill(status=200, content_type="text/html",
                                                           body=framer_html(form_page)))
    page.goto(server + FRAMER, wait_until="load")
    return page.frame_locator("#framed")


def python_requests(page):
    return [url for url in page.requests if "/app/pyscript/" in url or "/app/pyodide/" in url]


@pytest.mark.parametrize("form_page", ["form.html", "form-earlier.html"])
def test_journey_the_server_refuses_to_let_another_page_frame_the_form(page, server, form_page):
    page.egress.expect_csp("frame-ancestors")  # provoked on purpose: checked below
    framed = open_framer(page, server, form_page)
    expect(page.locator("h1")).to_have_text("Another page")
    page.wait_for_load_state("networkidle")
    assert framed.locator(FIELDS).count() == 0
    assert framed.locator("body").count() == 0 or FRAMED_TEXT not in framed.locator("body").inner_text()
    frame = page.locator("#framed").element_handle().content_frame()
    assert frame is None or not frame.url.startswith(server), f"the form loaded inside the frame: {frame.url}"
    assert page.egress.provoked("frame-ancestors"), "the browser did not refuse the frame by frame-ancestors"
    assert python_requests(page) == []


@pytest.mark.parametrize("form_page", ["form.html", "form-earlier.html"])
def test_journey_a_host_without_the_headers_still_shows_no_form_in_a_frame(page, server, axe, form_page):
    def without_framing_headers(route):
        response = route.fetch()
        headers = {name: value for name, value in response.headers.items()
                   if name.lower() not in HEADERS_THAT_REFUSE}
        route.fulfill(response=response, headers=headers)

    page.route(server + form_page, without_framing_headers)
    framed = open_framer(page, server, form_page)
    message = framed.locator("main p")
    expect(message).to_contain_text(FRAMED_TEXT)
    expect(message).to_be_visible()
    link = message.get_by_role("link")
    expect(link).to_have_attribute("href", server + form_page)
    expect(link).to_have_attribute("target", "_top")
    assert framed.locator(FIELDS).count() == 0, "form fields are still in the framed page"
    assert framed.locator("#cre-form, #cre-drafts, #cre-routing").count() == 0
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1000)  # time enough for PyScript to have been asked for, had boot.js started it
    assert python_requests(page) == [], f"Python started inside the frame: {python_requests(page)}"
    frame = page.locator("#framed").element_handle().content_frame()
    assert frame.evaluate("() => document.querySelector('script[type=py]') === null")
    check_accessibility(frame, axe)

    with page.expect_navigation():  # the way out: the form in its own tab, where it works
        link.click()
    assert page.url == server + form_page
    expect(page.locator("#start")).to_be_visible()  # the form's start screen
    expect(page.locator("#cre-new")).to_be_visible()
