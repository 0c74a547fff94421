"""The single-file stage (cre_build.single_file) on a small site of the app stage's shape: what it embeds, what it
leaves out, the page's own policy, the guidance pages it holds and the links to them, the blank form beside it,
determinism, and its own check refusing what would fetch beside the file or link to nothing. The browser journeys
(tests/e2e/test_single_file.py) run the real file."""

import base64
import gzip
import io
import json
import re
import zipfile
from collections import Counter
from html.parser import HTMLParser

import pytest

from cre_build import csp, single_file
from tests_support import write_tree

FORM = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<title>Form</title>
<link rel="stylesheet" href="app/form.css">
<link rel="icon" href="assets/images/favicon.png">
<script src="app/vault.js" defer></script>
<script src="app/boot.js" defer></script>
<link rel="manifest" href="manifest.webmanifest" data-cre-pwa>
<link rel="stylesheet" href="app/sw.css" data-cre-pwa>
<script src="app/register-sw.js" defer data-cre-pwa></script>
</head>
<body><a href="#cre-main">Skip</a><a href="index.html" class="cre-header__link">Guidance</a><a href="tel:999">999</a>
<main id="cre-main">form
<p><a href="risk-examples.html#grooming" target="_blank" rel="noopener">Evidence of grooming</a><span \
class="cre-examples__new-tab"> (opens in new tab)</span></p>
<p>Using the current form. <a href="form-earlier.html">Open an earlier-form assessment</a></p>
<p><a href="form-blank.html">Print a blank form</a> <a href="level-of-risk.html">level of risk</a></p>
<p><a href="form.html">Start a new assessment</a></p></main>
<footer><a href="privacy.html">Privacy</a></footer></body></html>
"""
BLANK = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<title>Blank form</title>
<link rel="stylesheet" href="app/form.css">
<link rel="icon" href="assets/images/favicon.png">
<script src="app/register-sw.js" defer data-cre-pwa></script>
</head>
<body class="cre-blank"><a href="#cre-main">Skip</a><a href="index.html" class="cre-header__link">Guidance</a>
<main id="cre-main"><a href="risk-examples.html#grooming" target="_blank" rel="noopener">Evidence of grooming</a><span \
class="cre-examples__new-tab"> (opens in new tab)</span></main>
<footer><a href="privacy.html">Privacy</a></footer></body></html>
"""
# Guidance pages as MkDocs Material builds them: the theme's scripts around the main content (<article>).
BUNDLE = {"cre/__init__.pyc": b"compiled", "cre/data/index.json": b'{"forms": []}' * 40}
GUIDANCE = """<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'self'">
<script src="assets/javascripts/bundle.js"></script></head><body><div class="md-content" data-md-component="content">
<article class="md-content__inner md-typeset">
{content}
</article></div><script>var theme = 1;</script></body></html>
"""
PAGES = {
    "index.html": """<h1 id="toolkit">CRE Risk Assessment toolkit</h1>
<p><a href="form.html">Start a new assessment</a>, <a href="risk-examples.html">Risk examples</a>,
<a href="contacts.html">Key contacts</a>, <a href="glossary.html">Glossary</a>: what the abbreviations mean.</p>""",
    "risk-examples.html": """<h1 id="risk-examples">Risk examples</h1>
<ul><li><a href="#grooming">Evidence of grooming</a></li></ul>
<h2 id="grooming">Evidence of grooming</h2>
<table><tr><td><strong>Low</strong></td><td>Contacted by a person</td></tr></table>
<p>Indicators: <a href="indicators.html#cse01">CSE 1</a>.</p>""",
    "level-of-risk.html": """<h1 id="level-of-risk-and-referral">Level of risk and referral</h1>
<p>The diagram is a summary.</p>
<pre class="mermaid"><code>flowchart TD
    n_harmed{"Is the child being harmed now?"}</code></pre>
<h3 id="key-contacts">Key Contacts</h3><p>Police: <a href="tel:101">101</a></p>
<p>See: <a href="https://derbyshirescbs.proceduresonline.com/index.htm">Procedures</a></p>
<h2 id="out-of-hours">Out of hours</h2><p>Careline.</p>""",
    "contacts.html": """<h1 id="key-contacts">Key contacts</h1>
<p>See <a href="level-of-risk.html#out-of-hours">Out of hours</a>.</p>""",
    "privacy.html": """<h1 id="privacy">Privacy</h1>
<p><a href="data-safety.html">Data safety</a> explains the protection in detail.</p>""",
}


