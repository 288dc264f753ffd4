"""Lists in a chosen order: the sort keys each list declares once (``Sorts``), honoured by
the store's list queries (``order=``), anything undeclared refused before SQL is built."""

from __future__ import annotations

import dataclasses

import pytest
from store_helpers import hand_built

from parley import store
from parley.model import Entity, Span
from parley.store import QueryError, rebuild, store_analyses
from parley.store.entities import ACTOR_SORTS
from parley.store.lists import FLAG_SORTS, QUOTE_SORTS
from parley.store.order import Sorts, by_key
from parley.store.queries import ARTICLE_SORTS
from parley.store.stories import STORY_SORTS

TOY = Sorts({"day": "t.day", "n": "t.n"}, "-day", by_key("t.pk"), ties={"-day": "t.n DESC, t.pk"})

#: each list query with its declared sorts (and a filter that lets every row through)
LISTS = [
    (store.articles, ARTICLE_SORTS, {}),
    (store.quotes, QUOTE_SORTS, {}),
    (store.flags, FLAG_SORTS, {}),
    (store.list_stories, STORY_SORTS, {"min_articles": 1}),
    (store.actors, ACTOR_SORTS, {}),
]


def test_sorts_give_order_by_text_from_the_declaration():
    assert TOY.sql(None) == "t.day DESC NULLS LAST, t.n DESC, t.pk"  # the default, its ties
    assert TOY.sql("day") == "t.day ASC NULLS LAST, t.pk"
    assert TOY.sql("-n") == "t.n DESC NULLS LAST, t.pk DESC"
    assert TOY.choices() == ("day", "-day", "n", "-n")
    assert TOY.check(None) == "-day" and TOY.check("n") == "n"


@pytest.mark.parametrize(
    "bad", ["pk", "-pk", "--day", "day DESC", "t.day", "day; DROP TABLE t", "", "Day", " day"]
)
def test_sorts_refuse_what_they_do_not_declare(bad):
    with pytest.raises(QueryError, match="cannot sort by .*use one of day, n"):
        TOY.sql(bad)


def test_a_default_or_a_tie_rule_must_name_a_declared_key():
    with pytest.raises(QueryError, match="cannot sort by 'title'"):
        Sorts({"day": "t.day"}, "title", by_key("t.pk"))
    with pytest.raises(QueryError, match="cannot sort by 'n'"):
        Sorts({"day": "t.day"}, "day", by_key("t.pk"), ties={"n": "t.pk"})


@pytest.fixture
def stories_db(handdb):
    rebuild(handdb)
    return handdb


@pytest.mark.parametrize(("query", "sorts", "every"), LISTS)
def test_every_list_refuses_an_undeclared_order_and_runs_every_declared_one(
    stories_db, query, sorts, every
):
    for bad in ("pk; DROP TABLE articles", "-", "title"):
        with pytest.raises(QueryError, match="cannot sort by"):
            query(stories_db, order=bad, **every)
    assert stories_db.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
    default = query(stories_db, limit=50, **every).to_dict()
    assert default["total"] >= 2
    assert query(stories_db, order=sorts.default, limit=50, **every).to_dict() == default
    for sort in sorts.choices():
        page = query(stories_db, order=sort, limit=50, **every).to_dict()
        assert page["total"] == default["total"], sort
        assert sorted(map(repr, page["items"])) == sorted(map(repr, default["items"])), sort


def test_articles_in_the_order_asked(filled):
    def listed(order, **filters):
        return store.articles(filled, order=order, limit=100, **filters)

    oldest = [a.published[:10] for a in listed("date").items]
    assert oldest == sorted(oldest) and len(oldest) == 8
    for key in ("entities", "quotes", "flags", "source"):
        up, down = listed(key).items, listed("-" + key).items
        assert down == up[::-1], key  # ties too: by the row's key in the sort's direction
    counts = [a.entities for a in listed("-entities").items]
    assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1]
    sources = [a.source.lower() for a in listed("source").items]
    assert sources == sorted(sources)
    wire = listed("-date", source="wire", since="2023-01-01")
    assert [a.published[:10] for a in wire.items] == ["2024-06-11", "2023-03-02"]
    assert wire.total == 2
    assert listed("-date", actor="Rafael Grossi").total == 1
    assert listed("date", include_duplicates=True).total == 9


