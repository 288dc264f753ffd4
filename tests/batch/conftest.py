"""Articles (written for these tests) and helpers shared by the batch tests.

Helpers are fixtures, not imports: test folders have no ``__init__.py``.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import duckdb
import pytest

from parley.batch import BatchOptions, read_batch_output, run_batch

LAVROV = (
    "Lavrov meets Fidan in Ankara\n"
    "Russian Foreign Minister Sergei Lavrov met his Turkish counterpart Hakan Fidan in Ankara "
    "on Tuesday. Lavrov said Moscow was ready to continue talks on shipping in the Black Sea, "
    "and Fidan said Turkey would keep working with the United Nations.\n"
)
ZELENSKY = (
    "Zelensky visits the front\n"
    "Ukrainian President Volodymyr Zelensky visited troops near Kharkiv on Monday and said "
    "Ukraine needed more air defence systems. The Kremlin did not comment on the visit.\n"
)
DATED = [
    (
        "2024-06-11",
        "NATO Secretary General Jens Stoltenberg said in Brussels that allies would send more "
        "air defence systems to Ukraine. Poland and Germany promised new deliveries this year.",
    ),
    (
        "2024-06-11T09:30:00Z",
        "The European Union agreed new sanctions on Russia on Tuesday, officials in Brussels "
        "said. Hungary had delayed the package for weeks before the vote of foreign ministers.",
    ),
    (
        "2024-06-12",
        "Chinese Foreign Minister Wang Yi met Antony Blinken in Beijing. The United States and "
        "China agreed to keep talking about trade and the war in Ukraine, a statement said.",
    ),
]
#: write_inputs gives 5 articles and 3 failures: a bad JSON line, a date that is not
#: ISO 8601 (caught by the analyser), an empty file
TABLE_KEYS = {
    "articles": "input, article_id",
    "entities": "article_id, entity_id",
    "quotes": "article_id, quote_id",
    "events": "article_id, event_id",
}


def write_inputs(root: Path) -> list[str]:
    """The test inputs under ``root``: a directory of text files and a JSON Lines file."""
    texts = root / "texts"
    texts.mkdir(parents=True)
    (texts / "lavrov.txt").write_text(LAVROV, encoding="utf-8")
    (texts / "zelensky.txt").write_text(ZELENSKY, encoding="utf-8")
    (texts / "empty.txt").write_text("  \n", encoding="utf-8")
    lines = [json.dumps({"text": text, "published": day}) for day, text in DATED]
    lines.insert(1, "{not json")
    lines.append(json.dumps({"text": DATED[0][1] + " Talks go on.", "published": "last week"}))
    (root / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [str(texts), str(root / "news.jsonl")]


def many_articles(n: int) -> list[str]:
    """``n`` distinct short articles (JSON Lines), for runs that must last a while."""
    places = ["Kharkiv", "Odesa", "Kyiv", "Lviv", "Dnipro"]
    return [
        json.dumps(
            {
                "text": f"Ukrainian officials said {i + 2} drones were shot down over "
                f"{places[i % 5]} overnight. Russia's defence ministry said it had hit "
                f"military targets, and President Volodymyr Zelensky asked allies for help.",
                "published": f"2024-03-{1 + i % 28:02d}",
            }
        )
        for i in range(n)
    ]


def tables(out: str | Path, fmt: str = "parquet") -> dict[str, list[tuple[Any, ...]]]:
    """Every table of an output directory, as sorted rows (``meta.seconds`` dropped)."""
    result = {}
    for table, order in TABLE_KEYS.items():
        path = f"{out}/{table}/**/*.{fmt}"
        if not list(Path(out, table).rglob(f"*.{fmt}")):
            result[table] = []  # JSON Lines: a table without rows has no files
            continue
        source = f"'{path}'" if fmt == "parquet" else f"read_json_auto('{path}')"
        if table == "articles" and fmt == "parquet":
            query = (
                f"SELECT * EXCLUDE (record, published), published::VARCHAR AS published, "
                f"json_remove(record, '$.meta.seconds') AS record FROM {source} ORDER BY {order}"
            )
        elif table == "articles":
            query = f"SELECT article->>'$.id' AS article_id, * FROM {source} ORDER BY meta.input"
            rows = duckdb.sql(query).fetchall()
            result[table] = [r[:-1] + (_drop_seconds(r[-1]),) for r in rows]
            continue
        else:
            query = f"SELECT * FROM {source} ORDER BY {order}"
        result[table] = duckdb.sql(query).fetchall()
    return result


def _drop_seconds(meta: Any) -> Any:
    return {k: v for k, v in meta.items() if k != "seconds"} if isinstance(meta, dict) else meta


def records(out: str | Path) -> list[dict[str, Any]]:
    """``read_batch_output`` without ``meta.seconds``, sorted by input."""
    found = list(read_batch_output(str(out)))
    for record in found:
        record["meta"].pop("seconds", None)
    return sorted(found, key=lambda r: (r["meta"]["input"], r["article"]["id"]))


def errors(out: str | Path) -> list[dict[str, Any]]:
    path = Path(out) / "_errors.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return [json.loads(line) for line in lines]


def run(inputs: list[str], out: Path, **options: Any):
    """``run_batch`` without a progress bar, small parts and chunks unless told."""
    defaults = {"chunk_size": 2, "part_size": 3, "progress": False}
    return run_batch(inputs, BatchOptions(out=str(out), **{**defaults, **options}))


@pytest.fixture
def inputs(tmp_path) -> list[str]:
    return write_inputs(tmp_path / "in")


@pytest.fixture(scope="session")
def reference(tmp_path_factory) -> SimpleNamespace:
    """One clean single-process Parquet run over the test inputs, shared by comparisons."""
    root = tmp_path_factory.mktemp("reference")
    names = write_inputs(root / "in")
    summary = run(names, root / "out")
    return SimpleNamespace(
        inputs=names, out=root / "out", summary=summary, tables=tables(root / "out")
    )


@pytest.fixture
def helpers() -> SimpleNamespace:
    return SimpleNamespace(
        tables=tables, records=records, errors=errors, run=run, many_articles=many_articles
    )