@pytest.fixture
def site(tmp_path):
    (tmp_path / "form.html").write_text(FORM.format(policy=csp.policy(csp.FORM_PAGE)), encoding="utf-8")
    (tmp_path / "form-blank.html").write_text(BLANK.format(policy=csp.policy(csp.FORM_PAGE)), encoding="utf-8")
    for name, content in PAGES.items():
        (tmp_path / name).write_text(GUIDANCE.format(content=content), encoding="utf-8")
    files = {
        "app/form.css": "body{color:#0b0c0c}",
        "assets/images/favicon.png": "PNG",
        "app/vault.js": "window.creVault = {};",
        "app/boot.js": "// include as <script src=\"app/boot.js\"></script>\nwindow.booted = true;",
        "app/main.py": "import cre.browser",
        "app/memory-idb.js": "self.creMemoryStorage = true;",
        "app/pyodide/abc/pyodide.mjs": "export const x = 1;",
        "app/pyodide/abc/pyodide.asm.wasm": "\0asm",
        "app/pyscript/core.js": 'export * from "./core-1.js";',
        "app/pyscript/core-1.js": 'import("./py-editor-2.js");',
        "app/pyscript/py-editor-2.js": "export {};",
        "app/pyscript/codemirror-3.js": "export {};",
        "app/pyscript/xterm-4.js": "export {};",
    }
    write_tree(tmp_path, files)
    (tmp_path / "app/bundle/def").mkdir(parents=True)
    with zipfile.ZipFile(tmp_path / "app/bundle/def/bundle.zip", "w", zipfile.ZIP_DEFLATED) as bundle:
        for name, data in BUNDLE.items():
            bundle.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data)
    with zipfile.ZipFile(tmp_path / "app/bundle/def/pdf.zip", "w") as later:
        later.writestr(zipfile.ZipInfo("fpdf/__init__.pyc", date_time=(1980, 1, 1, 0, 0, 0)), b"later")
    config = {"interpreter": "./pyodide/abc/pyodide.mjs", "files": {"./bundle/def/bundle.zip": "./lib/*"}}
    (tmp_path / "app" / "pyscript.json").write_text(json.dumps(config), encoding="utf-8")
    return tmp_path


class Scripts(HTMLParser):
    """Every <script> start tag's attributes, as a browser parses them (script text is not markup)."""

    def __init__(self, text):
        super().__init__()
        self.found = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.found.append(dict(attrs))


class Links(HTMLParser):
    """Every id, and every link's href, as a browser parses the page."""

    def __init__(self, text):
        super().__init__()
        self.ids, self.hrefs = [], []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if "id" in found:
            self.ids.append(found["id"])
        if tag == "a" and "href" in found:
            self.hrefs.append(found["href"] or "")


def dialog(text):
    """The guidance dialog's markup (the script after it is the file's own guide.js)."""
    return re.search(r'<dialog id="cre-guide".*?</dialog>', text, re.S)[0]


def beside(site):
    """What the stage writes beside the single file: the blank form."""
    return {"form-blank.html": single_file.render_blank(site)}


def embedded(text):
    found = re.findall(r'<script type="application/x-embedded" data-name="([^"]+)">([^<]*)</script>', text)
    return {name: gzip.decompress(base64.b64decode(data)) for name, data in found}


def test_embeds_every_app_file_the_form_uses_and_no_editor_or_terminal(site):
    files = embedded(single_file.render(site))
    assert set(files) == {"app/pyscript.json", "app/main.py", "app/memory-idb.js", "app/pyodide/abc/pyodide.mjs",
                          "app/pyodide/abc/pyodide.asm.wasm", "app/bundle/def/bundle.zip", "app/bundle/def/pdf.zip",
                          "app/pyscript/core.js", "app/pyscript/core-1.js", "app/pyscript/py-editor-2.js"}
    assert files["app/pyodide/abc/pyodide.asm.wasm"] == (site / "app/pyodide/abc/pyodide.asm.wasm").read_bytes()


