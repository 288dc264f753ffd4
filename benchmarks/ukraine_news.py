"""The ukraine-news corpus as the benchmarks read it: ``index.jsonl`` rows with their text."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any


def read_corpus(data: Path, fail: Callable[[str], Any]) -> Iterator[tuple[dict[str, Any], str]]:
    """``(index entry, article text)`` in index order; ``fail`` is called with one message
    when ``data`` holds no ``index.jsonl``."""
    index = data / "index.jsonl"
    if not index.is_file():
        fail(
            f"no data at {data} (expected {index.name} and articles/); "
            "pass --data DIR pointing at shared/data/ukraine-news"
        )
    for line in index.read_text(encoding="utf-8").splitlines():
        if line.strip():
            entry = json.loads(line)
            yield entry, (data / "articles" / entry["file"]).read_text(encoding="utf-8")
