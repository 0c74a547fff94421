"""`cre serve` over a real socket (port 0, urllib): the headers on every answer, no folder listed, no version named.
"""

import gzip
import os
import socket
import struct
import threading
import time
import urllib.error
import urllib.request

import brotli
import pytest

from cre import serve

BASE = "/cre/"
SEALED = "0123456789abcdef"  # a folder named by its content


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A small built site: pages, a folder with an index page, a folder without one, the service worker."""
    root = tmp_path_factory.mktemp("served")
    (root / "index.html").write_text("<!DOCTYPE html><title>Home</title>", encoding="utf-8")
    (root / "sw.js").write_text("// worker", encoding="utf-8")
    (root / "app").mkdir()
    (root / "app" / "pyodide.asm.wasm").write_bytes(b"\0asm")
    (root / "app" / "secret-looking-name.json").write_text("{}", encoding="utf-8")
    (root / "app" / "pyodide" / SEALED).mkdir(parents=True)
    (root / "app" / "pyodide" / SEALED / "pyodide.mjs").write_text("export {};", encoding="utf-8")
    (root / "app" / "bundle" / SEALED).mkdir(parents=True)
    (root / "app" / "bundle" / SEALED / "bundle.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    (root / "hosting").mkdir()
    (root / "hosting" / "index.html").write_text("<!DOCTYPE html><title>Hosting</title>", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def url(site):
    httpd = serve.make_server(site, port=0, base=BASE, verbose=False)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def get(address, method="GET", accept=None, extra=None):
    """(status, headers, body) for one request, redirects not followed, errors as answers. `accept`: the
    Accept-Encoding header (none by default, as urllib sends)."""
    opener = urllib.request.build_opener(_NoRedirect)
    headers = {**({"Accept-Encoding": accept} if accept else {}), **(extra or {})}
    try:
        with opener.open(urllib.request.Request(address, method=method, headers=headers), timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers, error.read()


ANSWERS = [  # (path, status): a page, the service worker, a wasm file, a folder's index, a redirect, not-found ones
    (BASE, 200), (BASE + "index.html", 200), (BASE + "sw.js", 200), (BASE + "app/pyodide.asm.wasm", 200),
    (BASE + "hosting/", 200), (BASE + "hosting", 301), ("/cre", 301), (BASE + "gone.html", 404),
    (BASE + "app/", 404), (BASE + "app", 404), ("/elsewhere/", 404),
]


@pytest.mark.parametrize(("path", "status"), ANSWERS)
def test_every_answer_carries_the_headers_and_opener_policy(url, path, status):
    got, headers, _ = get(url + path)
    assert got == status, path
    for name, value in serve.HEADERS.items():
        assert headers.get_all(name) == [value], f"{path}: {name}"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    for name in serve.HTTPS_HEADERS:  # plain HTTP: browsers would ignore it, and it would claim HTTPS
        assert headers.get(name) is None, f"{path}: {name} sent over plain HTTP"


@pytest.mark.parametrize(("path", "status"), ANSWERS)
@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_no_answer_names_python_or_a_version(url, path, status, method):
    _, headers, body = get(url + path, method)
    assert headers["Server"] == serve.SERVER_NAME == "cre serve"
    everything = (str(headers) + body.decode("utf-8", "replace")).lower()
    for word in ("python", "simplehttp", "basehttp", "wsgi"):
        assert word not in everything, f"{method} {path} names {word!r}"


@pytest.mark.parametrize("path", ["app/", "app", "app/?C=M;O=A", "app/."])
def test_a_folder_without_an_index_page_is_not_found_and_not_listed(url, path):
    status, headers, body = get(url + BASE + path)
    assert status == 404, path
    assert headers.get("Location") is None  # not even a redirect that says the folder exists
    text = body.decode("utf-8", "replace")
    assert "pyodide.asm.wasm" not in text and "secret-looking-name" not in text
    assert "Directory listing" not in text


def test_a_folder_with_an_index_page_serves_it(url):
    status, headers, body = get(url + BASE + "hosting/")
    assert (status, body) == (200, b"<!DOCTYPE html><title>Hosting</title>")
    assert headers["Content-Type"].startswith("text/html")
    status, headers, _ = get(url + BASE + "hosting")
    assert (status, headers["Location"]) == (301, BASE + "hosting/")


def test_types_and_the_service_worker_uncached(url):
    _, headers, _ = get(url + BASE + "app/pyodide.asm.wasm")
    assert headers["Content-Type"] == "application/wasm"
    _, headers, _ = get(url + BASE + "sw.js")
    assert headers["Cache-Control"] == "no-cache"
    _, headers, _ = get(url + BASE + "index.html")
    assert headers["Cache-Control"] == "no-cache"  # a page: asked for again, so a new build is seen at once


def test_a_folder_named_by_its_content_is_kept_a_year_and_everything_else_is_asked_for_again(url):
    _, headers, _ = get(url + BASE + f"app/pyodide/{SEALED}/pyodide.mjs")
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    for path in ("", "index.html", "app/secret-looking-name.json", "app/pyodide.asm.wasm"):
        assert get(url + BASE + path)[1]["Cache-Control"] == "no-cache", path


def test_what_compresses_is_sent_with_brotli_to_a_browser_that_accepts_it(url, site):
    for path, name in (("", "index.html"), ("app/pyodide.asm.wasm", "app/pyodide.asm.wasm")):
        status, headers, body = get(url + BASE + path, accept="gzip, deflate, br")
        assert status == 200 and headers["Content-Encoding"] == "br", path
        assert headers["Vary"] == "Accept-Encoding" and brotli.decompress(body) == (site / name).read_bytes()
        assert int(headers["Content-Length"]) == len(body)
    _, headers, _ = get(url + BASE + f"app/bundle/{SEALED}/bundle.zip", accept="br")
    assert headers.get("Content-Encoding") is None


def test_what_compresses_is_sent_gzipped_to_a_browser_that_accepts_only_that_and_zips_are_not(url, site):
    for path, name in (("", "index.html"), ("index.html", "index.html"), ("sw.js", "sw.js"),
                       ("app/pyodide.asm.wasm", "app/pyodide.asm.wasm")):
        status, headers, body = get(url + BASE + path, accept="gzip, deflate")
        assert status == 200 and headers["Content-Encoding"] == "gzip", path
        assert headers["Vary"] == "Accept-Encoding" and gzip.decompress(body) == (site / name).read_bytes()
        assert int(headers["Content-Length"]) == len(body)
        status, headers, body = get(url + BASE + path)  # no Accept-Encoding: as it is
        assert headers.get("Content-Encoding") is None and body == (site / name).read_bytes()
    _, headers, body = get(url + BASE + f"app/bundle/{SEALED}/bundle.zip", accept="gzip")
    assert headers.get("Content-Encoding") is None and body == b"PK\x05\x06" + bytes(18)


def test_a_browser_that_goes_away_mid_answer_is_not_reported_as_an_error(url, site, capfd):
    (site / "app" / "large.zip").write_bytes(os.urandom(8 * 2**20))  # more than the sockets' buffers hold
    before = threading.active_count()
    with socket.create_connection(("127.0.0.1", int(url.rsplit(":", 1)[1])), timeout=10) as browser:
        browser.sendall(f"GET {BASE}app/large.zip HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
        assert browser.recv(12, socket.MSG_WAITALL) == b"HTTP/1.0 200"  # the answer has begun
        browser.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # gone, as a killed tab
    deadline = time.monotonic() + 30
    while threading.active_count() > before and time.monotonic() < deadline:  # the answering thread gives up
        time.sleep(0.05)
    assert threading.active_count() == before
    assert "Traceback" not in capfd.readouterr().err
    assert get(url + BASE + "index.html")[0] == 200  # and the next browser is served


def test_a_current_copy_is_answered_not_modified(url):
    _, headers, _ = get(url + BASE + "index.html", accept="gzip")
    status, _, body = get(url + BASE + "index.html", accept="gzip",
                          extra={"If-Modified-Since": headers["Last-Modified"]})
    assert status == 304 and body == b""


def test_the_https_only_headers_are_strict_transport_security_for_a_year():
    assert serve.HTTPS_HEADERS == {"Strict-Transport-Security": "max-age=31536000"}
    assert not set(serve.HTTPS_HEADERS) & set(serve.HEADERS)