def test_the_page_is_the_built_form_with_its_own_policy_and_nothing_fetched_beside_it(site):
    text = single_file.render(site)
    single_file.check(text, beside(site))  # raises on a problem
    assert "<main id=\"cre-main\">form\n" in text  # the built page itself, not a copy of its rules
    assert "data-cre-pwa" not in text and "manifest.webmanifest" not in text
    policies = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', text)
    assert len(policies) == 1
    directives = csp.parse(policies[0])
    nonce = re.search(r"'nonce-([^']+)'", policies[0])[1]
    assert directives["connect-src"] == ["'none'"] and directives["default-src"] == ["'none'"]
    head = text.split("</head>", 1)[0]
    scripts = [attrs for attrs in Scripts(text).found if attrs.get("type") != "application/x-embedded"]
    assert len(scripts) == 4 and all(attrs.get("nonce") == nonce and "src" not in attrs for attrs in scripts)
    assert head.index("Content-Security-Policy") < head.index("creEmbedded") < head.index("window.creVault")
    assert 'data-src="app/boot.js"' in text and "<\\/script>" in text  # inlined, its "</script" made harmless
    assert '<style nonce="' + nonce + '">body{color:#0b0c0c}</style>' in text
    assert 'href="#cre-main"' in text and 'href="tel:999"' in text


def test_a_zip_goes_in_with_the_same_members_stored_so_the_file_compresses_across_them(site):
    packed = embedded(single_file.render(site))["app/bundle/def/bundle.zip"]
    with zipfile.ZipFile(io.BytesIO(packed)) as inside, zipfile.ZipFile(site / "app/bundle/def/bundle.zip") as served:
        assert [(i.filename, i.date_time) for i in inside.infolist()] == \
            [(i.filename, i.date_time) for i in served.infolist()]
        assert all(inside.read(name) == served.read(name) for name in served.namelist())
        assert {i.compress_type for i in inside.infolist()} == {zipfile.ZIP_STORED}


def test_a_file_over_its_size_limit_is_not_written(site, monkeypatch):
    monkeypatch.setattr(single_file, "MAX_BYTES", 1000)
    with pytest.raises(single_file.BuildError, match="over the limit of"):
        single_file.build(site)
    assert not (site / single_file.TARGET).exists()


def test_the_same_site_gives_the_same_file(site):
    assert single_file.render(site) == single_file.render(site)


def test_its_check_refuses_what_the_browser_would_fetch_from_beside_the_file(site):
    text = single_file.render(site)
    with pytest.raises(single_file.BuildError, match="fetch from beside itself"):
        single_file.check(text.replace("</head>", '<script src="app/stray.js"></script></head>', 1), beside(site))


def test_a_missing_app_file_is_named(site):
    (site / "app" / "bundle" / "def" / "bundle.zip").unlink()
    with pytest.raises(single_file.BuildError, match="bundle.zip"):
        single_file.render(site)


def test_build_writes_offline_file(site):
    target = single_file.build(site)
    assert target == site / "offline" / "CRE-assessment.html"
    assert target.read_text(encoding="utf-8") == single_file.render(site)


def test_the_guidance_the_form_links_to_is_in_the_file_and_every_link_resolves(site):
    text = single_file.render(site)
    page = Links(text)
    assert not [name for name, count in Counter(page.ids).items() if count > 1]  # key-contacts is on two pages
    ids = set(page.ids)
    assert {"guide-index", "guide-risk-examples", "guide-level-of-risk", "guide-contacts", "guide-privacy",
            "guide-level-of-risk--key-contacts", "guide-contacts--key-contacts"} <= ids
    for href in page.hrefs:  # an embedded page or section, the file itself, the blank form beside it, or a call
        assert (href[1:] in ids if href.startswith("#") else
                href in ("", "form-blank.html", "tel:999", "tel:101")
                or href.startswith("https://derbyshirescbs.proceduresonline.com/")), href
    # The form's links open the embedded copy, not a new tab; a page not in the file keeps its words only.
    assert '<a href="#guide-risk-examples--grooming">Evidence of grooming</a></p>' in text
    assert "(opens in new tab)" not in text
    assert '<a href="#guide-index" class="cre-header__link">Guidance</a>' in text
    assert "Using the current form. Open an earlier-form assessment</p>" in text
    assert '<a href="#guide-privacy">Privacy</a>' in text and '<a href="form-blank.html">' in text
    guide = dialog(text)
    assert 'href="#guide-risk-examples--grooming">Evidence of grooming</a></li>' in guide  # its own #links too
    assert '<a href="#guide-level-of-risk--out-of-hours">Out of hours</a>' in guide  # contacts to level of risk
    assert "Indicators: CSE 1." in guide and "<p>Data safety explains" in guide  # not in the file: text only
    assert '<a href="">Start a new assessment</a>' in guide  # the file itself, loaded afresh
    assert 'aria-labelledby="guide-index--toolkit"' in guide and ">Close</button>" in guide


