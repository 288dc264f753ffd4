import pytest

from parley.store import NotFound, QueryError, article, articles, entity, events, flags, quotes
from parley.store import search as search_articles
from parley.store.filters import fts_query


def _inputs(conn, page):
    ids = [getattr(item, "id", None) or item.article_id for item in page.items]
    return [
        conn.execute("SELECT input FROM articles WHERE id = ?", (i,)).fetchone()[0] for i in ids
    ]


def test_search_ranks_by_bm25_and_marks_the_snippet(filled):
    page = search_articles(filled, "Lavrov")
    found = _inputs(filled, page)
    assert set(found[:2]) == {"lavrov.txt", "follow.txt"}  # Lavrov in the headline
    assert set(found) == {"lavrov.txt", "follow.txt", "hand-2024-06-11.json",
                          "hand-2024-07-02.json", "hand-2024-08-20.json"}  # fmt: skip
    assert "[Lavrov]" in page.items[0].snippet
    scores = [h.score for h in search_articles(filled, "Fidan").items]  # a rarer word
    assert len(scores) == 2 and scores[0] >= scores[1] > 0
    other = search_articles(filled, "Lavrov", marks=("<b>", "</b>"))
    assert "<b>Lavrov</b>" in other.items[0].snippet


def test_search_phrases_prefixes_and_operators(filled):
    assert _inputs(filled, search_articles(filled, '"grain corridor"')) == ["lavrov.txt"]
    assert _inputs(filled, search_articles(filled, "Zaporizh*")) == ["iaea.txt"]
    either = _inputs(filled, search_articles(filled, "Zaporizhzhia OR Wang"))
    assert sorted(either) == ["blinken.txt", "iaea.txt"]
    assert fts_query('he said "a b" x* OR NOT') == '"he" "said" "a b" "x"* OR NOT'


def test_search_leaves_out_near_duplicates_unless_asked(filled):
    assert _inputs(filled, search_articles(filled, '"grain corridor"')) == ["lavrov.txt"]
    both = search_articles(filled, '"grain corridor"', include_duplicates=True)
    assert sorted(_inputs(filled, both)) == ["copy.txt", "lavrov.txt"]


def test_search_filters(filled):
    def found(**kw):
        return sorted(_inputs(filled, search_articles(filled, "Lavrov", **kw)))

    assert found(since="2024-06-12") == ["follow.txt", "hand-2024-07-02.json",
                                         "hand-2024-08-20.json"]  # fmt: skip
    assert found(until="2024-06-11") == ["hand-2024-06-11.json", "lavrov.txt"]
    assert found(since="2024-06-11", until="2024-06-11") == ["hand-2024-06-11.json", "lavrov.txt"]
    assert found(source="ankara post") == ["follow.txt"]
    assert found(actor="Hakan Fidan") == ["follow.txt", "lavrov.txt"]
    assert found(actor="Zelensky") == ["hand-2024-06-11.json", "hand-2024-07-02.json",
                                       "hand-2024-08-20.json"]  # fmt: skip
    assert found(actor="nobody we know") == []


def test_search_pages(filled):
    everything = search_articles(filled, "Lavrov", limit=100)
    first = search_articles(filled, "Lavrov", limit=2)
    rest = search_articles(filled, "Lavrov", limit=2, offset=2)
    assert first.total == rest.total == everything.total == 5
    assert [h.id for h in first.items + rest.items] == [h.id for h in everything.items][:4]


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"text": "  "}, "search text is empty"),
        ({"text": "OR"}, "search text is empty"),
        ({"text": "x", "since": "yesterday"}, "not an ISO 8601 date"),
        ({"text": "x", "since": "2024-02-01", "until": "2024-01-01"}, "is after"),
        ({"text": "x", "limit": 0}, "limit must be"),
        ({"text": "x", "offset": -1}, "offset must be"),
    ],
)
def test_search_rejects_bad_filters(filled, kwargs, message):
    with pytest.raises(QueryError, match=message):
        search_articles(filled, **kwargs)


def test_articles_list_and_filters(filled):
    page = articles(filled, limit=100)
    assert page.total == 8  # the near-duplicate is counted once
    days = [(a.published or "")[:10] for a in page.items]
    assert days == sorted(days, reverse=True)
    assert articles(filled, include_duplicates=True).total == 9
    assert articles(filled, source="Wire").total == 2
    assert articles(filled, actor="Rafael Grossi").total == 1
    assert articles(filled, since="2024-07-01").total == 2
    dup = [a for a in articles(filled, include_duplicates=True, limit=50).items if a.duplicate_of]
    assert len(dup) == 1 and dup[0].source == "Daily Copy"


