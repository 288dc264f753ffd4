"""Dashboard pages: they render the store, escape everything from articles, and send a
Content-Security-Policy that forbids inline script."""

from __future__ import annotations

import re
from html import unescape

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
    for path, params in (
        ("/", {"q": "Geneva"}),
        ("/", {}),
        ("/flags", {}),
        ("/actors", {}),
        ("/quotes", {}),
        ("/stories", {}),
        ("/events", {}),
        ("/actor", {"name": "Envoy"}),
    ):
        html = page(seed_client, path, **params)
        assert "<script>alert" not in html and "<svg onload" not in html, path
        charts = ["<svg>"] if '<svg class="chart"' in html else []  # the page's own chart
        assert active_content(html) == charts, path


def test_quotes_page_shows_each_quote_in_its_sentence(client):
    html = page(client, "/quotes", speaker="Lavrov")
    assert html.count('<mark class="said">We are ready to talk about grain,</mark>') == 3
    assert '" Lavrov said in a televised address.' in html.replace("&#34;", '"')
    assert html.count('href="/articles/sha256:') == 3
    assert ">Talks, part 3</a>" in html  # the article by its title
    link = re.search(r'href="(/articles/sha256:[0-9a-f]+#quote-Q1)"', html).group(1)
    article = page(client, link.split("#")[0])
    passage = re.search(r'<span id="quote-Q1" class="[^"]*hl-quote[^"]*"[^>]*>([^<]*)</span>',
                        article)  # fmt: skip
    assert passage and "We are ready" in passage.group(1)
    assert 'id="event-V1"' in article and 'id="event-V3"' in article
    assert 'href="/actor?name=person%3Asergey-lavrov">Sergey Lavrov</a>' in html
    anonymous = page(client, "/quotes", anonymous="true")
    assert anonymous.count('<span class="tag">anonymous</span>') == 3
    assert 'value="true" selected' in anonymous
    assert page(client, "/quotes", actor="Turkey").count("Turkey would host a meeting</mark>") == 3
    assert "No quote matches." in page(client, "/quotes", actor="Lavrov")
    dated = page(client, "/quotes", since="2024-08-01", until="2024-08-31")
    assert dated.count('class="said"') == 2
    assert "true or false" in page(client, "/quotes", 400, anonymous="maybe")
    assert "unknown sort" in page(client, "/quotes", 400, sort="pk")


def test_quotes_page_sorts_on_the_server(client):
    html = page(client, "/quotes")
    assert 'aria-sort="descending"><a class="sort" href="?sort=date">date ▼' in html
    assert 'href="?sort=speaker">speaker</a>' in html
    oldest = page(client, "/quotes", sort="date")
    days = re.findall(r'<td class="nowrap">([0-9-]+)</td>', oldest)
    assert days == sorted(days) and len(days) == 6


def test_actor_page_names_and_links(client):
    html = page(client, "/actor", name="Lavrov")
    assert 'href="/quotes?speaker=person%3Asergey-lavrov">3 by Sergey Lavrov</a>' in html
    assert "/api/quotes" not in html
    often = html.split("often with</dt>")[1].split("</dd>")[0]
    assert ">Ukraine</a>" in often and ">Volodymyr Zelenskyy</a>" in often
    assert "state:ukr</a>" not in often  # the KB id is the link's target, not its text
    events = html.split("Recent events")[1]
    assert '<a class="actor" href="/actor?name=Ukraine">Ukraine</a>' in events


def test_event_actors_are_links(client):
    html = page(client, "/events", type="REJECT")
    assert "“rejected” · asserted</span>" in html  # a stated date, the day's: no mark
    assert "date assumed" not in html
    assert html.count('<a class="actor" href="/actor?name=Volodymyr+Zelenskyy">') == 3
    assert html.count('<a class="actor" href="/actor?name=Sergey+Lavrov">') == 3


def test_an_assumed_event_date_says_so(untitled_client):
    html = page(untitled_client, "/events", type="REJECT")
    assert html.count('“rejected” · asserted · <span class="assumed"') == 2
    first = untitled_client.get("/api/articles").json()["items"][0]["id"]
    assert "(publication date, assumed)" in page(untitled_client, f"/articles/{first}")


def test_actors_page_most_mentioned_first_with_kind_and_sort(client):
    html = page(client, "/actors")
    names = re.findall(r'<td><a class="actor" href="[^"]+">([^<]+)</a>', html)
    assert names[0] == "Sergey Lavrov" and len(names) == 4
    assert '<option value="-mentions" selected>mentions (high first)</option>' in html
    assert "<option>person</option>" in html and "<option>state</option>" in html
    states = page(client, "/actors", kind="state", sort="name")
    assert re.findall(r'<td><a class="actor" href="[^"]+">([^<]+)</a>', states) == [
        "Turkey", "Ukraine"
    ]  # fmt: skip
    assert 'href="?kind=state&amp;sort=-name">name ▲' in states


