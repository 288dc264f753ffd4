import sqlite3

import pytest

from parley.store import NoDatabase, StoreError, connect
from parley.store.schema import LATEST, MIGRATIONS, current_version, migrate, statements


def test_migrations_are_numbered_in_order():
    assert [m[0] for m in MIGRATIONS] == list(range(1, LATEST + 1))


def test_a_new_store_gets_every_migration_once(tmp_path):
    conn = connect(tmp_path / "a.db", create=True)
    rows = conn.execute("SELECT version FROM schema_version ORDER BY version").fetchall()
    assert [r[0] for r in rows] == list(range(1, LATEST + 1))
    assert migrate(conn) == []  # idempotent
    conn.close()
    again = connect(tmp_path / "a.db")
    assert current_version(again) == LATEST
    assert again.execute("SELECT count(*) FROM schema_version").fetchone()[0] == LATEST


def test_migrations_apply_from_an_older_version(tmp_path):
    conn = sqlite3.connect(tmp_path / "old.db", isolation_level=None)
    conn.execute("BEGIN")
    conn.execute(
        "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, "
        "applied_at TEXT NOT NULL)"
    )
    for statement in statements(MIGRATIONS[0][2]):
        conn.execute(statement)
    conn.execute("INSERT INTO schema_version VALUES (1, 'v1', 'then')")
    conn.execute("COMMIT")
    assert migrate(conn) == list(range(2, LATEST + 1))
    assert migrate(conn) == []
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"lsh", "signatures", "stories", "story_articles"} <= tables
    columns = {
        r[1] for t in ("events", "articles") for r in conn.execute(f"PRAGMA table_info({t})")
    }
    assert {"when_basis", "lead"} <= columns  # migration 4


def test_connection_settings(tmp_path):
    conn = connect(tmp_path / "s.db", create=True)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_a_missing_store_says_how_to_make_one(tmp_path):
    with pytest.raises(
        NoDatabase, match=r"no database at .*nope.db; create one with `parley ingest"
    ):
        connect(tmp_path / "nope.db")
    assert not (tmp_path / "nope.db").exists()


def test_path_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("PARLEY_DB", str(tmp_path / "env.db"))
    connect(create=True).close()
    assert (tmp_path / "env.db").exists()


@pytest.mark.parametrize(
    "content, message",
    [
        (b"this is not a database at all" * 100, "not a usable parley database"),
        (None, "not a parley"),
    ],
)
def test_a_file_that_is_not_a_store_is_refused(tmp_path, content, message):
    path = tmp_path / "other.db"
    if content is None:
        other = sqlite3.connect(path)
        other.execute("CREATE TABLE mine (x)")
        other.commit()
        other.close()
    else:
        path.write_bytes(content)
    with pytest.raises(StoreError, match=message):
        connect(path, create=True)


def test_a_newer_schema_is_refused(tmp_path):
    conn = connect(tmp_path / "n.db", create=True)
    conn.execute("INSERT INTO schema_version VALUES (?, 'future', 'later')", (LATEST + 1,))
    conn.close()
    with pytest.raises(StoreError, match="newer than this parley"):
        connect(tmp_path / "n.db")


def test_migration_4_fills_in_the_leads_of_articles_stored_before(tmp_path):
    from store_helpers import hand_built

    from parley.store import store_analyses

    path = tmp_path / "v3.db"
    conn = connect(path, create=True)
    store_analyses(conn, [hand_built("2024-06-11", 0)])
    conn.execute("ALTER TABLE articles DROP COLUMN lead")  # back to a version 3 store
    conn.execute("ALTER TABLE events DROP COLUMN when_basis")
    conn.execute("DELETE FROM schema_version WHERE version = 4")
    conn.close()
    again = connect(path)
    assert current_version(again) == LATEST
    [(lead,)] = again.execute("SELECT lead FROM articles").fetchall()
    assert lead and lead.split()[:3] == hand_built("2024-06-11", 0).article.text.split()[:3]
