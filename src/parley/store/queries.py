"""Read-only queries over the store: plain functions returning ``Page``s of dataclasses.

Every list query takes ``limit``/``offset`` and leaves out near-duplicate articles unless
``include_duplicates`` is set. Dates (``since``/``until``) are ISO dates compared by day, both
ends included. Bad filter values raise ``QueryError``; nothing here prints or writes.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

from parley.store.db import QueryError
from parley.store.expand import expand as expand_query
from parley.store.filters import (
    Where,
    article_pk,
    check_day,
    check_page,
    count,
    dates,
    fts_query,
    in_list,
    resolve_actors,
)
from parley.store.lists import events, flags, quotes
from parley.store.order import Sorts, by_key
from parley.store.results import ArticleRow, Page, SearchHit, SearchPage
from parley.store.writer import unpack_record

__all__ = ["article", "article_pk", "articles", "events", "flags", "quotes", "search"]

ARTICLE_SORTS = Sorts(
    {
        "date": "a.day",
        "source": "a.source COLLATE NOCASE",
        "entities": "a.n_entities",
        "quotes": "a.n_quotes",
        "events": "a.n_events",
        "flags": "a.n_flags",
    },
    "-date",
    by_key("a.pk"),
)


def _snippets(conn: sqlite3.Connection, query: str, pks: list[int], marks) -> dict[int, str]:
    return dict(
        conn.execute(
            "SELECT rowid, snippet(articles_fts, -1, ?, ?, '…', 16) FROM articles_fts "
            f"WHERE articles_fts MATCH ? AND rowid IN {in_list(pks)}",
            [*marks, query],
        ).fetchall()
    )


_MATCHES = "(SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
_COPIES = "(SELECT pk FROM articles WHERE duplicate_of IS NOT NULL)"


def _total(
    conn: sqlite3.Connection,
    query: str,
    since: str | None,
    until: str | None,
    source: str | None,
    actors: list[int] | None,
    include_duplicates: bool,
) -> int:
    """How many articles match, counted from the most selective side without ranking: the
    actor's index entries, else the day or source index, else the full-text index alone;
    each candidate is probed against the set of matching rows (no article row is read)."""
    w = Where()
    if actors is not None:
        w.add(f"e.actor IN {in_list(actors)}")
        if not include_duplicates:
            w.add("e.dup = 0")
        dates(w, "e.day", since, until)
        if source:
            w.add("+e.article IN (SELECT pk FROM articles WHERE source = ? COLLATE NOCASE)", source)
        w.add(f"+e.article IN {_MATCHES}", query)  # "+": scan the actor index
        sql = f"SELECT DISTINCT e.article FROM entities e WHERE {w.sql()}"
    elif since or until or source:
        dates(w, "a.day", since, until)
        if source:
            w.add("a.source = ? COLLATE NOCASE", source)
        if not include_duplicates:
            w.add(f"a.pk NOT IN {_COPIES}")
        w.add(f"+a.pk IN {_MATCHES}", query)
        sql = f"SELECT 1 FROM articles a WHERE {w.sql()}"
    else:
        w.add("articles_fts MATCH ?", query)
        if not include_duplicates:
            w.add(f"rowid NOT IN {_COPIES}")
        sql = f"SELECT 1 FROM articles_fts WHERE {w.sql()}"
    return count(conn, sql, w.params)


def search(
    conn: sqlite3.Connection,
    text: str,
    actor: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    source: str | None = None,
    limit: int = 20,
    offset: int = 0,
    *,
    include_duplicates: bool = False,
    marks: tuple[str, str] = ("[", "]"),
    expand: bool = False,
) -> Page[SearchHit]:
    """Articles matching ``text`` (title and body), best BM25 first, with a snippet.

    With ``expand``, a text naming a known person matches any of its spellings
    (``parley.store.expand``); the page is then a ``SearchPage`` whose ``expanded`` says so.

    The full-text index ranks every match and the filters are checked lazily on the ranked
    rows until the page is full (an actor by one index seek per row); the total is counted
    apart (``_total``), and snippets are made for the page's rows only."""
    check_page(limit, offset)
    expansion = expand_query(conn, text) if expand else None
    query = expansion.fts if expansion else fts_query(text)
    day_from, day_to = check_day(since, "since"), check_day(until, "until")
    w = Where()
    dates(w, "a.day", day_from, day_to)
    if source:
        w.add("a.source = ? COLLATE NOCASE", source)
    actors = (resolve_actors(conn, actor) or [-1]) if actor else None
    if actors is not None:
        dup = "0" if not include_duplicates else "0, 1"
        w.add("EXISTS (SELECT 1 FROM entities e WHERE e.actor IN "
              f"{in_list(actors)} AND e.dup IN ({dup}) AND e.day IS a.day "
              "AND e.article = a.pk)")  # fmt: skip
    try:
        if w.clauses:
            if not include_duplicates:
                w.add("+a.duplicate_of IS NULL")
            ranked = conn.execute(  # ORDER BY rank LIMIT: FTS5 sorts by rank itself
                "SELECT a.pk, -rank FROM articles_fts CROSS JOIN articles a "
                f"ON a.pk = articles_fts.rowid WHERE articles_fts MATCH ? AND {w.sql()} "
                "ORDER BY rank LIMIT ? OFFSET ?",
                [query, *w.params, limit, offset],
            ).fetchall()
        else:
            copies = "" if include_duplicates else f"AND rowid NOT IN {_COPIES}"
            ranked = conn.execute(
                "SELECT rowid, -rank FROM articles_fts WHERE articles_fts MATCH ? "
                f"{copies} ORDER BY rank LIMIT ? OFFSET ?",
                [query, limit, offset],
            ).fetchall()
        total = _total(conn, query, day_from, day_to, source, actors, include_duplicates)
        snippets = _snippets(conn, query, [r[0] for r in ranked], marks) if ranked else {}
    except sqlite3.OperationalError as exc:
        if "fts5" in str(exc) or "syntax" in str(exc):
            raise QueryError(f"cannot search for {text!r}: {exc}") from None
        raise
    meta = {
        r[0]: r[1:]
        for r in conn.execute(
            "SELECT pk, id, COALESCE(title, lead), source, published FROM articles WHERE pk IN "
            + in_list([r[0] for r in ranked])
        )
    }
    items = [SearchHit(*meta[pk], round(score, 4), snippets.get(pk, "")) for pk, score in ranked]
    if expansion is not None:
        return SearchPage(items, total, limit, offset, expansion)
    return Page(items, total, limit, offset)


