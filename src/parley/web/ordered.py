"""The article, flag and story lists in a chosen order: the store's filters with the store's
meaning (``store.articles``, ``store.flags``, ``store.stories``), plain SQL over its tables,
and the same rows in the same order when ``sort`` is the default (tests compare them).
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date

from parley.store.filters import (
    Where,
    actor_filter,
    article_pk,
    check_choice,
    check_page,
    count,
    dates,
    in_list,
    resolve_actors,
)
from parley.store.results import ArticleRow, FlagRow, Page, StoryRow
from parley.vocab import FLAG_SEVERITIES
from parley.web.browse import order_by

#: sort keys (a leading minus: descending); the first of each is the default, descending
ARTICLE_SORTS = {
    "date": "a.day",
    "source": "a.source COLLATE NOCASE",
    "entities": "a.n_entities",
    "quotes": "a.n_quotes",
    "events": "a.n_events",
    "flags": "a.n_flags",
}
FLAG_SORTS = {
    "date": "f.day",
    "kind": "f.kind",
    "severity": "CASE f.severity WHEN 'error' THEN 3 WHEN 'warning' THEN 2 WHEN 'info' THEN 1 END",
}
STORY_SORTS = {"last_day": "s.last_day", "first_day": "s.first_day", "articles": "s.n_articles"}


def _tiebreak(sort: str, column: str) -> str:
    return f"{column} DESC" if sort.startswith("-") else column


def articles(
    conn: sqlite3.Connection,
    since: str | date | None = None,
    until: str | date | None = None,
    source: str | None = None,
    actor: str | None = None,
    sort: str = "-date",
    limit: int = 20,
    offset: int = 0,
    *,
    include_duplicates: bool = False,
) -> Page[ArticleRow]:
    """Stored articles as ``store.articles`` lists them, in the order ``sort`` names (an
    article without a headline shows its lead sentence as its title)."""
    check_page(limit, offset)
    w = Where()
    if actor:
        pks = resolve_actors(conn, actor) or [-1]
        dup = "" if include_duplicates else "AND e.dup = 0"
        w.add(f"a.pk IN (SELECT e.article FROM entities e WHERE e.actor IN {in_list(pks)} {dup})")
    if not include_duplicates:
        w.add("+a.duplicate_of IS NULL")  # "+": filter rows, do not pick that index
    dates(w, "a.day", since, until)
    if source:
        w.add("a.source = ? COLLATE NOCASE", source)
    order = order_by(sort, ARTICLE_SORTS, _tiebreak(sort, "a.pk"))
    rows = conn.execute(
        "SELECT a.id, COALESCE(a.title, a.lead), a.source, a.published, a.url, d.id, "
        "a.n_entities, a.n_quotes, a.n_events, a.n_flags FROM articles a "
        f"LEFT JOIN articles d ON d.pk = a.duplicate_of WHERE {w.sql()} "
        f"ORDER BY {order} LIMIT ? OFFSET ?",
        [*w.params, limit, offset],
    ).fetchall()
    total = count(conn, f"SELECT 1 FROM articles a WHERE {w.sql()}", w.params)
    return Page([ArticleRow(*r) for r in rows], total, limit, offset)


def flags(
    conn: sqlite3.Connection,
    kind: str | None = None,
    severity: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    source: str | None = None,
    article: str | None = None,
    sort: str = "-date",
    limit: int = 20,
    offset: int = 0,
    *,
    include_duplicates: bool = False,
) -> Page[FlagRow]:
    """Flags as ``store.flags`` lists them, in the order ``sort`` names (severity: errors,
    then warnings, then notes, descending)."""
    check_page(limit, offset)
    w = Where()
    if not include_duplicates:
        w.add("f.dup = 0")
    dates(w, "f.day", since, until)
    if article:
        w.add("f.article = ?", article_pk(conn, article))
    if source:
        w.add("a.source = ? COLLATE NOCASE", source)
    if kind:
        w.add("f.kind = ?", kind.strip().lower())
    if (s := check_choice(severity, FLAG_SEVERITIES, "severity", upper=False)) is not None:
        w.add("f.severity = ?", s)
    order = order_by(sort, FLAG_SORTS, _tiebreak(sort, "f.pk"))
    tables = "flags f JOIN articles a ON a.pk = f.article"
    rows = conn.execute(
        "SELECT a.id, a.published, f.kind, f.severity, f.message, f.spans, f.evidence "
        f"FROM {tables} WHERE {w.sql()} ORDER BY {order} LIMIT ? OFFSET ?",
        [*w.params, limit, offset],
    ).fetchall()
    items = [FlagRow(*r[:5], json.loads(r[5]), json.loads(r[6])) for r in rows]
    return Page(items, count(conn, f"SELECT 1 FROM {tables} WHERE {w.sql()}", w.params),
                limit, offset)  # fmt: skip


def stories(
    conn: sqlite3.Connection,
    since: str | date | None = None,
    until: str | date | None = None,
    actor: str | None = None,
    min_articles: int = 1,
    sort: str = "-last_day",
    limit: int = 20,
    offset: int = 0,
) -> Page[StoryRow]:
    """Stories as ``store.stories`` lists them, in the order ``sort`` names."""
    check_page(limit, offset)
    w = Where()
    w.add("s.n_articles >= ?", min_articles)
    dates(w, "s.last_day", since, None)
    dates(w, "s.first_day", None, until)
    if actor:
        sub = Where()
        actor_filter(conn, sub, "sa.article", actor)
        w.add(f"s.pk IN (SELECT sa.story FROM story_articles sa WHERE {sub.sql()})", *sub.params)
    tiebreak = "s.n_articles DESC, s.pk" if sort == "-last_day" else _tiebreak(sort, "s.pk")
    rows = conn.execute(
        "SELECT pk, title, first_day, last_day, n_articles, n_duplicates, actors, terms "
        f"FROM stories s WHERE {w.sql()} ORDER BY {order_by(sort, STORY_SORTS, tiebreak)} "
        "LIMIT ? OFFSET ?",
        [*w.params, limit, offset],
    ).fetchall()
    items = [StoryRow(*r[:6], json.loads(r[6]), json.loads(r[7])) for r in rows]
    return Page(items, count(conn, f"SELECT 1 FROM stories s WHERE {w.sql()}", w.params),
                limit, offset)  # fmt: skip
