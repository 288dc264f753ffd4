"""What the dashboard shows beside the store's lists: the actors' kinds, each quote in its
sentence, shown titles, the most central article of a story."""

from __future__ import annotations

import pytest
from store_helpers import LEADS

from parley import store
from parley.store import connect
from parley.web import browse


@pytest.fixture
def conn(hand_db):
    c = connect(hand_db)
    yield c
    c.close()


def test_actor_kinds(conn):
    assert browse.actor_kinds(conn) == ["person", "state"]


def test_each_quote_in_its_sentence(conn):
    rows = store.quotes(conn, speaker="Lavrov", limit=1).items
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
