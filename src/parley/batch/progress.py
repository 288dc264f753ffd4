"""A progress bar on stderr: articles, articles/s, words/s and (for files) an ETA.

The bar measures input bytes: the total is the size of the files still to read (counted up
front, cheaply); each committed article credits its text length, and a finished input the
rest of its size. When an input has no known size (a URL, standard input) there is no total
and no ETA. Rates are averages since the start of the run.
"""

from __future__ import annotations

import sys
from typing import Any

from rich.console import Console
from rich.progress import (
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text


class RatesColumn(ProgressColumn):
    """``37% · N articles · A articles/s · W words/s · F failed`` from the task's fields."""

    def render(self, task: Task) -> Text:
        seconds = task.elapsed or 0.0
        articles, words = task.fields.get("articles", 0), task.fields.get("words", 0)
        rate = (articles / seconds) if seconds > 0 else 0.0
        wps = (words / seconds) if seconds > 0 else 0.0
        parts = [f"{task.percentage:3.0f}%"] if task.total is not None else []
        parts += [f"{articles:,} articles", f"{rate:,.1f} articles/s", f"{wps:,.0f} words/s"]
        if task.fields.get("errors"):
            parts.append(f"{task.fields['errors']:,} failed")
        return Text(" · ".join(parts), no_wrap=True, overflow="ellipsis")


class BatchProgress:
    """Progress of a batch run, or nothing when ``enabled`` is false."""

    def __init__(self, total_bytes: int | None, enabled: bool = True) -> None:
        self.enabled = enabled
        self.articles = self.words = self.errors = 0
        self.credited: dict[str, int] = {}
        self._progress: Progress | None = None
        if enabled:
            columns: list[Any] = [RatesColumn()]
            if total_bytes is None:
                columns += [TextColumn("·"), TimeElapsedColumn()]
            else:
                columns += [TextColumn("· ETA"), TimeRemainingColumn()]
            console = Console(file=sys.stderr)
            self._progress = Progress(*columns, console=console, transient=False)
            self._task = self._progress.add_task(
                "batch", total=total_bytes, articles=0, words=0, errors=0
            )

    def __enter__(self) -> BatchProgress:
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()

    def advance(self, articles: int, words: int, errors: int, marks: list[dict[str, Any]]) -> None:
        """Count committed articles; credit input bytes per input mark (see module doc)."""
        self.articles += articles
        self.words += words
        self.errors += errors
        step = 0
        for mark in marks:
            size = mark.get("size")
            if size is None:
                continue
            before = self.credited.get(mark["key"], 0)
            after = size if mark["complete"] else min(size, before + mark.get("chars", 0))
            self.credited[mark["key"]] = after
            step += after - before
        if self._progress is not None:
            self._progress.update(
                self._task,
                advance=step,
                articles=self.articles,
                words=self.words,
                errors=self.errors,
            )
