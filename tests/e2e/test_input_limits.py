"""Record files that cost too much to read: a file far larger than any record is refused by its size before a byte
of it is read, and files shaped to be slow (escaped quotes, backslashes, brackets, a checkbox answer of thousands of
objects) are refused in one pass, on the page as in the CLI. Meanwhile the page keeps answering, and the open draft
stays as it was. A record dated in the year 9999 neither stops the drafts list nor sits at its top.
"""

import json
import time

from playwright.sync_api import expect

from cre.convert import prepare_import
from cre.inputs import MAX_BYTES, read_record
from cre.records import new_record
from e2e_support import CHECK_TIMEOUT_MS, answer, check_accessibility, open_screen, saved, saved_draft, show
from fault_rows import fault_row

ONE_MB = 1024 * 1024
HUGE_MB = 1500
# Generous for a loaded 2-core machine and Pyodide: the checks they guard once took hours on 1 MB.
SLOW_LIMIT_S = 5.0
BROWSER_LIMIT_S = 10.0
SLOW_SIZES = (128 * 1024, ONE_MB)  # the small ones first: a quadratic check fails in a minute, not hours
# Refusing by size takes milliseconds; reading 1.5 GB first took 9 s, then held the page for 1.7 to 3 s.
HUGE_LIMIT_S = 3.0
STILL_MS = 1_000  # the longest the page may stop answering while the huge file is refused
REFUSED = "That file cannot be opened: {}. Your open draft is unchanged."
# Counts what the page says (#cre-status; the same words said twice are two changes), times from the file's choice
# to the words, and keeps the longest task that held the page (the Long Tasks API).
WATCH = """() => {
  window.creSaid = 0;
  window.creLongest = 0;
  new MutationObserver(() => { window.creSaid += 1; window.creSaidAt = performance.now(); })
    .observe(document.getElementById("cre-status"), { childList: true, characterData: true, subtree: true });
  document.getElementById("cre-import").addEventListener("change", () => { window.creChosenAt = performance.now(); });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.creLongest = Math.max(window.creLongest, entry.duration);
  }).observe({ type: "longtask" });
}"""


def a_saved_draft(page, server):
    saved_draft(page, server, {"#child_name": "Anna Nowak"})
    page.evaluate(WATCH)


def choose(page, path):
    """Choose a file on the start screen; (what the page then says, seconds from the choice to the words)."""
    chooser = show(page, "#cre-import")  # opening the start screen may clear what was said: counted before
    said = page.evaluate("() => window.creSaid")
    chooser.set_input_files(str(path))
    page.wait_for_function("(said) => window.creSaid > said", arg=said, timeout=CHECK_TIMEOUT_MS)
    took = page.evaluate("() => (window.creSaidAt - window.creChosenAt) / 1000")
    return page.locator("#cre-status").inner_text(), took


def still_working(page, text):
    """The open draft is as it was, and the page's Python still checks and saves what is typed."""
    expect(page.locator("#child_name")).to_have_value("Anna Nowak")
    answer(page, "#why_at_risk", text)
    open_screen(page, "check")
    expect(page.locator("#cre-review")).to_contain_text(text)
    expect(page.locator("#cre-review")).to_contain_text("Anna Nowak")
    saved(page)


def drafts_listed(page):
    open_screen(page, "start")
    return page.locator("#cre-drafts li.cre-draft").count()


def test_journey_a_huge_file_is_refused_by_its_size_before_it_is_read(page, server, tmp_path, axe):
    a_saved_draft(page, server)
    before = drafts_listed(page)
    huge = tmp_path / "a-film.json"
    with huge.open("wb") as handle:  # sparse: no disk is used, and nothing is read unless the page reads it
        handle.truncate(HUGE_MB * ONE_MB)
    page.evaluate("() => { window.creLongest = 0; }")
    said, took = choose(page, huge)
    assert said == REFUSED.format(f"the file is {HUGE_MB:.1f} MB; records are at most 5 MB")
    assert took < HUGE_LIMIT_S, f"the refusal took {took:.1f} s"
    longest = page.evaluate("() => window.creLongest")
    assert longest < STILL_MS, f"the page stopped answering for {longest:.0f} ms"
    check_accessibility(page, axe)

    still_working(page, "Typed after the refusal.")
    after = drafts_listed(page)
    assert after == before == 1
    fault_row("huge-file", inputs_tried=len([huge]), records_lost=before - after)


