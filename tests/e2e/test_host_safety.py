"""Another script near the toolkit: what each page's Content Security Policy refuses, and what
Cross-Origin-Opener-Policy cuts off.

A Content Security Policy decides which scripts a page will run. It refuses a script written into the page (an
inline <script>, an event-handler attribute, a javascript: address, a frame's srcdoc), one added later through the
DOM (a script element, markup with a handler, a string handed to a timer: the guidance pages allow no eval), and a
script from another host. So every vector below is tried on every guidance page and on the form page, once injected
into the page as served (as a stored injection would be) and once through the DOM (as an injection through the
page's own code would be), and on the home page opened from a file share; each vector, had it run, would read the
page and note what it read. None may run, and each must be refused by the policy (one report each), not fail for
another reason: the same vectors on a page stripped of its policy all run.

What a policy cannot stop, and these tests do not pretend it does: a script already running with the page's origin
(page.evaluate here, which the browser runs as the developer tools do; another page of the same host reading the
drafts' database) and a file of the same origin that 'self' allows. That is why the Hosting page asks for a host
name of its own.

Cross-Origin-Opener-Policy: same-origin (sent by `cre serve` and the Hosting page's settings): a page of another
site that opened the form keeps no handle on its tab, so it cannot later send that tab to a look-alike lock screen.
Checked against the same page without the header, where the attack works.
"""

import os
import re

from e2e_support import SITE_DIR, check_accessibility, nav_pages
from egress import Watch
from fault_rows import fault_row
from playwright.sync_api import expect

from cre_build import form_page

FORM_PAGES = {path for path in form_page.pages() if path.endswith(".html")}
GUIDANCE = [name for name in nav_pages() if name not in FORM_PAGES]
READ = "(window.__creRead = window.__creRead || []).push"  # what each vector does if it runs
WHAT = "[document.title, localStorage.length, document.body.innerText.length]"  # what it reads
POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>')


def stored_vectors(other_origin):
    """Written into the page itself, at the end of its content: name -> markup."""
    mark = "data-cre-injected"
    return {
        "inline script": f"<script {mark}>{READ}(['inline script', {WHAT}])</script>",
        "handler attribute": f'<img {mark} src="data:," alt="" onerror="{READ}([\'handler attribute\', {WHAT}])">',
        "javascript: link": f'<a {mark} id="cre-injected-link" '
                            f'href="javascript:{READ}([\'javascript: link\', {WHAT}])">Injected link</a>',
        "srcdoc frame": f'<iframe {mark} title="Injected frame" srcdoc="<script>(parent.__creRead = '
                        "parent.__creRead || []).push(['srcdoc frame', parent.document.title])</script>\"></iframe>",
        "script from another host": f'<script {mark} src="{other_origin}cre-injected.js"></script>',
    }


DOM_VECTORS = {  # added once the page has loaded, as a page's own code could be led to: name -> the call
    "script element": f"""() => {{ const s = document.createElement("script");
        s.textContent = "{READ}(['script element', {WHAT}])"; document.body.append(s); }}""",
    "markup with a handler": f"""() => document.body.insertAdjacentHTML("beforeend",
        `<img data-cre-injected src="data:," alt="" onerror="{READ}(['markup with a handler', {WHAT}])">`)""",
    "handler set later": f"""() => {{ const b = document.createElement("button");
        b.setAttribute("onclick", "{READ}(['handler set later', {WHAT}])"); document.body.append(b); b.click();
        b.remove(); }}""",
    "javascript: address": f"""() => {{ location.href = "javascript:{READ}(['javascript: address', {WHAT}])"; }}""",
    "string as code": f"""() => setTimeout("{READ}(['string as code', {WHAT}])", 0)""",  # eval: guidance only
}
FORM_ALLOWS = {"string as code"}  # PyScript evaluates strings, so the form page's policy allows eval
DIRECTIVES = ("script-src-elem", "script-src-attr", "script-src")
TOP_HIDDEN = "() => [...document.querySelectorAll('.md-top')].every(button => button.hidden)"  # the theme's button


def other_origin(server):
    """The test server's address under another host name: another origin, as another site on the intranet would
    be. Nothing reaches it: the policy refuses it, or a route of the test answers."""
    return server.replace("//127.0.0.1:", "//localhost:", 1)


def watched_context(browser, allowed, **options):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block", **options)
    context.set_default_timeout(10_000)
    watch = Watch(context, (*allowed, "data:", "blob:"))
    context.route("**/*", watch.route)
    return context, watch


