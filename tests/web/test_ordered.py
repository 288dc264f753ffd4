"""Articles, flags and stories in a chosen order: with the default order, the store's rows
in the store's order; sorted, ordered by the column asked for."""

from __future__ import annotations

import pytest

from parley import store
from parley.store import QueryError, connect
from parley.web import ordered


@pytest.fixture
def conn(hand_db):
    c = connect(hand_db)
    yield c
    c.close()


@pytest.mark.parametrize(
    "filters",
    [{}, {"since": "2024-07-01"}, {"until": "2024-07-01"}, {"source": "HAND"},
     {"actor": "Turkey"}, {"actor": "Nobody At All"}, {"include_duplicates": True},
     {"limit": 1, "offset": 1}],
)  # fmt: skip
def test_articles_as_the_store_lists_them(conn, filters):
    assert ordered.articles(conn, **filters).to_dict() == store.articles(conn, **filters).to_dict()


@pytest.mark.parametrize(
    "filters",
    [{}, {"kind": "anonymous_source"}, {"severity": "info"}, {"since": "2024-07-01"},
     {"source": "hand"}, {"limit": 2, "offset": 3}],
)  # fmt: skip
def test_flags_as_the_store_lists_them(conn, filters):
    assert ordered.flags(conn, **filters).to_dict() == store.flags(conn, **filters).to_dict()


@pytest.mark.parametrize(
    "filters",
    [{}, {"min_articles": 2}, {"since": "2024-07-01"}, {"until": "2024-07-01"},
     {"actor": "Lavrov"}],
)  # fmt: skip
def test_stories_as_the_store_lists_them(conn, filters):
    theirs = store.list_stories(conn, **{"min_articles": 1, **filters})
    assert ordered.stories(conn, **filters).to_dict() == theirs.to_dict()


def test_sorted(conn):
    oldest = [r.published for r in ordered.articles(conn, sort="date").items]
    assert oldest == sorted(oldest) and len(oldest) == 3
    by_flags = ordered.articles(conn, sort="-flags").items
    assert [r.flags for r in by_flags] == sorted((r.flags for r in by_flags), reverse=True)
    severities = [f.severity for f in ordered.flags(conn, sort="-severity").items]
    assert severities == ["warning"] * 3 + ["info"] * 3
    kinds = [f.kind for f in ordered.flags(conn, sort="kind").items]
    assert kinds == sorted(kinds)
    firsts = [s.first_day for s in ordered.stories(conn, sort="first_day").items]
    assert firsts == sorted(firsts)
    with pytest.raises(QueryError, match="cannot sort by"):
        ordered.flags(conn, sort="message")
