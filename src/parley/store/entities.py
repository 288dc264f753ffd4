"""``entity(conn, name)``: who an actor is and what the store holds about it."""

from __future__ import annotations

import sqlite3
from typing import Any

from parley.store.db import NotFound
from parley.store.filters import Where, check_page, count, in_list, resolve_actors
from parley.store.order import Sorts
from parley.store.queries import quotes
from parley.store.results import ActorRow, EntityProfile, MonthCount, Page

RELATED_WINDOW = 500  # co-occurring actors are counted over this many recent articles


def _pick(conn: sqlite3.Connection, name: str) -> tuple[int, list[int]]:
    pks = resolve_actors(conn, name)
    if not pks:
        like = conn.execute(
            "SELECT DISTINCT a.name FROM actor_names n JOIN actors a ON a.pk = n.actor "
            "WHERE n.name LIKE ? LIMIT 5",
            (f"%{name.strip()}%",),
        ).fetchall()
        hint = f"; did you mean {', '.join(r[0] for r in like)}?" if like else ""
        raise NotFound(f"no entity named {name!r} in the store{hint}")
    counts = dict(
        conn.execute(
            f"SELECT actor, sum(n_mentions) FROM entities WHERE actor IN {in_list(pks)} "
            "GROUP BY actor"
        ).fetchall()
    )
    pks.sort(key=lambda p: (-(counts.get(p) or 0), p))
    return pks[0], pks[1:]


def _events(
    conn: sqlite3.Connection, pk: int, include_duplicates: bool
) -> tuple[dict[str, int], list[MonthCount]]:
    """Events by role, and by month and type (an index-only scan of ``event_actors``)."""
    dup = "" if include_duplicates else "AND dup = 0"
    by_role: dict[str, int] = {}
    by_month: dict[str, dict[str, int]] = {}
    for role, month, kind, n in conn.execute(
        "SELECT role, substr(day, 1, 7) AS m, type, count(*) FROM event_actors "
        f"WHERE actor = ? {dup} GROUP BY role, m, type",
        (pk,),
    ):
        by_role[role] = by_role.get(role, 0) + n
        if month:
            months = by_month.setdefault(month, {})
            months[kind] = months.get(kind, 0) + n
    return by_role, [MonthCount(m, sum(t.values()), t) for m, t in sorted(by_month.items())]


def entity(
    conn: sqlite3.Connection,
    name: str,
    *,
    quotes_limit: int = 5,
    include_duplicates: bool = False,
) -> EntityProfile:
    """The actor best matching ``name`` (most mentioned when several do): its knowledge-base
    record, spellings, roles, article and mention counts (overall and by month), recent
    quotes by it, and the events it takes part in bucketed by month. Raises ``NotFound``."""
    pk, other_pks = _pick(conn, name)
    a = conn.execute(
        "SELECT key, name, kind, kb_id, wikidata, country, sector FROM actors WHERE pk = ?", (pk,)
    ).fetchone()
    dup = "" if include_duplicates else "AND dup = 0"
    n_articles, n_mentions, first, last = conn.execute(
        "SELECT count(*), coalesce(sum(n_mentions), 0), min(day), max(day) "  # one row per article
        f"FROM entities WHERE actor = ? {dup}",
        (pk,),
    ).fetchone()
    roles = [  # titles held, from the most recent 2,000 mentions
        r[0]
        for r in conn.execute(
            "SELECT role FROM (SELECT role, day FROM entities WHERE actor = ? AND dup = 0 "
            "ORDER BY day DESC LIMIT 2000) WHERE role IS NOT NULL "
            "GROUP BY role ORDER BY max(day) DESC LIMIT 10",
            (pk,),
        )
    ]
    variants = [r[0] for r in conn.execute("SELECT name FROM actor_names WHERE actor = ?", (pk,))]
    said = quotes(conn, speaker=a["key"], limit=max(1, quotes_limit))
    roles_count, months = _events(conn, pk, include_duplicates)
    return EntityProfile(
        name=a["name"],
        kind=a["kind"],
        kb_id=a["kb_id"],
        wikidata=a["wikidata"],
        country=a["country"],
        sector=a["sector"],
        roles=roles,
        variants=sorted(variants),
        articles=n_articles,
        mentions=n_mentions,
        first_seen=first,
        last_seen=last,
        quotes=said.total,
        recent_quotes=said.items[:quotes_limit],
        events_as_actor=roles_count.get("actor", 0),
        events_as_recipient=roles_count.get("recipient", 0),
        events_by_month=months,
        related=_related(conn, pk),
        others=[_brief(conn, p) for p in other_pks[:10]],
    )


def mentions_by_month(conn: sqlite3.Connection, name: str) -> list[dict[str, Any]]:
    """Articles and mentions of an actor per month (for a chart), duplicates left out."""
    pk, _ = _pick(conn, name)
    return [
        {"month": m, "articles": n, "mentions": k}
        for m, n, k in conn.execute(
            "SELECT substr(day, 1, 7) AS m, count(*), sum(n_mentions) FROM entities "
            "WHERE actor = ? AND dup = 0 AND day IS NOT NULL GROUP BY m ORDER BY m",
            (pk,),
        )
    ]


