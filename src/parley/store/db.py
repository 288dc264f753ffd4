"""Opening the store: where the database lives, connection settings, store errors."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from parley.errors import ParleyError
from parley.store.errors import NoDatabase, NotFound, QueryError, StoreError
from parley.store.schema import migrate

__all__ = ["NoDatabase", "NotFound", "QueryError", "StoreError", "connect", "db_path"]

DEFAULT_DB = "parley.db"
ENV_DB = "PARLEY_DB"
BUSY_TIMEOUT_MS = 10_000


def db_path(value: str | os.PathLike[str] | None = None) -> Path:
    """``--db`` if given, else ``$PARLEY_DB``, else ``parley.db`` in the current directory."""
    return Path(value or os.environ.get(ENV_DB) or DEFAULT_DB)


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA cache_size = -65536")  # 64 MiB page cache
    conn.execute("PRAGMA mmap_size = 268435456")


def connect(
    path: str | os.PathLike[str] | None = None,
    *,
    create: bool = False,
    check_same_thread: bool = True,
) -> sqlite3.Connection:
    """Open (and with ``create`` make) the store and bring its schema up to date.

    The connection is in autocommit mode (``isolation_level=None``): the writer opens its
    own transactions. Rows come back as ``sqlite3.Row``. Raises ``NoDatabase`` when the
    file is missing and ``create`` is false, ``StoreError`` when it is not a parley store.
    """
    target = db_path(path)
    if str(target) != ":memory:" and not target.exists():
        if not create:
            raise NoDatabase(
                f"no database at {target}; create one with `parley ingest FILES --db {target}`"
            )
        if not target.parent.exists():
            raise StoreError(f"cannot create {target}: folder {target.parent} does not exist")
    try:
        conn = sqlite3.connect(
            target, isolation_level=None, check_same_thread=check_same_thread, timeout=10
        )
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open {target}: {exc}") from None
    conn.row_factory = sqlite3.Row
    try:
        _configure(conn)
        if not _is_parley(conn):
            raise StoreError(f"{target} is not a parley database (no schema_version table)")
        migrate(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{target} is not a usable parley database: {exc}") from None
    except ParleyError:
        conn.close()
        raise
    return conn


def _is_parley(conn: sqlite3.Connection) -> bool:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return "schema_version" in tables or not tables
