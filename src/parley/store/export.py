"""Exporting the store: analysis records (JSONL), tables (CSV, Parquet), events (PLOVER JSON).

Rows stream from SQLite in article order; near-duplicate articles are left out unless
``include_duplicates``; ``since``/``until`` select by day.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from parley.errors import ParleyError
from parley.store.filters import Where, check_day, dates
from parley.store.writer import unpack_record

FORMATS = ("jsonl", "csv", "parquet", "plover")
_ROLE = (
    "(SELECT group_concat(ac.name, '; ') FROM event_actors ea JOIN actors ac "
    "ON ac.pk = ea.actor WHERE ea.event = x.pk AND ea.role = '{}')"
)

# table -> (FROM clause, alias for day/dup, [(column, SQL expression, type)])
TABLES: dict[str, tuple[str, str, list[tuple[str, str, str]]]] = {
    "articles": (
        "articles a LEFT JOIN articles d ON d.pk = a.duplicate_of", "a",
        [("id", "a.id", "str"), ("title", "a.title", "str"), ("lead", "a.lead", "str"),
         ("source", "a.source", "str"),
         ("url", "a.url", "str"), ("published", "a.published", "str"),
         ("language", "a.language", "str"), ("duplicate_of", "d.id", "str"),
         ("similarity", "a.similarity", "float"), ("entities", "a.n_entities", "int"),
         ("quotes", "a.n_quotes", "int"), ("events", "a.n_events", "int"),
         ("flags", "a.n_flags", "int"), ("text", "a.text", "str")],
    ),
    "entities": (
        "entities x JOIN articles a ON a.pk = x.article JOIN actors ac ON ac.pk = x.actor", "x",
        [("article_id", "a.id", "str"), ("entity_id", "x.local_id", "str"),
         ("name", "x.name", "str"), ("kind", "ac.kind", "str"), ("kb_id", "ac.kb_id", "str"),
         ("wikidata", "ac.wikidata", "str"), ("country", "ac.country", "str"),
         ("sector", "ac.sector", "str"), ("role", "x.role", "str"),
         ("mentions", "x.n_mentions", "int"), ("day", "x.day", "str")],
    ),
    "quotes": (
        "quotes x JOIN articles a ON a.pk = x.article "
        "LEFT JOIN actors ac ON ac.pk = x.speaker_actor",
        "x",
        [("article_id", "a.id", "str"), ("quote_id", "x.local_id", "str"),
         ("kind", "x.kind", "str"), ("speaker", "x.speaker", "str"),
         ("speaker_name", "ac.name", "str"), ("speaker_kb_id", "ac.kb_id", "str"),
         ("anonymous", "x.anonymous", "bool"), ("cue", "x.cue", "str"),
         ("channel", "x.channel", "str"), ("via", "x.via", "str"),
         ("content", "x.content", "str"), ("start", "x.start", "int"), ("end", "x.stop", "int"),
         ("sentence", "x.sentence", "int"), ("day", "x.day", "str")],
    ),
    "events": (
        "events x JOIN articles a ON a.pk = x.article", "x",
        [("article_id", "a.id", "str"), ("event_id", "x.local_id", "str"),
         ("day", "x.day", "str"), ("type", "x.type", "str"), ("mode", "x.mode", "str"),
         ("status", "x.status", "str"), ("negated", "x.negated", "bool"),
         ("actors", _ROLE.format("actor"), "str"),
         ("recipients", _ROLE.format("recipient"), "str"),
         ("trigger", "x.trigger", "str"), ("start", "x.start", "int"), ("end", "x.stop", "int"),
         ("when", "x.when_value", "str"), ("when_precision", "x.when_precision", "str"),
         ("when_basis", "x.when_basis", "str"),
         ("where", "x.where_name", "str"), ("where_country", "x.where_country", "str"),
         ("lat", "x.lat", "float"), ("lon", "x.lon", "float"),
         ("reported_by", "x.reported_by", "str"), ("confidence", "x.confidence", "float")],
    ),
    "flags": (
        "flags x JOIN articles a ON a.pk = x.article", "x",
        [("article_id", "a.id", "str"), ("kind", "x.kind", "str"),
         ("severity", "x.severity", "str"), ("message", "x.message", "str"),
         ("spans", "x.spans", "str"), ("evidence", "x.evidence", "str"), ("day", "x.day", "str")],
    ),
}  # fmt: skip


def _where(alias: str, since: Any, until: Any, include_duplicates: bool) -> Where:
    w = Where()
    if not include_duplicates:
        w.add("a.duplicate_of IS NULL" if alias == "a" else f"{alias}.dup = 0")
    dates(w, f"{alias}.day", since, until)
    return w


def rows(
    conn: sqlite3.Connection,
    table: str,
    since: str | date | None = None,
    until: str | date | None = None,
    include_duplicates: bool = False,
) -> tuple[list[str], Iterator[tuple]]:
    """Column names and a row iterator for one export table."""
    if table not in TABLES:
        raise ParleyError(f"unknown table {table!r}; use one of {', '.join(TABLES)}")
    source, alias, columns = TABLES[table]
    w = _where(alias, since, until, include_duplicates)
    select = ", ".join(f'{expr} AS "{name}"' for name, expr, _ in columns)
    cur = conn.execute(f"SELECT {select} FROM {source} WHERE {w.sql()} ORDER BY a.pk", w.params)
    return [c[0] for c in columns], iter(cur)


def write_csv(conn: sqlite3.Connection, out: TextIO, table: str = "articles", **filters) -> int:
    names, it = rows(conn, table, **filters)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    n = 0
    for n, row in enumerate(it, 1):  # noqa: B007
        writer.writerow(["" if v is None else v for v in row])
    return n


PART = "part-00000.parquet"  # the one file of each table in a folder export


def is_folder_target(path: str) -> bool:
    """Whether ``-o PATH`` names a folder (one Parquet file per table): an existing folder, a
    path ending in a slash, or a name without a suffix (``out``); ``events.parquet`` is a
    file."""
    return os.path.isdir(path) or path.endswith(("/", os.sep)) or not Path(path).suffix


def write_parquet_folder(
    conn: sqlite3.Connection, folder: str, tables: list[str] | None = None, **filters
) -> dict[str, int]:
    """Each table as ``FOLDER/TABLE/part-00000.parquet`` (the folders of ``parley batch``
    output: ``pd.read_parquet("FOLDER/events")`` and DuckDB's ``'FOLDER/events/*.parquet'``
    read them); returns the rows written per table."""
    bare = folder.rstrip("/" + os.sep) or folder
    if os.path.exists(bare) and not os.path.isdir(bare):
        raise ParleyError(f"cannot export to the folder {folder}: {bare} is a file")
    parent = os.path.dirname(bare) or "."
    if not os.path.isdir(parent):
        raise ParleyError(f"cannot export to {folder}: the folder {parent} does not exist")
    try:
        os.makedirs(bare, exist_ok=True)
    except OSError as exc:
        raise ParleyError(f"cannot write to the folder {folder}: {_why(exc)}") from None
    counts = {}
    for table in tables or list(TABLES):
        target = os.path.join(folder, table)
        try:
            os.makedirs(target, exist_ok=True)
        except OSError as exc:
            raise ParleyError(f"cannot write to the folder {target}: {_why(exc)}") from None
        counts[table] = write_parquet(conn, os.path.join(target, PART), table, **filters)
    return counts


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)


def write_parquet(conn: sqlite3.Connection, path: str, table: str = "articles", **filters) -> int:
    """One table as a Parquet file (row groups of 50,000 rows); needs pyarrow. Written under
    a temporary name and renamed: a failed export leaves no half file."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ParleyError("Parquet export needs pyarrow: pip install pyarrow") from None
    if os.path.isdir(path):
        raise ParleyError(f"cannot write {path}: it is a folder")
    folder = os.path.dirname(path) or "."
    if not os.path.isdir(folder):
        raise ParleyError(f"cannot write {path}: the folder {folder} does not exist")
    tmp = os.path.join(folder, f".{os.path.basename(path)}.tmp")
    try:
        n = _write_parquet(conn, tmp, table, pa, pq, **filters)
        os.replace(tmp, path)
    except OSError as exc:
        raise ParleyError(f"cannot write {path}: {_why(exc)}") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return n


def _write_parquet(conn: sqlite3.Connection, path: str, table: str, pa, pq, **filters) -> int:
    kinds = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
    schema = pa.schema([(n, kinds[t]) for n, _, t in TABLES[table][2]])
    names, it = rows(conn, table, **filters)
    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        while chunk := [r for _, r in zip(range(50_000), it, strict=False)]:
            cols = list(zip(*chunk, strict=True))
            arrays = [
                pa.array([None if v is None else bool(v) for v in c] if f.type == pa.bool_() else c,
                         type=f.type)
                for c, f in zip(cols, schema, strict=True)
            ]  # fmt: skip
            writer.write_table(pa.Table.from_arrays(arrays, schema=schema))
            n += len(chunk)
        if n == 0:
            writer.write_table(schema.empty_table())
    return n


def write_jsonl(conn: sqlite3.Connection, out: TextIO, **filters) -> int:
    """Every article as its ``parley.analysis/1`` record, one per line."""
    w = _where(
        "a", filters.get("since"), filters.get("until"), filters.get("include_duplicates", False)
    )
    n = 0
    for blob, text in conn.execute(
        f"SELECT a.record, a.text FROM articles a WHERE {w.sql()} ORDER BY a.pk", w.params
    ):
        out.write(json.dumps(unpack_record(blob, text), ensure_ascii=False) + "\n")
        n += 1
    return n


def _plover(record: dict[str, Any], event: dict[str, Any], coded: str) -> dict[str, Any]:
    art = record["article"]
    ents = {e["id"]: e for e in record.get("entities", ())}
    sentences = record.get("sentences", ())

    def actor(eid: str) -> dict[str, Any]:
        e = ents.get(eid, {"name": eid})
        return {k: v for k, v in (("actorText", e.get("name")), ("code", e.get("country")),
                ("sector", e.get("sector")), ("kb_id", e.get("kb_id")),
                ("wikidata", e.get("wikidata"))) if v}  # fmt: skip

    i = event.get("sentence")
    text = art["text"]
    if isinstance(i, int) and 0 <= i < len(sentences):
        text = text[sentences[i]["start"] : sentences[i]["end"]]
    where = event.get("where") or {}
    out = {
        "id": f"{art['id'][7:19]}-{event['id']}",
        "date": ((event.get("when") or {}).get("value") or art.get("published") or "")[:10],
        "event": event["type"],
        "mode": event.get("mode"),
        "source": [actor(e) for e in event.get("actors", ())],
        "target": [actor(e) for e in event.get("recipients", ())],
        "eventText": (event.get("trigger") or {}).get("text"),
        "eventLoc": {"name": where.get("name"), "country code": where.get("country")}
        if where.get("name") else None,
        "text": text,
        "language": art.get("language") or "en",
        "publication": art.get("source"),
        "url": art.get("url"),
        "coder": "parley",
        "version": record.get("schema"),
        "dateCoded": coded,
        "parley": {"article_id": art["id"], "status": event.get("status"),
                   "negated": event.get("negated"), "confidence": event.get("confidence"),
                   "reported_by": event.get("reported_by")},
    }  # fmt: skip
    return {k: v for k, v in out.items() if v not in (None, [], "")}


def write_plover(conn: sqlite3.Connection, out: TextIO, **filters) -> int:
    """Events as a JSON list of PLOVER records (the field names of the PLOVER gold standard
    records: id, date, event, mode, source/target actors, eventText, eventLoc, text...)."""
    w = _where("a", None, None, filters.get("include_duplicates", False))
    e = _where("e", filters.get("since"), filters.get("until"), True)
    since, until = (check_day(filters.get(k), k) or "" for k in ("since", "until"))
    n = 0
    out.write("[")
    for blob, text, stored in conn.execute(
        f"SELECT a.record, a.text, a.stored_at FROM articles a WHERE {w.sql()} AND a.n_events > 0 "
        f"AND a.pk IN (SELECT e.article FROM events e WHERE {e.sql()}) ORDER BY a.pk",
        [*w.params, *e.params],
    ):
        record = unpack_record(blob, text)
        for event in record.get("events", ()):
            item = _plover(record, event, stored[:10])
            day = item.get("date", "")
            if (since and day < since) or (until and day > until):
                continue
            out.write(("\n" if n == 0 else ",\n") + json.dumps(item, ensure_ascii=False))
            n += 1
    out.write("\n]\n" if n else "]\n")
    return n
