"""`cre serve`: host the built site from a folder, under any sub-path, with the MIME types and headers it needs.

For a practitioner's own machine, a demonstration or the tests; the partnership's IT use IIS, Apache or nginx with
the equivalent settings (the hosting page generates those snippets from MIME_TYPES and HEADERS below, so the
three never disagree). The standard library, and Brotli where installed; never shipped to the browser.

It lists no folder (a folder without an index.html is "not found") and names no software version: its Server
header is just "cre serve". It sends what compresses (pages, scripts, styles, JSON, WebAssembly, fonts) compressed to
a browser that accepts it: with Brotli where the `Brotli` package is installed (the `serve` extra; Pyodide's
WebAssembly is a tenth smaller than with gzip), else with gzip; zip files are compressed already. It says how long
a browser may keep each answer (cache_control): a folder named by its content (app/pyodide/<hash>/,
app/bundle/<hash>/) for a year, as it never changes; anything else, pages and the service worker first, only after
asking again (`no-cache`: a 304 when it has not changed), so a new build is seen at once.
"""

import email.utils
import functools
import gzip
import io
import os
import posixpath
import re
import sys
import threading
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

MIME_TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".py": "text/x-python",
    ".js": "text/javascript",
    ".whl": "application/zip",
    ".zip": "application/zip",
    ".ttf": "font/ttf",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".svg": "image/svg+xml",
}
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'",  # the pages' own CSP is a meta tag, which cannot say this
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    # A page that opened the toolkit (window.open, a link with target) keeps no handle on its tab: it cannot
    # navigate the form to a look-alike page or count its frames, and the form's window.opener is null.
    "Cross-Origin-Opener-Policy": "same-origin",
}
# Only over HTTPS, where browsers heed it (they ignore it over plain HTTP, which is all `cre serve` speaks): from the
# first visit on, this host name is asked for over HTTPS only, for a year. The Hosting page's settings add it for an
# HTTPS site, marked as such.
HTTPS_HEADERS = {
    "Strict-Transport-Security": "max-age=31536000",
}
SERVER_NAME = "cre serve"  # the Server header: no Python version, nothing for a scanner to match
NO_CACHE = ("sw.js", "service-worker.js")  # named on the Hosting page: never kept without asking again
COMMON_TYPES = {".html": "text/html", ".css": "text/css", ".txt": "text/plain", ".xml": "application/xml"}
COMPRESSED = (".html", ".js", ".mjs", ".css", ".json", ".webmanifest", ".wasm", ".py", ".svg", ".ttf", ".txt", ".xml")
# Their types, for the servers that compress by type (the Hosting page's settings).
COMPRESSED_TYPES = tuple(dict.fromkeys({**COMMON_TYPES, **MIME_TYPES}[ext] for ext in COMPRESSED))
# A folder named by its content (cre_build.service_worker.seal): what is in it never changes.
IMMUTABLE_FOLDERS = ("app/pyodide", "app/bundle")
IMMUTABLE = re.compile(r"/(" + "|".join(IMMUTABLE_FOLDERS) + r")/[0-9a-f]{16}/")
KEEP_A_YEAR = "public, max-age=31536000, immutable"
GZIP_LEVEL = 6
BROTLI_QUALITY = 6  # as nginx's brotli module by default: the WebAssembly in half a second, kept in memory after
try:
    import brotli  # the `serve` extra: Google's Brotli bindings
except ImportError:  # then gzip only
    brotli = None


def cache_control(path):
    """The Cache-Control header for a path of the site."""
    return KEEP_A_YEAR if IMMUTABLE.search(path) else "no-cache"


@functools.lru_cache(maxsize=64)
def _compressed(path, coding, mtime_ns, size):  # noqa: ARG001 - the file's mtime and size key the cache
    with open(path, "rb") as handle:
        data = handle.read()
    if coding == "br":
        return brotli.compress(data, quality=BROTLI_QUALITY)
    return gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)


