"""The pages' Content Security Policies, in one place: the form pages' (form_page.document writes it into each
form page's <meta>) and the guidance pages' (mkdocs_hooks writes it into each guidance page, with the hashes of
that page's own inline scripts). check_site fails the build when a built page lacks its policy or runs an inline
script the policy does not name.

A <meta> policy cannot carry frame-ancestors (browsers ignore it there): the server sends that as a header
(cre.serve.HEADERS, and the Hosting page's IIS, Apache and nginx settings made from it).

What a policy stops: a script written into a page or added to it later (inline, in an event-handler attribute, a
javascript: address), a script or any other request to another host, and on the guidance pages eval. What it
cannot stop: a file on the same host (origin) that the policy's 'self' allows, and any script already running on
that origin (another page of the same host opening this one, or reading its IndexedDB). Hence the Hosting page's
rule: the toolkit gets a host name of its own.
"""

import base64
import hashlib
from html.parser import HTMLParser

# The form page runs PyScript, which evaluates strings with Function() ('unsafe-eval') and compiles Pyodide's wasm.
# It has no inline script, style or handler, so none is allowed.
FORM_PAGE = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-eval'", "'wasm-unsafe-eval'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:", "blob:"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'none'"],
}

# The guidance pages (MkDocs and Material): no eval, and no inline script but the theme's own few, each allowed by
# its hash (added per page, with script_hashes). No inline style either, except on a page that draws a Mermaid
# diagram (DIAGRAM_STYLES): Mermaid draws with <style> elements and hundreds of style attributes, and a style can
# neither run code nor, under this policy, fetch anything from another host.
# img-src data: for the theme's icons (SVG data: addresses in its stylesheet). The search runs in a worker on a web
# address; from file:// the iframe-worker shim runs it in a hidden about:blank frame instead, which takes the
# page's policy, so the bootstrap the shim writes there is allowed by its hash too (mkdocs_hooks.shim_bootstrap).
GUIDANCE_PAGE = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "frame-src": ["'none'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'none'"],
}
DIAGRAM_STYLES = {"style-src": ["'unsafe-inline'"]}


def policy(directives, extra=None):
    """The policy as a header or <meta> value; `extra` ({directive: [sources]}) adds sources to directives, such
    as script_hashes(...)."""
    parts = []
    for name, sources in directives.items():
        added = [source for source in (extra or {}).get(name, ()) if source not in sources]
        parts.append(" ".join([name, *sources, *dict.fromkeys(added)]))
    return "; ".join(parts)


def script_hashes(texts):
    """{"script-src": [...]}: the sources that allow exactly these inline scripts."""
    return {"script-src": [script_hash(text) for text in texts]}


def script_hash(text):
    """The CSP source that allows one inline script whose text is exactly `text`."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def parse(value):
    """A policy's directives: {name: [sources]} (names lower-cased)."""
    directives = {}
    for part in value.split(";"):
        words = part.split()
        if words:
            directives.setdefault(words[0].lower(), words[1:])
    return directives


def which(value):
    """Which of the site's policies a page's policy is ("form" or "guidance"), or None for any other: the form
    pages' exactly, or the guidance pages' with nothing added but script hashes and, on a page with a diagram,
    DIAGRAM_STYLES."""
    directives = parse(value)
    if directives == parse(policy(FORM_PAGE)):
        return "form"
    hashes = [source for source in directives.get("script-src", []) if source.startswith("'sha256-")]
    for extra in (script_hashes(()), DIAGRAM_STYLES):
        if directives == parse(policy(GUIDANCE_PAGE, {**extra, "script-src": hashes})):
            return "guidance"
    return None


def allowed_hashes(value):
    """The script hashes a policy names."""
    return {source for source in parse(value).get("script-src", []) if source.startswith("'sha")}


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.found, self._open = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self._open = (dict(attrs), [])

    def handle_data(self, data):
        if self._open is not None:
            self._open[1].append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._open is not None:
            attrs, parts = self._open
            if attrs.get("src") is None:
                self.found.append((attrs, "".join(parts)))
            self._open = None


def inline_scripts(html):
    """Every <script> without a src in a page: (its attributes, its text exactly as written)."""
    parser = _Scripts()
    parser.feed(html)
    parser.close()
    return parser.found


def runs(attrs):
    """Whether a browser runs an inline <script> with these attributes (a data block such as JSON does not)."""
    kind = (attrs.get("type") or "").strip().lower()
    return kind in ("", "module", "text/javascript", "application/javascript", "text/ecmascript")