def articles(
    conn: sqlite3.Connection,
    since: str | date | None = None,
    until: str | date | None = None,
    source: str | None = None,
    actor: str | None = None,
    limit: int = 20,
    offset: int = 0,
    *,
    include_duplicates: bool = False,
    order: str | None = None,
) -> Page[ArticleRow]:
    """Stored articles, newest first, or in the ``order`` named (one of ``ARTICLE_SORTS``).

    With ``actor`` and no ``order`` the scan starts from that actor's index entries, in day
    order (an article naming two of the actors the name stands for comes once for each);
    with an ``order``, each article naming any of them comes once."""
    check_page(limit, offset)
    w = Where()
    pks = (resolve_actors(conn, actor) or [-1]) if actor else None
    if pks is not None and order is None:
        w.add(f"e.actor IN {in_list(pks)}")
        if not include_duplicates:
            w.add("e.dup = 0")
        dates(w, "e.day", since, until)
        source_sql, order_sql = (
            "entities e JOIN articles a ON a.pk = e.article",
            "e.day DESC, e.article DESC",
        )
    else:
        order_sql = ARTICLE_SORTS.sql(order)
        if pks is not None:
            dup = "" if include_duplicates else " AND e.dup = 0"
            w.add(f"a.pk IN (SELECT e.article FROM entities e WHERE e.actor IN {in_list(pks)}"
                  f"{dup})")  # fmt: skip
        if not include_duplicates:
            w.add("+a.duplicate_of IS NULL")  # "+": filter rows, do not pick that index
        dates(w, "a.day", since, until)
        source_sql = "articles a"
    if source:
        w.add("a.source = ? COLLATE NOCASE", source)
    rows = conn.execute(
        "SELECT a.id, COALESCE(a.title, a.lead), a.source, a.published, a.url, d.id, "
        "a.n_entities, a.n_quotes, "
        f"a.n_events, a.n_flags FROM {source_sql} LEFT JOIN articles d ON d.pk = a.duplicate_of "
        f"WHERE {w.sql()} ORDER BY {order_sql} LIMIT ? OFFSET ?",
        [*w.params, limit, offset],
    ).fetchall()
    total = count(conn, f"SELECT 1 FROM {source_sql} WHERE {w.sql()}", w.params)
    return Page([ArticleRow(*r) for r in rows], total, limit, offset)


def article(conn: sqlite3.Connection, article_id: str) -> dict[str, Any]:
    """The full ``parley.analysis/1`` record of one article, plus a ``store`` part
    (``duplicate_of``, ``similarity``, ``stored_at``, ``stories``)."""
    pk = article_pk(conn, article_id)
    row = conn.execute(
        "SELECT a.record, a.text, d.id, a.similarity, a.stored_at FROM articles a "
        "LEFT JOIN articles d ON d.pk = a.duplicate_of WHERE a.pk = ?",
        (pk,),
    ).fetchone()
    record = unpack_record(row[0], row[1])
    stories = [
        r[0] for r in conn.execute("SELECT story FROM story_articles WHERE article=?", (pk,))
    ]
    record["store"] = {
        "duplicate_of": row[2],
        "similarity": row[3],
        "stored_at": row[4],
        "stories": stories,
    }
    return record
