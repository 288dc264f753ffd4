"""The store's SQL schema as an ordered list of migrations, applied once each.

``migrate(conn)`` brings a database to ``LATEST``: it reads ``schema_version``, applies every
missing migration in order (each in its own transaction) and records it. Running it again is
a no-op. A database written by a newer parley (a version above ``LATEST``) is refused.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

from parley.store.errors import StoreError

# Character offsets are stored as ``start``/``stop`` (``end`` is an SQL keyword). ``day`` is the
# article's (or the event's) ``YYYY-MM-DD``; ``dup`` is 1 on rows of near-duplicate articles,
# which queries leave out so that a republished story is counted once.
_V1 = """
CREATE TABLE articles (
    pk INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    title TEXT, source TEXT, url TEXT, published TEXT, day TEXT, language TEXT, input TEXT,
    duplicate_of INTEGER REFERENCES articles(pk),
    similarity REAL,
    n_entities INTEGER NOT NULL DEFAULT 0, n_quotes INTEGER NOT NULL DEFAULT 0,
    n_events INTEGER NOT NULL DEFAULT 0, n_flags INTEGER NOT NULL DEFAULT 0,
    stored_at TEXT NOT NULL,
    text TEXT NOT NULL,  -- the large columns last: reading the others skips their pages
    record BLOB NOT NULL
);
CREATE INDEX articles_day ON articles(day);
CREATE INDEX articles_source_day ON articles(source COLLATE NOCASE, day);
CREATE INDEX articles_duplicate_of ON articles(duplicate_of);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='pk',
    tokenize='porter unicode61 remove_diacritics 2'
);
INSERT INTO articles_fts(articles_fts, rank) VALUES ('rank', 'bm25(2.0, 1.0)');

CREATE TABLE actors (
    pk INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL, kind TEXT, kb_id TEXT, wikidata TEXT, country TEXT, sector TEXT
);
CREATE INDEX actors_name ON actors(name COLLATE NOCASE);
CREATE INDEX actors_kb_id ON actors(kb_id);
CREATE TABLE actor_names (
    name TEXT NOT NULL COLLATE NOCASE,
    actor INTEGER NOT NULL REFERENCES actors(pk),
    PRIMARY KEY (name, actor)
) WITHOUT ROWID;

CREATE TABLE entities (
    pk INTEGER PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    local_id TEXT NOT NULL,
    actor INTEGER NOT NULL REFERENCES actors(pk),
    name TEXT NOT NULL, role TEXT,
    n_mentions INTEGER NOT NULL DEFAULT 0,
    day TEXT, dup INTEGER NOT NULL DEFAULT 0,
    UNIQUE (article, local_id)
);
CREATE INDEX entities_actor ON entities(actor, dup, day, article, n_mentions);
CREATE TABLE mentions (
    entity INTEGER NOT NULL REFERENCES entities(pk) ON DELETE CASCADE,
    start INTEGER NOT NULL, stop INTEGER NOT NULL,
    PRIMARY KEY (entity, start, stop)
) WITHOUT ROWID;

