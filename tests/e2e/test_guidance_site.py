"""Journeys through the built guidance site in a real browser (Debian's Chromium): every page, search, contacts,
links to a risk example, the site opened from a file share, headings and skip link, printing on A4, and the way in
to the form (the start button on a wide and a phone screen, by mouse, touch and keyboard; search for the form).

Served under /some/sub/path/ to prove nothing assumes the site is at the root of a server; every request is checked
to stay on that server, since the site promises nothing leaves the device.
"""

import io
import re
import time
from itertools import pairwise
from urllib.parse import urlsplit

import pytest
from cre import definitions
from cre_build import form_page
from e2e_support import SHOTS, nav_pages
from playwright.sync_api import expect
from pypdf import PdfReader

FORM_PAGES = {path for path in form_page.pages() if path.endswith(".html")}  # in the nav, but not guidance pages
PAGES = [name for name in nav_pages() if name not in FORM_PAGES]
START = "Start a new assessment"
ON_THE_FORM = re.compile(r"/form\.html(#[\w-]*)?$")
HEADINGS = "Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6'), h => Number(h.tagName[1]))"


def open_page(page, server, name):
    response = page.goto(server + name, wait_until="networkidle")
    assert response is not None and response.status == 200, f"{name}: HTTP {response and response.status}"
    return response


def search(page, words):
    """Open Material's search (the header button on a narrow screen, the box itself on a wide one), type, and return
    the result links' hrefs once shown."""
    button, box = page.locator("label.md-header__button[for=__search]"), page.locator("input.md-search__input")
    (button if button.is_visible() else box).click()
    box.press_sequentially(words)  # key by key, as Material listens for keys (fill() alone is not seen)
    selector = ".md-search-result__list a.md-search-result__link"
    expect(page.locator(selector).first).to_be_attached()
    # Results re-render as each key lands: read them all at once, and only once two reads agree.
    read = lambda: page.eval_on_selector_all(selector, "links => links.map(a => a.getAttribute('href'))")  # noqa: E731
    previous, deadline = None, time.monotonic() + 10
    while time.monotonic() < deadline:
        current = read()
        if current and current == previous:
            return current
        previous = current
        page.wait_for_timeout(300)
    return previous or []


def page_name(href):
    """indicators.html from http://host/some/sub/path/indicators.html?h=weapons#section (or a file: URL)."""
    return urlsplit(href).path.rsplit("/", 1)[-1]


@pytest.mark.parametrize("name", PAGES)
def test_journey_practitioner_browses_every_guidance_page(page, server, axe, name):
    open_page(page, server, name)
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("pre.mermaid")).to_have_count(0)  # Material swaps each diagram's source for its drawing
    for diagram in page.locator("div.mermaid").all():
        assert diagram.bounding_box()["height"] > 40, f"{name}: a diagram drew nothing"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / name.replace(".html", ".png"), full_page=True)
    assert page.errors == [], f"{name}: {page.errors}"
    axe(page)
    strays = [url for url in page.requests if not url.startswith((server, "data:", "blob:"))]
    assert strays == [], f"{name} asked for something outside {server}: {strays}"


@pytest.mark.parametrize("words", ["weapons", "debt bondage"])
def test_journey_search_finds_indicator_words(page, server, words):
    open_page(page, server, "index.html")
    hrefs = search(page, words)
    assert "indicators.html" in map(page_name, hrefs), f"{words!r} found only {hrefs}"


def test_journey_search_opens_with_the_slash_key(page, server):
    open_page(page, server, "index.html")
    page.keyboard.press("/")
    expect(page.locator("input.md-search__input")).to_be_focused()


def test_journey_calls_a_contact_from_the_contacts_page(page, server):
    open_page(page, server, "contacts.html")
    wanted = {}
    for contact in definitions.contacts().values():
        if "phone" in contact:
            wanted["tel:" + re.sub(r"\D", "", contact["phone"])] = contact["name"]
        if "email" in contact:
            wanted["mailto:" + contact["email"]] = contact["name"]
    links = {href: page.locator(f'a[href="{href}"]').first for href in wanted}
    missing = [f"{name}: {href}" for href, name in wanted.items() if not links[href].is_visible()]
    assert missing == [], "no visible link to call or write to:\n" + "\n".join(missing)


def test_journey_risk_example_is_linkable(page, server):
    open_page(page, server, "risk-examples.html#missing")
    anchor = page.locator("#missing")
    expect(anchor).to_have_count(1)
    expect(anchor).to_be_in_viewport()
    assert page.evaluate("() => window.scrollY") > 0, "the page did not scroll to #missing"
    header = page.locator("header.md-header").bounding_box()
    top = anchor.bounding_box()["y"]
    assert top >= header["y"] + header["height"] - 1, f"#missing is hidden under the fixed header (top {top})"


