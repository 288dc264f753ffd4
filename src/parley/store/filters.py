"""Shared pieces of the queries: filter checks, actor names, FTS query text, counting."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Collection
from datetime import date
from typing import Any

from parley.days import not_a_date, parse_date
from parley.store.db import NotFound, QueryError

MAX_LIMIT = 1000
MAX_TOTAL = 10_000  # totals are counted up to here; more shows as MAX_TOTAL


class Where:
    """``AND``-joined SQL conditions with their parameters."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: list[Any] = []

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self) -> str:
        return " AND ".join(self.clauses) or "1"


def check_page(limit: int, offset: int) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit must be between 1 and {MAX_LIMIT}, not {limit}")
    if offset < 0:
        raise QueryError(f"offset must be 0 or more, not {offset}")


def check_day(value: str | date | None, name: str) -> str | None:
    """``YYYY-MM-DD`` of an ISO date or datetime; QueryError for anything else."""
    if value is None or value == "":
        return None
    try:
        return parse_date(value).isoformat()
    except ValueError:
        raise QueryError(not_a_date(str(value), name)) from None


def check_choice(value: str | None, allowed: Collection[str], name: str, upper: bool) -> str | None:
    if value is None:
        return None
    norm = value.upper() if upper else value.lower()
    if norm not in allowed:
        raise QueryError(f"unknown {name} {value!r}; use one of {', '.join(sorted(allowed))}")
    return norm


def resolve_actors(conn: sqlite3.Connection, name: str) -> list[int]:
    """Actors named ``name``: by KB id, canonical name or a spelling seen in the text,
    else by a whole word of a name ("Putin" → "Vladimir Putin")."""
    name = name.strip()
    rows = conn.execute(
        "SELECT pk FROM actors WHERE kb_id = ? OR key = ? "
        "UNION SELECT actor FROM actor_names WHERE name = ?",
        (name, name, name),
    ).fetchall()
    if not rows and name:
        rows = conn.execute(
            "SELECT DISTINCT actor FROM actor_names WHERE name LIKE ? OR name LIKE ? "
            "OR name LIKE ?",
            (f"% {name}", f"{name} %", f"% {name} %"),
        ).fetchall()
    return [r[0] for r in rows]


def in_list(pks: list[int]) -> str:
    return "(" + ",".join(str(int(p)) for p in pks) + ")"  # ints only: safe to inline


def dates(w: Where, column: str, since: Any, until: Any) -> None:
    if (s := check_day(since, "since")) is not None:
        w.add(f"{column} >= ?", s)
    if (u := check_day(until, "until")) is not None:
        w.add(f"{column} <= ?", u)
    if s and u and s > u:
        raise QueryError(f"since {s} is after until {u}")


def actor_filter(conn: sqlite3.Connection, w: Where, column: str, actor: str | None) -> None:
    if actor:
        pks = resolve_actors(conn, actor) or [-1]
        w.add(f"{column} IN (SELECT article FROM entities WHERE actor IN {in_list(pks)})")


def count(conn: sqlite3.Connection, sql: str, params: list[Any], cap: int = MAX_TOTAL) -> int:
    """How many rows ``sql`` selects, counted up to ``cap``."""
    return conn.execute(f"SELECT count(*) FROM ({sql} LIMIT {int(cap)})", params).fetchone()[0]


_TOKEN = re.compile(r'"([^"]*)"|(\S+)')


def fts_query(text: str) -> str:
    """User search text as an FTS5 query: words and "quoted phrases" all required,
    ``OR``/``NOT`` kept as operators, a trailing ``*`` as a prefix search."""
    parts: list[str] = []
    for phrase, word in _TOKEN.findall(text):
        if word in ("OR", "AND", "NOT"):
            parts.append(word)
            continue
        term = phrase if phrase else word
        star = "*" if term.endswith("*") and len(term) > 1 and not phrase else ""
        term = term.rstrip("*") if star else term
        if term.strip():
            parts.append('"' + term.replace('"', '""') + '"' + star)
    if not any(p not in ("OR", "AND", "NOT") for p in parts):
        raise QueryError("search text is empty")
    return " ".join(parts)


def article_pk(conn: sqlite3.Connection, article_id: str) -> int:
    """The row of an article named by its id or a unique prefix of its hex digest (8+)."""
    key = article_id.strip().lower()
    key = key if key.startswith("sha256:") else "sha256:" + key
    if len(key) < 15 or not re.fullmatch(r"sha256:[0-9a-f]+", key):
        raise QueryError(f"{article_id!r} is not an article id (sha256:… or 8+ hex digits)")
    rows = conn.execute(
        "SELECT pk FROM articles WHERE id >= ? AND id < ? LIMIT 2", (key, key + "g")
    ).fetchall()
    if not rows:
        raise NotFound(f"no article {article_id!r} in the store")
    if len(rows) > 1:
        raise QueryError(f"{article_id!r} matches several articles; give more digits")
    return rows[0][0]
