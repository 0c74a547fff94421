"""The benchmark's web server: `cre serve`'s handler (the one the e2e tests use), counting what it sends.

Each Server serves one folder under a sub-path on a free local port, in a thread of this process, until stop().
`sent` lists (URL path, path on disk, bytes of the file, bytes sent) for every response; `transferred()` adds them up: raw,
as gzip would send them (level 6, what a web server compressing responses typically uses; computed afterwards, so
that the server answers as fast as a plain one), and as the handler sent them (Brotli where it compresses).
"""

import functools
import gzip
import os
import threading
import urllib.request
from http.server import ThreadingHTTPServer
from pathlib import Path

from cre.serve import COMPRESSED, SiteHandler

_GZIP_SIZES: dict[tuple[str, int], int] = {}


class _Counting(SiteHandler):
    def copyfile(self, source, outputfile):
        data = source.read()
        outputfile.write(data)
        path = self.translate_path(self.path)
        path = os.path.join(path, "index.html") if os.path.isdir(path) else path
        # The file's own size, whether the handler sent it as it is or compressed (it compresses what compresses).
        size = os.path.getsize(path) if os.path.isfile(path) else len(data)
        with self.server.lock:
            self.server.sent.append((self.path.split("?", 1)[0], path, size, len(data)))


def gzip_size(path: str) -> int:
    data = Path(path).read_bytes()
    key = (path, len(data))
    if key not in _GZIP_SIZES:
        _GZIP_SIZES[key] = len(gzip.compress(data, compresslevel=6, mtime=0))
    return _GZIP_SIZES[key]


class Server:
    def __init__(self, directory: Path, base: str):
        handler = functools.partial(type("Handler", (_Counting,), {"base": base}), directory=str(directory))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.verbose, self.httpd.sent, self.httpd.lock = False, [], threading.Lock()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}{base}"
        self.running = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def _sent(self, asked=None):
        """The responses sent so far: those to the URL paths in `asked` only, when given."""
        with self.httpd.lock:
            sent = list(self.httpd.sent)
        return [row[1:] for row in sent if asked is None or row[0] in asked]

    def transferred(self, asked=None) -> tuple[int, int, int]:
        """(raw bytes, gzip bytes, bytes sent) of every response body sent so far (to the URL paths in `asked`)."""
        sent = self._sent(asked)
        return (sum(size for _, size, _ in sent),
                sum(gzip_size(path) if Path(path).is_file() else size for path, size, _ in sent),
                sum(body for _, _, body in sent))

    def files(self, directory: Path, asked=None) -> list[list]:
        """[path in the site, raw bytes, gzip bytes, bytes sent] for each file sent so far (to the URL paths in
        `asked`), biggest first."""
        rows = {}
        for path, size, body in self._sent(asked):
            if Path(path).is_file():
                name = Path(path).relative_to(directory).as_posix()
                rows[name] = [name, size, gzip_size(path), body]
        return sorted(rows.values(), key=lambda row: -row[2])

    def warm(self, directory: Path) -> None:
        """Ask once for every file that the handler compresses, in each coding, so that no measured visit waits for
        a first compression (the handler keeps what it compressed in memory, for every server of this process);
        then forget those responses."""
        for path in sorted(directory.rglob("*")):
            if path.is_file() and path.name.endswith(COMPRESSED):
                for coding in ("br", "gzip"):
                    request = urllib.request.Request(self.url + path.relative_to(directory).as_posix(),
                                                     headers={"Accept-Encoding": coding})
                    with urllib.request.urlopen(request) as response:
                        response.read()
        with self.httpd.lock:
            self.httpd.sent.clear()

    def stop(self):
        if self.running:
            self.running = False
            self.httpd.shutdown()
            self.httpd.server_close()
