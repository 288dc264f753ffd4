"""``summary(conn)``: what a store holds, in a few lines (``parley summary``, ``make run``).

Counts leave out near-duplicate articles and their records, as the lists do.
"""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass, field
from typing import Any

TOP = 5
_SEVERITY = "CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END"


@dataclass(slots=True)
class Summary:
    articles: int
    first_day: str | None
    last_day: str | None
    sources: int
    actors: int
    quotes: int
    events: int
    flags: int
    stories: int
    duplicates: int
    top_actors: list[tuple[str, int]] = field(default_factory=list)  # (name, articles)
    flag_kinds: list[tuple[str, int]] = field(default_factory=list)  # (kind, flags)
    top_flags: list[tuple[str, str, str]] = field(default_factory=list)  # severity, kind, msg

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _one(conn: sqlite3.Connection, sql: str) -> Any:
    return conn.execute(sql).fetchone()[0]


def summary(conn: sqlite3.Connection, top: int = TOP) -> Summary:
    """The store in numbers: articles and their days, actors, records, the most named
    actors, flags by kind and, of each kind, its most severe flag (the latest)."""
    first, last, n, sources = conn.execute(
        "SELECT min(day), max(day), count(*), count(DISTINCT source COLLATE NOCASE) "
        "FROM articles WHERE duplicate_of IS NULL"
    ).fetchone()
    top_actors = conn.execute(
        "SELECT ac.name, count(DISTINCT e.article) AS n FROM entities e JOIN actors ac "
        "ON ac.pk = e.actor WHERE e.dup = 0 AND ac.kind != 'place' GROUP BY ac.pk "
        "ORDER BY n DESC, sum(e.n_mentions) DESC, ac.name LIMIT ?",
        (top,),
    ).fetchall()
    kinds = conn.execute(
        "SELECT kind, count(*) AS n FROM flags WHERE dup = 0 GROUP BY kind ORDER BY n DESC, kind"
    ).fetchall()
    worst: dict[str, tuple[str, str, str]] = {}  # the most severe, latest flag of each kind
    for row in conn.execute(
        f"SELECT severity, kind, message FROM flags WHERE dup = 0 ORDER BY {_SEVERITY}, "
        "day DESC, pk DESC"
    ):
        worst.setdefault(row[1], (row[0] or "", row[1], row[2] or ""))
        if len(worst) >= top:
            break
    return Summary(
        articles=n,
        first_day=first,
        last_day=last,
        sources=sources,
        actors=_one(conn, "SELECT count(DISTINCT actor) FROM entities WHERE dup = 0"),
        quotes=_one(conn, "SELECT count(*) FROM quotes WHERE dup = 0"),
        events=_one(conn, "SELECT count(*) FROM events WHERE dup = 0"),
        flags=_one(conn, "SELECT count(*) FROM flags WHERE dup = 0"),
        stories=_one(conn, "SELECT count(*) FROM stories"),
        duplicates=_one(conn, "SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"),
        top_actors=[(r[0], r[1]) for r in top_actors],
        flag_kinds=[(r[0], r[1]) for r in kinds],
        top_flags=list(worst.values()),
    )


def _n(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def summary_lines(s: Summary, store: str, width: int) -> list[str]:
    """The summary as at most ``9 + 2 * TOP`` lines of at most ``width`` characters."""
    from parley.report import cut

    days = f", {s.first_day} … {s.last_day}" if s.first_day else ""
    dups = f" (+{s.duplicates} near-duplicates)" if s.duplicates else ""
    sources = f" from {_n(s.sources, 'source')}" if s.sources else ""
    lines = [
        f"{store}: {_n(s.articles, 'article')}{dups}{sources}{days}",
        f"  {s.actors} actors · {s.quotes} quotes · {s.events} events · {s.flags} flags · "
        f"{s.stories} stories",
    ]
    if s.top_actors:
        lines.append("most named: " + ", ".join(f"{name} ({n})" for name, n in s.top_actors))
    if s.flag_kinds:
        lines.append("flags: " + ", ".join(f"{n} {kind}" for kind, n in s.flag_kinds))
    if s.top_flags:
        lines.append("top flags:")
        lines += [f"  {kind}: {' '.join(msg.split())}" for _, kind, msg in s.top_flags]
    return [cut(line, width) for line in lines]