def slow_files(tmp_path, size):
    """(file, what its refusal says): about `size` bytes each."""
    checkboxes = new_record("dd-cre-2022")
    checkboxes["answers"] = {"agencies_involved": [{"a": n} for n in range(size // 13)]}
    mixed = new_record("dd-cre-2022")
    mixed["answers"] = {"agencies_involved": [x for n in range(size // 15) for x in (n, str(n))]}
    not_json = "the file is not valid JSON (line 1, column 1: Unterminated string starting at)"
    not_a_choice = ("it does not match its form: the answer to “Agencies already involved?” is not one of the choices "
                    "(at $.answers.agencies_involved[0])")
    files = [
        ("escaped-quotes", b'"' + b'\\"' * (size // 2), not_json),
        ("checkbox-objects", json.dumps(checkboxes).encode(), not_a_choice),
        ("brackets", b"[" * size, "the file nests deeper than 64 levels; records never do"),
        ("checkbox-mixed", json.dumps(mixed).encode(), not_a_choice),
        ("backslashes", b'"' + b"\\" * size, not_json),
        ("short-strings", b"[" + b'"a",' * (size // 4) + b'"a"]',
         "the file is JSON but not a record: a record is a JSON object"),
    ]
    paths = []
    for name, data, says in files:
        assert size * 0.9 < len(data) < min(size * 1.2, MAX_BYTES), name
        path = tmp_path / f"{name}-{size // 1024}k.json"
        path.write_bytes(data)
        paths.append((path, says))
    return paths


def cli_refusal(data):
    """What the CLI says of the file (it reads a record as the page does: read_record, then prepare_import)."""
    try:
        prepare_import(*read_record(data))
    except ValueError as error:
        return str(error)
    return None


def refused_in_time(files, refusal, sentence, limit):
    """Each file refused with its reason (put in sentence) within the limit, in seconds; how many were."""
    refused = 0
    for path, says in files:
        said, took = refusal(path)
        assert said == sentence.format(says), path.name
        assert took < limit, f"{path.name}: {took:.1f} s"
        refused += 1
    return refused


def test_journey_files_shaped_to_be_slow_are_refused_in_one_pass(page, server, tmp_path, axe):
    files = [found for size in SLOW_SIZES for found in slow_files(tmp_path, size)]

    def in_cpython(path):  # as the CLI reads it
        started = time.perf_counter()
        said = cli_refusal(path.read_bytes())
        return said, time.perf_counter() - started

    in_cpython_refused = refused_in_time(files, in_cpython, "{}", SLOW_LIMIT_S)
    a_saved_draft(page, server)
    before = drafts_listed(page)
    in_the_browser_refused = refused_in_time(files, lambda path: choose(page, path), REFUSED, BROWSER_LIMIT_S)
    check_accessibility(page, axe)

    still_working(page, "Typed after the refusals.")
    after = drafts_listed(page)
    assert after == before == 1
    fault_row("slow-parse", inputs_tried=min(in_cpython_refused, in_the_browser_refused), records_lost=before - after)


def test_journey_a_record_dated_9999_neither_stops_the_list_nor_tops_it(page, server, tmp_path, axe):
    a_saved_draft(page, server)
    record = new_record("dd-cre-2022")
    record["created"] = record["updated"] = "9999-12-31T23:59:59-14:00"  # beyond the last moment Python can hold
    record["answers"] = {"child_name": "Zofia Wójcik"}
    path = tmp_path / "from-the-future.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    said, _took = choose(page, path)
    assert said == "Record opened."
    open_screen(page, "start")
    rows = page.locator("#cre-drafts li.cre-draft")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("AN · ")
    expect(rows.nth(1)).to_contain_text("ZW · ")
    expect(rows.nth(1)).to_contain_text("Last changed at an unknown time")
    assert page.locator(".py-error").count() == 0
    check_accessibility(page, axe)
    fault_row("future-time", inputs_tried=len([path]), records_lost=2 - rows.count())


# The file was moved or deleted between choosing it and the page reading it: the browser refuses the read.
GONE = """() => {
  window.creReadsRefused = 0;
  File.prototype.arrayBuffer = function () {
    window.creReadsRefused += 1;
    return Promise.reject(new DOMException("The requested file could not be read.", "NotReadableError"));
  };
}"""


def test_journey_a_file_gone_before_it_is_read_is_refused_plainly(page, server, tmp_path, axe):
    a_saved_draft(page, server)
    before = drafts_listed(page)
    path = tmp_path / "moved-away.json"
    path.write_text(json.dumps(new_record("dd-cre-2022")), encoding="utf-8")
    page.evaluate(GONE)
    said, _took = choose(page, path)
    assert said == REFUSED.format("the browser could not read it, perhaps because it was moved, changed or deleted "
                                  "after you chose it; choose it again"), said
    check_accessibility(page, axe)
    still_working(page, "Typed after the unreadable file.")
    after = drafts_listed(page)
    assert after == before == 1
    fault_row("file-gone", faults_injected=page.evaluate("() => window.creReadsRefused"), records_lost=before - after)
