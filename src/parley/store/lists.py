"""Quotes, events and flags: list queries, newest first (re-exported by ``queries``); quotes
and flags also in the orders their ``Sorts`` declare.

Rows of near-duplicate articles carry ``dup = 1`` and are left out unless
``include_duplicates``; the articles table is joined for the page's rows (and for counting
only when ``source`` filters on it).
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from datetime import date
from typing import Any

from parley.store.filters import (
    Where,
    article_pk,
    check_choice,
    check_page,
    count,
    dates,
    fts_query,
    in_list,
    resolve_actors,
)
from parley.store.order import Sorts, by_key
from parley.store.results import EventRow, FlagRow, Page, QuoteRow
from parley.vocab import EVENT_STATUSES, EVENT_TYPES, FLAG_SEVERITIES

QUOTE_SORTS = Sorts(
    {"date": "q.day", "speaker": "coalesce(ac.name, q.speaker) COLLATE NOCASE"},
    "-date",
    by_key("q.pk"),
)
FLAG_SORTS = Sorts(
    {
        "date": "f.day",
        "kind": "f.kind",
        "severity": "CASE f.severity WHEN 'error' THEN 3 WHEN 'warning' THEN 2 "
        "WHEN 'info' THEN 1 END",
    },
    "-date",
    by_key("f.pk"),
)


def _common(
    conn: sqlite3.Connection,
    w: Where,
    alias: str,
    since: Any,
    until: Any,
    source: str | None,
    article_id: str | None,
    include_duplicates: bool,
) -> str:
    """Add the shared filters; returns the join to ``articles`` the count needs ('' if none)."""
    if not include_duplicates:
        w.add(f"{alias}.dup = 0")
    dates(w, f"{alias}.day", since, until)
    if article_id:
        w.add(f"{alias}.article = ?", article_pk(conn, article_id))
    if source:
        w.add("a.source = ? COLLATE NOCASE", source)
        return f"JOIN articles a ON a.pk = {alias}.article"
    return ""


def quotes(
    conn: sqlite3.Connection,
    speaker: str | None = None,
    about: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    source: str | None = None,
    anonymous: bool | None = None,
    article: str | None = None,
    limit: int = 20,
    offset: int = 0,
    *,
    include_duplicates: bool = False,
    actor: str | None = None,
    order: str | None = None,
) -> Page[QuoteRow]:
    """Quotes, newest first (or in the ``order`` named, one of ``QUOTE_SORTS``): by
    ``speaker`` (an actor's name, KB id or a spelling seen, else the speaker as written),
    ``actor`` (quotes whose words name that actor: one of its mentions lies inside the
    quote), ``about`` (full-text match on what was said), anonymity."""
    check_page(limit, offset)
    order_sql = QUOTE_SORTS.sql(order)
    w = Where()
    join = _common(conn, w, "q", since, until, source, article, include_duplicates)
    if speaker:
        pks = resolve_actors(conn, speaker)
        if pks:
            w.add(f"q.speaker_actor IN {in_list(pks)}")
        else:
            w.add("q.speaker = ? COLLATE NOCASE", speaker.strip())
    if actor:
        pks = resolve_actors(conn, actor) or [-1]
        # from the actor's entities (its index) to the quotes around their mentions
        w.add("q.pk IN (SELECT qa.pk FROM entities en JOIN mentions m ON m.entity = en.pk "
              "JOIN quotes qa ON qa.article = en.article AND m.start >= qa.start "
              f"AND m.stop <= qa.stop WHERE en.actor IN {in_list(pks)})")  # fmt: skip
    if about:
        w.add("q.pk IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)", fts_query(about))
    if anonymous is not None:
        w.add("q.anonymous = ?", int(anonymous))
    rows = conn.execute(
        "SELECT a.id, q.local_id, a.published, q.kind, q.speaker, ac.name, ac.kb_id, q.anonymous, "
        "q.cue, q.channel, q.content, q.start, q.stop, q.sentence FROM quotes q "
        "JOIN articles a ON a.pk = q.article LEFT JOIN actors ac ON ac.pk = q.speaker_actor "
        f"WHERE {w.sql()} ORDER BY {order_sql} LIMIT ? OFFSET ?",
        [*w.params, limit, offset],
    ).fetchall()
    items = [QuoteRow(*r[:7], bool(r[7]), *r[8:]) for r in rows]
    total = count(conn, f"SELECT 1 FROM quotes q {join} WHERE {w.sql()}", w.params)
    return Page(items, total, limit, offset)


def events(
    conn: sqlite3.Connection,
    type: str | None = None,
    actor: str | None = None,
    recipient: str | None = None,
    status: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    source: str | None = None,
    article: str | None = None,
    limit: int = 20,
    offset: int = 0,
    *,
    include_duplicates: bool = False,
) -> Page[EventRow]:
    """Events (PLOVER), newest first; ``day`` is the event's date when known, else the
    article's. ``actor``/``recipient`` take names as ``quotes(speaker=...)`` does.

    With an actor or recipient the scan starts from that actor's index entries (in day
    order), so that a frequent actor costs no more than a rare one."""
    check_page(limit, offset)
    roles = [(r, resolve_actors(conn, n) or [-1]) for r, n in (("actor", actor),
             ("recipient", recipient)) if n]  # fmt: skip
    alias = "ea" if roles else "e"
    w = Where()
    join = _common(conn, w, alias, since, until, source, None, include_duplicates)
    if article:
        w.add("e.article = ?", article_pk(conn, article))
    if (t := check_choice(type, EVENT_TYPES, "event type", upper=True)) is not None:
        w.add(f"{alias}.type = ?", t)
    if (s := check_choice(status, EVENT_STATUSES, "status", upper=False)) is not None:
        w.add("e.status = ?", s)
    if roles:
        (role, pks), *other = roles
        w.add(f"ea.actor IN {in_list(pks)} AND ea.role = '{role}'")
        for role, pks in other:
            w.add("EXISTS (SELECT 1 FROM event_actors x WHERE x.event = e.pk "
                  f"AND x.role = '{role}' AND x.actor IN {in_list(pks)})")  # fmt: skip
        source_sql = "event_actors ea JOIN events e ON e.pk = ea.event"
        order = "ea.day DESC, ea.event DESC"
    else:
        source_sql, order = "events e", "e.day DESC, e.pk DESC"
    join = join.replace("ea.article", "e.article")
    rows = conn.execute(
        "SELECT e.pk, a.id, e.local_id, e.day, e.type, e.mode, e.status, e.negated, e.trigger, "
        "e.when_value, e.where_name, e.confidence, e.start, e.stop, e.when_basis "
        f"FROM {source_sql} "
        f"JOIN articles a ON a.pk = e.article WHERE {w.sql()} "
        f"ORDER BY {order} LIMIT ? OFFSET ?",
        [*w.params, limit, offset],
    ).fetchall()
    names: dict[tuple[int, str], list[str]] = defaultdict(list)
    if rows:
        for event, role, name in conn.execute(
            "SELECT ea.event, ea.role, ac.name FROM event_actors ea JOIN actors ac "
            f"ON ac.pk = ea.actor WHERE ea.event IN {in_list([r[0] for r in rows])} "
            "ORDER BY ea.event, ac.name"
        ):
            names[event, role].append(name)
    items = [
        EventRow(r[1], r[2], r[3], r[4], r[5], r[6], bool(r[7]), names[r[0], "actor"],
                 names[r[0], "recipient"], *r[8:])
        for r in rows
    ]  # fmt: skip
    needs_events = roles and ("e." in w.sql() or join)
    base = f"{source_sql} {join}" if needs_events or not roles else f"event_actors ea {join}"
    total = count(conn, f"SELECT 1 FROM {base} WHERE {w.sql()}", w.params)
    return Page(items, total, limit, offset)


def flags(
    conn: sqlite3.Connection,
    kind: str | None = None,
    severity: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    source: str | None = None,
    article: str | None = None,
    limit: int = 20,
    offset: int = 0,
    *,
    include_duplicates: bool = False,
    order: str | None = None,
) -> Page[FlagRow]:
    """What a careful reader should know, newest first (or in the ``order`` named, one of
    ``FLAG_SORTS``; severity descending: errors, then warnings, then notes), by ``kind`` and
    ``severity``."""
    check_page(limit, offset)
    order_sql = FLAG_SORTS.sql(order)
    w = Where()
    join = _common(conn, w, "f", since, until, source, article, include_duplicates)
    if kind:
        w.add("f.kind = ?", kind.strip().lower())
    if (s := check_choice(severity, FLAG_SEVERITIES, "severity", upper=False)) is not None:
        w.add("f.severity = ?", s)
    rows = conn.execute(
        "SELECT a.id, a.published, f.kind, f.severity, f.message, f.spans, f.evidence "
        f"FROM flags f JOIN articles a ON a.pk = f.article WHERE {w.sql()} "
        f"ORDER BY {order_sql} LIMIT ? OFFSET ?",
        [*w.params, limit, offset],
    ).fetchall()
    items = [FlagRow(*r[:5], json.loads(r[5]), json.loads(r[6])) for r in rows]
    total = count(conn, f"SELECT 1 FROM flags f {join} WHERE {w.sql()}", w.params)
    return Page(items, total, limit, offset)
