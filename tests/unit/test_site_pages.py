"""The guidance site: build it once with MkDocs (strict) and check the pages carry the form's words, verbatim.

Generated pages come from cre_build.site_pages; the checks compare the built HTML with cre.definitions, so a page
that drops or retypes the partnership's text fails here.
"""

import gzip
import html
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cre import definitions, serve
from cre_build import check_site, form_page
from cre_build import csp
from cre_build.app import drop_missing_source_maps
from cre_build.site_pages import generated_files, record_format, server_config, way_in

ROOT = Path(__file__).resolve().parents[2]
PROCEDURES = "https://derbyshirescbs.proceduresonline.com"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The site, built once into a temporary folder with the project's own mkdocs.yml, --strict."""
    out = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(out)],
        cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"
    return out


class Article(HTMLParser):
    """The page's main article: its text, element ids, link targets and headings."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.hrefs, self.headings, self.parts = set(), [], [], []
        self._heading = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = [int(tag[1]), ""]
        self.parts.append(" ")

    def handle_endtag(self, tag):
        if self._heading and tag == f"h{self._heading[0]}":
            self.headings.append((self._heading[0], norm(self._heading[1])))
            self._heading = None
        self.parts.append(" ")

    def handle_data(self, data):
        self.parts.append(data)
        if self._heading:
            self._heading[1] += data

    @property
    def text(self):
        return norm("".join(self.parts))


def norm(text):
    return " ".join(html.unescape(text).split())


def article(site, page):
    source = (site / page).read_text("utf-8")
    match = re.search(r"<article\b[^>]*>(.*)</article>", source, re.S)
    assert match, f"{page} has no article"
    parser = Article()
    parser.feed(match.group(1))
    return parser


def pages(site):
    standalone = {"404.html", *form_page.pages()}  # the form pages are not MkDocs pages (tests/unit/test_form_page.py)
    return sorted(path.name for path in site.glob("*.html") if path.name not in standalone)


def current():
    return next(form for form in definitions.all_forms() if form.definition.get("status") == "current")


def earlier():
    return next(form for form in definitions.all_forms() if form.definition.get("status") == "superseded")


def test_every_generated_page_is_built_and_not_empty(site):
    for path in generated_files():
        built = site / (path[:-3] + ".html" if path.endswith(".md") else path)
        assert built.is_file(), path
        if path.endswith(".md"):
            assert len(article(site, built.name).text) > 300, path
        else:
            assert built.read_text("utf-8").strip(), path


def test_headings_start_with_one_h1_and_skip_no_level(site):
    for page in pages(site):
        levels = [level for level, _ in article(site, page).headings]
        assert levels and levels[0] == 1 and levels.count(1) == 1, page
        for before, after in zip(levels, levels[1:]):
            assert after <= before + 1, f"{page}: h{before} is followed by h{after}"


def test_links_are_internal_or_phone_email_or_procedures_and_anchors_exist(site):
    ids = {page: article(site, page).ids for page in pages(site)}
    for page in pages(site):
        for href in article(site, page).hrefs:
            if href.startswith(("tel:", "mailto:", PROCEDURES)):
                continue
            assert "://" not in href and not href.startswith("//"), f"{page} links outside: {href}"
            target, _, fragment = href.partition("#")
            target = target or page
            if fragment and target.endswith(".html"):
                assert fragment in ids[target], f"{page}: {href} has no such anchor"


def test_risk_examples_page_has_every_category_and_example(site):
    page = article(site, "risk-examples.html")
    for category in definitions.risk_examples()["categories"]:
        assert category["id"] in page.ids
        assert norm(category["title"]) in page.text
        for level in ("low", "medium", "high"):
            assert norm(category[level]) in page.text, (category["id"], level)
    for text in definitions.risk_examples()["intro"]:
        assert norm(text) in page.text


def test_indicators_page_has_every_indicator_with_its_number_and_anchor(site):
    source = (site / "indicators.html").read_text("utf-8")
    page = article(site, "indicators.html")
    form = current()
    indicators = form.of_type("indicator")
    assert {item.raw["group"] for item in indicators} == {"cce", "cse"}
    for item in indicators:
        assert norm(item.raw["text"]) in page.text, item.id
        assert re.search(rf'id="{item.id}"[^>]*>\s*{item.raw["number"]}\s*<', source), item.id
        for entry in item.raw.get("list", []):
            assert f"<li>{html.escape(entry, quote=False)}</li>" in source.replace("&#39;", "'"), entry
        for category in item.raw.get("examples", []):
            assert f"risk-examples.html#{category}" in source
    section = next(s for s in form.sections if any(i.type == "indicator" for i in form.section_items(s)))
    for text in section["intro"]:
        assert norm(text) in page.text


def test_factors_page_has_every_factor_of_both_forms(site):
    page = article(site, "vulnerability-factors.html")
    for form in definitions.all_forms():
        factors = form.of_type("factor")
        assert factors
        for item in factors:
            assert norm(item.label) in page.text, (form.id, item.id)
    assert len(current().of_type("factor")) == 21 and len(earlier().of_type("factor")) == 16


def test_contacts_page_links_every_phone_and_email(site):
    page = article(site, "contacts.html")
    for contact in definitions.contacts().values():
        if contact.get("phone"):
            assert "tel:" + re.sub(r"[^0-9+]", "", contact["phone"]) in page.hrefs, contact["id"]
            assert contact["phone"] in page.text
        if contact.get("email"):
            assert "mailto:" + contact["email"] in page.hrefs, contact["id"]
        if contact.get("url"):
            assert contact["url"] in page.hrefs, contact["id"]
    for link in definitions.links().values():
        assert norm(link["text"]) in page.text
    assert "Out of hours" in page.text and "Emergency" in page.text


def test_level_of_risk_page_has_the_passages_steps_and_diagram(site):
    source = (site / "level-of-risk.html").read_text("utf-8")
    page = article(site, "level-of-risk.html")
    routing = definitions.routing_table()
    for passage in routing["passages"]:
        assert norm(passage["text"]) in page.text, passage["id"]
        if passage.get("heading"):
            assert (3, norm(passage["heading"])) in page.headings
    for step in routing["steps"]:
        assert norm(step["action"]) in page.text, step["id"]
    diagram = html.unescape(re.search(r'<pre class="mermaid"><code>(.*?)</code></pre>', source, re.S).group(1))
    assert diagram.startswith("flowchart")
    node_ids = set(re.findall(r"^\s*(\w+)\s*(?:\[|\{|\(|-->)", diagram, re.M))
    assert node_ids and not node_ids & {"call", "end", "class", "style", "click", "default", "graph", "subgraph"}
    for contact_id in ("police_emergency", "derby_irt", "derby_careline", "derbyshire_starting_point",
                       "derbyshire_cpm_vc", "prevent_county"):
        contact = definitions.contacts()[contact_id]
        assert (contact.get("phone") or contact["email"]) in diagram, contact_id
    assert norm(definitions.office_hours()["added"]) in page.text


def test_earlier_form_page_has_its_indicators_and_the_conversion(site):
    page = article(site, "earlier-form.html")
    old = earlier()
    for item in old.of_type("typed_indicator"):
        assert norm(item.raw["text"]) in page.text, item.id
        assert f"earlier-{item.id}" in page.ids
    assert "cre convert" in page.text
    for source in next(c for c in definitions.conversions() if c["from"]["form"] == old.id)["items"]:
        assert old.item(source) is not None, source


def test_hosting_files_are_published_and_cover_every_mime_type(site):
    config = ET.parse(site / "hosting" / "web.config").getroot()
    maps = {m.get("fileExtension"): m.get("mimeType") for m in config.iter("mimeMap")}
    removed = {r.get("fileExtension") for r in config.iter("remove")}
    headers = {h.get("name"): h.get("value") for h in config.iter("add")}
    assert maps == serve.MIME_TYPES and set(serve.MIME_TYPES) <= removed
    assert headers == serve.HEADERS
    # Everything asked for again (the service worker included), the folders named by their content kept a year.
    caches = {loc.get("path"): loc.find(".//clientCache").attrib for loc in config.iter("location")}
    assert config.find("system.webServer/staticContent/clientCache").get("cacheControlMode") == "DisableCache"
    assert set(caches) == set(serve.IMMUTABLE_FOLDERS)
    assert all(c["cacheControlMaxAge"] == "365.00:00:00" and "immutable" in c["cacheControlCustom"]
               for c in caches.values())
    assert config.find("system.webServer/urlCompression").get("doStaticCompression") == "true"
    apache = (site / "hosting" / "apache.htaccess").read_text("utf-8")
    nginx = (site / "hosting" / "nginx.conf").read_text("utf-8")
    assert f"AddOutputFilterByType DEFLATE {' '.join(serve.COMPRESSED_TYPES)}\n" in apache
    assert "gzip on;" in nginx and all(kind in nginx for kind in serve.COMPRESSED_TYPES)
    assert "application/zip" not in " ".join(serve.COMPRESSED_TYPES)  # a zip is compressed already
    for config_text in (apache, nginx):
        assert '"no-cache"' in config_text and f'"{serve.KEEP_A_YEAR}"' in config_text
        assert serve.IMMUTABLE.pattern in config_text
    for extension, mime in serve.MIME_TYPES.items():
        assert f"AddType {mime} {extension}\n" in apache
        assert f"{mime} {extension[1:]};" in nginx
    for name in serve.HEADERS:
        assert f"Header always set {name} " in apache and f"add_header {name} " in nginx
    assert nginx.count("{") == nginx.count("}")
    hosting = (site / "hosting.html").read_text("utf-8")
    for path in server_config.files():
        assert f'href="{path}"' in hosting


def test_published_schemas_equal_the_forms_record_schemas(site):
    for form in definitions.all_forms():
        published = json.loads((site / "schemas" / f"record-{form.id}.schema.json").read_text("utf-8"))
        assert published == form.record_schema
    definition = json.loads((site / "schemas" / "form-definition.schema.json").read_text("utf-8"))
    assert definition == json.loads((ROOT / "schemas" / "form-definition.schema.json").read_text("utf-8"))


def test_record_format_example_is_a_valid_record():
    import jsonschema

    form = current()
    jsonschema.Draft202012Validator(form.record_schema).validate(record_format.example_record(form))


def test_home_and_how_to_use_lead_to_the_form_with_a_start_button(site):
    for name in ("index.html", "how-to-use.html"):
        source = (site / name).read_text("utf-8")
        buttons = re.findall(r'<a class="cre-start-button"[^>]*href="([^"]*)"[^>]*>([^<]*)</a>', source)
        assert buttons == [("form.html", "Start a new assessment")], name
        page = article(site, name)
        assert {"form-earlier.html", "form-blank.html"} <= set(page.hrefs), name
        assert "Drafts saved on this device are continued from the same page" in page.text, name


def test_every_guidance_page_links_the_form_pages_from_its_navigation(site):
    for name in pages(site):
        source = (site / name).read_text("utf-8")
        nav = set(re.findall(r'<a href="([^"]*)" class="md-nav__link', source))
        assert {"form.html", "form-earlier.html", "form-blank.html"} <= nav, name


def test_sitemap_lists_every_page_relative_to_the_site(site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    data = (site / "sitemap.xml").read_bytes()
    locs = [loc.text for loc in ET.fromstring(data).findall("s:url/s:loc", ns)]
    assert sorted(locs) == sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))
    assert {"form.html", "form-earlier.html", "form-blank.html"} <= set(locs)
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == data


def test_search_index_has_the_form_pages_for_the_server_and_for_file_urls(site):
    text = (site / "search" / "search_index.json").read_text("utf-8")
    assert (site / "search" / "search_index.js").read_text("utf-8") == "var __index = " + text
    docs = {doc["location"]: doc for doc in json.loads(text)["docs"]}
    for entry in way_in.search_entries():
        assert docs[entry["location"]] == entry


def test_the_check_stage_passes_on_the_guidance_build(site):
    # The form's scripts (app/) are added by cre_build.app after MkDocs, which also drops the theme's comments naming
    # source maps it does not publish; everything else must already be whole.
    assert [line for line in check_site.check(site) if "app/" not in line and "source map" not in line] == []


def test_a_comment_naming_a_source_map_the_site_lacks_is_dropped_and_the_check_finds_any_left(tmp_path):
    (tmp_path / "js").mkdir()
    (tmp_path / "js" / "a.js").write_bytes(b"let a = 1;\n//# sourceMappingURL=a.js.map\n")
    (tmp_path / "js" / "b.js").write_bytes(b"let b = 1;\n//# sourceMappingURL=b.js.map\n")
    (tmp_path / "js" / "b.js.map").write_bytes(b"{}")
    (tmp_path / "c.css").write_bytes(b"p{}\n/*# sourceMappingURL=c.css.map*/\n")
    assert len(check_site.missing_source_maps(tmp_path)) == 2
    assert drop_missing_source_maps(tmp_path) == 2
    assert (tmp_path / "js" / "a.js").read_bytes() == b"let a = 1;\n\n"
    assert (tmp_path / "js" / "b.js").read_bytes().endswith(b"//# sourceMappingURL=b.js.map\n")  # shipped: kept
    assert b"sourceMappingURL" not in (tmp_path / "c.css").read_bytes()
    assert check_site.missing_source_maps(tmp_path) == []


# --- every page's Content Security Policy, and the Hosting page's host name of its own, opener policy and HSTS ----

def _policy(source):
    found = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', source)
    assert len(found) == 1
    return csp.parse(html.unescape(found[0]))


def test_every_page_carries_its_content_security_policy(site):
    assert check_site.check_policies(site) == []
    diagrams = {path.name for path in site.glob("*.html") if 'class="mermaid"' in path.read_text("utf-8")}
    assert diagrams == {"level-of-risk.html"}
    for name in pages(site):
        policy = _policy((site / name).read_text("utf-8"))
        scripts = policy["script-src"]
        assert scripts[0] == "'self'" and all(source.startswith("'sha256-") for source in scripts[1:]), name
        assert len(scripts) >= 3, f"{name}: the theme's inline scripts and the file:// search bootstrap"
        assert policy["style-src"] == (["'self'", "'unsafe-inline'"] if name in diagrams else ["'self'"]), name
        assert policy["object-src"] == policy["frame-src"] == ["'none'"] and policy["form-action"] == ["'none'"]
    for name in form_page.pages():
        if name.endswith(".html"):
            policy = _policy((site / name).read_text("utf-8"))
            assert "'unsafe-inline'" not in policy["script-src"] + policy["style-src"], name


def test_the_file_search_bootstrap_hash_is_what_the_shim_writes(site):
    """The iframe-worker shim (run here under Node with a stand-in document, as a file:// page runs it) writes an
    inline script into its frame; the guidance pages' policy names that script's hash."""
    shim = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>',
                       (site / "index.html").read_text("utf-8"), re.S)
    worker = json.loads(config.group(1))["search"]
    stand_in = """
      const written = [];
      const frame = {contentWindow: {document: {open() {}, write(text) { written.push(text); }, close() {}}}};
      globalThis.window = globalThis; globalThis.location = {protocol: "file:"};
      globalThis.onmessage = null; globalThis.onerror = null;
      globalThis.document = {createElement: () => frame, body: {appendChild() {}}};
      require(process.argv[1]);
      new window.Worker(process.argv[2]);
      process.stdout.write(written.join(""));
    """
    result = subprocess.run(["node", "-e", stand_in, str(shim), worker], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    inline = re.findall(r"<script>(.*?)</script>", result.stdout, re.S)
    assert len(inline) == 1 and worker in inline[0]
    for name in pages(site):
        assert csp.script_hash(inline[0]) in _policy((site / name).read_text("utf-8"))["script-src"], name


def test_hosting_page_asks_for_a_host_name_of_its_own_and_says_why(site):
    page = article(site, "hosting.html")
    assert ("Give it a host name of its own", 2) in [(text, level) for level, text in page.headings]
    for words in ("not under a folder of a host where other pages and scripts live",
                  "per origin (the scheme, host name and port together), not per folder",
                  "read everything it shows, as it is typed, the drafts' passphrase included",
                  "open the browser's database of drafts for this origin, list the drafts",
                  "cannot stop a script that another page of the same origin runs",
                  "Technically it works at the root of a site or under a sub-path",
                  "It lists no folder's files and names no software version"):
        assert words in page.text, words
    for name, value in {**serve.HEADERS, **serve.HTTPS_HEADERS}.items():
        assert f"{name} {value}" in page.text, name
    assert serve.HEADERS["Cross-Origin-Opener-Policy"] == "same-origin"


def test_hosting_files_send_the_opener_policy_and_mark_hsts_for_https_only(site):
    apache = (site / "hosting" / "apache.htaccess").read_text("utf-8")
    nginx = (site / "hosting" / "nginx.conf").read_text("utf-8")
    web_config = (site / "hosting" / "web.config").read_text("utf-8")
    assert 'Header always set Cross-Origin-Opener-Policy "same-origin"\n' in apache
    assert nginx.count('add_header Cross-Origin-Opener-Policy "same-origin" always;') == 2
    for name, value in serve.HTTPS_HEADERS.items():
        # Apache: sent over HTTPS only; nginx: in both blocks, under a comment saying HTTPS sites only
        assert f"""Header always set {name} "{value}" "expr=%{{HTTPS}} == 'on'"\n""" in apache
        assert re.search(rf"# HTTPS sites only.*\n\s*add_header {name} \"{value}\" always;", apache + nginx)
        assert nginx.count(f'add_header {name} "{value}" always;') == 2
        # IIS: only inside a comment (the site's own HSTS setting sends it over HTTPS only)
        assert f'<!-- <add name="{name}" value="{value}" /> -->' in web_config
        assert name not in {h.get("name") for h in ET.fromstring(web_config.encode()).iter("add")}
    assert "HTTPS sites only" in web_config and "HTTPS sites only" in apache
