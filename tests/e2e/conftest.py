"""Fixtures for the browser tests: the built site, served under a sub-path; Debian's Chromium through Playwright;
a fresh page per test that records every request and console message and, when the test ends, checks that nothing
left the device and no Content Security Policy was broken (egress.py); and the axe-core check.

Run with `make build` first, then `pytest tests/e2e`. Plain `pytest` never collects this folder (testpaths is
tests/unit), and every test here carries the `e2e` mark, so `-m "not e2e"` leaves them out of any wider run. The
runs at scale (the crypto proofs') carry `scale` (pyproject.toml): `-m "not scale"` is the quick loop (make test-quick).
A test whose page Chromium's renderer crashed is run again (pytest-rerunfailures, on that error only; see
e2e_support.RENDERER_CRASHED), and counted in the summary line ("1 rerun").
"""

import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from cre.serve import make_server
from e2e_support import (BASE, CHROMIUM, CRASH_RETRIES, LAUNCH_ARGS, RENDERER_CRASHED, SITE_DIR, SIZE_IDS, SIZES,
                         assert_accessible)
from egress import Watch
from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent


def pytest_configure(config):
    config.addinivalue_line("markers", "e2e: drives a real browser against the built site (tests/e2e)")


def pytest_collection_modifyitems(items):
    for item in items:
        if HERE in Path(item.fspath).resolve().parents:
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.flaky(reruns=CRASH_RETRIES, only_rerun=[RENDERER_CRASHED]))


@pytest.fixture(scope="session")
def site_dir():
    if not (SITE_DIR / "index.html").is_file():
        pytest.fail(f"{SITE_DIR / 'index.html'} is missing: run `make build` before `pytest tests/e2e`")
    return SITE_DIR


@pytest.fixture(scope="session")
def server(site_dir):
    """The base URL, e.g. http://127.0.0.1:PORT/some/sub/path/ (a free port, this process only)."""
    httpd = make_server(site_dir, host="127.0.0.1", port=0, base=BASE, verbose=False)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}{BASE}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
        yield browser
        browser.close()


@contextmanager
def watched_page(browser, request, **context_options):
    """A new context and page. page.requests: every URL asked for; page.errors: console errors and uncaught
    exceptions; page.console_messages: every console message; page.egress: the Watch (egress.py). Anything not
    local (the test server under its sub-path, or file:// for a test without one; data: and blob:) is recorded,
    then refused, so a stray fetch fails fast instead of hanging.

    When the test ends, nothing may have left the device and no page may have broken its Content Security Policy:
    every request went to the test server (or data:/blob:), none was refused, no WebSocket was opened, and no
    `securitypolicyviolation` happened in any document or frame the test opened."""
    server_url = request.getfixturevalue("server") if "server" in request.fixturenames else None
    context = browser.new_context(**context_options)
    context.set_default_timeout(10_000)  # a missing element fails in seconds, not Playwright's default 30
    watch = Watch(context, (server_url or "file://", "data:", "blob:"))
    context.route("**/*", watch.route)
    page = context.new_page()
    page.requests, page.errors, page.egress, page.console_messages = [], [], watch, watch.console
    page.on("request", lambda req: page.requests.append(req.url))
    page.on("console", lambda msg: msg.type == "error" and page.errors.append(f"console: {msg.text} {msg.location}"))
    page.on("pageerror", lambda exc: page.errors.append(f"uncaught: {exc}"))
    yield page
    if not page.is_closed():
        watch.settle(page)
    problems = watch.problems()
    context.close()
    assert not problems, "nothing may leave the device, and no page may break its CSP:\n" + "\n".join(problems)


@pytest.fixture
def page(browser, request):
    """A watched page (watched_page) at 1280x900."""
    with watched_page(browser, request, viewport={"width": 1280, "height": 900}) as page:
        yield page


@pytest.fixture(params=list(SIZES), ids=SIZE_IDS)
def sized_page(request, browser):
    """A watched page (watched_page) at 1280x800 or at a phone's 390x844 (mobile, touch), in a UK locale and time
    zone (a test may name another: `test.time_zone`). page.size: "desktop" or "phone"."""
    zone = getattr(request.function, "time_zone", "Europe/London")
    with watched_page(browser, request, **SIZES[request.param], locale="en-GB", timezone_id=zone) as page:
        page.size = request.param
        yield page


@pytest.fixture
def axe():
    """axe(page): assert the page, as it is now, has no WCAG 2.2 A/AA violations that axe-core can detect."""
    return assert_accessible