def finish(context, watch, page=None):
    if page is not None and not page.is_closed():
        watch.settle(page)
    problems = watch.problems()
    context.close()
    assert not problems, "nothing may leave the device, and no page may break its CSP:\n" + "\n".join(problems)


def inject(markup, strip_policy=False):
    """A route handler: the page as served, with `markup` at the end of its content (and its policy taken out)."""
    def handler(route):
        response = route.fetch()
        body = response.text()
        if strip_policy:
            body = POLICY.sub("", body)
        end = "</article>" if "</article>" in body else "</main>"
        assert end in body, route.request.url
        route.fulfill(response=response, body=body.replace(end, markup + end, 1))
    return handler


def try_every_vector(page, vectors):
    """Run the DOM vectors (those in `vectors`) and follow the injected link; then what ran."""
    for name, call in DOM_VECTORS.items():
        if name in vectors:
            page.evaluate(call)
    if "javascript: link" in vectors:
        page.locator("#cre-injected-link").click()
    page.wait_for_timeout(300)  # a refused timer or frame reports a moment later
    return page.evaluate("() => window.__creRead || []")


def reports(watch, page, at_least):
    """The policy's reports so far, once at least `at_least` have arrived (each frame asked; a moment's grace)."""
    for _ in range(20):
        watch.settle(page)
        if len(watch.violations) >= at_least:
            break
        page.wait_for_timeout(100)
    return len(watch.violations)


def test_fault_a_script_injected_into_any_page_is_refused_by_its_policy(browser, server, tmp_path, axe):
    other = other_origin(server)
    stored = stored_vectors(other)
    context, watch = watched_context(browser, (server, "file://"))
    for directive in DIRECTIVES:
        watch.expect_csp(directive)  # provoked on purpose: counted below, one report per vector
    page, tried, ran = context.new_page(), 0, []
    errors, blocked = [], []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("requestfailed", lambda request: request.failure == "csp" and blocked.append(request.url))
    markup = "".join(stored.values())
    for name in [*GUIDANCE, "form.html"]:
        vectors = {*stored, *DOM_VECTORS} - (FORM_ALLOWS if name in FORM_PAGES else set())
        page.route(server + name, inject(markup))
        before = len(watch.violations)
        page.goto(server + name, wait_until="load")
        expect(page.locator("main").first).to_be_visible()
        ran += try_every_vector(page, vectors)
        tried += len(vectors)
        refused = reports(watch, page, before + len(vectors)) - before
        assert refused == len(vectors), f"{name}: {refused} reports for {len(vectors)} vectors refused"
        if name in ("index.html", "level-of-risk.html", "form.html"):
            page.evaluate("() => { document.querySelectorAll('[data-cre-injected]').forEach(e => e.remove()); "
                          "window.scrollTo(0, 0); }")  # the link's click scrolled: back to the top, as opened
            page.wait_for_function(TOP_HIDDEN)
            check_accessibility(page, axe)  # the page as it was, unharmed by what was tried on it
    assert ran == [], f"an injected script ran and read the page: {ran}"

    # The home page opened from a file share: the same folder with the injected copy of index.html.
    share = tmp_path / "share"
    share.mkdir()
    for entry in SITE_DIR.iterdir():
        if entry.name != "index.html":
            os.symlink(entry, share / entry.name)
    html = (SITE_DIR / "index.html").read_text("utf-8")
    (share / "index.html").write_text(html.replace("</article>", markup + "</article>", 1), encoding="utf-8")
    vectors = {*stored, *DOM_VECTORS}
    before = len(watch.violations)
    page.goto((share / "index.html").as_uri(), wait_until="load")
    ran += try_every_vector(page, vectors)
    tried += len(vectors)
    assert reports(watch, page, before + len(vectors)) - before == len(vectors), "file://: not every vector refused"
    assert ran == [], f"an injected script ran from the file share: {ran}"
    for directive in DIRECTIVES:
        assert watch.provoked(directive), f"no injected script was refused by {directive}"
    # The browser names a script the policy refused among the page's requests, failed "csp": it never left (the
    # guard that sees every request that does saw none of them). Not egress, then: taken off the watch's list.
    asked = [url for url in watch.requests if url.startswith(other)]
    assert asked and sorted(asked) == sorted(blocked), f"asked of another host {asked}, refused by the policy {blocked}"
    assert not [url for url in watch.refused if url.startswith(other)], "a script request left for another host"
    watch.requests[:] = [url for url in watch.requests if not url.startswith(other)]
    assert errors == [], errors
    finish(context, watch, page)
    fault_row("guidance-csp", inputs_tried=tried, plaintext_found=len(ran))


