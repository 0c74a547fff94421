"""The build's single-file stage: the form in one HTML file a practitioner can open from a file share.

    python -m cre_build.single_file SITE_DIR

Runs after the app stage (cre_build.app calls it). Reads the built SITE_DIR/form.html and the app files it uses
(SITE_DIR/app/: the same Pyodide, PyScript, bundle.zip and main.py as the served form, as pyscript.json names them)
and writes SITE_DIR/offline/CRE-assessment.html: the same page, with
- each app file embedded as gzipped base64 in <script type="application/x-embedded" data-name="app/…">;
- app_assets/embedded.js first in <head>, inline, answering fetch() and module imports from those (a page opened
  from file:// may do neither from local files);
- its stylesheets and scripts inline (boot.js and vault.js keep their path in data-src), the icon a data: URL, and
  the service worker's tags (data-cre-pwa) left out: a file cannot have one; links to the guidance pages made
  relative to offline/ (the pages themselves are not in the file yet);
- its own Content Security Policy (FILE_POLICY): nothing but what the page itself holds.
Then it checks its own output (check): nothing is left that the browser would fetch from beside the file, and the
policy and the loader are there; a size over the issue's limit (MAX_BYTES, MAX_GZIP) is reported as a warning
until the runtime's pruning brings it under. Not yet handled: the guidance pages the form links
to are not in the file.
"""

from __future__ import annotations

import argparse
import base64
import gzip
import hashlib
import html
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

from cre_build.csp import policy

ASSETS = Path(__file__).resolve().parent / "app_assets"
SHIM = ASSETS / "embedded.js"
FORM = "form.html"
FOLDER = "offline"  # the site check and the service worker leave this folder to this stage
TARGET = Path(FOLDER) / "CRE-assessment.html"
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
CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')
PWA_TAG = re.compile(r"<(link|meta|script)\b[^>]*\bdata-cre-pwa\b[^>]*>(</script>)?")
STYLE_LINK = re.compile(r'<link rel="stylesheet" href="(app/[^"]+\.css)">')
ICON_LINK = re.compile(r'<link rel="icon" href="([^"]+\.png)">')
SCRIPT_SRC = re.compile(r'<script src="(app/[^"]+\.js)" defer></script>')
# A link to another page of the site (relative, no scheme, not a fragment): from offline/ it is one folder up.
PAGE_LINK = re.compile(r'(<a\b[^>]*\bhref=")(?![a-zA-Z][a-zA-Z0-9+.-]*:|#)')
# Elements whose src or href the browser fetches as the page loads (an <a href> is navigation, not a fetch).
FETCHING = {"script", "link", "img", "source", "iframe", "embed", "object", "audio", "video", "track", "input"}


class BuildError(Exception):
    """The single file could not be made, or failed its own check."""


class _Fetched(HTMLParser):
    """The addresses the page's own elements would have the browser fetch (script text is not parsed as markup)."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        if tag in FETCHING:
            self.found += [f"<{tag} {name}={value!r}>" for name, value in attrs
                           if name in ("src", "href", "data", "poster") and value
                           and not value.startswith(("data:", "blob:", "#"))]

    handle_startendtag = handle_starttag


def payloads(site: Path) -> list[str]:
    """The app files the form uses, as paths relative to the site: pyscript.json, its interpreter folder and
    bundle, main.py, memory-idb.js (for a browser that refuses IndexedDB), and PyScript's chunks but the unused
    ones."""
    app = site / "app"
    config = json.loads((app / "pyscript.json").read_text(encoding="utf-8"))
    pyodide = (app / config["interpreter"]).parent
    names = ["app/pyscript.json", "app/main.py", "app/memory-idb.js"]
    names += [p.relative_to(site).as_posix() for p in sorted(pyodide.iterdir()) if p.is_file()]
    names += [(app / ref).relative_to(site).as_posix() for ref in config["files"]]
    names += [p.relative_to(site).as_posix() for p in sorted((app / "pyscript").glob("*.js"))
              if not UNUSED_CHUNKS.search(p.name)]
    missing = [name for name in names if not (site / name).is_file()]
    if missing:
        raise BuildError(f"the app stage did not write {', '.join(missing)}: run cre_build.app first")
    return names


def embed(name: str, data: bytes) -> str:
    packed = base64.b64encode(gzip.compress(data, compresslevel=9, mtime=0)).decode("ascii")
    return f'<script type="application/x-embedded" data-name="{html.escape(name)}">{packed}</script>\n'


def render(site: Path) -> str:
    page = (site / FORM).read_text(encoding="utf-8")
    names = payloads(site)
    # The nonce is the content's hash, so the same site gives the same file (a file's nonce guards nothing a
    # server could vary; it only lets the shim's import map in, and nothing else the page did not start with).
    nonce = hashlib.sha256(page.encode() + "".join(names).encode()).hexdigest()[:24]
    meta = policy({k: [s.format(nonce=nonce) for s in v] for k, v in FILE_POLICY.items()})
    if not CSP_META.search(page):
        raise BuildError(f"{FORM} has no Content Security Policy <meta> to replace")
    shim = SHIM.read_text(encoding="utf-8")
    # The shim right after the policy (and the charset before both): it runs before any other script.
    page = CSP_META.sub(lambda _m: f'<meta http-equiv="Content-Security-Policy" content="{meta}">\n'
                        f'<script nonce="{nonce}">{shim}</script>', page, count=1)
    page = PWA_TAG.sub("", page)
    page = STYLE_LINK.sub(lambda m: f'<style nonce="{nonce}">{(site / m[1]).read_text(encoding="utf-8")}</style>',
                         page)
    page = ICON_LINK.sub(lambda m: '<link rel="icon" href="data:image/png;base64,'
                         + base64.b64encode((site / m[1]).read_bytes()).decode("ascii") + '">', page)

    def inline(match):
        # "</script" would end the element early; "<\/script" means the same in a JS string or comment.
        text = re.sub(r"</(script)", r"<\\/\1", (site / match[1]).read_text(encoding="utf-8"), flags=re.I)
        return f'<script nonce="{nonce}" data-src="{match[1]}">{text}</script>'

    page = SCRIPT_SRC.sub(inline, page)
    # The guidance pages stay where the site has them: links work when the whole site is published beside the
    # file (public/offline/ next to the pages); alone on a share, the form itself needs none of them.
    page = PAGE_LINK.sub(lambda m: m[1] + "../", page)
    embedded = "".join(embed(name, (site / name).read_bytes()) for name in names)
    return page.replace("</body>", embedded + "</body>", 1)


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


def check(text: str) -> None:
    """The file's own check: nothing it would fetch from beside itself, its policy and its loader."""
    stray = _Fetched(text).found
    if stray:
        raise BuildError("the single file would still fetch from beside itself: " + "; ".join(stray[:5]))
    if "Content-Security-Policy" not in text or "creEmbedded" not in text:
        raise BuildError("the single file lacks its policy or its loader")


def build(site: Path) -> Path:
    text = render(site)
    check(text)
    size = over_limit(text)
    if size:  # not yet an error: the speed work's pruning is to bring it under (tests/unit/test_single_file.py)
        print(f"single file: warning: {size}", file=sys.stderr)
    target = site / TARGET
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
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
