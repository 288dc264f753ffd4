"""Dashboard pages: they render the store, escape everything from articles, and send a
Content-Security-Policy that forbids inline script."""

from __future__ import annotations

import re

from web_helpers import IMG, SCRIPT, active_content, elements

from parley.web.security import CSP


def page(client, path, status=200, **params):
    r = client.get(path, params=params)
    assert r.status_code == status, r.text[:500]
    assert r.headers["content-type"].startswith("text/html")
    return r.text


def test_search_page_lists_hits_with_marked_snippets(client):
    html = page(client, "/", q="heating")
    assert "Talks, part 1" in html and "<mark>heating</mark>" in html
    assert "1–1 of 1" in html


def test_home_lists_articles_and_pages(client):
    html = page(client, "/", limit=2)
    assert html.count('href="/articles/sha256:') == 2
    assert 'rel="next"' in html and "offset=2" in html


def test_article_page_highlights_everything(client):
    first = client.get("/api/articles").json()["items"][0]["id"]
    html = page(client, f"/articles/{first}")
    for kind in ("hl-entity", "hl-quote", "hl-event", "hl-time", "hl-flag"):
        assert f"{kind}" in html
    assert 'title="Quote Q1 (direct) by Sergey Lavrov, cue “said”' in html
    assert "anonymous_source" in html


def test_actor_page_has_a_chart(client):
    html = page(client, "/actor", name="Lavrov")
    assert "<h1>Sergey Lavrov</h1>" in html
    assert html.count('<rect class="bar-events"') == 3  # three months with events
    assert "2024-06: 1 statements" in html


def test_events_timeline_filters(client):
    html = page(client, "/events", type="ACCUSE")
    assert html.count('class="event"') == 3 and "REJECT" not in html.split("<ol")[1]
    assert "<time>2024-08-20</time>" in html


def test_stories_actors_and_flags_pages(client):
    listing = page(client, "/stories", min_articles=1)
    story = re.search(r'href="(/stories/\d+)"', listing).group(1)
    assert "Talks, part" in page(client, story)
    assert "Sergey Lavrov" in page(client, "/actors")
    assert "unnamed officials" in page(client, "/flags", kind="anonymous_source")


def test_page_errors_are_pages(client):
    assert "not an ISO 8601 date" in page(client, "/events", 400, since="soon")
    assert "no article" in page(client, "/articles/" + "0" * 16, 404)
    assert "no entity" in page(client, "/actor", 404, name="Nobody At All")
    page(client, "/no/such/page", 404)


def test_hostile_article_renders_inert(seed_client):
    hit = seed_client.get("/api/search", params={"q": "Geneva"}).json()["items"][0]
    r = seed_client.get(f"/articles/{hit['id']}")
    assert r.status_code == 200
    html = r.text
    assert r.headers["content-security-policy"] == CSP
    assert "'unsafe-inline'" not in CSP and "script-src 'self'" in CSP
    assert SCRIPT not in html and IMG not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    # parsed as a browser would: the only script is the page's own, no handlers, no links
    # to javascript:, the hostile markup stays text (also inside title attributes)
    assert [a for t, a in elements(html) if t == "script"] == [
        {"src": "/static/parley.js", "defer": None}
    ]
    assert active_content(html) == []
    titles = " ".join(a.get("title") or "" for _, a in elements(html))
    assert '<b onmouseover="alert(4)">Envoy</b>' in titles  # shown as text on hover


def test_hostile_text_in_lists_and_search_is_escaped(seed_client):
    for path, params in (("/", {"q": "Geneva"}), ("/", {}), ("/flags", {}), ("/actors", {})):
        html = page(seed_client, path, **params)
        assert "<script>alert" not in html and "<svg onload" not in html, path
        assert active_content(html) == [], path
