"""Batch output read back: into the SQLite store (what ``parley ingest`` needs), and from a
directory a crash left with a committed part not yet renamed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from parley.batch import is_batch_output, read_batch_output
from parley.batch.manifest import CRASH_ENV
from parley.errors import ParleyError
from parley.ingest import read_inputs
from parley.model import Article
from parley.pipeline import analyze_batch
from parley.store import connect, store_analyses

TABLES = ("articles", "entities", "quotes", "events", "flags")


QUERIES = {
    "articles": "SELECT id, title, published, day, input, n_entities, n_quotes, n_events, "
    "n_flags, text FROM articles ORDER BY id",
    "quotes": "SELECT a.id, q.local_id, q.content, q.start, q.stop, q.speaker, q.channel "
    "FROM quotes q JOIN articles a ON a.pk = q.article ORDER BY 1, 2",
}


def contents(conn) -> dict[str, object]:
    """Row counts of the store's tables, and the rows of two of them (without keys)."""
    counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    rows = {name: [tuple(r) for r in conn.execute(q)] for name, q in QUERIES.items()}
    return {"counts": counts, **rows}


def test_batch_output_stores_as_the_analyses_do(reference, tmp_path):
    assert is_batch_output(reference.out) and not is_batch_output(reference.inputs[0])
    from_batch = connect(tmp_path / "batch.db", create=True)
    stored = store_analyses(from_batch, read_batch_output(reference.out))
    assert stored.stored == reference.summary.articles
    direct = connect(tmp_path / "direct.db", create=True)
    articles = [a for a in read_inputs(reference.inputs) if isinstance(a, Article)]
    store_analyses(direct, analyze_batch(articles, on_error=lambda a, e: None))
    assert contents(from_batch) == contents(direct)
    assert contents(from_batch)["quotes"]  # the comparison is not between empty tables
    again = store_analyses(from_batch, read_batch_output(reference.out))
    assert (again.stored, again.duplicates) == (0, reference.summary.articles)


def test_reading_a_directory_that_is_not_batch_output_is_a_message(tmp_path):
    with pytest.raises(ParleyError, match="not parley batch output"):
        list(read_batch_output(tmp_path))


@pytest.mark.parametrize("stage", ["written", "manifest"])
def test_after_a_crash_only_committed_parts_are_read(stage, reference, tmp_path):
    out = tmp_path / "out"
    argv = [sys.executable, "-m", "parley.batch.cli", *reference.inputs, "--out", str(out),
            "--quiet", "--chunk-size", "2", "--part-size", "3"]  # fmt: skip
    env = {**os.environ, CRASH_ENV: f"2:{stage}"}
    assert subprocess.run(argv, env=env, timeout=120).returncode == -signal.SIGKILL
    first_part = 3  # part 1: the first 3 articles
    read = list(read_batch_output(out))
    # killed after the manifest line, part 2 is committed though its files keep .tmp names
    assert len(read) == (first_part if stage == "written" else reference.summary.articles)
    assert len({r["article"]["id"] for r in read}) == len(read)
