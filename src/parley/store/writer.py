"""The one module that writes to the store.

``store_analyses`` turns ``parley.analysis/1`` records (``Analysis`` objects or their
``to_dict()``) into rows: one transaction per batch, the same prepared statements for every
row. Storing an article whose id (sha256 of its text) is already present is a no-op; an
article whose MinHash estimate is at least ``minhash.THRESHOLD`` similar to a stored one is
stored but linked to the first copy through ``duplicate_of``, so queries count it once.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from typing import Any

from parley.days import day_of
from parley.ingest.headlines import display_title
from parley.model import Analysis
from parley.store import minhash
from parley.store.terms import salient_terms

Record = dict[str, Any]


@dataclass(slots=True)
class StoreResult:
    """What one call stored: new articles, exact duplicates skipped, near-duplicates linked."""

    stored: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    ids: list[str] = field(default_factory=list)

    def add(self, other: StoreResult) -> None:
        self.stored += other.stored
        self.duplicates += other.duplicates
        self.near_duplicates += other.near_duplicates
        self.ids.extend(other.ids)


def pack_record(record: Record) -> bytes:
    """The record without ``article.text`` (stored once, in its own column), compressed."""
    slim = dict(record, article={k: v for k, v in record["article"].items() if k != "text"})
    return zlib.compress(json.dumps(slim, ensure_ascii=False).encode("utf-8"), 3)


def unpack_record(blob: bytes, text: str) -> Record:
    record = json.loads(zlib.decompress(blob))
    record["article"]["text"] = text
    return record


def _span(span: dict | None) -> tuple[str | None, int | None, int | None]:
    if not span:
        return None, None, None
    return span.get("text"), span.get("start"), span.get("end")


def _actor_key(entity: Record) -> str:
    return entity.get("kb_id") or f"{entity.get('kind') or 'other'}:{entity['name'].casefold()}"


class _Writer:
    """Stores one batch inside an open transaction; caches actor keys for the batch."""

    def __init__(self, conn: sqlite3.Connection, threshold: float) -> None:
        self.conn = conn
        self.threshold = threshold
        self.actors: dict[str, int] = {}
        self.names: set[tuple[int, str]] = set()
        self.now = datetime.now(UTC).isoformat(timespec="seconds")

    def actor(self, e: Record) -> int:
        key = _actor_key(e)
        pk = self.actors.get(key)
        if pk is None:
            row = self.conn.execute(
                "INSERT INTO actors (key, name, kind, kb_id, wikidata, country, sector) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
                "wikidata = coalesce(wikidata, excluded.wikidata), "
                "country = coalesce(country, excluded.country), "
                "sector = coalesce(sector, excluded.sector) RETURNING pk",
                (key, e["name"], e.get("kind"), e.get("kb_id"), e.get("wikidata"),
                 e.get("country"), e.get("sector")),
            ).fetchone()  # fmt: skip
            pk = self.actors[key] = row[0]
        new = {(pk, n) for n in (e["name"], *e.get("variants", ())) if n} - self.names
        if new:
            self.names |= new
            self.conn.executemany(
                "INSERT OR IGNORE INTO actor_names (actor, name) VALUES (?, ?)", sorted(new)
            )
        return pk

    def near_duplicate(self, sig) -> tuple[int | None, float | None]:
        keys = minhash.bands(sig)
        marks = ",".join("(?, ?)" for _ in keys)
        params = [v for pair in keys for v in pair]
        rows = self.conn.execute(  # CROSS JOIN: probe the lsh primary key once per band
            f"WITH k(band, hash) AS (VALUES {marks}) "
            "SELECT DISTINCT s.article, s.sig, a.duplicate_of FROM k "
            "CROSS JOIN lsh l ON l.band = k.band AND l.hash = k.hash "
            "JOIN signatures s ON s.article = l.article JOIN articles a ON a.pk = l.article",
            params,
        ).fetchall()
        best: tuple[float, int] | None = None
        for pk, blob, root in rows:
            score = minhash.similarity(sig, minhash.from_bytes(blob))
            if score >= self.threshold and (best is None or (score, -pk) > (best[0], -best[1])):
                best = (score, root or pk)
        return (best[1], best[0]) if best else (None, None)

    def article(self, record: Record) -> int | None:
        """Insert one article and its records; None when the id is already stored."""
        art = record["article"]
        c = self.conn
        if c.execute("SELECT 1 FROM articles WHERE id = ?", (art["id"],)).fetchone():
            return None
        sig = minhash.signature(art["text"])
        dup_of, similarity = self.near_duplicate(sig)
        day = day_of(art.get("published"))
        headline, lead = display_title(record)
        cur = c.execute(
            "INSERT INTO articles (id, title, source, url, published, day, language, input, "
            "duplicate_of, similarity, n_entities, n_quotes, n_events, n_flags, stored_at, text, "
            "record, lead) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (art["id"], headline, art.get("source"), art.get("url"),
             art.get("published"), day, art.get("language"),
             (record.get("meta") or {}).get("input"), dup_of, similarity,
             len(record.get("entities", ())), len(record.get("quotes", ())),
             len(record.get("events", ())), len(record.get("flags", ())), self.now,
             art["text"], pack_record(record), lead),
        )  # fmt: skip
        pk = cur.lastrowid
        c.execute(
            "INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)",
            (pk, headline or "", art["text"]),
        )
        c.execute(
            "INSERT INTO signatures (article, sig) VALUES (?, ?)", (pk, minhash.to_bytes(sig))
        )
        c.executemany(
            "INSERT OR IGNORE INTO lsh (band, hash, article) VALUES (?, ?, ?)",
            [(b, h, pk) for b, h in minhash.bands(sig)],
        )
        if dup_of is None:  # copies join their original's story: no terms needed
            c.executemany(
                "INSERT INTO article_terms (article, term, tf) VALUES (?, ?, ?)",
                [(pk, t, n) for t, n in salient_terms(art["text"])],
            )
        dup = int(dup_of is not None)
        actors = self.entities(pk, day, dup, record.get("entities", ()))
        self.children(pk, day, dup, record, actors)
        return pk if dup_of is None else -pk

    def entities(
        self, article: int, day: str | None, dup: int, entities: Iterable[Record]
    ) -> dict[str, int]:
        actors: dict[str, int] = {}
        for e in entities:
            actor = actors[e["id"]] = self.actor(e)
            mentions = e.get("mentions", ())
            cur = self.conn.execute(
                "INSERT INTO entities (article, local_id, actor, name, role, n_mentions, day, dup) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (article, e["id"], actor, e["name"], e.get("role"), len(mentions), day, dup),
            )
            self.conn.executemany(
                "INSERT OR IGNORE INTO mentions (entity, start, stop) VALUES (?, ?, ?)",
                [(cur.lastrowid, m["start"], m["end"]) for m in mentions],
            )
        return actors

    def children(
        self, pk: int, day: str | None, dup: int, r: Record, actors: dict[str, int]
    ) -> None:
        """Quotes, events, times, positions, claims and flags of one article."""
        c = self.conn
        for q in r.get("quotes", ()):
            content, start, stop = _span(q["content"])
            cur = c.execute(
                "INSERT INTO quotes (article, local_id, kind, content, start, stop, cue, speaker, "
                "speaker_entity, speaker_actor, anonymous, channel, via, sentence, day, dup) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (pk, q["id"], q.get("kind"), content, start, stop, _span(q.get("cue"))[0],
                 _span(q.get("speaker"))[0], q.get("speaker_entity"),
                 actors.get(q.get("speaker_entity") or ""), int(bool(q.get("anonymous"))),
                 q.get("channel"), _span(q.get("via"))[0], q.get("sentence"), day, dup),
            )  # fmt: skip
            c.execute(
                "INSERT INTO quotes_fts (rowid, content) VALUES (?, ?)", (cur.lastrowid, content)
            )
        for v in r.get("events", ()):
            when, where = v.get("when") or {}, v.get("where") or {}
            trigger, start, stop = _span(v.get("trigger"))
            cur = c.execute(
                "INSERT INTO events (article, local_id, type, mode, trigger, start, stop, status, "
                "negated, when_value, when_precision, where_name, where_country, lat, lon, "
                "reported_by, sentence, confidence, day, dup, when_basis) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (pk, v["id"], v["type"], v.get("mode"), trigger, start, stop, v.get("status"),
                 int(bool(v.get("negated"))), when.get("value"), when.get("precision"),
                 where.get("name"), where.get("country"), where.get("lat"), where.get("lon"),
                 v.get("reported_by"), v.get("sentence"), v.get("confidence"),
                 day_of(when.get("value")) or day, dup, when.get("basis")),
            )  # fmt: skip
            eday = day_of(when.get("value")) or day
            c.executemany(
                "INSERT OR IGNORE INTO event_actors (event, role, actor, entity, day, type, dup) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(cur.lastrowid, role, actors[e], e, eday, v["type"], dup)
                 for role, key in (("actor", "actors"), ("recipient", "recipients"))
                 for e in v.get(key, ()) if e in actors],
            )  # fmt: skip
        c.executemany(
            "INSERT INTO times (article, type, value, text, start, stop) VALUES (?, ?, ?, ?, ?, ?)",
            [(pk, t.get("type"), t.get("value"), *_span(t["span"])) for t in r.get("times", ())],
        )
        c.executemany(
            "INSERT INTO positions (article, entity, actor, issue, stance, text, start, stop) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(pk, p.get("actor"), actors.get(p.get("actor") or ""), p.get("issue"),
              p.get("stance"), *_span(p.get("span"))) for p in r.get("positions", ())],
        )  # fmt: skip
        c.executemany(
            "INSERT INTO claims (article, local_id, kind, checkworthy, verdict, text, start, stop, "
            "evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(pk, x.get("id"), x.get("kind"), x.get("checkworthy"), x.get("verdict"),
              *_span(x.get("span")), json.dumps(x.get("evidence", []), ensure_ascii=False))
             for x in r.get("claims", ())],
        )  # fmt: skip
        c.executemany(
            "INSERT INTO flags (article, kind, severity, message, spans, evidence, day, dup) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(pk, f["kind"], f.get("severity"), f.get("message"),
              json.dumps(f.get("spans", []), ensure_ascii=False),
              json.dumps(f.get("evidence", {}), ensure_ascii=False), day, dup)
             for f in r.get("flags", ())],
        )  # fmt: skip


def is_stored(conn: sqlite3.Connection, article_id: str) -> bool:
    """Whether an article with this id (``sha256:…`` of its text) is stored: one look-up in
    the unique index on ``articles.id``, cheap enough to make before analysing an article."""
    return conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None


def _records(analyses: Iterable[Analysis | Record]) -> Iterator[Record]:
    for item in analyses:
        yield item.to_dict() if isinstance(item, Analysis) else item


def store_batch(
    conn: sqlite3.Connection, records: list[Record], threshold: float = minhash.THRESHOLD
) -> StoreResult:
    """Store ``records`` in one transaction (all or nothing)."""
    result = StoreResult()
    writer = _Writer(conn, threshold)
    conn.execute("BEGIN IMMEDIATE")
    try:
        for record in records:
            outcome = writer.article(record)
            if outcome is None:
                result.duplicates += 1
                continue
            result.stored += 1
            result.near_duplicates += outcome < 0
            result.ids.append(record["article"]["id"])
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return result


def store_analyses(
    conn: sqlite3.Connection,
    analyses: Iterable[Analysis | Record],
    *,
    batch_size: int = 256,
    threshold: float = minhash.THRESHOLD,
) -> StoreResult:
    """Store analyses (lazily consumed), ``batch_size`` articles per transaction."""
    result = StoreResult()
    stream = _records(analyses)
    while batch := list(islice(stream, batch_size)):
        result.add(store_batch(conn, batch, threshold))
    return result


def replace_stories(conn: sqlite3.Connection, stories: Iterable[Any], built_for: int) -> int:
    """Replace every stored story with ``stories`` (``stories.Story`` values)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("DELETE FROM story_articles")
        conn.execute("DELETE FROM stories")
        n = 0
        for story in stories:
            cur = conn.execute(
                "INSERT INTO stories (title, first_day, last_day, n_articles, n_duplicates, "
                "actors, terms) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (story.title, story.first_day, story.last_day, story.n_articles,
                 story.n_duplicates, json.dumps(story.actors), json.dumps(story.terms)),
            )  # fmt: skip
            conn.executemany(
                "INSERT OR IGNORE INTO story_articles (story, article, score) VALUES (?, ?, ?)",
                [(cur.lastrowid, a, s) for a, s in story.members],
            )
            n += 1
        conn.execute(
            "INSERT OR REPLACE INTO store_meta (key, value) VALUES ('stories_built_for', ?)",
            (str(built_for),),
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return n
