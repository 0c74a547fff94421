"""The way in from the guidance to the form (cre_build.site_pages.way_in and the hook): the navigation names the
form pages, the search index gets an entry for each, the sitemap lists every page relative to the site, and no
guidance page still says the form is on its way. The built site is checked in test_site_pages.py.
"""

import gzip
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from mkdocs.exceptions import PluginError

from cre.review import SOON_DAYS
from cre_build import form_page, mkdocs_hooks
from cre_build.check_site import STALE
from cre_build.site_pages import generated_files, way_in
from tests_support import write_tree

ROOT = Path(__file__).resolve().parents[2]
NS = {"s": way_in.SITEMAP_NS}
FORM_PAGES = sorted(path for path in form_page.pages() if path.endswith(".html"))


class _Loader(yaml.SafeLoader):
    """mkdocs.yml names Python objects (!!python/name:...); reading it needs none of them."""


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def mkdocs_config():
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)


def nav_targets(entries):
    for entry in entries:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(value, list):
            yield from nav_targets(value)
        else:
            yield value


def test_the_navigation_names_every_form_page():
    targets = list(nav_targets(mkdocs_config()["nav"]))
    assert set(FORM_PAGES) == {"form.html", "form-earlier.html", "form-blank.html"}
    for page in FORM_PAGES:
        assert targets.count(page) == 1, page
    assert targets.index("form.html") < targets.index("risk-examples.md"), "the form comes before the guidance"
    assert {"Start an assessment": "form.html"} in mkdocs_config()["nav"], "a top-level way in to the form"


def test_every_form_page_has_a_search_entry_and_the_form_ranks_highest():
    entries = way_in.search_entries()
    assert sorted(entry["location"] for entry in entries) == FORM_PAGES
    for entry in entries:
        assert entry["title"].strip() and len(entry["text"]) > 40, entry
        assert set(entry) <= {"location", "title", "text", "boost"}
    boosts = {entry["location"]: entry.get("boost", 1) for entry in entries}
    assert boosts["form.html"] == max(boosts.values())
    current = next(entry for entry in entries if entry["location"] == "form.html")
    assert {"start", "assessment", "form"} <= set(re.findall(r"\w+", current["title"].lower()))


def test_the_hook_adds_the_entries_to_the_search_plugins_index():
    index = SimpleNamespace(entries=[{"location": "index.html", "title": "Home", "text": "x"}])
    config = SimpleNamespace(plugins={"material/search": SimpleNamespace(search_index=index)})
    nav = object()
    assert mkdocs_hooks.on_nav(nav, config, files=None) is nav
    assert index.entries[1:] == way_in.search_entries()


def test_the_hook_fails_the_build_when_the_search_plugin_changes():
    with pytest.raises(PluginError, match="search_index.entries"):
        mkdocs_hooks.on_nav(None, SimpleNamespace(plugins={}), files=None)


def test_the_sitemap_is_xml_in_the_sitemaps_namespace_with_relative_locations():
    root = ET.fromstring(way_in.sitemap(["index.html", "a&b.html", "hosting/x.html"]))
    assert root.tag == f"{{{way_in.SITEMAP_NS}}}urlset"
    assert [loc.text for loc in root.findall("s:url/s:loc", NS)] == ["index.html", "a&b.html", "hosting/x.html"]
    with_base = ET.fromstring(way_in.sitemap(["index.html"], base="https://intranet.example/cre/"))
    assert with_base.find("s:url/s:loc", NS).text == "https://intranet.example/cre/index.html"


def test_write_sitemap_lists_every_page_home_first_and_compresses_the_same(tmp_path):
    write_tree(tmp_path, dict.fromkeys(("b.html", "index.html", "form.html", "hosting/notes.html",
                                        "search/search_index.json"), "x"))
    way_in.write_sitemap(tmp_path)
    text = (tmp_path / "sitemap.xml").read_bytes()
    locs = [loc.text for loc in ET.fromstring(text).findall("s:url/s:loc", NS)]
    assert locs == ["index.html", "b.html", "form.html", "hosting/notes.html"]
    assert gzip.decompress((tmp_path / "sitemap.xml.gz").read_bytes()) == text
    first = (tmp_path / "sitemap.xml.gz").read_bytes()
    way_in.write_sitemap(tmp_path)
    assert (tmp_path / "sitemap.xml.gz").read_bytes() == first, "a rebuild writes the same bytes"


def test_no_page_says_the_form_is_on_its_way():
    sources = {path.name: path.read_text(encoding="utf-8") for path in (ROOT / "site").rglob("*.md")}
    sources.update(generated_files())
    stale = {name: found.group(0) for name, text in sources.items() if (found := STALE.search(text))}
    assert stale == {}


def test_home_and_how_to_use_lead_to_the_form_in_markdown():
    for name in ("index.md", "how-to-use.md"):
        text = (ROOT / "site" / name).read_text(encoding="utf-8")
        assert '[Start a new assessment](form.html){ .cre-start-button draggable="false" }' in text, name
        assert "Drafts saved on this device are continued from the same page" in text, name
        assert "](form-earlier.html)" in text and "](form-blank.html)" in text, name


def test_the_guidance_gives_the_configured_auto_lock_time():
    minutes = mkdocs_config()["extra"]["cre"]["auto_lock_minutes"]
    for name in ("how-to-use.md", "privacy.md"):
        text = " ".join((ROOT / "site" / name).read_text(encoding="utf-8").split())
        assert f"{minutes} minutes without activity" in text, name


def test_how_to_use_gives_the_days_a_review_is_due_soon():
    text = " ".join((ROOT / "site" / "how-to-use.md").read_text(encoding="utf-8").split())
    assert f"due within {SOON_DAYS} days, marked \"(due soon)\"" in text
