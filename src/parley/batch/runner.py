"""``run_batch``: inputs → chunks → an engine (local or Dask) → parts committed in order.

Results are gathered into a *part* of about ``part_size`` articles; each part is written as
one file per table and publication day, and committed through the manifest
(``manifest.OutDir.commit``). Parts are formed from results in input order, so two runs over
the same inputs write the same rows whatever the engine or number of processes.
"""

from __future__ import annotations

import contextlib
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from parley.batch.chunks import Chunk, chunks, sources
from parley.batch.local import Engine, LocalEngine
from parley.batch.manifest import Done, OutDir
from parley.batch.options import ENGINES, FORMATS, BatchOptions
from parley.batch.progress import BatchProgress
from parley.batch.rows import TABLES, Row
from parley.batch.worker import ChunkResult
from parley.batch.writers import writer_for
from parley.errors import ParleyError


@dataclass(slots=True)
class Summary:
    """What a run did: counts, this run's failures, parts committed, seconds."""

    articles: int = 0
    words: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    parts: int = 0
    skipped: int = 0  # inputs finished by an earlier run
    removed: int = 0  # files of uncommitted parts removed on start
    seconds: float = 0.0
    write_seconds: float = 0.0  # of which writing and committing parts


@dataclass(slots=True)
class Part:
    """Results gathered for one commit."""

    number: int
    groups: dict[tuple[str, str], list[Row]] = field(default_factory=lambda: defaultdict(list))
    errors: list[dict[str, Any]] = field(default_factory=list)
    inputs: list[dict[str, Any]] = field(default_factory=list)
    articles: int = 0

    def add(self, chunk: Chunk, result: ChunkResult) -> None:
        self.errors += chunk.errors + result.errors
        for item in result.articles:
            self.articles += 1
            for table, rows in item.tables.items():
                if rows:
                    self.groups[(table, item.day)].extend(rows)
        for mark in chunk.marks:
            last = self.inputs[-1] if self.inputs else None
            if last and last["key"] == mark["key"] and last["end"] == mark["start"]:
                last["end"], last["complete"] = mark["end"], mark["complete"]
            else:
                self.inputs.append({k: mark[k] for k in ("input", "key", "start", "end")})
                self.inputs[-1]["complete"] = mark["complete"]

    def files(self, parquet: bool) -> dict[tuple[str, str], list[Row]]:
        """Groups to write; a Parquet table without rows gets one empty file (its schema),
        so that ``'<table>/**/*.parquet'`` always matches once any article is written."""
        groups = dict(self.groups)
        if parquet and groups:
            day = min(day for _, day in groups)
            for table in TABLES:
                if not any(t == table for t, _ in groups):
                    groups[(table, day)] = []
        return groups


def make_engine(opts: BatchOptions) -> Engine:
    """The engine ``opts`` ask for (not started: use it in a ``with``)."""
    if opts.engine == "dask":
        try:
            from parley.batch.dask_engine import DaskEngine
        except ImportError as err:
            raise ParleyError(
                f"--engine dask needs Dask distributed ({err}); "
                "install it with: pip install 'dask[distributed]'"
            ) from None

        return DaskEngine(opts.work, opts.workers or opts.processes, opts.scheduler)
    return LocalEngine(opts.work, opts.processes, opts.recycle)


def _check(opts: BatchOptions) -> None:
    if opts.format not in FORMATS:
        raise ParleyError(f"unknown format {opts.format!r} (choose {' or '.join(FORMATS)})")
    if opts.engine not in ENGINES:
        raise ParleyError(f"unknown engine {opts.engine!r} (choose {' or '.join(ENGINES)})")
    for name in ("processes", "batch_size", "chunk_size", "part_size"):
        if getattr(opts, name) < 1:
            raise ParleyError(f"--{name.replace('_', '-')} must be at least 1")


def run_batch(
    inputs: Sequence[str],
    opts: BatchOptions,
    *,
    engine: Engine | None = None,
    stdin: BinaryIO | None = None,
    observe: Callable[[Chunk, ChunkResult], None] | None = None,
) -> Summary:
    """Analyse ``inputs`` into ``opts.out``, resuming what an earlier run left.

    ``engine``: a started engine to use (the caller enters and leaves it), else one made
    from ``opts``. ``observe(chunk, result)`` is called for every chunk (benchmarks).
    """
    _check(opts)
    start = time.perf_counter()
    out = OutDir(opts.out, opts.format, writer_for(opts.format)).open()
    summary = Summary(removed=out.removed)
    try:
        todo = list(sources(inputs, stdin))
        pending = [s for s in todo if not out.done.get(s.key, Done()).complete]
        summary.skipped = len(todo) - len(pending)
        sizes = [s.size for s in pending]
        total = None if None in sizes else sum(s or 0 for s in sizes)
        if not pending:  # all done earlier: no need to start workers
            return summary
        running = contextlib.nullcontext(engine) if engine else make_engine(opts)
        with running as eng, BatchProgress(total, opts.progress) as bar:
            part = Part(out.next_part)
            stream = chunks(pending, out.done, opts.read, opts.chunk_size)
            for chunk, result in eng.map(stream):
                if observe is not None:
                    observe(chunk, result)
                part.add(chunk, result)
                errors = len(chunk.errors) + len(result.errors)
                bar.advance(len(result.articles), result.words, errors, chunk.marks)
                summary.words += result.words
                if part.articles >= opts.part_size:
                    _commit(out, part, summary, opts.format == "parquet")
                    part = Part(out.next_part)
            if part.inputs or part.errors:
                _commit(out, part, summary, opts.format == "parquet")
    finally:
        out.close()
        summary.seconds = time.perf_counter() - start
    return summary


def _commit(out: OutDir, part: Part, summary: Summary, parquet: bool) -> None:
    start = time.perf_counter()
    out.commit(part.number, part.files(parquet), part.errors, part.inputs, part.articles)
    summary.write_seconds += time.perf_counter() - start
    summary.articles += part.articles
    summary.errors += part.errors
    summary.parts += 1
