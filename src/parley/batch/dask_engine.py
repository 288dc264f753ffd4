"""The Dask engine: the same chunks and worker function on Dask distributed.

By default a ``LocalCluster`` (``n_workers`` processes, one thread each, no dashboard);
with ``scheduler`` an existing cluster by address (dask-jobqueue, Kubernetes, cloud: any
cluster whose workers have parley installed). A ``WorkerPlugin`` loads and warms the spaCy
pipeline once per worker; tasks carry only articles (plain ``Article`` values) and options,
never the ``nlp`` object; results come back to this process, which writes them with the
same writers as the local engine, in chunk order, so the output is the same.

Cluster start-up only happens in ``DaskEngine.__enter__``: workers re-import modules, and
nothing here starts a cluster at import time.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from typing import Any

from distributed import Client, Future, LocalCluster, WorkerPlugin

from parley.batch.chunks import Chunk
from parley.batch.local import ordered
from parley.batch.worker import ChunkResult, WorkOptions, analyse_chunk, init
from parley.errors import ParleyError


class ParleyPlugin(WorkerPlugin):
    """Loads parley's pipeline and knowledge base once on every worker, as it joins."""

    name = "parley-pipeline"

    def __init__(self, opts: WorkOptions) -> None:
        self.opts = opts

    def setup(self, worker: Any) -> None:
        init(self.opts)


class DaskEngine:
    """Runs chunks on a Dask cluster: a new ``LocalCluster`` or one at ``scheduler``."""

    def __init__(self, opts: WorkOptions, workers: int = 2, scheduler: str | None = None) -> None:
        self.opts, self.workers, self.scheduler = opts, max(1, workers), scheduler
        self.cluster: LocalCluster | None = None
        self.client: Client | None = None
        self.pids: set[int] = set()  # worker processes on this machine (benchmarks)

    def __enter__(self) -> DaskEngine:
        try:
            if self.scheduler:
                self.client = Client(self.scheduler, timeout="30s")
            else:
                self.cluster = LocalCluster(
                    n_workers=self.workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
                self.client = Client(self.cluster)
        except OSError as err:
            self.__exit__()
            where = self.scheduler or "a local cluster"
            raise ParleyError(f"cannot connect to the Dask scheduler at {where}: {err}") from None
        try:
            self.client.register_plugin(ParleyPlugin(self.opts))
            pids = self.client.run(os.getpid)
        except BaseException:
            self.__exit__()
            raise
        self.workers = max(1, len(pids))
        self.pids = set(pids.values())
        return self

    def __exit__(self, *exc: object) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None

    def map(self, chunks: Iterable[Chunk]) -> Iterator[tuple[Chunk, ChunkResult]]:
        client = self.client
        if client is None:
            raise RuntimeError("DaskEngine.map outside `with`")

        def submit(chunk: Chunk) -> Future:
            return client.submit(analyse_chunk, chunk.articles, self.opts, pure=False)

        return ordered(chunks, submit, _result, 2 * self.workers)


def _result(future: Future) -> ChunkResult:
    """A chunk's result; a worker lost for good (killed, out of memory) is a message.

    Single articles never fail here (``analyse_chunk`` reports them), so what is left is
    about the cluster: Dask has already retried the task on other workers."""
    try:
        return future.result()
    except ParleyError:
        raise
    except Exception as exc:
        raise ParleyError(
            f"the Dask cluster could not run a chunk ({type(exc).__name__}: {exc}); "
            "rerun the same command to resume"
        ) from None
