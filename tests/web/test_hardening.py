"""The server never answers 5xx to a bad request, and refuses foreign hosts.

Every parameter of every endpoint (walked from ``api.ENDPOINTS``, the declaration the OpenAPI
document is built from, and ``pages.PAGES``, so a new one is covered without a new test)
gets a malformed integer, an overflowing one, an FTS syntax error and a NUL; the answer is a
400 naming the parameter (a 400 page on the dashboard), with the security headers.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import quote

import pytest
from web_helpers import test_client

from parley.web.api import ENDPOINTS
from parley.web.pages import PAGES
from parley.web.security import HEADERS

#: name -> (value, kinds of parameter that must refuse it; others must just not fail)
BAD = {
    "superscript": ("²", {"int", "date", "bool", "choice", "article_id"}),
    "double minus": ("--5", {"int", "date", "bool", "choice", "article_id"}),
    "overflow": ("9" * 23, {"int", "date", "bool", "choice"}),  # hex: an article id's 404
    "5,000 digits": ("9" * 5000, "all"),
    "fts syntax": ("a OR", {"int", "date", "bool", "choice", "article_id", "search"}),
    "nul": ("a\x00b", "all"),
}
GOOD = {"id": "1", "name": "Lavrov", "q": "Lavrov"}  # required values not under test


def _cases(surface):
    for path, params, path_names in surface:
        required = {p.name for p in params if p.required} - path_names
        for p in params:
            for bad, (value, refused_by) in BAD.items():
                refused = refused_by == "all" or p.kind in refused_by
                yield pytest.param(path, p, value, refused, path_names | required,
                                   id=f"{path}:{p.name}:{bad}")  # fmt: skip


def _api():
    for e in ENDPOINTS:
        yield e.path, (*e.path_params, *e.params), {p.name for p in e.path_params}


def _pages():
    for path, _, params in PAGES:
        yield path, params, set(re.findall(r"{(\w+)}", path))


def _url(path, param, value, needed):
    """The URL of ``path`` with ``value`` for ``param`` and good values for the others of
    ``needed`` (path parameters and required query parameters)."""
    values = {n: GOOD[n] for n in needed} | {param.name: value}
    url, query = path, {}
    for n, v in values.items():
        if "{" + n + "}" in url:
            url = url.replace("{" + n + "}", quote(v, safe=""))
        else:
            query[n] = v
    return url, query


def _has_security_headers(response):
    return all(response.headers.get(k.decode()) == v.decode() for k, v in HEADERS)


@pytest.mark.parametrize(("path", "param", "value", "refused", "path_names"), list(_cases(_api())))
def test_every_api_parameter_refuses_bad_values_with_a_400(
    client, path, param, value, refused, path_names
):
    url, query = _url(path, param, value, path_names)
    r = client.get(url, params=query)
    assert r.status_code < 500, r.text[:300]
    assert _has_security_headers(r)
    assert r.headers["content-type"].startswith("application/json")
    if refused:
        assert r.status_code == 400, r.text[:300]
        assert r.json()["parameter"] == param.name
        assert param.name in r.json()["error"]


@pytest.mark.parametrize(
    ("path", "param", "value", "refused", "path_names"), list(_cases(_pages()))
)
def test_every_dashboard_parameter_refuses_bad_values_with_a_400_page(
    client, path, param, value, refused, path_names
):
    url, query = _url(path, param, value, path_names)
    r = client.get(url, params=query)
    assert r.status_code < 500, r.text[:300]
    assert _has_security_headers(r)
    answered_csv = path.endswith(".csv") and r.status_code == 200  # errors are pages
    assert r.headers["content-type"].startswith("text/csv" if answered_csv else "text/html")
    if refused:
        assert r.status_code == 400


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/api/articles?limit=²", "limit must be a whole number"),
        ("/api/articles?limit=--5", "limit must be a whole number"),
        ("/api/articles?limit=" + "9" * 5000, "limit is longer than 1000 characters"),
        ("/api/stories/²", "id must be a whole number"),
        ("/api/stories/99999999999999999999999", "id must be from 1 to"),
        ("/api/entities/X?quotes=²", "quotes must be a whole number"),
        ("/api/quotes?about=a OR", "about 'a OR' is not a valid search"),
        ("/api/quotes?about=NOT", "about: search text is empty"),
        ("/api/quotes?about=a%00b", "about must not contain a NUL byte"),
        ("/api/search?q=a%00b", "q must not contain a NUL byte"),
        ("/api/articles?until=2024-01-01&since=2024-02-01", "since 2024-02-01 is after until"),
    ],
)
def test_the_reported_requests_are_400_with_the_parameter_named(client, path, message):
    r = client.get(path)
    assert r.status_code == 400 and message in r.json()["error"], r.text[:300]


@pytest.mark.parametrize(
    "path", ["/?limit=²", "/stories/99999999999999999999999", "/?q=a%00b", "/?q=a OR",
             "/events?limit=--5", "/actor?name=a%00"],
)  # fmt: skip
def test_the_reported_pages_are_400_pages(client, path):
    r = client.get(path)
    assert r.status_code == 400 and "<h1>" in r.text and _has_security_headers(r)


@pytest.fixture
def broken(hand_db, monkeypatch):
    """A client of a server whose article listing fails unexpectedly."""
    from parley import store
    from parley.web import create_app

    def fail(*args, **kwargs):
        raise RuntimeError("secret internals at /srv/parley/db.py line 12")

    monkeypatch.setattr(store, "articles", fail)
    return test_client(create_app(hand_db), raise_server_exceptions=False)


@pytest.mark.parametrize(
    ("path", "kind"), [("/api/articles", "application/json"), ("/", "text/html")]
)
def test_an_unexpected_error_is_a_500_with_headers_and_no_traceback(broken, caplog, path, kind):
    with caplog.at_level(logging.ERROR, logger="parley.web"):
        r = broken.get(path)
    assert r.status_code == 500 and r.headers["content-type"].startswith(kind)
    assert _has_security_headers(r)
    assert "Traceback" not in r.text and "secret internals" not in r.text
    if kind == "application/json":
        assert r.json()["status"] == 500 and r.json()["error"]
    lines = [rec.getMessage() for rec in caplog.records if rec.name == "parley.web"]
    assert len(lines) == 1 and "RuntimeError" in lines[0] and "\n" not in lines[0]


@pytest.mark.parametrize(
    "host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example", "localhost.evil"]
)
def test_a_foreign_host_is_refused(client, host):
    for path, kind in (("/api/articles", "application/json"), ("/", "text/html")):
        r = client.get(path, headers={"host": host})
        assert r.status_code == 400 and r.headers["content-type"].startswith(kind)
        assert _has_security_headers(r) and "--allow-host" in r.text


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:8000", "localhost:8000", "LOCALHOST",
                                  "[::1]:8000", "[::1]"])  # fmt: skip
def test_local_hosts_are_served(client, host):
    assert client.get("/api/articles", headers={"host": host}).status_code == 200


def test_allowed_hosts_are_configurable(hand_db):
    from parley.web import create_app

    named = test_client(create_app(hand_db, allowed_hosts=["parley.lan"]))
    assert named.get("/", headers={"host": "parley.lan:8000"}).status_code == 200
    assert named.get("/", headers={"host": "other.lan"}).status_code == 400
    anything = test_client(create_app(hand_db, allowed_hosts=["*"]))
    assert anything.get("/", headers={"host": "other.lan"}).status_code == 200


def test_options_answers_with_allow(client):
    r = client.options("/api/articles")
    assert r.status_code == 204 and _has_security_headers(r)
    assert set(r.headers["allow"].split(", ")) == {"GET", "HEAD", "OPTIONS", "POST"}
    assert set(client.options("/events").headers["allow"].split(", ")) == {"GET", "HEAD",
                                                                            "OPTIONS"}  # fmt: skip
    assert client.options("/api/stories/1").status_code == 204
    assert client.options("/api/nothing").status_code == 404


def test_a_wrong_method_on_a_page_says_what_is_allowed(client):
    r = client.delete("/events")
    assert r.status_code == 405 and "GET" in r.headers["allow"]


def test_favicon(client):
    r = client.get("/favicon.ico")
    assert r.status_code == 200 and r.headers["content-type"].startswith("image/svg+xml")
    assert r.content.startswith(b"<svg") and _has_security_headers(r)
    assert 'rel="icon" href="/favicon.ico"' in client.get("/").text


def test_openapi_carries_the_constraints_the_server_enforces(client):
    doc = client.get("/api/openapi.json").json()

    def param(path, name):
        return next(p["schema"] for p in doc["paths"][path]["get"]["parameters"]
                    if p["name"] == name)  # fmt: skip

    assert param("/api/search", "q")["minLength"] == 1
    assert param("/api/articles/{id}", "id")["pattern"].startswith("^(sha256:)?")
    assert param("/api/articles", "since")["pattern"] == r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
    assert param("/api/articles", "limit")["maximum"] >= param("/api/articles", "limit")["minimum"]
    assert "not before since" in next(
        p["description"] for p in doc["paths"]["/api/articles"]["get"]["parameters"]
        if p["name"] == "until"
    )  # fmt: skip
    post = doc["paths"]["/api/articles"]["post"]["requestBody"]["content"]["application/json"]
    assert post["schema"]["properties"]["text"]["minLength"] == 1
    for e in ENDPOINTS:  # every integer parameter is bounded, every string has a length cap
        for p in doc["paths"][e.path]["get"]["parameters"]:
            s = p["schema"]
            if s["type"] == "integer":
                assert {"minimum", "maximum"} <= set(s), (e.path, p["name"])
            if s["type"] == "string" and "enum" not in s:
                assert "maxLength" in s and "pattern" in s, (e.path, p["name"])


def test_the_app_still_answers_after_a_lifespan_ends(hand_db):
    from parley.web import create_app

    app = create_app(hand_db)
    for _ in range(2):  # the second session once found closed connections in the pool
        with test_client(app) as c:
            assert c.get("/api/articles").status_code == 200


def test_serve_reads_the_token_file_and_allows_the_host(hand_db, tmp_path, monkeypatch):
    import uvicorn

    import parley.cli
    import parley.web.app

    seen = {}
    real = parley.web.app.create_app

    def spy(*args, **kwargs):
        seen.update(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(parley.cli, "COMMANDS", ("parley.web.cli",))
    monkeypatch.setattr(parley.web.app, "create_app", spy)
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: None)
    monkeypatch.setattr(parley.web.app.Resources, "warm", lambda self: None, raising=False)
    secret = tmp_path / "token"
    secret.write_text("s3cret\n")
    argv = ["serve", "--db", str(hand_db), "--token-file", str(secret), "--port", "1",
            "--allow-host", "parley.lan"]  # fmt: skip
    monkeypatch.setattr("parley.web.cli._check_free", lambda host, port: None)
    assert parley.cli.main(argv) == 0
    assert seen["token"] == "s3cret"
    assert set(seen["allowed_hosts"]) == {"127.0.0.1", "parley.lan"}
