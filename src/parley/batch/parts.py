"""Parts: what one commit holds, filled item by item, so that a part can end inside a chunk.

A chunk's result is cut into *steps*, one per input item in input order (an analysed
article's rows, a failure, or a mark of no item that says an input is finished). The runner
adds steps to the current part and commits it when it holds ``part_size`` articles, or after
a chunk once ``part_seconds`` have passed since the previous commit. The manifest records,
per input, the range of items a part covers; since steps are added in input order, the
committed parts always cover a prefix of every input, which is what a rerun skips.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from parley.batch.chunks import Chunk
from parley.batch.rows import TABLES, Row
from parley.batch.worker import ArticleRows, ChunkResult


@dataclass(slots=True)
class Step:
    """One input item (or none: ``start == end``) of a chunk and what came of it."""

    mark: dict[str, Any]
    start: int
    end: int
    complete: bool
    rows: ArticleRows | None = None
    error: dict[str, Any] | None = None


def steps(chunk: Chunk, result: ChunkResult) -> Iterator[Step]:
    """The steps of a chunk and its result, in input order."""
    rows = {a.index: a for a in result.articles}
    failures = dict(zip(result.failed, result.errors, strict=True))
    slots: dict[int, list[int]] = defaultdict(list)
    for at, slot in chunk.items:
        slots[at].append(slot)
    for at, mark in enumerate(chunk.marks):
        mine = slots.get(at, [])
        if not mine:  # an input finished without (new) items
            yield Step(mark, mark["start"], mark["end"], mark["complete"])
            continue
        for n, slot in enumerate(mine):
            end = mark["start"] + n + 1
            step = Step(mark, end - 1, end, mark["complete"] and n == len(mine) - 1)
            if slot < 0:
                step.error = chunk.errors[-1 - slot]
            elif slot in rows:
                step.rows = rows[slot]
            else:
                step.error = failures.get(slot) or _lost(chunk.articles[slot].input)
            yield step


def _lost(name: str | None) -> dict[str, str]:
    return {"input": name or "<text>", "reason": "internal error (no result); please report it"}


@dataclass(slots=True)
class Part:
    """Results gathered for one commit."""

    number: int
    groups: dict[tuple[str, str], list[Row]] = field(default_factory=lambda: defaultdict(list))
    errors: list[dict[str, Any]] = field(default_factory=list)
    inputs: list[dict[str, Any]] = field(default_factory=list)
    articles: int = 0
    opened: float = field(default_factory=time.monotonic)

    def __bool__(self) -> bool:
        return bool(self.inputs or self.errors)

    def add(self, step: Step) -> None:
        if step.error is not None:
            self.errors.append(step.error)
        if step.rows is not None:
            self.articles += 1
            for table, rows in step.rows.tables.items():
                if rows:
                    self.groups[(table, step.rows.day)].extend(rows)
        last = self.inputs[-1] if self.inputs else None
        if last and last["key"] == step.mark["key"] and last["end"] == step.start:
            last["end"], last["complete"] = step.end, step.complete
        else:
            mark = step.mark
            self.inputs.append({"input": mark["input"], "key": mark["key"],
                                "start": step.start, "end": step.end,
                                "complete": step.complete})  # fmt: skip

    def age(self) -> float:
        """Seconds since the part was opened (the previous commit)."""
        return time.monotonic() - self.opened

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
