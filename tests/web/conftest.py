"""Fixtures of the web tests: stores (hand-built records, the seed article, hostile text)
and Starlette test clients over them."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.append(str(HERE))  # appended: ``import conftest`` must still find tests/conftest.py
sys.path.append(str(HERE.parent / "store"))

from store_helpers import LEADS, hand_built  # noqa: E402
from web_helpers import TOKEN, hostile_record, test_client  # noqa: E402

from parley.model import Flag, Span, When  # noqa: E402
from parley.store import connect, rebuild, store_analyses  # noqa: E402


@pytest.fixture(scope="session")
def hand_db(tmp_path_factory) -> Path:
    """Three hand-built articles (exact counts: 2 quotes, 3 events, 2 flags each)."""
    path = tmp_path_factory.mktemp("web") / "hand.db"
    conn = connect(path, create=True)
    store_analyses(conn, [hand_built("2024-06-11", 0), hand_built("2024-07-02", 1),
                          hand_built("2024-08-20", 2)])  # fmt: skip
    rebuild(conn)
    conn.close()
    return path


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory, seed) -> Path:
    """The seed article (analysed with its publication date) and a hostile record."""
    path = tmp_path_factory.mktemp("web") / "seed.db"
    conn = connect(path, create=True)
    store_analyses(conn, [seed, hostile_record()])
    rebuild(conn)
    conn.close()
    return path


@pytest.fixture(scope="session")
def untitled_db(tmp_path_factory) -> Path:
    """Two hand-built articles stored without a title (as plain text without a headline);
    their REJECT events are dated by the publication date (no date in the text)."""
    path = tmp_path_factory.mktemp("web") / "untitled.db"
    conn = connect(path, create=True)
    records = []
    for day, lead in (("2024-06-11", 0), ("2024-07-02", 1)):
        r = hand_built(day, lead)
        assumed = [dataclasses.replace(e, when=When(day, "day", None, basis="published"))
                   if e.when else e for e in r.events]  # fmt: skip
        long_span = Span.of(r.article.text, 0, len(LEADS[lead]) - 1)  # the whole lead
        hedge = Flag("hedge", "info", "the lead hedges", (long_span,), {})
        records.append(dataclasses.replace(r, events=tuple(assumed), flags=(*r.flags, hedge)))
    store_analyses(conn, [dataclasses.replace(r, article=dataclasses.replace(r.article,
                   title=None, published=r.article.published + "T08:30:00Z"))
                   for r in records])  # fmt: skip
    rebuild(conn)
    conn.close()
    return path


@pytest.fixture(scope="session")
def untitled_client(untitled_db):
    from parley.web import create_app

    return test_client(create_app(untitled_db))


@pytest.fixture(scope="session")
def client(hand_db):
    from parley.web import create_app

    return test_client(create_app(hand_db))


@pytest.fixture(scope="session")
def seed_client(seed_db):
    from parley.web import create_app

    return test_client(create_app(seed_db))


@pytest.fixture
def writer(tmp_path, monkeypatch):
    """A client of a fresh store on a server that accepts the token ``TOKEN``."""
    from parley.web import create_app

    monkeypatch.delenv("PARLEY_TOKEN", raising=False)
    path = tmp_path / "w.db"
    connect(path, create=True).close()
    return test_client(create_app(path, token=TOKEN))