def test_stories_are_shown_by_default_with_article_titles(client):
    html = page(client, "/stories")
    ids = re.findall(r'href="/stories/(\d+)">Talks, part \d</a>', html)
    assert len(ids) >= 1
    story = page(client, f"/stories/{ids[0]}")
    assert re.search(r'<a href="/articles/sha256:[0-9a-f]{64}">Talks, part \d</a>', story)
    assert not re.search(r">[0-9a-f]{12}</a>", story)  # no article shown as a hash


def test_untitled_articles_show_their_lead_sentence(untitled_client):
    listing = page(untitled_client, "/")
    assert "(untitled)" not in listing
    assert listing.count('class="lead">Diplomats gathered in a cold conference hall') == 1
    first = untitled_client.get("/api/articles").json()["items"][-1]["id"]
    html = page(untitled_client, f"/articles/{first}")
    assert re.search(r"<h1 class=\"lead\"[^>]*>Diplomats gathered in a cold conference hall"
                     r"[^<]*…</h1>", html)  # fmt: skip
    assert '<time datetime="2024-06-11T08:30:00Z">11 June 2024, 08:30 UTC</time>' in html
    stories = page(untitled_client, "/stories")
    assert "Diplomats gathered" in stories or "The second round opened" in stories


def test_article_page_links_actors_and_names_its_story(client):
    first = client.get("/api/articles").json()["items"][0]["id"]
    html = page(client, f"/articles/{first}")
    events = html.split("<h2>Events")[1]
    assert '<a class="actor" href="/actor?name=person%3Asergey-lavrov">Sergey Lavrov</a>' in events
    assert "(stated)" in events  # the REJECT event's date is in the text
    assert re.search(r'story <a href="/stories/\d+">Talks, part \d</a>', html)
    meta = html.split('<p class="meta">')[1].split("</p>")[0]
    assert '<time datetime="2024-08-20">20 August 2024</time>' in meta


def test_flag_passages_are_cut_at_a_word_boundary(untitled_client):
    from store_helpers import LEADS

    html = page(untitled_client, "/flags", kind="hedge")
    passages = [unescape(p) for p in re.findall(r"<td>“([^”]*)”</td>", html)]
    assert len(passages) == 2
    for text in passages:
        assert text.endswith("…") and len(text) <= 61
        whole = next(lead for lead in LEADS if lead.startswith(text[:-1]))
        assert whole[len(text) - 1] == " "  # cut before a space, never inside a word


def test_lists_sort_on_the_server(client):
    home = page(client, "/")
    assert 'aria-sort="descending"><a class="sort" href="?sort=date">date ▼' in home
    oldest = page(client, "/", sort="date")
    assert re.findall(r"<tr><td>([0-9-]+)</td>", oldest) == [
        "2024-06-11", "2024-07-02", "2024-08-20"
    ]  # fmt: skip
    assert 'name="sort" value="date"' in oldest  # the filter form keeps the order
    assert "ranked by relevance" in page(client, "/", 400, q="heating", sort="date")
    flags = page(client, "/flags", sort="-severity")
    severities = re.findall(r'<tr class="sev-(\w+)">', flags)
    assert severities == ["warning"] * 3 + ["info"] * 3
    assert 'href="?sort=severity">severity ▼' in flags
    stories = page(client, "/stories", sort="articles")
    assert 'href="?sort=-articles">articles ▲' in stories


def test_every_list_and_csv_of_an_empty_store(writer):
    from parley.web.lists import LISTINGS

    for _, listing in LISTINGS:
        html = page(writer, listing.path)
        assert "empty" in html, listing.path  # the list says it has nothing
        r = writer.get(listing.csv_path)
        assert r.status_code == 200 and r.text.count("\n") == 1, listing.csv_path  # a header


def test_flag_messages_cut_inside_a_word_are_mended(tmp_path):
    """A message quoting a passage cut mid-word (as older checks wrote them) shows the passage
    up to the last whole word, with an ellipsis, on the flags list, its CSV and the article."""
    import dataclasses

    from store_helpers import hand_built
    from web_helpers import test_client

    from parley.model import Flag
    from parley.store import connect, store_analyses
    from parley.web import create_app

    record = hand_built("2024-06-11", 0)
    cut = Flag("anonymous_source", "warning",
               "“Diplomats gathered in a cold conference hall where the hea” rests on nobody",
               (), {})  # fmt: skip
    conn = connect(tmp_path / "cut.db", create=True)
    store_analyses(conn, [dataclasses.replace(record, flags=(cut,))])
    conn.close()
    client = test_client(create_app(tmp_path / "cut.db"))
    mended = "“Diplomats gathered in a cold conference hall where the…” rests on nobody"
    assert mended in unescape(page(client, "/flags"))
    assert mended in client.get("/flags.csv").content.decode("utf-8")
    article = client.get("/api/articles").json()["items"][0]["id"]
    assert mended in unescape(page(client, f"/articles/{article}"))
