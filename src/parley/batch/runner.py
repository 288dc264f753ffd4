"""``run_batch``: inputs → chunks → an engine (local or Dask) → parts committed in order.

Results are gathered into a *part* (``parts.Part``), committed when it holds ``part_size``
articles (even in the middle of a chunk's results) or, after a chunk, when ``part_seconds``
have passed since the previous commit, whichever comes first; so a crash loses little
work whatever the chunk size. Each part is written as one file per table and publication
day, and committed through the manifest (``manifest.OutDir.commit``). Parts are formed from
results in input order; with the count alone (a long ``part_seconds``) two runs over the
same inputs write the same parts whatever the engine or number of processes.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from parley.batch.chunks import Chunk, chunks, sources
from parley.batch.local import Engine, LocalEngine
from parley.batch.manifest import Done, OutDir
from parley.batch.options import ENGINES, FORMATS, BatchOptions
from parley.batch.parts import Part, steps
from parley.batch.progress import BatchProgress
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
    if not opts.part_seconds > 0:
        raise ParleyError("--part-seconds must be more than 0")


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
        parquet = opts.format == "parquet"
        with running as eng, BatchProgress(total, opts.progress) as bar:
            part = Part(out.next_part)
            stream = chunks(pending, out.done, opts.read, opts.chunk_size)
            for chunk, result in eng.map(stream):
                if observe is not None:
                    observe(chunk, result)
                for step in steps(chunk, result):
                    part.add(step)
                    if part.articles >= opts.part_size:
                        part = _commit(out, part, summary, parquet)
                if part and part.age() >= opts.part_seconds:
                    part = _commit(out, part, summary, parquet)
                errors = len(chunk.errors) + len(result.errors)
                bar.advance(len(result.articles), result.words, errors, chunk.marks)
                summary.words += result.words
            if part:
                _commit(out, part, summary, parquet)
    finally:
        out.close()
        summary.seconds = time.perf_counter() - start
    return summary


def _commit(out: OutDir, part: Part, summary: Summary, parquet: bool) -> Part:
    """Commit ``part``; the next, empty part."""
    start = time.perf_counter()
    out.commit(part.number, part.files(parquet), part.errors, part.inputs, part.articles)
    summary.write_seconds += time.perf_counter() - start
    summary.articles += part.articles
    summary.errors += part.errors
    summary.parts += 1
    return Part(out.next_part)
