"""The build's check stage: the built site is whole and refers to no other host.

    python -m cre_build.check_site [public]

- every internal link and asset (href, src) resolves to a file in the output, and every #fragment to an id;
- every page in the navigation has content (its article holds text);
- no src or href points off the site except tel:, mailto: and the partnership's own procedures site (as a link);
- no file mentions a CDN host (a script could still fetch from it), and no script or stylesheet names a source map
  the site does not ship;
- every page can be reached: the home page's navigation links to every page, the sitemap (sitemap.xml and the same
  compressed, in the sitemaps namespace, each location relative to the site) lists every page, and the search index
  (search_index.json and the search_index.js that file:// pages read) has an entry for every page;
- no page still says the form is on its way ("when it is ready", "coming soon");
- every page carries its Content Security Policy (check_policies): one <meta http-equiv="Content-Security-Policy">
  in its <head> before any script or stylesheet, holding the form pages' policy or the guidance pages' (cre_build.csp)
  with nothing added but script hashes (and inline styles where a diagram is drawn); every inline script it runs is
  named by a hash, and no element carries an event-handler attribute (the policy would refuse both silently).
Prints one line per problem and exits 1 if there are any.
"""

import gzip
import json
import re
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from cre_build import csp, single_file

ALLOWED_LINK_HOSTS = {"derbyshirescbs.proceduresonline.com"}
LOCAL_SCHEMES = {"tel", "mailto"}
# A script's or stylesheet's comment naming its source map ("//# sourceMappingURL=x.js.map", "/*# … */").
SOURCE_MAP = re.compile(rb"^(?://|/\*)# sourceMappingURL=(\S+?)(?:[ \t]*\*/)?[ \t]*$", re.MULTILINE)
CDN = re.compile(rb"cdn\.jsdelivr|unpkg\.com|fonts\.googleapis|fonts\.gstatic|googletagmanager|cdnjs\.")
MIN_ARTICLE_CHARS = 200
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SEARCH_JS_PREFIX = "var __index = "  # how Material's offline plugin wraps the index for file://
STALE = re.compile(r"when it is ready|coming soon|until then,? use the paper form|the form is coming", re.I)


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.refs, self.ids, self.article_text, self._in_article = [], set(), [], 0
        self.nav_links = []  # the theme's navigation (class md-nav__link), page links only: not the table of contents

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "name" in attrs:
            self.ids.add(attrs["name"])
        for name in ("href", "src"):
            if attrs.get(name) is not None:
                self.refs.append((tag, name, attrs[name]))
        is_nav = tag == "a" and "md-nav__link" in (attrs.get("class") or "").split()
        if is_nav and urlsplit(attrs.get("href") or "").path:
            self.nav_links.append(attrs["href"])
        if tag in ("article", "main"):  # guidance pages put their content in <article>, the form pages in <main>
            self._in_article += 1

    def handle_endtag(self, tag):
        if tag in ("article", "main"):
            self._in_article -= 1

    def handle_data(self, data):
        if self._in_article:
            self.article_text.append(data)


OFFLINE = single_file.FOLDER  # the form in one file: not a page of the site; cre_build.single_file checks it


def _site_pages(site):
    """The site's HTML pages, without the single file in OFFLINE/."""
    return [path for path in sorted(site.rglob("*.html")) if path.relative_to(site).parts[0] != OFFLINE]


def _parse(path):
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def missing_source_maps(site):
    """A problem for each script or stylesheet naming a source map the site does not ship."""
    problems = []
    for path in sorted(site.rglob("*")):
        if path.suffix in {".js", ".mjs", ".css"} and path.is_file():
            problems += [f"{path.relative_to(site)}: names a source map the site lacks: {found[1].decode()!r}"
                         for found in SOURCE_MAP.finditer(path.read_bytes())
                         if not (path.parent / found[1].decode("utf-8", "replace")).is_file()]
    return problems


def check(site):
    site = Path(site).resolve()
    problems, pages = [], {path: _parse(path) for path in _site_pages(site)}
    for path, page in pages.items():
        name = path.relative_to(site)
        for tag, attr, ref in page.refs:
            parts = urlsplit(ref)
            if parts.scheme in LOCAL_SCHEMES:
                continue
            if parts.scheme or parts.netloc:
                if not (tag == "a" and attr == "href" and parts.scheme == "https" and parts.netloc in ALLOWED_LINK_HOSTS):
                    problems.append(f"{name}: <{tag} {attr}> points off the site: {ref}")
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                problems.append(f"{name}: <{tag} {attr}> {ref} resolves to nothing")
            elif parts.fragment and target.suffix == ".html":
                if unquote(parts.fragment) not in pages.get(target, _Page()).ids:
                    problems.append(f"{name}: {ref}: no element with id {parts.fragment!r}")
        if path.name != "404.html" and len("".join(page.article_text).strip()) < MIN_ARTICLE_CHARS:
            problems.append(f"{name}: the page has almost no content")
    for path in sorted(site.rglob("*")):
        if path.is_file() and CDN.search(path.read_bytes()):
            problems.append(f"{path.relative_to(site)}: mentions a CDN host")

    problems += missing_source_maps(site)
    for path in pages:
        if found := STALE.search(path.read_text(encoding="utf-8")):
            problems.append(f"{path.relative_to(site)}: still says the form is on its way: {found.group(0)!r}")
    names = {path.relative_to(site).as_posix() for path in pages if path.name != "404.html"}
    home = pages.get(site / "index.html")
    if home is not None:
        linked = {_site_path(site, site / "index.html", href) for href in home.nav_links}
        problems += [f"index.html: the navigation has no link to {name}" for name in sorted(names - linked)]
    problems += _sitemap_problems(site, names)
    problems += _search_problems(site, names)
    return problems


