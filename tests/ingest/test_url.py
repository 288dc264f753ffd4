"""URLs, served by a local http.server on 127.0.0.1: no test touches the network."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from parley.errors import InputError
from parley.ingest import web


class Site:
    """Routes ``path -> (status, content type, body)`` and a log of requests."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, str, bytes]] = {}
        self.requests: list[tuple[str, str]] = []  # (path, User-Agent)
        self.base = ""

    def add(self, path: str, body: str | bytes, content_type: str = "text/html") -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = (200, content_type, data)
        return self.base + path

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]


@pytest.fixture
def site(monkeypatch) -> Iterator[Site]:
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            state.requests.append((self.path, self.headers.get("User-Agent", "")))
            if self.path == "/redirect":
                self.send_response(302)
                self.send_header("Location", "/article.html")
                self.end_headers()
                return
            status, content_type, data = state.routes.get(self.path, (404, "text/plain", b"no"))
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


def test_html_url(site, read, texts, make_page):
    url = site.add("/article.html", make_page(texts.english), "text/html; charset=utf-8")
    [article] = read(url)
    assert article.input == url
    assert article.url == url
    assert article.title == "Envoys meet in Geneva"
    assert texts.english.splitlines()[1] in article.text
    assert site.requests == [("/article.html", "parley/0.1")]


def test_redirect_keeps_input_and_records_final_url(site, read, texts, make_page):
    final = site.add("/article.html", make_page(texts.english), "text/html")
    url = site.base + "/redirect"
    [article] = read(url)
    assert (article.input, article.url) == (url, final)


def test_text_url_uses_the_declared_charset(site, read, texts):
    text = texts.english + "Talks resumed in Genève.\r\n"
    url = site.add("/story", text.encode("latin-1"), "text/plain; charset=iso-8859-1")
    [article] = read(url)
    assert article.text == text


def test_html_sniffed_when_served_as_text(site, read, texts, make_page):
    url = site.add("/page", make_page(texts.english), "text/plain")
    [article] = read(url)
    assert article.title == "Envoys meet in Geneva"


def feed(site: Site) -> str:
    items = "".join(
        f"<item><title>{title}</title><link>{site.base}{path}</link>"
        f"<pubDate>Tue, 05 Mar 2024 09:30:00 GMT</pubDate><description>Teaser.</description></item>"
        for title, path in (("Envoys meet", "/geneva.html"), ("Exchange extended", "/vienna.html"))
    )
    channel = f"<channel><title>Desk</title>{items}</channel>"
    return f"<?xml version='1.0'?><rss version='2.0'>{channel}</rss>"


def test_feed_url_without_follow_fetches_only_the_feed(site, read):
    url = site.add("/feed", feed(site), "application/rss+xml")
    items = read(url)
    assert [item.input for item in items] == [f"{url}#1", f"{url}#2"]
    assert [item.text for item in items] == ["Teaser.", "Teaser."]
    assert site.paths() == ["/feed"]  # the links were not fetched


def test_feed_url_with_follow_fetches_entry_links(site, read, texts, make_page):
    url = site.add("/feed", feed(site), "application/xml")
    site.add("/geneva.html", make_page(texts.english, date=""), "text/html")
    site.add("/vienna.html", "%PDF-1.7 not a page", "application/pdf")
    first, second = read(url, follow=True)
    assert first.input == f"{url}#1"
    assert first.url == f"{site.base}/geneva.html"
    assert first.title == "Envoys meet"  # the feed's metadata wins over the page's
    assert first.source == "Desk"
    assert first.published == "2024-03-05"
    assert texts.english.splitlines()[2] in first.text
    assert isinstance(second, InputError)
    assert second.input == f"{url}#2"
    assert "binary file (looks like PDF)" in second.reason
    assert site.paths() == ["/feed", "/geneva.html", "/vienna.html"]


def test_http_error(site, read):
    url = site.base + "/missing"
    [error] = read(url)
    assert isinstance(error, InputError)
    assert error.input == url
    assert error.reason.startswith("HTTP error 404")


def test_connection_refused():
    with socket.socket() as sock:  # a port that nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/article"
    with pytest.raises(InputError, match="could not fetch"):
        web.fetch(url)


def test_timeout(monkeypatch):
    def slow(self, request, timeout=None):
        assert timeout == 20
        raise TimeoutError

    monkeypatch.setattr("urllib.request.OpenerDirector.open", slow)
    with pytest.raises(InputError, match="timed out after 20 s"):
        web.fetch("http://127.0.0.1:9/article")


def test_only_http_urls_are_fetched():
    with pytest.raises(InputError, match="not an http or https URL"):
        web.fetch("file:///etc/passwd")
