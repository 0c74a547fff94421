"""What the benchmark measures in Chromium, one page visit at a time, each in a browser with a fresh profile.

Times come from the probe (probe.js) in the page itself, in ms from the start of navigation, so Playwright's own
round trips do not count. A cold visit is a new browser with a new, empty profile; a warm visit is the same profile
after the browser was closed and started again, with the server stopped (the service worker serves everything).
"""

import gzip
import json
import shutil
import tempfile
from pathlib import Path

from e2e_support import CHROMIUM, LAUNCH_ARGS, open_screen
from server import Server

PROBE = Path(__file__).resolve().parent / "probe.js"
FIRST_INPUT = "#cre-form input:not([type=hidden]), #cre-form textarea"
FIRST_SCREEN = "#section-s1"  # a link to the first section, as the start screen's "Start a new assessment" is
PDF_DONE = "The PDF was downloaded"
RECORD_OPENED = "Record opened."
PYTHON_TIMEOUT_MS = 180_000  # a cold start takes seconds here; a busy machine can be far slower
PRECACHE_TIMEOUT_MS = 300_000
ACTIVE = """timeout => Promise.race([
  navigator.serviceWorker.ready.then(() => true),
  new Promise((resolve) => setTimeout(() => resolve(false), timeout)),
])"""
STATUS_SINCE = """([text, since]) => window.__bench.status.some(([t, s]) => t >= since && s.startsWith(text))
  || !!document.querySelector('.py-error')"""
# A change that keeps the record complete: an indicator's level, or a few more words in a text area.
CHANGE = """async ([i, radios, text]) => {
  const bench = window.__bench;
  bench.timers = [];
  bench.tagging = true;
  if (i % 2) {
    const radio = document.getElementById(radios[(i >> 1) % radios.length]);
    radio.checked = true;
    radio.dispatchEvent(new Event("input", { bubbles: true }));
    radio.dispatchEvent(new Event("change", { bubbles: true }));
  } else {
    const area = document.getElementById(text);
    area.value = area.value.length > 400 ? area.value.slice(0, 80) : area.value + " More.";
    area.dispatchEvent(new Event("input", { bubbles: true }));
  }
  bench.tagging = false;
  // The page's check, after its short pause: the last timer with the shortest delay (a change also restarts the
  // auto-lock's longer timers, and an "input" then a "change" start the check twice, the first one cancelled).
  const timer = bench.timers.reduce((a, b) => (b.delay <= a.delay ? b : a));
  for (let waited = 0; timer.laidOut === null; waited += 5) {
    if (waited > 30000) throw new Error("the page did not check the change");
    await bench.sleep(5);
  }
  return timer.laidOut - timer.start;
}"""
PY_DONE = "() => window.__bench.events.some(([, name]) => name === 'py:done')"
# When each step of the start happened (ms): files arriving (Resource Timing) and PyScript's own events.
MILESTONES = """() => {
  const arrived = (end) => {
    const entry = performance.getEntriesByType("resource").find((e) => e.name.split(/[?#]/)[0].endsWith(end));
    return entry ? entry.responseEnd : null;
  };
  const event = (name) => (window.__bench.events.find(([, n]) => n === name) || [null])[0];
  const mark = (name) => (performance.getEntriesByName(name, "mark")[0] || { startTime: null }).startTime;
  return {
    "pyscript/core.js arrived": arrived("pyscript/core.js"),
    "pyodide.asm.wasm arrived": arrived("pyodide.asm.wasm"),
    "python_stdlib.zip arrived": arrived("python_stdlib.zip"),
    "bundle.zip arrived": arrived("bundle.zip"),
    "PyScript started": event("Loading Pyodide"),
    "loadPyodide called": event("Loading interpreter"),
    "interpreter loaded": event("Loaded interpreter"),
    "bundle unpacked": event("Loaded files"),
    "main.py started (py:ready)": event("py:ready"),
    "main.py imported the rules and the page's code": mark("cre:imported"),
    "main.py done (py:done)": event("py:done"),
  };
}"""
# Main-thread blocking from the first contentful paint until the rules went live (Lighthouse's total blocking
# time counts the same: each long task's time over 50 ms), the longest task then, and the layout shifts until live.
# `end` is when the page was done (the rules live; the bare page's import json).
RESPONSIVENESS = """(end) => {
  const bench = window.__bench;
  const from = bench.paint ?? 0;
  const tasks = bench.longTasks.filter(([start, duration]) => start + duration > from && start < end)
    .map(([start, duration]) => Math.min(start + duration, end) - Math.max(start, from));
  return {
    longest_ms: Math.max(0, ...tasks),
    blocking_ms: tasks.reduce((sum, duration) => sum + Math.max(0, duration - 50), 0),
    shift: bench.shifts.filter(([time]) => time <= end).reduce((sum, [, value]) => sum + value, 0),
  };
}"""
# The URL paths the page asked for before the rules went live: the page itself and each resource requested
# before then (the PDF's own part is asked for after; the service worker registers later still).
ASKED_BEFORE_LIVE = """() => [location.pathname, ...performance.getEntriesByType("resource")
  .filter((entry) => entry.startTime < window.__bench.live).map((entry) => new URL(entry.name).pathname)]"""
