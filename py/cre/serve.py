"""`cre serve`: host the built site from a folder, under any sub-path, with the MIME types and headers it needs.

For a practitioner's own machine, a demonstration or the tests; the partnership's IT use IIS, Apache or nginx with
the equivalent settings (the hosting page generates those snippets from MIME_TYPES and HEADERS below, so the
three never disagree). Standard library only; never shipped to the browser.

It lists no folder (a folder without an index.html is "not found") and names no software version: its Server
header is just "cre serve".
"""

import functools
import os
import posixpath
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
NO_CACHE = ("sw.js", "service-worker.js")


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
        return super().send_head()

    def list_directory(self, path):
        """Never list a folder's files."""
        self.send_error(HTTPStatus.NOT_FOUND, "Not found")
        return None

    def end_headers(self):
        for name, value in HEADERS.items():
            self.send_header(name, value)
        if posixpath.basename(self.path.split("?", 1)[0]) in NO_CACHE:
            self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        if self.server.verbose:
            super().log_message(format, *args)


def make_server(directory, host="127.0.0.1", port=8000, base="/", verbose=True):
    """A ready server (not yet serving): `serve_forever()` it, `shutdown()` it."""
    base = "/" + base.strip("/") + "/" if base.strip("/") else "/"
    handler = functools.partial(type("Handler", (SiteHandler,), {"base": base}), directory=str(directory))
    server = ThreadingHTTPServer((host, port), handler)
    server.verbose = verbose
    server.base = base
    return server
