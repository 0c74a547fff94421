"""The passphrase on a shared computer: the browser's password manager is never offered it (read back from
Chromium's own profile files after a real session), screen readers are never given it, and the weakest passphrases
are refused with a GOV.UK-style message while the answers on the page stay safe.
"""

import sqlite3

from cre.passphrase import check
from e2e_support import (CHROMIUM, LAUNCH_ARGS, SHOTS, answer, check_accessibility, click, open_screen, ready, saved,
                         set_passphrase, unlock)
from egress import Watch
from fault_rows import fault_row
from playwright.sync_api import expect

NAME = "Ottoline Brackenbury-Sæther"
SECRET = "quince harbour velvet 42"  # this test's passphrase: found nowhere else, so a match is a leak
# Which passphrase boxes got typed into, counted by the page itself (input events), however the test filled them.
COUNT_BOXES = """document.addEventListener("input", (event) => {
  if (event.target.classList && event.target.classList.contains("cre-passphrase"))
    (window.__passphraseBoxes = window.__passphraseBoxes || new Set()).add(event.target.id);
}, true);"""
PASSWORD_STORES = ("Login Data", "Login Data For Account")  # Chromium's saved passwords, and its save-offer stats
AUTOFILL = "Web Data"  # what Chromium offers to fill in text boxes


