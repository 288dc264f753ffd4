"""Queries of the dashboard that the store does not offer: actors in a chosen order, quotes
by an actor they mention, each quote's sentence, articles' shown titles, the most central
article of a story. Plain SQL over the store's tables (``store.schema``), read only; they
take the store's filters with the store's meaning and return the store's result rows.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import date

from parley.store.errors import QueryError
from parley.store.filters import (
    Where,
    check_page,
    count,
    in_list,
)
from parley.store.lists import quotes as store_quotes
from parley.store.results import ActorRow, Page, QuoteRow
from parley.store.writer import unpack_record
from parley.web.display import shown_title

#: sort keys of the actors list: SQL over the ``stats`` join, a minus for descending
ACTOR_SORTS = {
    "name": "ac.name COLLATE NOCASE",
    "kind": "ac.kind",
    "articles": "coalesce(s.articles, 0)",
    "mentions": "coalesce(s.mentions, 0)",
    "last_seen": "s.last_seen",
}
QUOTE_SORTS = {"date": "q.day", "speaker": "coalesce(ac.name, q.speaker) COLLATE NOCASE"}


def order_by(sort: str, columns: dict[str, str], tiebreak: str) -> str:
    """``ORDER BY`` text of a sort value (``mentions``, ``-mentions``: descending); unknown
    keys are refused (the parameter's choices are checked before, this is the last guard)."""
    key = sort.removeprefix("-")
    if key not in columns:
        raise QueryError(f"cannot sort by {sort!r}; use one of {', '.join(columns)}")
    direction = "DESC" if sort.startswith("-") else "ASC"
    nulls = " NULLS LAST"
    return f"{columns[key]} {direction}{nulls}, {tiebreak}"


def sort_choices(columns: Iterable[str]) -> tuple[str, ...]:
    return tuple(c for key in columns for c in (key, "-" + key))


def actor_kinds(conn: sqlite3.Connection) -> list[str]:
    """The kinds of the stored actors, for the actors list's kind filter."""
    return [r[0] for r in conn.execute("SELECT DISTINCT kind FROM actors WHERE kind IS NOT NULL "
                                       "ORDER BY kind")]  # fmt: skip


_STATS = "temp.web_actor_stats"


def actor_stats(conn: sqlite3.Connection) -> str:
    """The name of a temporary table of each actor's articles, mentions and last day
    (near-duplicates aside), built on this connection from the whole ``entities`` table
    once, and again only after articles were stored or removed: sorting the actors by
    mentions then reads one row per actor instead of every entity row."""
    n, last, entity = conn.execute(
        "SELECT count(*), coalesce(max(pk), 0), (SELECT coalesce(max(pk), 0) FROM entities) "
        "FROM articles"
    ).fetchone()
    version = f"{int(n)}:{int(last)}:{int(entity)}"  # integers only: safe to inline
    try:
        (built,) = conn.execute("SELECT version FROM temp.web_actor_stats_version").fetchone()
    except sqlite3.OperationalError:  # not built on this connection yet
        built = None
    if built == version:
        return _STATS
    for table in (_STATS, "temp.web_actor_stats_version"):
        conn.execute(f"DROP TABLE IF EXISTS {table}")
    conn.execute(
        f"CREATE TABLE {_STATS} AS SELECT actor, count(*) AS articles, "
        "sum(n_mentions) AS mentions, max(day) AS last_seen FROM entities WHERE dup = 0 "
        "GROUP BY actor"
    )
    conn.execute(f"CREATE UNIQUE INDEX {_STATS}_actor ON web_actor_stats(actor)")
    conn.execute(f"CREATE TABLE temp.web_actor_stats_version AS SELECT '{version}' AS version")
    return _STATS


def actors(
    conn: sqlite3.Connection,
    name: str | None = None,
    kind: str | None = None,
    sort: str = "-mentions",
    limit: int = 20,
    offset: int = 0,
) -> Page[ActorRow]:
    """Actors as ``store.actors`` finds them (``name``: part of a name or spelling, ``kind``),
    in the order ``sort`` names; counts leave out near-duplicate articles."""
    check_page(limit, offset)
    w = Where()
    if name and name.strip():
        pattern = (
            "%" + name.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        )
        w.add("ac.pk IN (SELECT actor FROM actor_names WHERE name LIKE ? ESCAPE '\\')", pattern)
    if kind:
        w.add("ac.kind = ?", kind.strip().lower())
    order = order_by(sort, ACTOR_SORTS, "ac.name COLLATE NOCASE, ac.pk")
    rows = conn.execute(
        "SELECT ac.name, ac.kind, ac.kb_id, ac.wikidata, ac.country, ac.sector, "
        "coalesce(s.articles, 0), coalesce(s.mentions, 0), s.last_seen FROM actors ac "
        f"LEFT JOIN {actor_stats(conn)} s ON s.actor = ac.pk "
        f"WHERE {w.sql()} ORDER BY {order} LIMIT ? OFFSET ?",
        [*w.params, limit, offset],
    ).fetchall()
    total = count(conn, f"SELECT 1 FROM actors ac WHERE {w.sql()}", w.params)
    return Page([ActorRow(*r) for r in rows], total, limit, offset)


def quotes(
    conn: sqlite3.Connection,
    speaker: str | None = None,
    about: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    source: str | None = None,
    anonymous: bool | None = None,
    article: str | None = None,
    actor: str | None = None,
    sort: str = "-date",
    limit: int = 20,
    offset: int = 0,
    *,
    include_duplicates: bool = False,
) -> Page[QuoteRow]:
    """Quotes as ``store.quotes`` finds them (``actor``: quotes whose words name that actor),
    in the order ``sort`` names."""
    order = order_by(sort, QUOTE_SORTS, "q.pk DESC" if sort.startswith("-") else "q.pk")
    return store_quotes(conn, speaker, about, since, until, source, anonymous, article, limit,
                        offset, include_duplicates=include_duplicates, actor=actor,
                        order=order)  # fmt: skip


def _sentences(blob: bytes, text: str) -> list[tuple[int, int]]:
    return [(s["start"], s["end"]) for s in unpack_record(blob, text).get("sentences", [])]


def in_sentence(conn: sqlite3.Connection, rows: list[QuoteRow]) -> list[tuple[str, str, str]]:
    """Each quote in its sentence(s): (text before it, the quote, text after it), taken from
    the sentences of the stored article that the quote starts and ends in."""
    ids = sorted({r.article_id for r in rows})
    stored: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    for article_id, text, blob in conn.execute(
        f"SELECT id, text, record FROM articles WHERE id IN ({','.join('?' * len(ids))})", ids
    ):
        stored[article_id] = (text, _sentences(blob, text))
    out: list[tuple[str, str, str]] = []
    for r in rows:
        text, sentences = stored.get(r.article_id, ("", []))
        if r.start is None or r.end is None or not text:
            out.append(("", r.content, ""))
            continue
        first = next((s for s, e in sentences if s <= r.start < e), r.start)
        last = next((e for s, e in sentences if s < r.end <= e), r.end)
        out.append((text[first : r.start], text[r.start : r.end], text[r.end : max(last, r.end)]))
    return out


class Shown(str):
    """What names an article on a page; ``lead`` is true when it is the article's first
    sentence because it has no headline."""

    lead: bool = False

    @classmethod
    def of(cls, title: str | None, stored_lead: str | None, text: str | None) -> Shown:
        if title and title.strip():
            return cls(" ".join(title.split()))
        shown = cls(shown_title(None, stored_lead if stored_lead else text))
        shown.lead = True
        return shown


_SHOWN = "a.title, a.lead, CASE WHEN a.lead IS NULL THEN substr(a.text, 1, 3000) END"


def shown_titles(conn: sqlite3.Connection, article_ids: Iterable[str | None]) -> dict[str, Shown]:
    """Article id → what names it on a page: its headline (the ``title`` column), else its
    lead sentence (the ``lead`` column, else the first sentence of its text)."""
    ids = sorted({i for i in article_ids if i})
    out: dict[str, Shown] = {}
    for start in range(0, len(ids), 500):
        part = ids[start : start + 500]
        for article_id, *fields in conn.execute(
            f"SELECT a.id, {_SHOWN} FROM articles a WHERE a.id IN ({','.join('?' * len(part))})",
            part,
        ):
            out[article_id] = Shown.of(*fields)
    return {i: out.get(i) or Shown("(unknown article)") for i in ids}


def texts(conn: sqlite3.Connection, article_ids: Iterable[str]) -> dict[str, str]:
    """Article id → its text."""
    ids = sorted(set(article_ids))
    return dict(conn.execute(
        f"SELECT id, text FROM articles WHERE id IN ({','.join('?' * len(ids))})", ids
    ).fetchall())  # fmt: skip


def central_titles(conn: sqlite3.Connection, story_ids: list[int]) -> dict[int, Shown]:
    """Story id → the title (else the lead sentence) of its most central article: the one
    whose salient terms weigh most among the story's top terms, its top actors breaking
    ties (closest to the story's centroid); near-duplicates never stand for a story."""
    out: dict[int, str] = {}
    for story_id, terms_json, actors_json in conn.execute(
        f"SELECT pk, terms, actors FROM stories WHERE pk IN {in_list(story_ids)}"
    ):
        terms = json.loads(terms_json or "[]")
        names = json.loads(actors_json or "[]")
        marks = ",".join("?" * len(terms)) or "NULL"
        who = ",".join("?" * len(names)) or "NULL"
        best = conn.execute(
            f"SELECT {_SHOWN} FROM story_articles sa "
            "JOIN articles a ON a.pk = sa.article "
            "WHERE sa.story = ? AND a.duplicate_of IS NULL ORDER BY "
            f"(SELECT coalesce(sum(t.tf), 0) FROM article_terms t WHERE t.article = a.pk "
            f"AND t.term IN ({marks})) DESC, "
            "(SELECT count(*) FROM entities e JOIN actors ac ON ac.pk = e.actor "
            f"WHERE e.article = a.pk AND ac.name IN ({who})) DESC, a.day, a.pk LIMIT 1",
            [story_id, *terms, *names],
        ).fetchone()
        if best is not None:
            out[story_id] = Shown.of(*best)
    return out