def _related(conn: sqlite3.Connection, pk: int, top: int = 10) -> list[dict[str, Any]]:
    rows = conn.execute(
        "SELECT ac.name, ac.kb_id, count(*) AS n FROM entities e2 "
        "JOIN actors ac ON ac.pk = e2.actor "
        "WHERE e2.article IN (SELECT article FROM entities WHERE actor = ? AND dup = 0 "
        f"ORDER BY day DESC LIMIT {RELATED_WINDOW}) AND e2.actor != ? "
        "GROUP BY e2.actor ORDER BY n DESC, ac.name LIMIT ?",
        (pk, pk, top),
    ).fetchall()
    return [{"name": r[0], "kb_id": r[1], "articles": r[2]} for r in rows]


def _brief(conn: sqlite3.Connection, pk: int) -> dict[str, Any]:
    r = conn.execute("SELECT name, kind, kb_id FROM actors WHERE pk = ?", (pk,)).fetchone()
    return {"name": r[0], "kind": r[1], "kb_id": r[2]}


_STATS = "actor_stats"  # in the connection's temp schema


def _actor_stats(conn: sqlite3.Connection) -> str:
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
        (built,) = conn.execute(f"SELECT version FROM temp.{_STATS}_version").fetchone()
    except sqlite3.OperationalError:  # not built on this connection yet
        built = None
    if built == version:
        return f"temp.{_STATS}"
    for table in (_STATS, f"{_STATS}_version"):
        conn.execute(f"DROP TABLE IF EXISTS temp.{table}")
    conn.execute(
        f"CREATE TABLE temp.{_STATS} AS SELECT actor, count(*) AS articles, "
        "sum(n_mentions) AS mentions, max(day) AS last_seen FROM entities WHERE dup = 0 "
        "GROUP BY actor"
    )
    conn.execute(f"CREATE UNIQUE INDEX temp.{_STATS}_actor ON {_STATS}(actor)")
    conn.execute(f"CREATE TABLE temp.{_STATS}_version AS SELECT '{version}' AS version")
    return f"temp.{_STATS}"


#: the actors' counts; sorting by one of them reads every actor's from ``_actor_stats``
_COUNTS = {
    "articles": "coalesce(s.articles, 0)",
    "mentions": "coalesce(s.mentions, 0)",
    "last_seen": "s.last_seen",
}
ACTOR_SORTS = Sorts(
    {"name": "ac.name COLLATE NOCASE", "kind": "ac.kind", **_COUNTS},
    "name",
    ("ac.name COLLATE NOCASE, ac.pk",) * 2,
    ties={"name": "ac.pk", "-name": "ac.pk"},  # by name: the name index gives the order
)


def actors(
    conn: sqlite3.Connection,
    name: str | None = None,
    kind: str | None = None,
    limit: int = 20,
    offset: int = 0,
    *,
    order: str | None = None,
) -> Page[ActorRow]:
    """Actors in name order, or in the ``order`` named (one of ``ACTOR_SORTS``): ``name``
    matches any part of a name or spelling seen, ``kind`` the entity kind (person, state,
    ...). Counts leave out near-duplicate articles."""
    check_page(limit, offset)
    order_sql = ACTOR_SORTS.sql(order)
    w = Where()
    if name and name.strip():
        pattern = (
            "%" + name.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        )
        w.add("ac.pk IN (SELECT actor FROM actor_names WHERE name LIKE ? ESCAPE '\\')", pattern)
    if kind:
        w.add("ac.kind = ?", kind.strip().lower())
    columns = "ac.name, ac.kind, ac.kb_id, ac.wikidata, ac.country, ac.sector"
    if ACTOR_SORTS.check(order).removeprefix("-") in _COUNTS:
        rows = conn.execute(
            f"SELECT {columns}, {', '.join(_COUNTS.values())} FROM actors ac "
            f"LEFT JOIN {_actor_stats(conn)} s ON s.actor = ac.pk "
            f"WHERE {w.sql()} ORDER BY {order_sql} LIMIT ? OFFSET ?",
            [*w.params, limit, offset],
        ).fetchall()
        items = [ActorRow(*r) for r in rows]
    else:  # the counts of the page's actors only
        rows = conn.execute(
            f"SELECT ac.pk, {columns} FROM actors ac WHERE {w.sql()} "
            f"ORDER BY {order_sql} LIMIT ? OFFSET ?",
            [*w.params, limit, offset],
        ).fetchall()
        stats = {
            r[0]: r[1:]
            for r in conn.execute(
                "SELECT actor, count(*), coalesce(sum(n_mentions), 0), max(day) FROM entities "
                f"WHERE actor IN {in_list([r[0] for r in rows])} AND dup = 0 GROUP BY actor"
            )
        }
        items = [ActorRow(*r[1:], *stats.get(r[0], (0, 0, None))) for r in rows]
    return Page(
        items, count(conn, f"SELECT 1 FROM actors ac WHERE {w.sql()}", w.params), limit, offset
    )


def quotes_by_month(conn: sqlite3.Connection, name: str) -> dict[str, int]:
    """Statements (quotes) by the actor best matching ``name`` per month, duplicates aside."""
    pk, _ = _pick(conn, name)
    return dict(
        conn.execute(
            "SELECT substr(day, 1, 7) AS m, count(*) FROM quotes "
            "WHERE speaker_actor = ? AND dup = 0 AND day IS NOT NULL GROUP BY m",
            (pk,),
        ).fetchall()
    )