@pytest.mark.parametrize("name", ["index.html", "risk-examples.html"])
def test_journey_guidance_opened_from_a_file_share(page, site_dir, name):
    page.goto((site_dir / name).as_uri(), wait_until="load")
    expect(page.locator("article h1")).to_be_visible()
    expect(page.locator(".md-nav--primary a[href='contacts.html']").first).to_be_attached()
    hrefs = search(page, "debt bondage")  # offline search: the index as a script, the worker in an iframe
    assert "indicators.html" in map(page_name, hrefs), f"found only {hrefs}"
    strays = [url for url in page.requests if not url.startswith(("file://", "data:", "blob:"))]
    assert strays == [], f"{name} from a file share asked the network for {strays}"


@pytest.mark.parametrize("name", PAGES)
def test_journey_headings_in_order_and_skip_link(page, server, name):
    open_page(page, server, name)
    levels = page.evaluate(HEADINGS)
    assert levels and levels[0] == 1, f"{name}: the first heading is h{levels[:1]}, not h1"
    jumps = [(a, b) for a, b in pairwise(levels) if b > a + 1]
    assert jumps == [], f"{name}: heading levels skip {jumps} (in order: {levels})"
    skip = page.locator("a.md-skip")
    expect(skip).to_have_count(1)
    target = skip.get_attribute("href")
    expect(page.locator(target)).to_have_count(1)
    page.keyboard.press("Tab")
    expect(skip).to_be_focused()  # the first thing a keyboard user reaches


@pytest.mark.parametrize("name", ["risk-examples.html", "contacts.html"])
def test_journey_risk_examples_print_on_a4(page, server, name):
    open_page(page, server, name)
    page.emulate_media(media="print")
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    expect(page.locator("article h1")).to_be_visible()
    pdf = page.pdf(format="A4", print_background=True)
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / name.replace(".html", ".pdf")).write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    width, height = (round(float(v) * 25.4 / 72) for v in reader.pages[0].mediabox[2:])
    assert (width, height) == (210, 297), f"{name}: printed on {width} x {height} mm"
    text = " ".join(p.extract_text() for p in reader.pages)
    expected = page.locator("article h1").inner_text()
    assert expected in text, f"{name}: the printout lacks its heading {expected!r}"
    if name == "risk-examples.html":
        for category in definitions.risk_examples()["categories"]:
            assert category["title"] in text, f"the printout lacks the risk example {category['title']!r}"


def start_button(page):
    button = page.get_by_role("link", name=START, exact=True)
    expect(button).to_have_count(1)
    expect(button).to_be_visible()
    return button


def test_journey_home_to_the_form_in_one_click(sized_page, server, axe):
    page = sized_page
    open_page(page, server, "index.html")
    assert page.errors == [], page.errors
    axe(page)
    button = start_button(page)
    box = button.bounding_box()
    assert box["y"] + box["height"] <= page.viewport_size["height"], "the start button is below the first screen"
    assert box["height"] >= 24 and box["width"] >= 24, f"the start button is too small to tap: {box}"
    if page.size == "phone":
        button.tap()
    else:
        button.click()
    expect(page).to_have_url(ON_THE_FORM)
    expect(page.locator("#cre-form")).to_be_attached()


def test_journey_reads_how_to_use_then_starts_from_the_keyboard(sized_page, server, axe):
    page = sized_page
    open_page(page, server, "how-to-use.html")
    assert page.errors == [], page.errors
    axe(page)
    button = start_button(page)
    resting = button.evaluate("a => getComputedStyle(a).backgroundColor")
    for _ in range(60):  # Tab through the page, as a keyboard user would, until the button has the focus
        page.keyboard.press("Tab")
        if button.evaluate("a => a === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the start button")
    focused = button.evaluate("a => getComputedStyle(a).backgroundColor")
    assert focused != resting, f"the start button looks the same with the focus ({focused})"
    page.keyboard.press("Enter")
    expect(page).to_have_url(ON_THE_FORM)
    expect(page.locator("#cre-form")).to_be_attached()


@pytest.mark.parametrize("words", ["assessment form", "start assessment"])
def test_journey_search_lists_the_form_first(page, server, words):
    open_page(page, server, "index.html")
    hrefs = search(page, words)
    assert hrefs and page_name(hrefs[0]) == "form.html", f"{words!r} listed first {hrefs[:3]}"


def test_journey_search_from_a_file_share_lists_the_form_first(page, site_dir):
    page.goto((site_dir / "index.html").as_uri(), wait_until="load")
    hrefs = search(page, "assessment form")  # the index as a script (search_index.js), not the JSON file
    assert hrefs and page_name(hrefs[0]) == "form.html", f"listed first {hrefs[:3]}"