# A school's shared link, as Chromium's network emulation sets it (CDP Network.emulateNetworkConditions):
# throughput in bytes per second, latency added to each request's round trip.
SCHOOL_LINK = {"offline": False, "latency": 40, "downloadThroughput": 20_000_000 / 8,
               "uploadThroughput": 5_000_000 / 8}
PDF_MODULES = """async () => {
  const script = document.createElement("script");
  script.type = "py";
  script.textContent = "import sys, js\\n" +
    "js.document.documentElement.dataset.benchPdfModules = str(len([m for m in sys.modules " +
    "if m.split('.')[0] in ('fpdf', 'fontTools')]))";
  document.body.append(script);
  for (let waited = 0; !("benchPdfModules" in document.documentElement.dataset); waited += 20) {
    if (waited > 20000) return null;
    await window.__bench.sleep(20);
  }
  return Number(document.documentElement.dataset.benchPdfModules);
}"""


class Browser:
    """Chromium with its own profile (a new temporary one unless given): `with Browser(playwright) as page:`."""

    def __init__(self, playwright, profile=None, network=None):
        self.playwright, self.profile, self.network = playwright, profile, network
        self._temp = None

    def __enter__(self):
        if self.profile is None:
            self._temp = tempfile.TemporaryDirectory(prefix="cre-bench-profile-")
            self.profile = self._temp.name
        self.context = self.playwright.chromium.launch_persistent_context(
            self.profile, executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True, service_workers="allow",
            viewport={"width": 1280, "height": 900}, accept_downloads=True)
        self.context.set_default_timeout(60_000)
        self.context.add_init_script(path=str(PROBE))
        self.strays = []
        self.context.on("request", lambda request: request.url.startswith(("http://127.0.0.1", "data:", "blob:",
                                                                            "file://"))
                        or self.strays.append(request.url))
        page = self.context.pages[0] if self.context.pages else self.context.new_page()
        if self.network:
            cdp = self.context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", self.network)
        return page

    def __exit__(self, *exc):
        self.context.close()
        if self._temp is not None:
            self._temp.cleanup()
        if self.strays:
            raise RuntimeError(f"requests left the machine: {self.strays}")


def typeable(page, url):
    """Open url at the form's first section (FIRST_SCREEN: the page opens on its start screen, which has no field),
    click its first input as soon as it can be clicked and type: when the page accepted the key (ms)."""
    page.goto(url + FIRST_SCREEN, wait_until="commit")
    field = page.locator(FIRST_INPUT).first
    field.click(timeout=PYTHON_TIMEOUT_MS)  # as a practitioner does: once it is shown and takes the click
    field.press("a")
    page.wait_for_function("() => window.__bench.firstInput !== null")
    return page.evaluate("() => window.__bench.firstInput")


def live_time(page):
    """When the rules went live: the page marked Python ready, its first check shown (ms); fails on a Python error
    box."""
    page.wait_for_function("() => window.__bench.live !== null || !!document.querySelector('.py-error')",
                           timeout=PYTHON_TIMEOUT_MS)
    errors = page.locator(".py-error").all_inner_texts()
    if errors:
        raise RuntimeError("Python reported an error on the page:\n" + "\n".join(errors))
    return page.evaluate("() => window.__bench.live")


def status_time(page, text, since=0.0):
    """When #cre-status first said `text` at or after `since` (ms); fails on a Python error box."""
    page.wait_for_function(STATUS_SINCE, arg=[text, since], timeout=PYTHON_TIMEOUT_MS)
    errors = page.locator(".py-error").all_inner_texts()
    if errors:
        raise RuntimeError("Python reported an error on the page:\n" + "\n".join(errors))
    return page.evaluate("([text, since]) => window.__bench.status.find(([t, s]) => t >= since && "
                         "s.startsWith(text))[0]", [text, since])


def plain_visit(playwright, site, base, page_name):
    with Browser(playwright) as page:
        server = Server(site, base)
        try:
            return typeable(page, server.url + page_name)
        finally:
            server.stop()


def bare_visit(playwright, site, base, page_name, network=None):
    with Browser(playwright, network=network) as page:
        server = Server(site, base)
        try:
            page.goto(server.url + page_name, wait_until="commit")
            page.wait_for_function("() => document.documentElement.dataset.bench === 'ready'",
                                   timeout=PYTHON_TIMEOUT_MS)
            live = page.evaluate("() => window.__benchBare")
            return {"live_bare_ms": live, "milestones_bare": page.evaluate("() => window.__benchBareSteps"),
                    "longest_task_bare_ms": page.evaluate(RESPONSIVENESS, live)["longest_ms"]}
        finally:
            server.stop()