def test_the_same_vectors_run_on_a_page_without_its_policy(browser, server):
    """The control: the vectors are live, so the test above fails if a policy stops refusing them."""
    other = other_origin(server)
    stored = stored_vectors(other)
    context, watch = watched_context(browser, (server, other))
    context.route(other + "cre-injected.js", lambda route: route.fulfill(
        content_type="text/javascript", body=f"{READ}(['script from another host', document.title])"))
    page = context.new_page()
    page.route(server + "index.html", inject("".join(stored.values()), strip_policy=True))
    page.goto(server + "index.html", wait_until="load")
    ran = try_every_vector(page, {*stored, *DOM_VECTORS})
    assert sorted(entry[0] for entry in ran) == sorted({*stored, *DOM_VECTORS})
    assert watch.violations == []
    context.close()  # the other host was asked on purpose: no egress check here


# --- Cross-Origin-Opener-Policy: the tab a page of another site opened --------------------------------------------

OPENER = ('<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Another site</title></head>'
          "<body><main><h1>Another site on the intranet</h1></main></body></html>")
FAKE_LOCK = ('<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>CRE Risk Assessment – form'
             '</title></head><body><main><h1>Your drafts are locked</h1><label>Passphrase <input type="password">'
             "</label></main></body></html>")
NAME = "cre-form-tab"
ATTEMPTS = {  # ways the opener may try to send the form's tab to its look-alike lock screen
    "the handle's location": "url => { try { window.formTab.location.href = url; } catch (e) {} }",
    "the handle's location.replace": "url => { try { window.formTab.location.replace(url); } catch (e) {} }",
    "the tab's name": f"url => {{ window.open(url, {NAME!r}); }}",
}


def opened_form(browser, server, without_opener_policy=False):
    """A page of another origin opens the form in a new tab by name, as a link or script there could."""
    other = other_origin(server)
    context, watch = watched_context(browser, (server, other))
    context.route(other + "opener.html", lambda route: route.fulfill(content_type="text/html", body=OPENER))
    context.route(other + "fake-lock.html", lambda route: route.fulfill(content_type="text/html", body=FAKE_LOCK))
    if without_opener_policy:
        def strip(route):
            response = route.fetch()
            headers = {k: v for k, v in response.headers.items() if k.lower() != "cross-origin-opener-policy"}
            route.fulfill(response=response, headers=headers)
        context.route(server + "form.html", strip)
    opener = context.new_page()
    opener.goto(other + "opener.html", wait_until="load")
    with context.expect_page() as opened:
        opener.evaluate(f"url => {{ window.formTab = window.open(url, {NAME!r}); }}", server + "form.html")
    form = opened.value
    form.wait_for_load_state("load")
    expect(form.locator("#cre-new")).to_be_attached()
    return context, watch, opener, form


def attempt(opener, form, how, fake):
    """One attempt to navigate the form's tab; True if the tab left the form."""
    address = form.url
    opener.evaluate(ATTEMPTS[how], fake)
    opener.wait_for_timeout(1000)  # a navigation the browser allowed has started by now
    return form.url != address or form.locator("h1", has_text="Your drafts are locked").count() > 0


def test_fault_a_page_that_opened_the_form_cannot_send_its_tab_elsewhere(browser, server, axe):
    context, watch, opener, form = opened_form(browser, server)
    fake = other_origin(server) + "fake-lock.html"
    assert form.evaluate("() => window.opener") is None, "the form's tab can still reach the page that opened it"
    assert opener.evaluate("() => window.formTab.closed") is True, "the opener still holds the form's tab"
    moved = [how for how in ATTEMPTS if attempt(opener, form, how, fake)]
    assert moved == [], f"the opener sent the form's tab elsewhere by {moved}"
    assert form.url == server + "form.html"
    expect(form.locator("#cre-new")).to_be_visible()  # the form's start screen, not a look-alike
    check_accessibility(form, axe)
    read = opener.evaluate("() => { try { return window.formTab.document.title; } catch (e) { return null; } }")
    assert read is None
    finish(context, watch, opener)
    fault_row("opener-navigation", faults_injected=len(ATTEMPTS), plaintext_found=len(moved))


def test_without_the_opener_policy_the_opener_can_send_the_tab_elsewhere(browser, server):
    """The control: the attack works on the same page served without Cross-Origin-Opener-Policy."""
    context, watch, opener, form = opened_form(browser, server, without_opener_policy=True)
    assert form.evaluate("() => window.opener !== null")
    assert attempt(opener, form, "the handle's location", other_origin(server) + "fake-lock.html")
    expect(form.locator("h1")).to_have_text("Your drafts are locked")
    context.close()
