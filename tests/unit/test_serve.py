"""`cre serve` over a real socket (port 0, urllib): the headers on every answer, no folder listed, no version named.
"""

import threading
import urllib.error
import urllib.request

import pytest

from cre import serve

BASE = "/cre/"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A small built site: pages, a folder with an index page, a folder without one, the service worker."""
    root = tmp_path_factory.mktemp("served")
    (root / "index.html").write_text("<!DOCTYPE html><title>Home</title>", encoding="utf-8")
    (root / "sw.js").write_text("// worker", encoding="utf-8")
    (root / "app").mkdir()
    (root / "app" / "pyodide.asm.wasm").write_bytes(b"\0asm")
    (root / "app" / "secret-looking-name.json").write_text("{}", encoding="utf-8")
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


def get(address, method="GET"):
    """(status, headers, body) for one request, redirects not followed, errors as answers."""
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(urllib.request.Request(address, method=method), timeout=10) as response:
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
    assert headers.get("Cache-Control") is None


def test_the_https_only_headers_are_strict_transport_security_for_a_year():
    assert serve.HTTPS_HEADERS == {"Strict-Transport-Security": "max-age=31536000"}
    assert not set(serve.HTTPS_HEADERS) & set(serve.HEADERS)
