"""Inputs to chunks: what the driver sends to workers, and which input items each covers.

Directories are expanded here, one *source* per file (sorted, hidden names skipped, as
``parley analyze`` reads them), so that the manifest can record each file as finished. A
source's manifest key is its absolute path, size and mtime (a changed file is read again),
``url:URL`` for a URL, and a content hash for standard input. Items of a source (articles
and ``InputError`` values from ``read_inputs``) are counted; a rerun skips the items already
committed and sources already finished.
"""

from __future__ import annotations

import hashlib
import io
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from parley.batch.manifest import Done
from parley.batch.options import ReadOptions
from parley.errors import InputError
from parley.ingest import no_input_files, read_inputs, walk, web
from parley.model import Article


@dataclass(frozen=True, slots=True)
class Source:
    """One input to read: a file, URL, standard input, or a problem found while listing."""

    name: str
    key: str
    size: int | None = None
    data: bytes | None = None  # standard input, read up front
    error: InputError | None = None


@dataclass(slots=True)
class Chunk:
    """Articles for one worker task; ``marks`` say which input items it covers.

    ``items`` lists every item in input order as ``(mark, slot)``: the index of its mark in
    ``marks`` and its index in ``articles`` (``slot >= 0``) or in ``errors`` (``-1 - slot``),
    so that a part can end at any item of a chunk (``parts.steps``)."""

    seq: int
    articles: list[Article] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)
    marks: list[dict[str, Any]] = field(default_factory=list)
    items: list[tuple[int, int]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.articles) + len(self.errors)


def _file(path: str) -> Source:
    full = os.path.abspath(path)
    try:
        st = os.stat(path)
    except OSError:
        return Source(path, f"{full}|missing", 0)
    return Source(path, f"{full}|{st.st_size}|{st.st_mtime_ns}", st.st_size)


def sources(inputs: Sequence[str], stdin: BinaryIO | None = None) -> Iterator[Source]:
    """One source per file (directories expanded), URL, or ``-``, in the order given."""
    for name in inputs:
        if name == "-":
            data = (stdin or sys.stdin.buffer).read()
            yield Source(name, "stdin:" + hashlib.sha256(data).hexdigest(), len(data), data)
        elif web.is_url(name):
            yield Source(name, f"url:{name}")
        elif os.path.isdir(name):
            found = False
            for path in walk(name):
                found = True
                if isinstance(path, InputError):
                    yield Source(path.input, f"{os.path.abspath(path.input)}|dir", error=path)
                else:
                    yield _file(path)
            if not found:
                error = no_input_files(name)
                yield Source(name, f"{os.path.abspath(name)}|empty", error=error)
        else:
            yield _file(name)


def items(source: Source, opts: ReadOptions) -> Iterator[Article | InputError]:
    """The articles and errors of one source, in order."""
    if source.error is not None:
        yield source.error
        return
    stdin = io.BytesIO(source.data) if source.data is not None else None
    yield from read_inputs(
        [source.name],
        encoding=opts.encoding,
        follow=opts.follow,
        title=opts.title,
        source=opts.source,
        published=opts.published,
        stdin=stdin,
    )


def _mark(source: Source, start: int) -> dict[str, Any]:
    """The record of which items of ``source`` a chunk holds (``end`` grows as it fills)."""
    return {"input": source.name, "key": source.key, "start": start, "end": start,
            "complete": False, "size": source.size, "chars": 0}  # fmt: skip


def chunks(
    todo: Sequence[Source], done: Mapping[str, Done], opts: ReadOptions, size: int
) -> Iterator[Chunk]:
    """Chunks of at most ``size`` items, skipping what ``done`` (the manifest) covers."""
    current = Chunk(0)
    for source in todo:
        state = done.get(source.key, Done())
        if state.complete:
            continue
        index, mark = 0, None
        for item, last in _with_last(items(source, opts)):
            index += 1
            if index <= state.items and not last:
                continue
            if mark is None:  # (a skipped last item: a mark of no items, to say it is done)
                mark = _mark(source, index - 1 if index > state.items else index)
                current.marks.append(mark)
            if index > state.items:
                mark["end"] = index
                at = len(current.marks) - 1
                if isinstance(item, InputError):
                    current.items.append((at, -1 - len(current.errors)))
                    current.errors.append(item.to_dict())
                else:
                    current.items.append((at, len(current.articles)))
                    current.articles.append(item)
                    mark["chars"] += len(item.text)
            mark["complete"] = last
            if len(current) >= size:
                yield current
                current, mark = Chunk(current.seq + 1), None
        if index == 0:  # a source without items: nothing to analyse, but it is done
            current.marks.append({**_mark(source, 0), "complete": True})
    if current.marks:
        yield current


def _with_last(stream: Iterator[Any]) -> Iterator[tuple[Any, bool]]:
    """Each item with whether it is the last (one item of lookahead)."""
    it = iter(stream)
    try:
        item = next(it)
    except StopIteration:
        return
    for following in it:
        yield item, False
        item = following
    yield item, True