CREATE TABLE quotes (
    pk INTEGER PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    local_id TEXT NOT NULL, kind TEXT,
    content TEXT NOT NULL, start INTEGER, stop INTEGER,
    cue TEXT, speaker TEXT, speaker_entity TEXT,
    speaker_actor INTEGER REFERENCES actors(pk),
    anonymous INTEGER NOT NULL DEFAULT 0, channel TEXT, via TEXT,
    sentence INTEGER, day TEXT, dup INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX quotes_speaker_day ON quotes(speaker_actor, day);
CREATE INDEX quotes_day ON quotes(day);
CREATE INDEX quotes_article ON quotes(article);
CREATE VIRTUAL TABLE quotes_fts USING fts5(
    content, content='quotes', content_rowid='pk',
    tokenize='porter unicode61 remove_diacritics 2'
);

CREATE TABLE events (
    pk INTEGER PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    local_id TEXT NOT NULL, type TEXT NOT NULL, mode TEXT,
    trigger TEXT, start INTEGER, stop INTEGER,
    status TEXT, negated INTEGER NOT NULL DEFAULT 0,
    when_value TEXT, when_precision TEXT,
    where_name TEXT, where_country TEXT, lat REAL, lon REAL,
    reported_by TEXT, sentence INTEGER, confidence REAL,
    day TEXT, dup INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX events_type_day ON events(type, day);
CREATE INDEX events_status_day ON events(status, day);
CREATE INDEX events_day ON events(day);
CREATE INDEX events_article ON events(article);
CREATE TABLE event_actors (  -- day, type, dup copied from the event for index-only scans
    event INTEGER NOT NULL REFERENCES events(pk) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('actor', 'recipient')),
    actor INTEGER NOT NULL REFERENCES actors(pk),
    entity TEXT NOT NULL,
    day TEXT, type TEXT, dup INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (event, role, actor)
) WITHOUT ROWID;
CREATE INDEX event_actors_actor ON event_actors(actor, role, dup, day, type, event);

CREATE TABLE times (
    pk INTEGER PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    type TEXT, value TEXT, text TEXT, start INTEGER, stop INTEGER
);
CREATE INDEX times_article ON times(article);

CREATE TABLE positions (
    pk INTEGER PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    entity TEXT, actor INTEGER REFERENCES actors(pk),
    issue TEXT, stance TEXT, text TEXT, start INTEGER, stop INTEGER
);
CREATE INDEX positions_actor ON positions(actor);
CREATE INDEX positions_article ON positions(article);

CREATE TABLE claims (
    pk INTEGER PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    local_id TEXT, kind TEXT, checkworthy REAL, verdict TEXT,
    text TEXT, start INTEGER, stop INTEGER, evidence TEXT
);
CREATE INDEX claims_verdict ON claims(verdict);
CREATE INDEX claims_article ON claims(article);

CREATE TABLE flags (
    pk INTEGER PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    kind TEXT NOT NULL, severity TEXT, message TEXT,
    spans TEXT NOT NULL, evidence TEXT NOT NULL,
    day TEXT, dup INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX flags_kind_day ON flags(kind, day);
CREATE INDEX flags_day ON flags(day);
CREATE INDEX flags_article ON flags(article);
"""

# near-duplicate detection: MinHash signatures and their LSH band hashes
_V2 = """
CREATE TABLE signatures (
    article INTEGER PRIMARY KEY REFERENCES articles(pk) ON DELETE CASCADE,
    sig BLOB NOT NULL
);
CREATE TABLE lsh (
    band INTEGER NOT NULL, hash INTEGER NOT NULL,
    article INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    PRIMARY KEY (band, hash, article)
) WITHOUT ROWID;
"""

# stories: salient terms per article, the stories and their members, store-wide settings
_V3 = """
CREATE TABLE article_terms (
    article INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    term TEXT NOT NULL, tf INTEGER NOT NULL,
    PRIMARY KEY (article, term)
) WITHOUT ROWID;
CREATE TABLE stories (
    pk INTEGER PRIMARY KEY,
    title TEXT, first_day TEXT, last_day TEXT,
    n_articles INTEGER NOT NULL, n_duplicates INTEGER NOT NULL DEFAULT 0,
    actors TEXT NOT NULL, terms TEXT NOT NULL
);
CREATE INDEX stories_last_day ON stories(last_day);
CREATE TABLE story_articles (
    story INTEGER NOT NULL REFERENCES stories(pk) ON DELETE CASCADE,
    article INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    score REAL,
    PRIMARY KEY (story, article)
) WITHOUT ROWID;
CREATE INDEX story_articles_article ON story_articles(article);
CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT);
"""

# an event's date basis (when.basis: "stated" in the text or "published", the publication
# date assumed); an article's lead sentence, shown where it has no headline (``title`` holds
# only a real headline: never a dateline or a byline). Events stored before keep a NULL
# basis (their records may not say it); leads are filled in from the records (``_leads``).
_V4 = """
ALTER TABLE events ADD COLUMN when_basis TEXT;
ALTER TABLE articles ADD COLUMN lead TEXT;
"""

#: (version, description, script); never edit a released migration, append a new one.
MIGRATIONS: tuple[tuple[int, str, str], ...] = (
    (1, "articles, full-text index, actors, entities, quotes, events, times, claims, flags", _V1),
    (2, "MinHash signatures and LSH bands for near-duplicates", _V2),
    (3, "salient terms and stories", _V3),
    (4, "event date basis (stated or published), article lead sentence", _V4),
)
LATEST = MIGRATIONS[-1][0]


def _leads(conn: sqlite3.Connection) -> None:
    """Migration 4's second half: the lead sentence of every article stored before."""
    from parley.ingest.headlines import display_title
    from parley.store.writer import unpack_record

    rows = conn.execute("SELECT pk, record, text FROM articles WHERE lead IS NULL").fetchall()
    conn.executemany(
        "UPDATE articles SET lead = ? WHERE pk = ?",
        [(display_title(unpack_record(blob, text))[1], pk) for pk, blob, text in rows],
    )


#: Python steps run after a migration's SQL, in its transaction
AFTER: dict[int, Callable[[sqlite3.Connection], None]] = {4: _leads}


def statements(script: str) -> list[str]:
    """Split an SQL script into complete statements."""
    out: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            out.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        raise ValueError(f"incomplete SQL statement: {buffer.strip()[:60]}")
    return out


def current_version(conn: sqlite3.Connection) -> int:
    """The highest applied migration, 0 for an empty database."""
    found = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if not found:
        return 0
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection) -> list[int]:
    """Apply the missing migrations in order; return the versions applied (often none)."""
    version = current_version(conn)
    if version > LATEST:
        raise StoreError(
            f"the database has schema version {version}, newer than this parley knows "
            f"({LATEST}); upgrade parley"
        )
    applied: list[int] = []
    for number, description, script in MIGRATIONS:
        if number <= version:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            if number <= current_version(conn):  # another process got there first
                conn.execute("ROLLBACK")
                continue
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_version ("
                "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            for statement in statements(script):
                conn.execute(statement)
            if number in AFTER:
                AFTER[number](conn)
            conn.execute(
                "INSERT INTO schema_version VALUES (?, ?, ?)",
                (number, description, datetime.now(UTC).isoformat(timespec="seconds")),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(number)
    return applied
