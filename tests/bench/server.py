"""The benchmark's web server: `cre serve`'s handler (the one the e2e tests use), counting what it sends.

Each Server serves one folder under a sub-path on a free local port, in a thread of this process, until stop().
`sent` lists (path on disk, bytes of body) for every response; `transferred()` adds them up, raw and as gzip would
send them (level 6, what a web server compressing responses typically uses; computed afterwards, so that the
server answers as fast as a plain one).
"""

import functools
import gzip
import os
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

from cre.serve import SiteHandler

_GZIP_SIZES: dict[tuple[str, int], int] = {}


class _Counting(SiteHandler):
    def copyfile(self, source, outputfile):
        data = source.read()
        outputfile.write(data)
        path = self.translate_path(self.path)
        path = os.path.join(path, "index.html") if os.path.isdir(path) else path
        # The file's own size, whether the handler sent it as it is or gzipped (it compresses what compresses).
        size = os.path.getsize(path) if os.path.isfile(path) else len(data)
        with self.server.lock:
            self.server.sent.append((path, size))


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

    def transferred(self) -> tuple[int, int]:
        """(raw bytes, gzip bytes) of every response body sent so far."""
        with self.httpd.lock:
            sent = list(self.httpd.sent)
        return sum(size for _, size in sent), sum(gzip_size(path) if Path(path).is_file() else size
                                                   for path, size in sent)

    def stop(self):
        if self.running:
            self.running = False
            self.httpd.shutdown()
            self.httpd.server_close()
