"""The dashboard's own queries: actors in a chosen order, quotes naming an actor, each quote
in its sentence, shown titles, the most central article of a story."""

from __future__ import annotations

import pytest
from store_helpers import LEADS

from parley import store
from parley.store import QueryError, connect
from parley.web import browse


@pytest.fixture
def conn(hand_db):
    c = connect(hand_db)
    yield c
    c.close()


def test_actors_most_mentioned_first_and_every_sort(conn):
    default = browse.actors(conn)
    assert [r.name for r in default.items][0] == "Sergey Lavrov"  # 2 mentions in each of 3
    assert [r.mentions for r in default.items] == sorted(
        (r.mentions for r in default.items), reverse=True
    )
    by_name = [r.name for r in browse.actors(conn, sort="name").items]
    assert by_name == ["Sergey Lavrov", "Turkey", "Ukraine", "Volodymyr Zelenskyy"]
    assert [r.name for r in browse.actors(conn, sort="-name").items] == by_name[::-1]
    states = browse.actors(conn, kind="state", sort="-articles")
    assert {r.name for r in states.items} == {"Turkey", "Ukraine"} and states.total == 2
    assert browse.actors(conn, "zelen").items[0].kb_id == "person:volodymyr-zelenskyy"
    assert browse.actor_kinds(conn) == ["person", "state"]
    with pytest.raises(QueryError, match="cannot sort by"):
        browse.actors(conn, sort="pk; DROP TABLE actors")


@pytest.mark.parametrize(
    "filters",
    [{}, {"speaker": "Lavrov"}, {"anonymous": True}, {"about": "grain"},
     {"since": "2024-07-01"}, {"source": "hand"}, {"speaker": "Officials"}],
)  # fmt: skip
def test_quotes_find_what_the_store_finds(conn, filters):
    mine = browse.quotes(conn, **filters, limit=50)
    theirs = store.quotes(conn, **filters, limit=50)
    assert mine.to_dict() == theirs.to_dict()
    assert mine.total > 0


def test_quotes_naming_an_actor(conn):
    turkey = browse.quotes(conn, actor="Turkey")
    assert turkey.total == 3 and {q.content for q in turkey.items} == {
        "Turkey would host a meeting"
    }
    # Lavrov speaks but is never named inside a quote
    assert browse.quotes(conn, actor="Lavrov").total == 0
    assert browse.quotes(conn, actor="Nobody At All").total == 0
    assert browse.quotes(conn, actor="Turkey", anonymous=False).total == 0


def test_quotes_sorted(conn):
    oldest = browse.quotes(conn, sort="date").items
    assert [q.published for q in oldest] == sorted(q.published for q in oldest)
    by_speaker = browse.quotes(conn, sort="speaker", limit=6).items
    assert [q.speaker_name or q.speaker for q in by_speaker][:3] == ["Officials"] * 3


def test_each_quote_in_its_sentence(conn):
    rows = browse.quotes(conn, speaker="Lavrov", limit=1).items
    ((before, said, after),) = browse.in_sentence(conn, rows)
    assert said == "We are ready to talk about grain,"
    assert before + said + after == (
        '"We are ready to talk about grain," Lavrov said in a televised address.'
    )


def test_shown_titles_and_story_titles(conn, untitled_db):
    rows = store.articles(conn).items
    assert set(browse.shown_titles(conn, [r.id for r in rows]).values()) == {
        "Talks, part 1", "Talks, part 2", "Talks, part 3"
    }  # fmt: skip
    stories = store.list_stories(conn, min_articles=1).items
    titles = browse.central_titles(conn, [s.id for s in stories])
    assert set(titles) == {s.id for s in stories}
    assert all(t.startswith("Talks, part") for t in titles.values())
    untitled = connect(untitled_db)
    try:
        shown = browse.shown_titles(untitled, [r.id for r in store.articles(untitled).items])
        stories = store.list_stories(untitled, min_articles=1).items
        central = browse.central_titles(untitled, [s.id for s in stories])
    finally:
        untitled.close()
    first_words = {lead.split(",")[0] for lead in LEADS[:2]}
    assert {t.split(",")[0] for t in shown.values()} == first_words
    assert all(t.endswith("…") and len(t) <= 141 for t in shown.values())
    assert {t.split(",")[0] for t in central.values()} <= first_words


def test_actor_counts_follow_new_articles(tmp_path):
    from store_helpers import hand_built

    from parley.store import store_analyses

    c = connect(tmp_path / "grow.db", create=True)
    try:
        store_analyses(c, [hand_built("2024-06-11", 0)])
        assert browse.actors(c).items[0].mentions == 2  # Lavrov, in one article
        assert browse.actors(c).items[0].mentions == 2  # the same table, reused
        store_analyses(c, [hand_built("2024-07-02", 1)])
        top = browse.actors(c).items[0]
        assert (top.name, top.articles, top.mentions) == ("Sergey Lavrov", 2, 4)
        assert not c.in_transaction
    finally:
        c.close()
