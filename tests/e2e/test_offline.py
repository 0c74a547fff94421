"""Journeys with the network gone: after one visit the service worker (sw.js, built by Workbox) has precached the
whole site, so the guidance, the search highlights and the form with its Python keep working when the server is
stopped; a new version waits for the practitioner's "Update now" instead of swapping files under a half-filled form.

Each test starts its own server (it stops it, or serves a copy it changes) and its own browser context (service
worker registrations live in the context). The server is stopped rather than the context set offline: Chromium's
offline emulation has missed requests made by service workers.
"""

import json
import shutil
import threading
from pathlib import Path

import pytest
from cre.serve import make_server
from cre_build import service_worker
from e2e_support import BASE, CHECK_TIMEOUT_MS, check_accessibility, click, ready, show
from fault_rows import fault_row
from egress import Watch
from playwright.sync_api import expect

PRECACHE_TIMEOUT_MS = 120_000  # ~23 MB from this machine, twice over on a slow one
NAME = "Łucja Żółć-Ελένη"
BANNER_TEXT = "A new version of the toolkit is available."
# Waits until the worker is active: its install has stored every entry of the precache (a failed install, none).
ACTIVE = """timeout => Promise.race([
  navigator.serviceWorker.ready.then(() => true),
  new Promise((resolve) => setTimeout(() => resolve(false), timeout)),
])"""
# The number of entries in Workbox's precache.
PRECACHED = """async () => {
  const names = (await caches.keys()).filter((name) => name.startsWith("workbox-precache-v2-"));
  if (names.length !== 1) return `caches: ${JSON.stringify(names)}`;
  return (await (await caches.open(names[0])).keys()).length;
}"""
CONTROLLED = "() => navigator.serviceWorker.controller !== null"


class Server:
    """The built site (or a copy) at http://127.0.0.1:PORT/some/sub/path/, in this process, until stop()."""

    def __init__(self, directory):
        self.httpd = make_server(directory, host="127.0.0.1", port=0, base=BASE, verbose=False)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}{BASE}"
        self.running = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self):
        if self.running:
            self.running = False
            self.httpd.shutdown()
            self.httpd.server_close()


@pytest.fixture
def servers():
    """start(directory) -> a running Server; all are stopped when the test ends."""
    started = []

    def start(directory):
        started.append(Server(directory))
        return started[-1]

    start.started = started
    yield start
    for server in started:
        server.stop()