class _Policies(HTMLParser):
    """A page's Content Security Policy <meta> elements, and whether each came before the first script or
    stylesheet and inside <head>; every event-handler attribute."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.policies, self.handlers, self._loaded, self._in_head = [], [], False, False

    def handle_starttag(self, tag, attrs):
        if tag == "head":
            self._in_head = True
        elif tag == "body":
            self._in_head = False
        values = dict(attrs)
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "content-security-policy":
            self.policies.append((values.get("content") or "", self._in_head and not self._loaded))
        if tag in ("script", "style") or (tag == "link" and "stylesheet" in (values.get("rel") or "").split()):
            self._loaded = True
        self.handlers += [f"<{tag} {name}>" for name, _ in attrs if name.startswith("on")]

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "head":
            self._in_head = False


def check_policies(site):
    """Every page's Content Security Policy (see the module's description): one line per problem."""
    site, problems = Path(site).resolve(), []
    for path in _site_pages(site):
        name, text = path.relative_to(site), path.read_text(encoding="utf-8")
        found = _Policies()
        found.feed(text)
        if not found.policies:
            problems.append(f"{name}: no Content Security Policy (<meta http-equiv=\"Content-Security-Policy\">)")
            continue
        if len(found.policies) > 1:
            problems.append(f"{name}: {len(found.policies)} Content Security Policies, not one")
        value, first = found.policies[0]
        if not first:
            problems.append(f"{name}: the Content Security Policy is not in <head> before every script and "
                            "stylesheet (a <meta> policy covers only what follows it)")
        if csp.which(value) is None:
            problems.append(f"{name}: the Content Security Policy is not one of the site's (cre_build.csp): {value}")
        allowed = csp.allowed_hashes(value)
        for attrs, script in csp.inline_scripts(text):
            if csp.runs(attrs) and csp.script_hash(script) not in allowed:
                problems.append(f"{name}: an inline script its policy does not allow (it would not run): "
                                f"{' '.join(script.split())[:60]!r}")
        problems += [f"{name}: {handler} would never run (no inline handler passes the policy)"
                     for handler in dict.fromkeys(found.handlers)]
    return problems


def _site_path(site, page, ref):
    """The file a link on `page` leads to, relative to the site (with / separators), or None if it leaves it."""
    parts = urlsplit(ref)
    if parts.scheme or parts.netloc:
        return None
    target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
    try:
        return target.relative_to(site).as_posix()
    except ValueError:
        return None


def _sitemap_problems(site, names):
    path = site / "sitemap.xml"
    if not path.is_file():
        return ["sitemap.xml is missing"]
    problems, data = [], path.read_bytes()
    compressed = site / "sitemap.xml.gz"
    if not compressed.is_file() or gzip.decompress(compressed.read_bytes()) != data:
        problems.append("sitemap.xml.gz is missing or differs from sitemap.xml")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        return [*problems, f"sitemap.xml is not XML: {error}"]
    if root.tag != f"{SITEMAP_NS}urlset":
        return [*problems, f"sitemap.xml: the root is {root.tag}, not a sitemaps urlset"]
    listed = set()
    for loc in root.iter(f"{SITEMAP_NS}loc"):
        name = _site_path(site, path, (loc.text or "").strip())
        if name is None:
            problems.append(f"sitemap.xml: {loc.text!r} is not relative to the site (it is hosted under any sub-path)")
        elif name not in names:
            problems.append(f"sitemap.xml: {loc.text!r} is not a page of the site")
        listed.add(name)
    problems += [f"sitemap.xml does not list {name}" for name in sorted(names - listed)]
    return problems


def _search_problems(site, names):
    index, script = site / "search" / "search_index.json", site / "search" / "search_index.js"
    if not index.is_file():
        return ["search/search_index.json is missing"]
    text = index.read_text(encoding="utf-8")
    problems = []
    if not script.is_file() or script.read_text(encoding="utf-8") != SEARCH_JS_PREFIX + text:
        problems.append("search/search_index.js is missing or differs from search/search_index.json")
    found = {urlsplit(doc.get("location", "")).path for doc in json.loads(text).get("docs", [])}
    problems += [f"search: no entry for {name}" for name in sorted(names - found)]
    return problems


def main(argv=None):
    site = (argv or sys.argv[1:] or ["public"])[0]
    if not Path(site, "index.html").is_file():
        print(f"check_site: {site}/index.html is missing: build the site first", file=sys.stderr)
        return 1
    problems = check(site) + check_policies(site)
    for line in problems:
        print(f"check_site: {line}", file=sys.stderr)
    if not problems:
        print(f"check_site: {site} is whole and self-contained", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
