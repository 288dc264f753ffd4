"""The local engine: chunks analysed in this process or in a pool of worker processes.

With ``processes > 1`` a ``ProcessPoolExecutor`` with the *spawn* context runs
``worker.analyse_chunk``; each worker loads the pipeline once (``worker.init``), and
``recycle=K`` replaces a worker after K chunks (besides the memory zone, a second guard
against growth). At most ``2 × processes`` chunks are in flight, and results come back in
input order, so the output does not depend on the number of processes. A worker that dies
(e.g. killed for memory) stops the run with an error; a rerun resumes.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Protocol, TypeVar

from parley.batch.chunks import Chunk
from parley.batch.worker import ChunkResult, WorkOptions, analyse_chunk, init
from parley.errors import ParleyError

F = TypeVar("F")


class Engine(Protocol):
    """Runs chunks somewhere and yields ``(chunk, result)`` in chunk order."""

    workers: int

    def __enter__(self) -> Engine: ...

    def __exit__(self, *exc: object) -> None: ...

    def map(self, chunks: Iterable[Chunk]) -> Iterator[tuple[Chunk, ChunkResult]]: ...


def ordered(
    chunks: Iterable[Chunk],
    submit: Callable[[Chunk], F],
    wait: Callable[[F], ChunkResult],
    window: int,
) -> Iterator[tuple[Chunk, ChunkResult]]:
    """Submit chunks keeping at most ``window`` in flight; yield results in chunk order."""
    pending: deque[tuple[Chunk, F]] = deque()
    for chunk in chunks:
        pending.append((chunk, submit(chunk)))
        if len(pending) >= window:
            head, task = pending.popleft()
            yield head, wait(task)
    while pending:
        head, task = pending.popleft()
        yield head, wait(task)


class LocalEngine:
    """This process (``processes=1``) or a pool of ``processes`` spawned workers."""

    def __init__(self, opts: WorkOptions, processes: int = 1, recycle: int = 0) -> None:
        self.opts, self.workers, self.recycle = opts, max(1, processes), recycle
        self.pool: ProcessPoolExecutor | None = None
        self.pids: set[int] = set()  # worker processes seen (benchmarks sample their memory)

    def __enter__(self) -> LocalEngine:
        if self.workers == 1:
            init(self.opts)
            self.pids = {os.getpid()}
            return self
        self.pool = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_quietly,
            initargs=(self.opts,),
            max_tasks_per_child=self.recycle or None,
        )
        # start every worker now (model loaded), so that timing and errors come early
        try:
            for _ in range(5):
                self.pids |= set(self.pool.map(_ready, [0.2] * self.workers))
                if len(self.pids) >= self.workers:
                    break
        except BrokenProcessPool:
            self.__exit__()
            init(self.opts)  # the workers could not start: say why (a ParleyError) here
            raise ParleyError("the worker processes could not start") from None
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def map(self, chunks: Iterable[Chunk]) -> Iterator[tuple[Chunk, ChunkResult]]:
        if self.pool is None:
            return ((c, analyse_chunk(c.articles, self.opts)) for c in chunks)
        pool = self.pool

        def submit(chunk: Chunk) -> Future[ChunkResult]:
            return pool.submit(analyse_chunk, chunk.articles, self.opts)

        return ordered(chunks, submit, _result, 2 * self.workers)


def _init_quietly(opts: WorkOptions) -> None:
    """``init`` in a worker; on a user error exit quietly (the main process reports it)."""
    try:
        init(opts)
    except ParleyError:
        os._exit(1)


def _ready(pause: float) -> int:
    time.sleep(pause)  # long enough for each worker to take one of these tasks
    return os.getpid()


def _result(future: Future[ChunkResult]) -> ChunkResult:
    try:
        return future.result()
    except BrokenProcessPool:
        raise ParleyError(
            "a worker process stopped (killed, out of memory, or it could not start: "
            "--processes 1 shows why); rerun the same command to resume"
        ) from None
