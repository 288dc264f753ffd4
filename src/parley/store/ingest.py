"""``parley ingest``: analyse the inputs, store them batch by batch, show progress.
Output folders of ``parley batch`` among the inputs are loaded as they are.

An article whose id (sha256 of its text) is already stored is skipped *before* it is
analysed (one indexed look-up), so a rerun after a crash analyses only what is missing.
A batch is committed when it holds ``--batch-size`` articles (default 64) or once
``--batch-seconds`` (default 30) have passed since the previous commit: a kill loses at most
about that much work."""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from parley.errors import InputError, ParleyError
from parley.ingest import kind_of, walk
from parley.inputs import Inputs
from parley.model import Analysis, Article
from parley.pipeline import analyze_batch
from parley.store.db import connect, db_path
from parley.store.stories import rebuild
from parley.store.writer import StoreResult, is_stored, store_analyses, store_batch

BATCH_SIZE = 64  # articles per transaction, by default
BATCH_SECONDS = 30.0  # or commit once this much work is done
PIPE_BATCH = 16  # texts per nlp.pipe batch: analyses come back in small steps


def estimate(inputs: list[str]) -> int | None:
    """How many articles the inputs hold, when cheap to know (local files); else None."""
    total = 0
    for name in inputs:
        if name == "-" or "://" in name:
            return None
        for path in walk(name) if os.path.isdir(name) else [name]:
            if isinstance(path, InputError):  # a folder that cannot be listed: no articles
                continue
            kind = kind_of(path)
            if kind in ("feed", "warc"):
                return None
            if kind != "jsonl":
                total += 1
                continue
            try:
                with open(path, "rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            except OSError:
                total += 1
    return total


class Rate(ProgressColumn):
    """Articles per second."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} articles/s" if speed else "– articles/s")


@contextmanager
def progress(show: bool, total: int | None) -> Iterator[Callable[[int], None]]:
    """A function ``update(done)``: a progress bar on stderr when ``show``, else a no-op."""
    if not show:
        yield lambda done: None
        return
    columns = [SpinnerColumn(), TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(),
               Rate(), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn()]  # fmt: skip
    with Progress(*columns, console=Console(file=sys.stderr)) as bar:
        task = bar.add_task("ingest", total=total)
        yield lambda done: bar.update(task, completed=done)


def run_ingest(args: argparse.Namespace) -> int:
    """Analyse and store; print the counts; exit 1 when some input failed. A store this run
    created and left without any article is removed again (no empty ``parley.db``)."""
    path = db_path(args.db)
    fresh = str(path) != ":memory:" and not path.exists()
    try:
        return _ingest(args)
    except sqlite3.Error as exc:  # locked past the busy timeout, disk full, ...
        raise ParleyError(f"cannot write to {path}: {exc}") from None
    finally:
        if fresh:
            remove_if_empty(path)


def remove_if_empty(path: Path) -> bool:
    """Remove the store at ``path`` (and its WAL files) when it holds no article."""
    if not path.is_file():
        return False
    try:
        conn = sqlite3.connect(path)
        try:
            n = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    if n:
        return False
    for extra in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{extra}").unlink(missing_ok=True)
    print(f"parley: nothing stored; {path} not created", file=sys.stderr)
    return True


def _ingest(args: argparse.Namespace) -> int:
    conn = connect(args.db, create=True)
    inputs = Inputs(args, batch_output=True)
    result = StoreResult()
    for analyses in inputs.stored():  # batch output: loaded as it is, not analysed again
        result.add(store_analyses(conn, analyses, batch_size=args.batch_size))
    if not inputs.names:
        if result.stored and not args.no_stories:
            rebuild(conn)
        conn.close()
        print(f"stored {result.stored}, duplicates {result.duplicates}, "
              f"near-duplicates {result.near_duplicates}, failed 0")  # fmt: skip
        return 0
    show = args.progress or sys.stderr.isatty()
    batch: list[dict] = []
    counts = {"analysed": 0, "skipped": 0}
    try:
        with progress(show, estimate(inputs.names) if show else None) as update:

            def done() -> int:
                return counts["analysed"] + counts["skipped"] + len(inputs.errors)

            last = time.monotonic()
            try:
                for analysis in _analyses(conn, inputs, counts, update, done):
                    batch.append(analysis.to_dict())
                    counts["analysed"] += 1
                    update(done())
                    if len(batch) >= args.batch_size or (
                        time.monotonic() - last >= args.batch_seconds
                    ):
                        result.add(store_batch(conn, batch))
                        batch, last = [], time.monotonic()
            finally:  # keep what was analysed, also when interrupted
                if batch:
                    result.add(store_batch(conn, batch))
                update(done())
        result.duplicates += counts["skipped"]
        if result.stored and not args.no_stories:
            rebuild(conn)
    finally:
        conn.close()
    print(
        f"stored {result.stored}, duplicates {result.duplicates}, "
        f"near-duplicates {result.near_duplicates}, failed {len(inputs.errors)}"
    )
    return inputs.finish()


def _analyses(
    conn: sqlite3.Connection,
    inputs: Inputs,
    counts: dict[str, int],
    update: Callable[[int], None],
    done: Callable[[], int],
) -> Iterator[Analysis]:
    """The analyses of the inputs' articles that are not stored yet (the others are
    counted as ``skipped`` and never analysed); failures go to ``inputs.errors``."""

    def fresh(articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            if is_stored(conn, article.id):
                counts["skipped"] += 1
                update(done())
            else:
                yield article

    def failed(article: Article, exc: ParleyError) -> None:
        inputs.errors.append(InputError(article.input or "<text>", str(exc)))

    return analyze_batch(
        fresh(inputs.articles()),
        kb_dirs=tuple(inputs.args.kb),
        model=inputs.args.model,
        batch_size=PIPE_BATCH,
        on_error=failed,
    )