_compress_lock = threading.Lock()


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves `directory` at `base` (for example /some/sub/path/); anything outside the base is 404."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}
    base = "/"
    server_version = SERVER_NAME
    sys_version = ""

    def version_string(self):
        return SERVER_NAME

    def translate_path(self, path):
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if not clean.startswith(self.base):
            return ""
        return super().translate_path("/" + clean[len(self.base):])

    def send_head(self):
        path = self.path.split("?", 1)[0]
        if not path.startswith(self.base) and path + "/" != self.base:
            self.send_error(HTTPStatus.NOT_FOUND, "Not under this site's address")
            return None
        if path + "/" == self.base:
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", self.base)
            self.end_headers()
            return None
        folder = self.translate_path(self.path)
        if os.path.isdir(folder) and not os.path.isfile(os.path.join(folder, "index.html")):
            self.send_error(HTTPStatus.NOT_FOUND, "Not found")  # before the base class adds a slash or lists it
            return None
        target = os.path.join(folder, "index.html") if os.path.isdir(folder) and path.endswith("/") else folder
        coding = self.coding()
        if os.path.isfile(target) and target.endswith(COMPRESSED) and coding:
            return self.send_compressed(target, coding)
        return super().send_head()

    def coding(self):
        """The content coding to send: "br" where the browser accepts it and Brotli is installed, else "gzip" where
        it accepts that, else None."""
        codings = [part.split(";")[0].strip() for part in self.headers.get("Accept-Encoding", "").split(",")]
        if brotli is not None and "br" in codings:
            return "br"
        return "gzip" if "gzip" in codings else None

    def send_compressed(self, target, coding):
        """A file compressed (kept in memory while it is unchanged), or 304 when the browser's copy is current."""
        stat = os.stat(target)
        since = self.headers.get("If-Modified-Since")
        if since and "If-None-Match" not in self.headers:
            try:
                if int(stat.st_mtime) <= email.utils.parsedate_to_datetime(since).timestamp():
                    self.send_response(HTTPStatus.NOT_MODIFIED)
                    self.end_headers()
                    return None
            except (TypeError, ValueError, IndexError, OverflowError):
                pass
        with _compress_lock:
            data = _compressed(target, coding, stat.st_mtime_ns, stat.st_size)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(target))
        self.send_header("Content-Encoding", coding)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Last-Modified", self.date_time_string(stat.st_mtime))
        self.end_headers()
        return io.BytesIO(data)

    def list_directory(self, path):
        """Never list a folder's files."""
        self.send_error(HTTPStatus.NOT_FOUND, "Not found")
        return None

    def end_headers(self):
        for name, value in HEADERS.items():
            self.send_header(name, value)
        path = self.path.split("?", 1)[0]
        self.send_header("Cache-Control", "no-cache" if posixpath.basename(path) in NO_CACHE else cache_control(path))
        if path.endswith(COMPRESSED) or path.endswith("/"):
            self.send_header("Vary", "Accept-Encoding")
        super().end_headers()

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        if self.server.verbose:
            super().log_message(format, *args)


class SiteServer(ThreadingHTTPServer):
    """Says nothing when a browser goes away mid-answer (a closed tab, a reload, a page left while the WebAssembly
    was still arriving): that is not the server's fault, and its traceback would bury the lines that are."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exception(), ConnectionError):  # BrokenPipe, ConnectionReset, ConnectionAborted
            super().handle_error(request, client_address)


def make_server(directory, host="127.0.0.1", port=8000, base="/", verbose=True):
    """A ready server (not yet serving): `serve_forever()` it, `shutdown()` it."""
    base = "/" + base.strip("/") + "/" if base.strip("/") else "/"
    handler = functools.partial(type("Handler", (SiteHandler,), {"base": base}), directory=str(directory))
    server = SiteServer((host, port), handler)
    server.verbose = verbose
    server.base = base
    return server