def rows(database):
    """{table: rows} of every table of a profile's SQLite file that holds any row (Chromium's own `meta` aside)."""
    if not database.is_file():
        return {}
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        tables = [name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        found = {table: connection.execute(f'SELECT * FROM "{table}"').fetchall() for table in tables
                 if table not in ("meta", "sqlite_sequence")}
    finally:
        connection.close()
    return {table: found_rows for table, found_rows in found.items() if found_rows}


def mentions(row, *needles):
    text = " ".join(value.decode("latin-1") if isinstance(value, bytes) else str(value) for value in row)
    return any(needle in text for needle in needles)


def files_holding(profile, secret):
    """Every file of the profile whose bytes hold the passphrase (UTF-8 or UTF-16, as Chromium stores text)."""
    needles = [secret.encode("utf-8"), secret.encode("utf-16-le")]
    return [path for path in profile.rglob("*") if path.is_file() and any(n in path.read_bytes() for n in needles)]


def spoken(page):
    """Everything the page gives screen readers (Chromium's accessibility tree: names, values, descriptions)."""
    session = page.context.new_cdp_session(page)
    try:
        nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        session.detach()
    texts = []
    for node in nodes:
        for key in ("name", "value", "description"):
            texts.append(str((node.get(key) or {}).get("value", "")))
        texts += [str((prop.get("value") or {}).get("value", "")) for prop in node.get("properties", [])]
    return "\n".join(texts)


def fill_unheard(page, box, axe):
    """Type the passphrase into a box, and check screen readers are not given it, nor axe bothered by the form."""
    page.fill(box, SECRET)
    assert SECRET not in spoken(page), f"{box}: the accessibility tree holds the passphrase"
    check_accessibility(page, axe)


def test_journey_the_browser_is_never_offered_the_passphrase(browser, server, tmp_path, axe):
    profile = tmp_path / "profile"  # a persistent profile, started by the session's Playwright
    context = browser.browser_type.launch_persistent_context(
        profile, executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True, accept_downloads=True,
        viewport={"width": 1280, "height": 800})
    context.set_default_timeout(10_000)
    watch = Watch(context, (server, "data:", "blob:"))
    context.route("**/*", watch.route)
    context.add_init_script(COUNT_BOXES)
    page = context.pages[0] if context.pages else context.new_page()
    page.goto(server + "form.html")
    ready(page)
    answer(page, "#child_name", NAME)

    open_screen(page, "save")  # set it: both boxes, sent with Enter
    page.locator("#cre-vault-setup").wait_for(state="visible")
    fill_unheard(page, "#cre-new-passphrase", axe)
    fill_unheard(page, "#cre-confirm-passphrase", axe)
    page.press("#cre-confirm-passphrase", "Enter")
    expect(page.locator("#cre-vault-setup")).to_be_hidden()
    saved(page)

    for _ in range(2):  # lock and unlock, twice
        click(page, "#cre-lock")
        expect(page.locator("#cre-vault-unlock")).to_be_visible()
        fill_unheard(page, "#cre-passphrase", axe)
        page.press("#cre-passphrase", "Enter")
        expect(page.locator("#cre-vault-unlock")).to_be_hidden()
        expect(page.locator("#child_name")).to_have_value(NAME)

    open_screen(page, "check")  # an encrypted copy under its own passphrase, opened again through its box
    click(page, "#cre-download-sealed")
    fill_unheard(page, "#cre-export-passphrase", axe)
    fill_unheard(page, "#cre-export-again", axe)
    with page.expect_download() as info:
        page.press("#cre-export-again", "Enter")
    sealed = tmp_path / "record-encrypted.json"
    info.value.save_as(sealed)
    open_screen(page, "start")
    page.set_input_files("#cre-import", str(sealed))
    expect(page.locator("#cre-file-unlock")).to_be_visible()
    fill_unheard(page, "#cre-file-passphrase", axe)
    page.click("#cre-open-file")
    expect(page.locator("#cre-file-unlock")).to_be_hidden()
    expect(page.locator("#child_name")).to_have_value(NAME)

    exercised = set(page.evaluate("() => [...(window.__passphraseBoxes || [])]"))
    boxes = set(page.eval_on_selector_all("input.cre-passphrase, input[type=password]",
                                          "boxes => boxes.map((box) => box.id)"))
    assert exercised == boxes, f"every passphrase box is tried: {sorted(boxes - exercised)} were not"
    page.goto(server + "index.html")  # leaving the page is when a browser most often offers to save
    page.wait_for_load_state("load")
    problems = watch.problems()
    context.close()  # cleanly, so the profile's files are written out
    assert not problems, "nothing may leave the device:\n" + "\n".join(problems)

    host = server.split("/")[2]
    default = profile / "Default"
    assert (default / "Login Data").is_file(), "the test reads Chromium's password store: it must exist"
    offered = [(store, table, row) for store in PASSWORD_STORES for table, found in rows(default / store).items()
               for row in found if table in ("logins", "stats") or mentions(row, host, SECRET)]
    remembered = [(table, row) for table, found in rows(default / AUTOFILL).items() for row in found
                  if mentions(row, SECRET)]
    holding = files_holding(profile, SECRET)
    assert offered == [], f"the password manager learnt of the site: {offered}"
    assert remembered == [], f"the browser's autofill kept the passphrase: {remembered}"
    assert holding == [], f"profile files hold the passphrase: {holding}"
    fault_row("password-manager", inputs_tried=len(exercised),
              plaintext_found=len(offered) + len(remembered) + len(holding))


# A weak passphrase of each kind the check refuses; the page must say what cre.passphrase says.
WEAK = ["", "short one", "aaaaaaaaaaaa", "abcabcabcabc", "abcdefghijklmnop", "qwertyuiopasd", "password1234",
        "P@ssw0rd 2024!", "Liverpool1892", "iloveyou iloveyou"]


def test_journey_weak_passphrases_are_refused_with_a_message(sized_page, server, axe):
    page = sized_page
    page.goto(server + "form.html")
    ready(page)
    answer(page, "#child_name", NAME)
    open_screen(page, "save")
    setup = page.locator("#cre-vault-setup")
    setup.wait_for(state="visible")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"passphrase-setup-{page.size}.png", full_page=True)
    summary, link = page.locator("#cre-setup-summary"), page.locator("#cre-setup-summary-link")

    refused = 0
    for number, weak in enumerate(WEAK):
        problem = check(weak, weak)
        assert problem is not None, f"{weak!r} is meant to be weak"
        page.fill("#cre-new-passphrase", weak)
        page.fill("#cre-confirm-passphrase", weak)
        if number % 2:
            page.press("#cre-confirm-passphrase", "Enter")
        else:
            page.click("#cre-set-passphrase")
        expect(summary).to_be_visible()
        expect(summary).to_be_focused()
        expect(link).to_have_text(problem.message)
        expect(page.locator("#cre-new-passphrase-error")).to_have_text(f"Error: {problem.message}")
        expect(setup).to_be_visible()
        expect(page.locator("#cre-saved")).not_to_contain_text("Saved")
        if weak.strip():
            assert weak not in page.evaluate("() => document.body.innerText + document.title + location.href")
        refused += 1
    page.screenshot(path=SHOTS / f"passphrase-refused-{page.size}.png", full_page=True)
    expect(page.locator("#cre-passphrase-advice")).to_contain_text("three random words")
    check_accessibility(page, axe)
    link.click()  # the summary's link leads to the box
    expect(page.locator("#cre-new-passphrase")).to_be_focused()

    page.fill("#cre-new-passphrase", "kettle orchard lantern 7")  # a good one, typed again wrongly
    page.fill("#cre-confirm-passphrase", "kettle orchard lantern 8")
    page.click("#cre-set-passphrase")
    expect(link).to_have_text(check("kettle orchard lantern 7", "x").message)
    expect(page.locator("#cre-confirm-passphrase-error")).to_contain_text("Enter the same passphrase")
    expect(page.locator("#cre-new-passphrase-error")).to_be_hidden()
    expect(page.locator("#cre-confirm-passphrase")).to_have_value("")
    check_accessibility(page, axe)

    set_passphrase(page)  # then a good one: nothing typed on the form was lost on the way
    saved(page)
    expect(summary).to_be_hidden()
    page.reload()
    ready(page)
    unlock(page)
    try:
        expect(page.locator("#child_name")).to_have_value(NAME)
        lost = 0
    except AssertionError:
        lost = 1
    assert lost == 0, "the answers typed before the passphrase was set were lost"
    fault_row("weak-passphrase", inputs_tried=refused, records_lost=lost)

