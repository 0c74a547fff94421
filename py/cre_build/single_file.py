"""The build's single-file stage: the form in one HTML file a practitioner can open from a file share.

    python -m cre_build.single_file SITE_DIR

Runs after the app stage (cre_build.app calls it). Reads the built SITE_DIR/form.html and the app files it uses
(SITE_DIR/app/: the same Pyodide, PyScript, bundle.zip and main.py as the served form, as pyscript.json names them)
and writes SITE_DIR/offline/CRE-assessment.html: the same page, with
- each app file embedded as gzipped base64 in <script type="application/x-embedded" data-name="app/…">;
- app_assets/embedded.js first in <head>, inline, answering fetch() and module imports from those (a page opened
  from file:// may do neither from local files);
- its stylesheets and scripts inline (boot.js and vault.js keep their path in data-src), the icon a data: URL, and
  the service worker's tags (data-cre-pwa) left out: a file cannot have one;
- the guidance pages the form links to (and the key contacts, which the guidance home links to): each page's main
  content, its ids prefixed ("guide-risk-examples--grooming"), without the Level of risk page's Mermaid diagram,
  in a <dialog> that app_assets/guide.js opens at the section a link names (styled by app_assets/guide.css); the
  form's links to them point there. A link to a page neither in the file nor beside it keeps its text only;
- its own Content Security Policy (FILE_POLICY): nothing but what the page itself holds.
Beside it, SITE_DIR/offline/form-blank.html: the blank form to print, made to stand alone the same way (standalone:
its stylesheet inline, its icon a data: URL, no service worker, a policy of its own, BLANK_POLICY).
Then it checks its own output (check): nothing is left that the browser would fetch from beside either file, every
link resolves in the file (an embedded page or section) or to the blank form beside it, no id is used twice, no
script but the file's own, and the policy and the loader are there; and the file is within its size limit
(MAX_BYTES, MAX_GZIP: a practitioner's browser holds all of it at once). The zips (the standard library, the
bundle) go in with their members stored, the same members as the site's, so that gzip over the whole finds what
the members share.
"""

from __future__ import annotations

import argparse
import base64
import copy
import gzip
import hashlib
import html
import io
import json
import re
import sys
import zipfile
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

from cre_build.csp import policy

ASSETS = Path(__file__).resolve().parent / "app_assets"
SHIM = ASSETS / "embedded.js"
GUIDE_JS = ASSETS / "guide.js"
GUIDE_CSS = ASSETS / "guide.css"
FORM = "form.html"
BLANK = "form-blank.html"  # the blank form to print: written beside the single file
ALSO = ("contacts.html",)  # guidance the file holds though the form does not link it: the key contacts
FOLDER = "offline"  # the site check and the service worker leave this folder to this stage
TARGET = Path(FOLDER) / "CRE-assessment.html"
PDF_BUNDLE = "pdf.zip"  # beside each bundle: the PDF's own (cre_build.app writes it, cre.browser.pdf_bundle reads it)
# PyScript's chunks that the form never loads: the code editor and the terminal (the spike: only these can go).
UNUSED_CHUNKS = re.compile(r"^(codemirror|xterm)|^(service-worker|storage)\.js$")
MAX_BYTES = 12_000_000  # the limit: 12 MB raw (gzip 10 MB)
MAX_GZIP = 10_000_000
# The file's policy: its scripts only by the page's nonce, or as blob: modules the shim makes; its styles only by
# the nonce; no request to anything (connect-src 'none': the shim answers fetch() before the network is asked).
FILE_POLICY = {
    "default-src": ["'none'"],
    "script-src": ["'nonce-{nonce}'", "blob:", "'unsafe-eval'", "'wasm-unsafe-eval'"],
    "style-src": ["'nonce-{nonce}'"],
    "img-src": ["data:", "blob:"],
    "connect-src": ["'none'"],
    "worker-src": ["blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'none'"],
}
# The blank form's: no script at all, its one stylesheet by the nonce, its icon a data: URL.
BLANK_POLICY = {
    "default-src": ["'none'"],
    "style-src": ["'nonce-{nonce}'"],
    "img-src": ["data:"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'none'"],
}
OTHER_FORM = re.compile(r'\s*<span class="cre-chooser__other">[^<]*</span>')
CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
PWA_TAG = re.compile(r"<(link|meta|script)\b[^>]*\bdata-cre-pwa\b[^>]*>(</script>)?")
STYLE_LINK = re.compile(r'<link rel="stylesheet" href="(app/[^"]+\.css)">')
ICON_LINK = re.compile(r'<link rel="icon" href="([^"]+\.png)">')
SCRIPT_SRC = re.compile(r'<script src="(app/[^"]+\.js)" defer></script>')
# A link, and the form's "(opens in new tab)" after it; the site's markup quotes every attribute with ".
ANCHOR = re.compile(r'<a\b([^>]*)>(.*?)</a>(<span class="cre-examples__new-tab">[^<]*</span>)?', re.S)
HREF = re.compile(r'\shref="([^"]*)"')
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
LEAVING = ("tel:", "mailto:", "https:")  # links that may leave the file: a call, an email, the procedures site
# A guidance page's main content (MkDocs Material), and the diagram the file leaves out (Mermaid would run a script
# and draw with inline styles, which the file's policy refuses).
ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.S)
DIAGRAM = re.compile(r'<pre class="mermaid">.*?</pre>', re.S)
NO_DIAGRAM = "<p>The diagram is on the guidance site; the steps below say the same.</p>"
GUIDE = "cre-guide"
# Elements whose src or href the browser fetches as the page loads (an <a href> is navigation, not a fetch).
FETCHING = {"script", "link", "img", "source", "iframe", "embed", "object", "audio", "video", "track", "input"}