def test_one_article_by_id_or_prefix(filled):
    full = articles(filled, limit=1).items[0].id
    assert article(filled, full)["article"]["id"] == full
    assert article(filled, full[7:17])["article"]["id"] == full
    with pytest.raises(QueryError, match="not an article id"):
        article(filled, "xyz")
    with pytest.raises(NotFound, match="no article"):
        article(filled, "sha256:" + "0" * 64)


def test_quotes_filters(handdb):
    assert quotes(handdb).total == 6
    by_lavrov = quotes(handdb, speaker="Lavrov")
    assert by_lavrov.total == 3
    q = by_lavrov.items[0]
    assert (q.speaker_name, q.speaker_kb_id, q.cue, q.kind) == (
        "Sergey Lavrov",
        "person:sergey-lavrov",
        "said",
        "direct",
    )
    assert q.published == "2024-08-20"  # newest first
    assert quotes(handdb, speaker="person:sergey-lavrov").total == 3
    assert quotes(handdb, speaker="officials").total == 3  # as written: not an actor
    assert quotes(handdb, about="grain").total == 3
    assert quotes(handdb, about="host meeting").total == 3
    assert quotes(handdb, anonymous=True).total == 3
    assert quotes(handdb, anonymous=False, since="2024-07-01").total == 2
    assert quotes(handdb, source="Hand", until="2024-06-30").total == 2
    assert quotes(handdb, source="Wire").total == 0
    one = quotes(handdb).items[0].article_id
    assert quotes(handdb, article=one).total == 2


def test_events_filters(handdb):
    assert events(handdb).total == 9
    rejects = events(handdb, type="reject")
    assert rejects.total == 3
    e = rejects.items[0]
    assert (e.actors, e.recipients, e.status, e.day) == (
        ["Volodymyr Zelenskyy"],
        ["Sergey Lavrov"],
        "asserted",
        "2024-08-20",
    )
    assert events(handdb, actor="Zelensky").total == 3
    assert events(handdb, recipient="Lavrov").total == 3
    assert events(handdb, actor="Lavrov", recipient="Kyiv").total == 3
    assert events(handdb, status="proposed").items[0].where == "Ankara"
    assert events(handdb, since="2024-07-01").total == 6
    assert events(handdb, type="ASSAULT").total == 0
    with pytest.raises(QueryError, match="unknown event type 'FIGHT'"):
        events(handdb, type="FIGHT")
    with pytest.raises(QueryError, match="unknown status"):
        events(handdb, status="rumoured")


def test_flags_filters(handdb):
    assert flags(handdb).total == 6
    anon = flags(handdb, kind="anonymous_source")
    assert anon.total == 3 and anon.items[0].spans[0]["text"] == "Officials"
    assert anon.items[0].evidence == {"quote": "Q2"}
    assert flags(handdb, severity="info").total == 3
    assert flags(handdb, since="2024-08-01").total == 2
    with pytest.raises(QueryError, match="unknown severity"):
        flags(handdb, severity="fatal")


def test_entity_profile(filled, handdb):
    p = entity(filled, "Lavrov")
    assert (p.name, p.kb_id, p.kind) == ("Sergey Lavrov", "person:sergey-lavrov", "person")
    assert p.articles == 5  # two analysed articles and three hand-built; the copy not counted
    assert "Sergei Lavrov" in p.variants and "Foreign Minister of Russia" in p.roles
    assert "Hakan Fidan" in {r["name"] for r in p.related}
    assert entity(filled, "person:sergey-lavrov").name == "Sergey Lavrov"
    p = entity(handdb, "Lavrov")  # exact counts: hand-built records only
    assert (p.quotes, p.events_as_actor, p.events_as_recipient) == (3, 3, 3)
    assert [(m.month, m.events, m.by_type) for m in p.events_by_month] == [
        (m, 2, {"ACCUSE": 1, "REJECT": 1}) for m in ("2024-06", "2024-07", "2024-08")
    ]
    assert p.recent_quotes[0].content.startswith("We are ready")
    assert (p.first_seen, p.last_seen) == ("2024-06-11", "2024-08-20")
    assert p.to_dict()["events_by_month"][0]["month"] == "2024-06"


def test_unknown_entity_suggests_names(filled):
    with pytest.raises(NotFound, match="no entity named 'Lavro'.*did you mean Sergey Lavrov"):
        entity(filled, "Lavro")
