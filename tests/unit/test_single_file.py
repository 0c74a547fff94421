"""The single-file stage (cre_build.single_file) on a small site of the app stage's shape: what it embeds, what it
leaves out, the page's own policy, links, determinism, and its own check refusing what would fetch beside the file.
The browser journeys (tests/e2e/test_single_file.py) run the real file."""

import base64
import gzip
import json
import re

from html.parser import HTMLParser

import pytest

from cre_build import csp, single_file

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
<body><a href="#cre-main">Skip</a><a href="risk-examples.html#grooming">examples</a><a href="tel:999">999</a>
<main id="cre-main">form</main></body></html>
"""


@pytest.fixture
def site(tmp_path):
    (tmp_path / "form.html").write_text(FORM.format(policy=csp.policy(csp.FORM_PAGE)), encoding="utf-8")
    files = {
        "app/form.css": "body{color:#0b0c0c}",
        "assets/images/favicon.png": "PNG",
        "app/vault.js": "window.creVault = {};",
        "app/boot.js": "// include as <script src=\"app/boot.js\"></script>\nwindow.booted = true;",
        "app/main.py": "import cre.browser",
        "app/memory-idb.js": "self.creMemoryStorage = true;",
        "app/pyodide/abc/pyodide.mjs": "export const x = 1;",
        "app/pyodide/abc/pyodide.asm.wasm": "\0asm",
        "app/bundle/def/bundle.zip": "PK",
        "app/pyscript/core.js": 'export * from "./core-1.js";',
        "app/pyscript/core-1.js": 'import("./py-editor-2.js");',
        "app/pyscript/py-editor-2.js": "export {};",
        "app/pyscript/codemirror-3.js": "export {};",
        "app/pyscript/xterm-4.js": "export {};",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
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


def embedded(text):
    found = re.findall(r'<script type="application/x-embedded" data-name="([^"]+)">([^<]*)</script>', text)
    return {name: gzip.decompress(base64.b64decode(data)) for name, data in found}


def test_embeds_every_app_file_the_form_uses_and_no_editor_or_terminal(site):
    files = embedded(single_file.render(site))
    assert set(files) == {"app/pyscript.json", "app/main.py", "app/memory-idb.js", "app/pyodide/abc/pyodide.mjs",
                          "app/pyodide/abc/pyodide.asm.wasm", "app/bundle/def/bundle.zip", "app/pyscript/core.js",
                          "app/pyscript/core-1.js", "app/pyscript/py-editor-2.js"}
    assert files["app/pyodide/abc/pyodide.asm.wasm"] == (site / "app/pyodide/abc/pyodide.asm.wasm").read_bytes()


def test_the_page_is_the_built_form_with_its_own_policy_and_nothing_fetched_beside_it(site):
    text = single_file.render(site)
    single_file.check(text)  # raises on a problem
    assert "<main id=\"cre-main\">form</main>" in text  # the built page itself, not a copy of its rules
    assert "data-cre-pwa" not in text and "manifest.webmanifest" not in text
    policies = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', text)
    assert len(policies) == 1
    directives = csp.parse(policies[0])
    nonce = re.search(r"'nonce-([^']+)'", policies[0])[1]
    assert directives["connect-src"] == ["'none'"] and directives["default-src"] == ["'none'"]
    head = text.split("</head>", 1)[0]
    scripts = [attrs for attrs in Scripts(text).found if attrs.get("type") != "application/x-embedded"]
    assert len(scripts) == 3 and all(attrs.get("nonce") == nonce and "src" not in attrs for attrs in scripts)
    assert head.index("Content-Security-Policy") < head.index("creEmbedded") < head.index("window.creVault")
    assert 'data-src="app/boot.js"' in text and "<\\/script>" in text  # inlined, its "</script" made harmless
    assert '<style nonce="' + nonce + '">body{color:#0b0c0c}</style>' in text
    assert 'href="../risk-examples.html#grooming"' in text and 'href="#cre-main"' in text and 'href="tel:999"' in text


def test_the_same_site_gives_the_same_file(site):
    assert single_file.render(site) == single_file.render(site)


def test_its_check_refuses_what_the_browser_would_fetch_from_beside_the_file(site):
    text = single_file.render(site)
    with pytest.raises(single_file.BuildError, match="fetch from beside itself"):
        single_file.check(text.replace("</head>", '<script src="app/stray.js"></script></head>', 1))


def test_a_missing_app_file_is_named(site):
    (site / "app" / "bundle" / "def" / "bundle.zip").unlink()
    with pytest.raises(single_file.BuildError, match="bundle.zip"):
        single_file.render(site)


def test_build_writes_offline_file(site):
    target = single_file.build(site)
    assert target == site / "offline" / "CRE-assessment.html"
    assert target.read_text(encoding="utf-8") == single_file.render(site)
