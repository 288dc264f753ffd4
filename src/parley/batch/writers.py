"""Writers of one part file of one table: Parquet (explicit schemas) or JSON Lines.

Each writer writes the whole file to a temporary name and fsyncs it; the caller renames it
when the part is committed. Parquet files use one fixed Arrow schema per table (so every
part of a table reads as one dataset) with zstd compression; the articles ``record`` column
has the Parquet JSON logical type (DuckDB reads it as ``JSON``, pandas as ``str``). JSON
Lines parts hold, for ``articles``, one full ``parley.analysis/1`` object per line (as
``parley analyze --jsonl`` prints) and, for the flat tables, one row object per line.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence

import pyarrow as pa
import pyarrow.parquet as pq

from parley.batch.manifest import Writer, fsync_path
from parley.batch.rows import COLUMNS, KEYS, TABLES, Row, record_of

_SPAN = pa.struct([("start", pa.int64()), ("end", pa.int64()), ("text", pa.string())])
_TYPES: dict[str, pa.DataType] = {
    "str": pa.string(),
    "int": pa.int64(),
    "float": pa.float64(),
    "bool": pa.bool_(),
    "json": pa.json_(),
    "list[str]": pa.list_(pa.string()),
    "list[span]": pa.list_(_SPAN),
}


def schema(table: str) -> pa.Schema:
    """The Arrow schema of a table's part files."""
    columns = [*KEYS, *((name, kind) for name, kind, _ in COLUMNS[table])]
    return pa.schema([(name, _TYPES[kind]) for name, kind in columns])


SCHEMAS = {table: schema(table) for table in TABLES}


class ParquetWriter:
    """Parts as Parquet files (``.parquet``)."""

    extension = ".parquet"

    def write(self, path: str, table: str, rows: Sequence[Row]) -> None:
        data = pa.Table.from_pylist(list(rows), schema=SCHEMAS[table])
        pq.write_table(data, path, compression="zstd")
        fsync_path(path)


class JsonlWriter:
    """Parts as JSON Lines files (``.jsonl``)."""

    extension = ".jsonl"

    def write(self, path: str, table: str, rows: Sequence[Row]) -> None:
        with open(path, "w", encoding="utf-8") as fh:
            for row in rows:
                item = record_of(row["text"], row["record"]) if table == "articles" else row
                fh.write(json.dumps(item, ensure_ascii=False) + "\n")
            fh.flush()
            os.fsync(fh.fileno())


WRITERS: dict[str, type[ParquetWriter] | type[JsonlWriter]] = {
    "parquet": ParquetWriter,
    "jsonl": JsonlWriter,
}


def writer_for(fmt: str) -> Writer:
    """The writer of an output format (``parquet`` or ``jsonl``)."""
    return WRITERS[fmt]()
