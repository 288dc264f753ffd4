"""Fixtures of the store tests: a few short articles analysed once per session, hand-built
analyses with quotes, events and flags, and fresh databases under ``tmp_path``."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# appended, not prepended: ``import conftest`` elsewhere must still find tests/conftest.py
sys.path.append(str(Path(__file__).resolve().parent))

from store_helpers import ARTICLES, hand_built  # noqa: E402

from parley.model import Analysis  # noqa: E402
from parley.store import connect, store_analyses  # noqa: E402


@pytest.fixture(scope="session")
def analyses() -> list[Analysis]:
    """The six short articles above, analysed once (copy of LAVROV_FIDAN last)."""
    import parley

    return list(parley.analyze_batch(ARTICLES))


@pytest.fixture
def hand() -> list[Analysis]:
    """Three hand-built analyses on three days."""
    return [hand_built("2024-06-11", 0), hand_built("2024-07-02", 1), hand_built("2024-08-20", 2)]


@pytest.fixture
def db(tmp_path):
    conn = connect(tmp_path / "store.db", create=True)
    yield conn
    conn.close()


@pytest.fixture
def filled(db, analyses, hand):
    """A store with the analysed articles and the hand-built ones."""
    store_analyses(db, [*analyses, *hand])
    return db


@pytest.fixture
def handdb(tmp_path, hand):
    """A store with only the hand-built analyses: exact counts of quotes, events, flags."""
    conn = connect(tmp_path / "hand-only.db", create=True)
    store_analyses(conn, hand)
    yield conn
    conn.close()


@pytest.fixture
def cli(monkeypatch):
    """``parley.cli.main`` with the store's commands registered."""
    import parley.cli

    monkeypatch.setattr(parley.cli, "COMMANDS", ("parley.store.cli",))
    return parley.cli.main
