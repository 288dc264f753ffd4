"""Reading batch output back as ``parley.analysis/1`` dicts (for ``parley ingest`` and users).

Only committed parts are read (the manifest lists their files), in part order and, within a
part, by publication day; so a reader never sees rows of a part that a crash left half done.
A committed part whose files are not renamed yet (a run is committing it, or was killed just
after its manifest line) is read from its complete temporary files.

For the store: ``store_analyses(conn, read_batch_output(DIR))`` stores a whole output
directory; ``is_batch_output(path)`` tells such a directory from a directory of articles.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

from parley.batch.manifest import MANIFEST, read_lines
from parley.batch.rows import record_of
from parley.errors import ParleyError


def is_batch_output(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a ``parley batch`` output directory (it has a manifest)."""
    return os.path.isfile(os.path.join(path, MANIFEST))


def _parts(directory: str) -> tuple[str, list[dict[str, Any]]]:
    if not is_batch_output(directory):
        raise ParleyError(f"{directory} is not parley batch output (no {MANIFEST})")
    lines, _ = read_lines(os.path.join(directory, MANIFEST))
    formats = [line["format"] for line in lines if line.get("kind") == "run"]
    parts = sorted((line for line in lines if line.get("kind") == "part"), key=lambda p: p["part"])
    return (formats[0] if formats else "parquet"), parts


def _existing(directory: str, name: str) -> str:
    """The file of a committed part: its final name, else its temporary name (not renamed
    yet); a file under neither name was removed by hand, which is an error."""
    path = os.path.join(directory, name)
    folder, base = os.path.split(path)
    for candidate in (path, os.path.join(folder, f".{base}.tmp")):
        if os.path.exists(candidate):
            return candidate
    raise ParleyError(f"{path} is listed in {MANIFEST} but missing")


def _parquet_records(path: str) -> Iterator[dict[str, Any]]:
    import pyarrow.parquet as pq  # here: reading JSON Lines output needs no pyarrow

    table = pq.read_table(path, columns=["text", "record"])
    texts, records = table.column("text").to_pylist(), table.column("record").to_pylist()
    for text, record in zip(texts, records, strict=True):
        yield record_of(text, record)


def _jsonl_records(path: str) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        yield from (json.loads(line) for line in fh if line.strip())


def read_batch_output(directory: str | os.PathLike[str]) -> Iterator[dict[str, Any]]:
    """Every analysed article of a batch output directory as a ``parley.analysis/1`` dict."""
    directory = os.fspath(directory)
    fmt, parts = _parts(directory)
    read = _jsonl_records if fmt == "jsonl" else _parquet_records
    for part in parts:
        names = sorted(f for f in part["files"] if f.split(os.sep)[0] == "articles")
        for name in names:
            yield from read(_existing(directory, name))