def test_articles_in_an_order_list_each_article_once_for_an_actor_of_many_names(db):
    # "Kyiv" is a spelling of two actors that the one article names both
    base = hand_built("2024-06-11", 0)
    kyiv = base.article.text.index("Kyiv")
    government = Entity("E5", "Government of Ukraine", "government",
                        (Span.of(base.article.text, kyiv, kyiv + 4),),
                        kb_id="government:ukr", variants=("Kyiv",))  # fmt: skip
    store_analyses(db, [dataclasses.replace(base, entities=(*base.entities, government)),
                        hand_built("2024-07-02", 1)])  # fmt: skip
    ordered = store.articles(db, actor="Kyiv", order="-date")
    assert [a.published for a in ordered.items] == ["2024-07-02", "2024-06-11"]
    assert ordered.total == 2
    # without an order, the actor's index is read: once for each actor
    assert store.articles(db, actor="Kyiv").total == 3


def test_quotes_in_the_order_asked(handdb):
    oldest = store.quotes(handdb, order="date").items
    assert [q.published for q in oldest] == sorted(q.published for q in oldest)
    assert oldest[0].published < oldest[-1].published
    by_speaker = [q.speaker_name or q.speaker for q in store.quotes(handdb, order="speaker").items]
    assert by_speaker == ["Officials"] * 3 + ["Sergey Lavrov"] * 3
    backwards = store.quotes(handdb, order="-speaker").items
    assert [q.speaker for q in backwards[:3]] == ["Lavrov"] * 3
    named = store.quotes(handdb, order="date", anonymous=False, since="2024-07-01")
    assert [q.published for q in named.items] == ["2024-07-02", "2024-08-20"]


def test_quotes_naming_an_actor(handdb):
    turkey = store.quotes(handdb, actor="Turkey")
    assert turkey.total == 3
    assert {q.content for q in turkey.items} == {"Turkey would host a meeting"}
    # Lavrov speaks but is never named inside a quote
    assert store.quotes(handdb, actor="Lavrov").total == 0
    assert store.quotes(handdb, actor="Nobody At All").total == 0
    assert store.quotes(handdb, actor="Turkey", anonymous=False).total == 0


def test_flags_in_the_order_asked(handdb):
    severities = [f.severity for f in store.flags(handdb, order="-severity").items]
    assert severities == ["warning"] * 3 + ["info"] * 3
    assert [f.severity for f in store.flags(handdb, order="severity").items] == severities[::-1]
    kinds = [f.kind for f in store.flags(handdb, order="kind").items]
    assert kinds == sorted(kinds) and kinds[0] != kinds[-1]
    oldest = store.flags(handdb, order="date", kind="name_variant", limit=2, offset=1)
    assert [f.published for f in oldest.items] == ["2024-07-02", "2024-08-20"]
    assert oldest.total == 3


def test_stories_in_the_order_asked(stories_db):
    oldest = store.list_stories(stories_db, min_articles=1, order="first_day")
    firsts = [s.first_day for s in oldest.items]
    assert firsts == sorted(firsts) and len(firsts) >= 2
    lasts = [s.last_day for s in store.list_stories(stories_db, min_articles=1).items]
    assert lasts == sorted(lasts, reverse=True)
    by_size = store.list_stories(stories_db, min_articles=1, order="-articles").items
    assert [s.articles for s in by_size] == sorted((s.articles for s in by_size), reverse=True)
    assert sum(s.articles for s in by_size) == 3


def test_actors_in_the_order_asked(handdb):
    most = store.actors(handdb, order="-mentions").items
    assert most[0].name == "Sergey Lavrov" and most[0].mentions == 6  # 2 in each of 3
    assert [r.mentions for r in most] == sorted((r.mentions for r in most), reverse=True)
    by_name = [r.name for r in store.actors(handdb, order="name").items]
    assert by_name == ["Sergey Lavrov", "Turkey", "Ukraine", "Volodymyr Zelenskyy"]
    assert [r.name for r in store.actors(handdb, order="-name").items] == by_name[::-1]
    states = store.actors(handdb, kind="state", order="-articles")
    assert {r.name for r in states.items} == {"Turkey", "Ukraine"} and states.total == 2
    assert store.actors(handdb, "zelen", order="-last_seen").items[0].kb_id == (
        "person:volodymyr-zelenskyy"
    )
    # the counts are the same whether the order needs every actor's or the page's alone
    by_kind = store.actors(handdb, order="kind").items
    assert sorted(most, key=lambda r: r.name) == sorted(by_kind, key=lambda r: r.name)
    assert [r.kind for r in by_kind] == ["person", "person", "state", "state"]


def test_actor_counts_follow_new_articles(db):
    store_analyses(db, [hand_built("2024-06-11", 0)])
    assert store.actors(db, order="-mentions").items[0].mentions == 2  # Lavrov, in one article
    assert store.actors(db, order="-mentions").items[0].mentions == 2  # the same table, reused
    store_analyses(db, [hand_built("2024-07-02", 1)])
    top = store.actors(db, order="-mentions").items[0]
    assert (top.name, top.articles, top.mentions) == ("Sergey Lavrov", 2, 4)
    assert not db.in_transaction