def test_the_guidance_in_the_file_runs_and_fetches_nothing(site):
    guide = dialog(single_file.render(site))
    assert "mermaid" not in guide and "flowchart" not in guide and "<script" not in guide and "style=" not in guide
    assert "var theme" not in guide and "bundle.js" not in guide  # the theme around the content stays out
    assert "<p>The diagram is a summary.</p>\n" + single_file.NO_DIAGRAM + "\n<h3" in guide
    assert '<h3 id="guide-level-of-risk--key-contacts">Key Contacts</h3>' in guide  # the text below it stays
    assert ('<a href="https://derbyshirescbs.proceduresonline.com/index.htm" target="_blank" '
            'rel="noopener noreferrer">Procedures</a>') in guide  # the form stays open behind it
    assert all(f'<article id="guide-{name}" class="cre-guide__page" data-guide-page hidden>' in guide
               for name in ("index", "risk-examples", "level-of-risk", "contacts", "privacy"))


def test_the_blank_form_beside_it_stands_alone_and_fetches_nothing(site):
    blank = single_file.build(site).parent / "form-blank.html"
    text = blank.read_text(encoding="utf-8")
    assert text == single_file.render_blank(site)
    assert not single_file.problems(single_file._Page(text))
    policies = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', text)
    assert len(policies) == 1
    directives = csp.parse(policies[0])
    nonce = re.search(r"'nonce-([^']+)'", policies[0])[1]
    assert directives["default-src"] == ["'none'"] and "script-src" not in directives
    assert "<script" not in text and "data-cre-pwa" not in text
    assert f'<style nonce="{nonce}">body{{color:#0b0c0c}}</style>' in text
    assert '<link rel="icon" href="data:image/png;base64,' + base64.b64encode(b"PNG").decode() + '">' in text
    # Nothing of the site is beside it but the single file: its links to the guidance keep their words only.
    assert Links(text).hrefs == ["#cre-main"]
    assert '<span class="cre-header__link">Guidance</span>' in text and "(opens in new tab)" not in text


@pytest.mark.parametrize("change, problem", [
    (lambda text: text.replace("</main>", '<a href="indicators.html">indicators</a></main>', 1), "indicators.html"),
    (lambda text: text.replace("</main>", '<a href="#guide-glossary">glossary</a></main>', 1), "#guide-glossary"),
    (lambda text: text.replace("</main>", '<p id="guide-privacy">again</p></main>', 1), "ids used more than once"),
    (lambda text: text.replace("</main>", '<p style="color:red">styled</p></main>', 1), "style or event-handler"),
    (lambda text: text.replace("</main>", '<p onclick="go()">handled</p></main>', 1), "style or event-handler"),
    (lambda text: text.replace("</main>", "<script>alert(1)</script></main>", 1), "scripts not its own"),
])
def test_its_check_refuses_links_to_nothing_twice_used_ids_styles_and_scripts(site, change, problem):
    text = single_file.render(site)
    single_file.check(text, beside(site))
    with pytest.raises(single_file.BuildError, match=re.escape(problem)):
        single_file.check(change(text), beside(site))


def test_its_check_refuses_a_file_without_the_blank_form_beside_it_or_a_blank_form_that_fetches(site):
    text = single_file.render(site)
    with pytest.raises(single_file.BuildError, match="form-blank.html"):
        single_file.check(text, {})
    blank = single_file.render_blank(site)
    for stray in ('<link rel="stylesheet" href="app/form.css">', '<script>var x;</script>'):
        with pytest.raises(single_file.BuildError, match="form-blank.html beside it"):
            single_file.check(text, {"form-blank.html": blank.replace("</head>", stray + "</head>", 1)})