class BuildError(Exception):
    """The single file could not be made, or failed its own check."""


class _Page(HTMLParser):
    """What check() looks at in a page, as a browser parses it (script text is not parsed as markup): the addresses
    its elements would have the browser fetch, its ids, its links, its scripts' attributes, its elements with a
    style or event-handler attribute, its policy."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.fetched, self.ids, self.links, self.scripts, self.styled = [], [], [], [], []
        self.policy = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if tag in FETCHING:
            self.fetched += [f"<{tag} {name}={value!r}>" for name, value in attrs
                             if name in ("src", "href", "data", "poster") and value
                             and not value.startswith(("data:", "blob:", "#"))]
        if found.get("id"):
            self.ids.append(found["id"])
        if tag == "a" and "href" in found:
            self.links.append(found["href"] or "")
        if tag == "script":
            self.scripts.append(found)
        if any(name == "style" or name.startswith("on") for name in found):
            self.styled.append(f"<{tag} id={found.get('id')!r}>")
        if tag == "meta" and found.get("http-equiv") == "Content-Security-Policy":
            self.policy = found.get("content")

    handle_startendtag = handle_starttag


def guide_id(page: str, fragment: str = "") -> str:
    """The id of an embedded guidance page ("guide-level-of-risk"), or of an element in it
    ("guide-level-of-risk--key-contacts": unique, as no page's name holds "--")."""
    stem = page.removesuffix(".html")
    return f"guide-{stem}--{fragment}" if fragment else f"guide-{stem}"


def relink(text: str, where) -> str:
    """Each link in `text` to another page of the site ("risk-examples.html#grooming") pointed where `where(href)`
    says, or unwrapped when it says None (the text stays; in a <span> of the link's class, if it had one). A link
    that opens in the page no longer opens a new tab, and the form's "(opens in new tab)" after it goes."""

    def one(match):
        attrs, inner, new_tab = match[1], match[2], match[3] or ""
        href = HREF.search(attrs)
        if not href or not href[1] or href[1].startswith("#") or SCHEME.match(href[1]):
            return match[0]
        address = where(html.unescape(href[1]))
        if address is None:
            kind = re.search(r'\sclass="[^"]*"', attrs)
            return f"<span{kind[0]}>{inner}</span>" if kind else inner
        attrs = attrs.replace(href[0], f' href="{html.escape(address)}"')
        if address.startswith("#") or not address:
            attrs, new_tab = re.sub(r'\s(target|rel)="[^"]*"', "", attrs), ""
        return f"<a{attrs}>{inner}</a>{new_tab}"

    return ANCHOR.sub(one, text)


def guide_pages(site: Path) -> list[str]:
    """The guidance pages the file holds: those the form links to (a page of the site with MkDocs' main content),
    and ALSO."""
    form = (site / FORM).read_text(encoding="utf-8")
    linked = [href.split("#")[0] for href in HREF.findall(form) if re.match(r"^[\w.-]+\.html(#|$)", href)]
    pages = [page for page in dict.fromkeys(linked + list(ALSO))
             if (site / page).is_file() and ARTICLE.search((site / page).read_text(encoding="utf-8"))]
    missing = [page for page in ALSO if page not in pages]
    if missing:
        raise BuildError(f"the site has no guidance page {', '.join(missing)} to put in the file")
    return pages


def in_file(pages: list[str]):
    """The address, in the single file, of a link to a page of the site: an embedded page or its section, the file
    itself for the form ("" loads it afresh, as the site's link loads form.html), the blank form beside it; else
    None (not in the file: the link is unwrapped)."""

    def where(href):
        page, _, fragment = href.partition("#")
        if page in pages:
            return "#" + guide_id(page, fragment)
        if page == FORM:
            return "#" + fragment if fragment else ""
        return href if page == BLANK else None

    return where


def article(site: Path, page: str, where) -> str:
    """One guidance page's main content for the file: ids prefixed and its links to match, no diagram, links to the
    procedures site in a new tab (the form stays open), each table in a box of its own, blank lines gone."""
    found = ARTICLE.search((site / page).read_text(encoding="utf-8"))
    if not found:
        raise BuildError(f"{page} has no main content (<article class=\"md-content__inner\">) to put in the file")
    body = DIAGRAM.sub(NO_DIAGRAM, found[1])
    body = re.sub(r'(?<=\s)id="([^"]+)"', lambda m: f'id="{guide_id(page, m[1])}"', body)
    body = re.sub(r'(?<=\s)href="#([^"]*)"', lambda m: f'href="#{guide_id(page, m[1])}"', body)
    body = relink(body, where)
    body = re.sub(r'<a href="(https:[^"]*)">', r'<a href="\1" target="_blank" rel="noopener noreferrer">', body)
    # A table wider than a phone scrolls on its own, not the whole page (guide.css).
    body = re.sub(r"(<table\b.*?</table>)", rf'<div class="{GUIDE}__table">\1</div>', body, flags=re.S)
    body = re.sub(r"\n\s*\n+", "\n", body).strip()
    return f'<article id="{guide_id(page)}" class="{GUIDE}__page" data-guide-page hidden>\n{body}\n</article>'


def guide(site: Path, pages: list[str], nonce: str) -> str:
    """The dialog holding the guidance pages (one shown at a time, by app_assets/guide.js), and that script."""
    articles = "\n".join(article(site, page, in_file(pages)) for page in pages)
    first = re.search(r'<h1 id="([^"]+)"', articles)
    if not first:
        raise BuildError(f"{pages[0]} has no <h1> to name the guidance dialog")
    script = GUIDE_JS.read_text(encoding="utf-8")
    return (f'<dialog id="{GUIDE}" class="{GUIDE}" aria-labelledby="{first[1]}">\n'
            f'<div class="{GUIDE}__bar"><button type="button" class="govuk-button govuk-button--secondary" '
            f'data-guide-close>Close</button></div>\n<div class="{GUIDE}__body">\n{articles}\n</div></dialog>\n'
            f'<script nonce="{nonce}">{script}</script>\n')


def payloads(site: Path) -> list[str]:
    """The app files the form uses, as paths relative to the site: pyscript.json, its interpreter folder, its
    bundle and the PDF's beside it, main.py, memory-idb.js (for a browser that refuses IndexedDB), and PyScript's
    chunks but the unused ones."""
    app = site / "app"
    config = json.loads((app / "pyscript.json").read_text(encoding="utf-8"))
    pyodide = (app / config["interpreter"]).parent
    names = ["app/pyscript.json", "app/main.py", "app/memory-idb.js"]
    names += [p.relative_to(site).as_posix() for p in sorted(pyodide.iterdir()) if p.is_file()]
    for ref in config["files"]:  # each bundle, and the PDF's own beside it (cre.browser.pdf_bundle)
        bundle = (app / ref).relative_to(site)
        names += [bundle.as_posix(), (bundle.parent / PDF_BUNDLE).as_posix()]
    names += [p.relative_to(site).as_posix() for p in sorted((app / "pyscript").glob("*.js"))
              if not UNUSED_CHUNKS.search(p.name)]
    missing = [name for name in names if not (site / name).is_file()]
    if missing:
        raise BuildError(f"the app stage did not write {', '.join(missing)}: run cre_build.app first")
    return names


def stored(data: bytes) -> bytes:
    """A zip with the same members, names and times, each stored instead of deflated: gzip over the whole then
    finds what the members share, and the file is smaller than with each member deflated on its own."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for info in source.infolist():
            data = source.read(info)
            info = copy.copy(info)  # the source reads by its own entry: leave that one deflated
            info.compress_type = zipfile.ZIP_STORED
            target.writestr(info, data)
    return out.getvalue()


def embed(name: str, data: bytes) -> str:
    if name.endswith(".zip"):
        data = stored(data)
    packed = base64.b64encode(gzip.compress(data, compresslevel=9, mtime=0)).decode("ascii")
    return f'<script type="application/x-embedded" data-name="{html.escape(name)}">{packed}</script>\n'


def standalone(site: Path, name: str, nonce: str, directives: dict, where, head: str = "") -> str:
    """A built page of the site (FORM, BLANK) made to stand alone, the steps both files share: its links to other
    pages of the site pointed where `where` says (relink), its policy replaced by `directives` (with the nonce) and
    `head` right after it, the service worker's tags left out, its stylesheets inline by the nonce, its icon a
    data: URL."""
    page = relink((site / name).read_text(encoding="utf-8"), where)
    meta = policy({k: [s.format(nonce=nonce) for s in v] for k, v in directives.items()})
    if not CSP_META.search(page):
        raise BuildError(f"{name} has no Content Security Policy <meta> to replace")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{meta}">' + (head and "\n" + head)
    page = CSP_META.sub(lambda _m: meta, page, count=1)
    page = PWA_TAG.sub("", page)
    page = STYLE_LINK.sub(lambda m: f'<style nonce="{nonce}">{(site / m[1]).read_text(encoding="utf-8")}</style>',
                          page)
    return ICON_LINK.sub(lambda m: '<link rel="icon" href="data:image/png;base64,'
                         + base64.b64encode((site / m[1]).read_bytes()).decode("ascii") + '">', page)


def render(site: Path) -> str:
    """The single file's text."""
    names = payloads(site)
    pages = guide_pages(site)
    # The nonce is the content's hash, so the same site gives the same file (a file's nonce guards nothing a
    # server could vary; it only lets the shim's import map in, and nothing else the page did not start with).
    nonce = hashlib.sha256((site / FORM).read_bytes() + "".join(names).encode()).hexdigest()[:24]
    # The shim right after the policy (and the charset before both): it runs before any other script.
    shim = f'<script nonce="{nonce}">{SHIM.read_text(encoding="utf-8")}</script>'
    page = standalone(site, FORM, nonce, FILE_POLICY, in_file(pages), head=shim)
    # The way to the earlier form's page goes: that page is not in the file (its records open here, converted).
    page = OTHER_FORM.sub("", page)
    page = page.replace("</head>", f'<style nonce="{nonce}">{GUIDE_CSS.read_text(encoding="utf-8")}</style>\n'
                        "</head>", 1)

    def inline(match):
        # "</script" would end the element early; "<\/script" means the same in a JS string or comment.
        text = re.sub(r"</(script)", r"<\\/\1", (site / match[1]).read_text(encoding="utf-8"), flags=re.I)
        return f'<script nonce="{nonce}" data-src="{match[1]}">{text}</script>'

    page = SCRIPT_SRC.sub(inline, page)
    embedded = "".join(embed(name, (site / name).read_bytes()) for name in names)
    return page.replace("</body>", guide(site, pages, nonce) + embedded + "</body>", 1)


def render_blank(site: Path) -> str:
    """The blank form to print, to stand beside the single file: no link to the site's other pages is left (they
    are not beside it; the printout needs none)."""
    nonce = hashlib.sha256((site / BLANK).read_bytes()).hexdigest()[:24]
    return standalone(site, BLANK, nonce, BLANK_POLICY, lambda _href: None)


def sizes(text: str) -> tuple[int, int]:
    """(raw bytes, gzip bytes) of the file, as a web server or a zip of the share would see it."""
    data = text.encode("utf-8")
    return len(data), len(gzip.compress(data, compresslevel=6))


def over_limit(text: str) -> str | None:
    """What is wrong with the file's size, or None when it is within the issue's limit."""
    raw, packed = sizes(text)
    if raw > MAX_BYTES or packed > MAX_GZIP:
        return (f"the single file is {raw / 1e6:.1f} MB ({packed / 1e6:.1f} MB gzip): over the limit of "
                f"{MAX_BYTES / 1e6:.0f} MB ({MAX_GZIP / 1e6:.0f} MB gzip)")
    return None


def unresolved(found: _Page, beside=()) -> list[str]:
    """The links of a page that go nowhere it holds: not to one of its own ids, not to the file itself (""), not to
    a file beside it, and not a call, an email or the procedures site (LEAVING)."""
    ids = set(found.ids)
    return [href for href in found.links
            if not (href == "" or href in beside or href.startswith(LEAVING)
                    or (href.startswith("#") and href[1:] in ids))]


def problems(found: _Page, beside=()) -> list[str]:
    """What is wrong with one file of the folder (parsed), whatever it is: what it would fetch, links that go
    nowhere, ids used twice, style or event-handler attributes (its policy refuses both), a page without its
    policy."""
    wrong = []
    if found.fetched:
        wrong.append("it would still fetch from beside itself: " + "; ".join(found.fetched[:5]))
    links = unresolved(found, beside)
    if links:
        wrong.append("links lead to nothing in it or beside it: " + ", ".join(sorted(set(links))[:5]))
    twice = sorted(name for name, count in Counter(found.ids).items() if count > 1)
    if twice:
        wrong.append("ids used more than once: " + ", ".join(twice[:5]))
    if found.styled:
        wrong.append("style or event-handler attributes, which its policy refuses: " + ", ".join(found.styled[:5]))
    if not found.policy:
        wrong.append("it has no Content Security Policy")
    return wrong


def check(text: str, beside: dict[str, str] | None = None) -> None:
    """The file's own check, and of the files written beside it (`beside`: their names and texts): nothing either
    would fetch from beside itself, every link resolves (a guidance page or section in the file, the file itself,
    a file beside it), ids unique, no style or event-handler attributes, no script but the file's own, its policy,
    its loader and its guidance;
    the blank form beside it holds no script at all."""
    beside = beside or {}
    found = _Page(text)
    wrong = [f"the single file: {problem}" for problem in problems(found, beside)]
    nonce = re.search(r"'nonce-([^']+)'", found.policy or "")
    strays = [attrs for attrs in found.scripts if attrs.get("type") != "application/x-embedded"
              and (not nonce or attrs.get("nonce") != nonce[1] or "src" in attrs)]
    if strays:
        wrong.append(f"the single file: scripts not its own: {strays[:3]}")
    if "creEmbedded" not in text or GUIDE not in found.ids:
        wrong.append("the single file lacks its loader or its guidance")
    for name, other in beside.items():
        parsed = _Page(other)
        wrong += [f"{name} beside it: {problem}" for problem in problems(parsed)]
        if parsed.scripts:
            wrong.append(f"{name} beside it: it holds a script")
    if wrong:
        raise BuildError("; ".join(wrong))


def build(site: Path) -> Path:
    text, blank = render(site), render_blank(site)
    check(text, {BLANK: blank})
    size = over_limit(text)
    if size:
        raise BuildError(size)
    target = site / TARGET
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    (target.parent / BLANK).write_text(blank, encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m cre_build.single_file", description=__doc__.splitlines()[0])
    ap.add_argument("site", type=Path, help="the built site, after the app stage, e.g. public")
    args = ap.parse_args(argv)
    try:
        target = build(args.site)
    except (BuildError, OSError, KeyError, ValueError) as error:
        print(f"single file: {error}", file=sys.stderr)
        return 1
    data = target.read_bytes()
    print(f"single file: wrote {target} ({len(data) / 1e6:.1f} MB, {len(gzip.compress(data)) / 1e6:.1f} MB gzip)",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