def single_visit(playwright, single_file):
    """The form in one file (cre_build.single_file), copied into a folder as on a file share and opened from
    there in a new profile, as a double-click opens it: typing and Python times, and the file's sizes."""
    with tempfile.TemporaryDirectory(prefix="cre-bench-share-") as share:
        copy = Path(share) / "Shared drive" / "CRE – forms" / single_file.name
        copy.parent.mkdir(parents=True)
        shutil.copyfile(single_file, copy)
        with Browser(playwright) as page:
            out = {"typeable_single_ms": typeable(page, copy.as_uri()), "live_single_ms": live_time(page)}
    data = single_file.read_bytes()
    out["single_file_raw_bytes"], out["single_file_gzip_bytes"] = len(data), len(gzip.compress(data, 6))
    return out


def open_record(page, record):
    since = page.evaluate("() => performance.now()")
    page.set_input_files("#cre-import", files=[{"name": "record.json", "mimeType": "application/json",
                                                "buffer": json.dumps(record).encode()}])
    status_time(page, RECORD_OPENED, since)


def round_trips(page, changes, radios, text):
    return [page.evaluate(CHANGE, [i, radios, text]) for i in range(changes)]


def pdf_time(page):
    """Click "Download the PDF" on check your answers: ms from the click until the page said the PDF was
    downloaded."""
    open_screen(page, "check")
    with page.expect_download(timeout=PYTHON_TIMEOUT_MS):
        page.click("#cre-download-pdf")
    clicked = page.evaluate("() => window.__bench.clicks.filter(([, id]) => id === 'cre-download-pdf').pop()[0]")
    return status_time(page, PDF_DONE, clicked) - clicked


def link_visit(playwright, site, base, page_name, network):
    """The form on an emulated link (`network`): a first visit (cold), then the same profile again with the server
    stopped (warm, offline; the link's emulation still applies to the page). Rules live both times (ms)."""
    with tempfile.TemporaryDirectory(prefix="cre-bench-profile-") as profile:
        server = Server(site, base)
        try:
            with Browser(playwright, profile, network) as page:
                page.goto(server.url + page_name, wait_until="commit")
                out = {"live_link_ms": live_time(page)}
                if not page.evaluate(ACTIVE, PRECACHE_TIMEOUT_MS):
                    raise RuntimeError("the service worker did not become active (precache incomplete)")
        finally:
            server.stop()
        with Browser(playwright, profile, network) as page:
            page.goto(server.url + page_name, wait_until="commit")
            out["live_link_warm_ms"] = live_time(page)
    return out


def form_visit(playwright, site, base, page_name, record, changes=0, radios=(), text=""):
    """A first visit (cold), then the same profile again with the server stopped (warm, offline).

    Returns typing and Python times cold and warm, the bytes sent until the rules were live and those of the
    whole first visit (everything the page and its service worker fetched until the worker was ready, so the
    whole precache), the PDF module count after start,
    the first and second PDF, and `changes` round trips (none when 0)."""
    out = {}
    with tempfile.TemporaryDirectory(prefix="cre-bench-profile-") as profile:
        server = Server(site, base)
        try:
            with Browser(playwright, profile) as page:
                out["typeable_form_ms"] = typeable(page, server.url + page_name)
                out["live_form_ms"] = live_time(page)
                asked = set(page.evaluate(ASKED_BEFORE_LIVE))
                out["live_raw_bytes"], out["live_gzip_bytes"], out["live_sent_bytes"] = server.transferred(asked)
                out["live_files"] = server.files(site, asked)
                page.wait_for_function(PY_DONE, timeout=PYTHON_TIMEOUT_MS)  # the last step: after the rules went live
                out["milestones_cold"] = page.evaluate(MILESTONES)
                busy = page.evaluate(RESPONSIVENESS, out["live_form_ms"])
                out["longest_task_ms"], out["blocking_ms"], out["layout_shift"] = (
                    busy["longest_ms"], busy["blocking_ms"], busy["shift"])
                out["pdf_modules_at_start"] = page.evaluate(PDF_MODULES)
                if not page.evaluate(ACTIVE, PRECACHE_TIMEOUT_MS):
                    raise RuntimeError("the service worker did not become active (precache incomplete)")
                (out["first_visit_raw_bytes"], out["first_visit_gzip_bytes"],
                 out["first_visit_sent_bytes"]) = server.transferred()
                open_record(page, record)
                if changes:
                    out["round_trip_ms"] = round_trips(page, changes, radios, text)
                out["pdf_browser_ms"] = pdf_time(page)
                out["pdf_browser_again_ms"] = pdf_time(page)
        finally:
            server.stop()
        with Browser(playwright, profile) as page:
            out["typeable_warm_ms"] = typeable(page, server.url + page_name)
            out["live_warm_ms"] = live_time(page)
            page.wait_for_function(PY_DONE, timeout=PYTHON_TIMEOUT_MS)
            out["milestones_warm"] = page.evaluate(MILESTONES)
    return out
