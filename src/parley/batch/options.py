"""The options of a batch run: plain values, cheap to import (``parley`` start-up reads them).

Nothing here imports pyarrow, Dask or spaCy: ``parley.batch.cli`` registers the command with
these, and the heavy modules are imported only when a batch actually runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from parley.batch.worker import WorkOptions

FORMATS = ("parquet", "jsonl")
ENGINES = ("local", "dask")
#: defaults: small parts, so a crash loses at most ~30 s of work (a part ends inside a chunk
#: when it is full); chunks small enough that two processes share 150 articles evenly
#: (benchmarks/batch_bench.py --only speedup --sample 150: 2 vs 1 process 2.07x with 8,
#: 1.42x with 16, 1.21x with 128)
CHUNK_SIZE = 8
PART_SIZE = 64
PART_SECONDS = 30.0


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """The ``read_inputs`` options of a run (``parley analyze`` takes the same)."""

    encoding: str | None = None
    follow: bool = False
    title: str | None = None
    source: str | None = None
    published: str | None = None


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """Everything a batch run needs besides its inputs (``parley batch --help``)."""

    out: str
    format: str = "parquet"
    engine: str = "local"
    processes: int = 1
    workers: int | None = None  # Dask LocalCluster workers (default: processes)
    scheduler: str | None = None
    batch_size: int = 16  # nlp.pipe batch: 64 doubles peak memory on news texts, no faster
    chunk_size: int = CHUNK_SIZE  # articles per worker task
    part_size: int = PART_SIZE  # at most this many articles per committed part
    part_seconds: float = PART_SECONDS  # or a part commits after a chunk once this has passed
    recycle: int = 0  # replace a local worker after this many chunks (0: never)
    model: str | None = None
    kb_dirs: tuple[str, ...] = ()
    read: ReadOptions = field(default_factory=ReadOptions)
    progress: bool = True

    @property
    def work(self) -> WorkOptions:
        from parley.batch.worker import WorkOptions

        return WorkOptions(model=self.model, kb_dirs=self.kb_dirs, batch_size=self.batch_size)
