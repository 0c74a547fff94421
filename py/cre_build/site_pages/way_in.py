"""The way in to the form pages from the guidance: their entries in the site search, and the sitemap.

The form pages (cre_build.form_page) are standalone HTML, not MkDocs pages, so neither the search plugin nor MkDocs'
sitemap knows them. `search_entries()` gives the search index an entry for each; `sitemap()` lists every page of
the built site. Plain Python, no MkDocs import: the hook (cre_build/mkdocs_hooks.py) calls both.
"""

import gzip
from pathlib import Path
from xml.sax.saxutils import escape

from cre_build import form_page
from cre_build.form_page import document

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
# Material ranks a page by its title words a thousand times above its text: the form page's title carries the words
# a practitioner searches for ("assessment form", "start assessment"), and a boost keeps it above the sections of
# guidance pages that share a word with it.
SEARCH = {
    form_page.CURRENT_PAGE: (
        "Start a new assessment: the assessment form",
        "Complete the Derby and Derbyshire Child at Risk of Exploitation (CRE) Assessment in your browser. "
        "Start a new assessment, continue a draft saved on this device, or open a record file.",
        3),
    form_page.EARLIER_PAGE: (
        "Open an assessment made with the earlier form",
        "The earlier CRE Risk Assessment, which the current form replaced. Open, finish or convert an assessment "
        "made with it.",
        2),
    document.BLANK_PAGE: (
        "Blank form to print",
        "The current CRE Assessment, blank, to print and fill in by hand. Nothing written on paper is checked or "
        "saved by the toolkit.",
        2),
}


def search_entries():
    """One entry per form page, in the search index's own shape: location, title, text (and boost)."""
    entries = []
    for location, (title, text, boost) in SEARCH.items():
        entry = {"location": location, "title": title, "text": text}
        if boost:
            entry["boost"] = boost
        entries.append(entry)
    return entries


def html_pages(site_dir):
    """Every HTML page of a built site, as a path relative to it with / separators: the home page first."""
    site_dir = Path(site_dir)
    pages = sorted(path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*.html"))
    return sorted(pages, key=lambda page: page != "index.html")


def sitemap(pages, base=""):
    """The sitemap of `pages` (paths relative to the site). With no base (the site has no fixed address: it is
    hosted under any sub-path) each location is relative to the sitemap, which sits at the site's root."""
    urls = "".join(f"  <url><loc>{escape(base + page)}</loc></url>\n" for page in pages)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{SITEMAP_NS}">\n{urls}</urlset>\n'


def write_sitemap(site_dir, base=""):
    """Write sitemap.xml and sitemap.xml.gz (the same, compressed; no timestamp, so a rebuild is identical)."""
    site_dir = Path(site_dir)
    text = sitemap(html_pages(site_dir), base).encode("utf-8")
    (site_dir / "sitemap.xml").write_bytes(text)
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(text, mtime=0))
