"""The output directory of a batch run: part files, ``_manifest.jsonl``, ``_errors.jsonl``.

A *part* is the unit of commit. Committing part P:

1. every file of P is written to ``<table>/published=<day>/.part-P.<ext>.tmp`` and fsynced;
2. its failed inputs are appended to ``_errors.jsonl`` (each line names P) and fsynced;
3. one line naming P, its files and the input items it covers is appended to
   ``_manifest.jsonl`` and fsynced — **the commit point**;
4. the temporary files are renamed to ``part-P.<ext>`` and their directories fsynced.

So a file with a final name always belongs to a committed part: a reader globbing
``**/*.parquet`` never sees half a part, even during a run. On open (``recover``): a torn last
manifest line is cut off; temporary files of committed parts are renamed (step 4 redone),
others deleted; final files of uncommitted parts deleted; error lines of uncommitted parts
dropped. Then a rerun skips the items the manifest covers and writes no duplicate.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import signal
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from parley.batch.rows import TABLES, Row
from parley.errors import ParleyError
from parley.version import __version__

MANIFEST = "_manifest.jsonl"
ERRORS = "_errors.jsonl"
LAYOUT = "parley.batch/1"
_PART = re.compile(r"^(\.)?part-(\d+)\.(parquet|jsonl)(\.tmp)?$")
#: test hook: "P:STAGE" kills this process with SIGKILL in part P after STAGE
CRASH_ENV = "PARLEY_BATCH_CRASH"
WRITE_THREADS = 8


class Writer(Protocol):
    """What writes the part files of one format (``parley.batch.writers``)."""

    extension: str

    def write(self, path: str, table: str, rows: Sequence[Row]) -> None: ...


@dataclass
class Done:
    """What the manifest says of one input: items committed, and whether it was finished."""

    items: int = 0
    complete: bool = False


def fsync_path(path: str) -> None:
    """Flush a file, or a folder's entries, to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _append(path: str, lines: Iterable[dict[str, Any]]) -> None:
    text = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    if not text:
        return
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())


def read_lines(path: str) -> tuple[list[dict[str, Any]], bool]:
    """The JSON lines of a file, and whether its last line was cut short (not ended by a
    newline: the write was interrupted). A cut line that does not parse is dropped."""
    if not os.path.exists(path):
        return [], False
    with open(path, encoding="utf-8", errors="replace") as fh:
        segments = fh.read().split("\n")
    tail = segments.pop()  # "" when the file ends with a newline
    lines = []
    for i, segment in enumerate(segments):
        if segment.strip():
            try:
                lines.append(json.loads(segment))
            except ValueError:
                raise ParleyError(f"{path} is damaged at line {i + 1}") from None
    if not tail.strip():
        return lines, False
    with contextlib.suppress(ValueError):
        lines.append(json.loads(tail))
    return lines, True


def _rewrite(path: str, lines: Sequence[dict[str, Any]]) -> None:
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def crash_point(part: int, stage: str) -> None:
    """Test hook: die like ``kill -9`` at a given step of a given part."""
    if os.environ.get(CRASH_ENV) == f"{part}:{stage}":
        os.kill(os.getpid(), signal.SIGKILL)


class OutDir:
    """An output directory, locked for one run at a time; ``open()`` recovers it first."""

    def __init__(self, path: str, fmt: str, writer: Writer) -> None:
        self.path, self.format, self.writer = path, fmt, writer
        self.parts: dict[int, dict[str, Any]] = {}
        self.done: dict[str, Done] = {}
        self.removed = 0  # files of uncommitted parts deleted by recovery
        self._lock: int | None = None

    def _at(self, *parts: str) -> str:
        return os.path.join(self.path, *parts)

    def open(self) -> OutDir:
        try:
            os.makedirs(self.path, exist_ok=True)
            self._lock = os.open(self._at("_lock"), os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as err:
            raise ParleyError(f"cannot write to {self.path}: {err.strerror}") from None
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise ParleyError(f"another parley batch is writing to {self.path}") from None
        self.recover()
        run = {"kind": "run", "layout": LAYOUT, "format": self.format}
        _append(self._at(MANIFEST), [{**run, "parley_version": __version__, "started": _now()}])
        return self

    def close(self) -> None:
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None

    def recover(self) -> None:
        """Bring the directory to the state of the last committed part (see module doc)."""
        lines, torn = read_lines(self._at(MANIFEST))
        if torn:
            _rewrite(self._at(MANIFEST), lines)
        for line in lines:
            if line.get("kind") == "run" and line.get("format") not in (None, self.format):
                raise ParleyError(
                    f"{self.path} holds {line['format']} output; rerun with --format "
                    f"{line['format']} or choose another --out"
                )
            if line.get("kind") == "part":
                self.parts[line["part"]] = line
                for mark in line["inputs"]:
                    done = self.done.setdefault(mark["key"], Done())
                    done.items = max(done.items, mark["end"])
                    done.complete = done.complete or mark["complete"]
        self._settle_files()
        errors, torn = read_lines(self._at(ERRORS))
        kept = [e for e in errors if e.get("part") in self.parts]
        if torn or len(kept) < len(errors):
            _rewrite(self._at(ERRORS), kept)

    def _settle_files(self) -> None:
        for table in TABLES:
            for root, _dirs, files in os.walk(self._at(table)):
                for name in files:
                    match = _PART.match(name)
                    if not match:
                        continue
                    path, part = os.path.join(root, name), int(match.group(2))
                    if part not in self.parts:
                        os.unlink(path)
                        self.removed += 1
                    elif match.group(4):  # temporary file of a committed part: finish step 4
                        os.replace(path, os.path.join(root, name[1:].removesuffix(".tmp")))
                        fsync_path(root)

    @property
    def next_part(self) -> int:
        return max(self.parts, default=0) + 1

    def commit(
        self,
        part: int,
        groups: dict[tuple[str, str], list[Row]],
        errors: Sequence[dict[str, Any]],
        inputs: Sequence[dict[str, Any]],
        articles: int,
    ) -> None:
        """Write and commit one part: files, errors, manifest line, renames (module doc)."""
        ext, moves, jobs = self.writer.extension, [], []
        for (table, day), rows in sorted(groups.items()):
            folder = self._at(table, f"published={day}")
            os.makedirs(folder, exist_ok=True)
            final = os.path.join(folder, f"part-{part:05d}{ext}")
            tmp = os.path.join(folder, f".part-{part:05d}{ext}.tmp")
            jobs.append((tmp, table, rows))
            moves.append((tmp, final))
        # many small files when a part spans many days: write and fsync them side by side
        with ThreadPoolExecutor(max_workers=WRITE_THREADS) as pool:
            list(pool.map(lambda job: self.writer.write(*job), jobs))
        crash_point(part, "written")
        _append(self._at(ERRORS), [{**e, "part": part} for e in errors])
        crash_point(part, "errors")
        entry = {
            "kind": "part",
            "part": part,
            "articles": articles,
            "errors": len(errors),
            "files": [os.path.relpath(final, self.path) for _, final in moves],
            "inputs": list(inputs),
            "committed": _now(),
        }
        _append(self._at(MANIFEST), [entry])
        crash_point(part, "manifest")
        for tmp, final in moves:
            os.replace(tmp, final)
        for folder in {os.path.dirname(final) for _, final in moves}:
            fsync_path(folder)
        self.parts[part] = entry
        crash_point(part, "renamed")