@pytest.fixture
def offline_page(browser, servers):
    """A page in a new context, with no request routing (it would bypass the service worker). page.errors: console
    errors and uncaught exceptions; page.requests: every URL asked for, by the page or by its service worker;
    page.failed: those that got no answer. When the test ends, as for every page (egress.py): every request went to
    one of the test's servers (or data:/blob:), no WebSocket was opened, no CSP was broken."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="allow")
    context.set_default_timeout(10_000)
    watch = Watch(context, ())
    page = context.new_page()
    page.requests, page.failed, page.errors = [], [], []
    context.on("request", lambda request: page.requests.append(request.url))
    context.on("requestfailed", lambda request: page.failed.append(f"{request.url} ({request.failure})"))
    page.on("console", lambda msg: msg.type == "error" and page.errors.append(f"console: {msg.text} {msg.location}"))
    page.on("pageerror", lambda exc: page.errors.append(f"uncaught: {exc}"))
    yield page
    if not page.is_closed():
        watch.settle(page)
    watch.allowed = (*(server.url for server in servers.started), "data:", "blob:")
    problems = watch.problems()
    context.close()
    assert not problems, "nothing may leave the device, and no page may break its CSP:\n" + "\n".join(problems)


def site_files(site):
    """What the worker precaches: every file but itself, the single file (offline/, cre_build.single_file), which
    the served site does not need: it is offline already, and the libraries of PyScript's editor and terminal,
    which the form never loads."""
    unused = set(service_worker.unused_chunks(Path(site)))
    return [p for p in Path(site).rglob("*") if p.is_file() and p.name != service_worker.WORKER
            and p.relative_to(site).parts[0] != "offline" and p.relative_to(site).as_posix() not in unused]


def install(page, url, site):
    """Open url, wait until the worker has precached every file of the site, then reload so the worker controls
    the page (it never claims pages loaded before it was active)."""
    page.goto(url)
    assert page.evaluate(ACTIVE, PRECACHE_TIMEOUT_MS), f"no active service worker after {PRECACHE_TIMEOUT_MS} ms"
    count = page.evaluate(PRECACHED)
    assert count == len(site_files(site)), f"precached {count} entries, the site has {len(site_files(site))} files"
    page.reload()
    assert page.evaluate(CONTROLLED), "the service worker does not control the page after a reload"


def test_journey_after_one_visit_the_site_and_form_work_with_the_server_gone(offline_page, site_dir, servers,
                                                                             axe):
    page = offline_page
    server = servers(site_dir)
    install(page, server.url + "form.html", site_dir)
    ready(page)  # online, from the precache: nothing left loading
    manifest = json.loads((site_dir / service_worker.MANIFEST).read_text(encoding="utf-8"))
    assert manifest["start_url"] == "./index.html" and manifest["scope"] == "./"

    server.stop()
    asked_before, failed_before = len(page.requests), len(page.failed)
    page.reload()
    ready(page)
    show(page, "#child_name").press_sequentially(NAME)
    with page.expect_download(timeout=CHECK_TIMEOUT_MS) as download:
        click(page, "#cre-download-json")  # on check your answers
    record = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert record["answers"]["child_name"] == NAME
    check_accessibility(page, axe)

    for address in ("index.html", ""):  # the site's own address answers with its index.html, as a server would
        page.goto(server.url + address)
        expect(page.locator("article h1")).to_be_visible()
        assert len(page.locator("article").inner_text()) > 200
    # A search result's link carries ?h=<words> for highlighting: the same cached page answers it.
    page.goto(server.url + "risk-examples.html?h=exploitation")
    expect(page.locator("article h1")).to_be_visible()
    assert len(page.locator("article").inner_text()) > 200
    expect(page.locator("#cre-sw-update")).to_have_count(0)  # nothing new: no banner

    # With the server gone, every answer came from the precache: the only request that may go unanswered is the
    # browser's own check for a newer sw.js.
    later = page.requests[asked_before:]
    strays = [url for url in later if not url.startswith((server.url, "data:", "blob:"))]
    assert strays == [], f"requests outside {server.url}: {strays}"
    # A request the page itself cancelled by moving on (net::ERR_ABORTED, e.g. the search worker of a page left a
    # moment after it opened) was not left unanswered.
    unanswered = [url for url in page.failed[failed_before:]
                  if f"/{service_worker.WORKER} (" not in url and not url.endswith("(net::ERR_ABORTED)")]
    assert unanswered == [], f"not answered from the precache: {unanswered}"
    errors = [error for error in page.errors if service_worker.WORKER not in error]
    assert errors == [], f"errors with the server gone: {errors}"


def test_journey_an_update_waits_for_the_practitioner(offline_page, tmp_path, site_dir, servers, axe):
    page = offline_page
    site = tmp_path / "site"
    shutil.copytree(site_dir, site)
    server = servers(site)
    install(page, server.url + "index.html", site)

    # A new build: one page changes, and sw.js with it (a new revision in its manifest).
    index = site / "index.html"
    index.write_text(index.read_text(encoding="utf-8").replace(
        "</article>", '<p id="cre-test-new-version">This is the new version.</p></article>', 1), encoding="utf-8")
    service_worker.generate_worker(site)

    page.reload()  # the browser checks sw.js on navigation, finds it changed and installs the new worker beside
    banner = page.locator("#cre-sw-update")
    expect(banner).to_contain_text(BANNER_TEXT, timeout=PRECACHE_TIMEOUT_MS)
    expect(banner).to_have_attribute("role", "status")
    update = banner.get_by_role("button", name="Update now")
    expect(update).to_be_visible()
    expect(page.locator("#cre-test-new-version")).to_have_count(0)  # the old version is still the one running
    check_accessibility(page, axe)

    page.reload()  # not now: the practitioner reloads, or opens another page, and still gets the old version
    expect(page.locator("#cre-sw-update")).to_contain_text(BANNER_TEXT)
    expect(page.locator("#cre-test-new-version")).to_have_count(0)

    loads = []
    page.on("load", lambda _: loads.append(page.url))
    with page.expect_navigation():
        page.locator("#cre-sw-update").get_by_role("button", name="Update now").click()
    expect(page.locator("#cre-test-new-version")).to_have_text("This is the new version.")
    expect(page.locator("#cre-sw-update")).to_have_count(0)
    assert page.evaluate(CONTROLLED)
    assert page.evaluate(PRECACHED) == len(site_files(site))  # the old entries were replaced, none left over
    page.wait_for_timeout(1000)
    assert len(loads) == 1, f"the page reloaded {len(loads)} times after Update now: {loads}"
    assert page.errors == [], page.errors


# The fate of the site's first service worker: "activated" once its install stored every file, "redundant" when the
# install failed, or "timeout".
INSTALL_OUTCOME = """timeout => new Promise((resolve) => {
  const started = Date.now();
  let seen = false;
  const look = async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    const worker = registration && (registration.installing || registration.waiting || registration.active);
    if (worker && ["activated", "redundant"].includes(worker.state)) return resolve(worker.state);
    if (seen && !worker) return resolve("redundant");  // a first install that failed takes its registration with it
    seen = seen || Boolean(worker);
    if (Date.now() - started > timeout) return resolve("timeout");
    setTimeout(look, 100);
  };
  look();
})"""


def test_fault_a_file_changed_on_the_server_after_the_build_is_never_kept_for_offline_use(offline_page, tmp_path,
                                                                                          site_dir, servers, axe):
    """Every precache entry carries its file's SHA-384: a file altered after the build (on the server, or on its
    way) fails the worker's install, so nothing of the altered site is kept to run offline; the site still works
    online, where the page's own CSP still applies."""
    site = tmp_path / "site"
    shutil.copytree(site_dir, site)
    altered = [site / "privacy.html"]
    for path in altered:
        path.write_text(path.read_text(encoding="utf-8").replace("</body>", "<p>changed</p></body>"), encoding="utf-8")
    page = offline_page
    server = servers(site)
    page.goto(server.url + "index.html")
    outcome = page.evaluate(INSTALL_OUTCOME, PRECACHE_TIMEOUT_MS)
    assert outcome == "redundant", outcome
    page.reload()
    assert not page.evaluate(CONTROLLED), "an altered site must not be served by a service worker"
    expect(page.locator("article h1")).to_be_visible()
    check_accessibility(page, axe)
    fault_row("altered-precache", faults_injected=len(altered))
