"""What the dashboard shows beside the store's lists (which it takes from the store, filters
and order alike): the actors' kinds, each quote's sentence, articles' shown titles, the most
central article of a story. Plain SQL over the store's tables (``store.schema``), read only.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from parley.store.filters import in_list
from parley.store.results import QuoteRow
from parley.store.writer import unpack_record
from parley.web.display import shown_title


def actor_kinds(conn: sqlite3.Connection) -> list[str]:
    """The kinds of the stored actors, for the actors list's kind filter."""
    return [r[0] for r in conn.execute("SELECT DISTINCT kind FROM actors WHERE kind IS NOT NULL "
                                       "ORDER BY kind")]  # fmt: skip


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
