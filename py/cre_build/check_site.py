"""The build's check stage: the built site is whole and refers to no other host.

    python -m cre_build.check_site [public]

- every internal link and asset (href, src) resolves to a file in the output, and every #fragment to an id;
- every page in the navigation has content (its article holds text);
- no src or href points off the site except tel:, mailto: and the partnership's own procedures site (as a link);
- no file mentions a CDN host (a script could still fetch from it).
Prints one line per problem and exits 1 if there are any.
"""

import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

ALLOWED_LINK_HOSTS = {"derbyshirescbs.proceduresonline.com"}
LOCAL_SCHEMES = {"tel", "mailto"}
CDN = re.compile(rb"cdn\.jsdelivr|unpkg\.com|fonts\.googleapis|fonts\.gstatic|googletagmanager|cdnjs\.")
MIN_ARTICLE_CHARS = 200


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.refs, self.ids, self.article_text, self._in_article = [], set(), [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "name" in attrs:
            self.ids.add(attrs["name"])
        for name in ("href", "src"):
            if attrs.get(name) is not None:
                self.refs.append((tag, name, attrs[name]))
        if tag in ("article", "main"):  # guidance pages put their content in <article>, the form pages in <main>
            self._in_article += 1

    def handle_endtag(self, tag):
        if tag in ("article", "main"):
            self._in_article -= 1

    def handle_data(self, data):
        if self._in_article:
            self.article_text.append(data)


def _parse(path):
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def check(site):
    site = Path(site).resolve()
    problems, pages = [], {path: _parse(path) for path in sorted(site.rglob("*.html"))}
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
    return problems


def main(argv=None):
    site = (argv or sys.argv[1:] or ["public"])[0]
    if not Path(site, "index.html").is_file():
        print(f"check_site: {site}/index.html is missing: build the site first", file=sys.stderr)
        return 1
    problems = check(site)
    for line in problems:
        print(f"check_site: {line}", file=sys.stderr)
    if not problems:
        print(f"check_site: {site} is whole and self-contained", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
