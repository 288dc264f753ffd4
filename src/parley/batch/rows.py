"""Table rows of one ``parley.analysis/1`` dict: the batch output's four tables.

``articles``: one row per article — its columns, counts, and ``record``, the whole analysis
as JSON *without* ``article.text`` (the text is the ``text`` column; ``record_of`` puts it
back). ``entities``, ``quotes``, ``events``: one row per record with ``article_id`` and
``published_at`` (the article's ``published`` as given), spans flattened to ``x_start``,
``x_end``, ``x_text``. The ``published`` partition column (day or ``unknown``) comes from the
directory name (``published=YYYY-MM-DD``), as Hive-partitioned readers expect.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

Row = dict[str, Any]
Getter = Callable[[dict[str, Any], dict[str, str]], Any]
#: (column, type, getter); types: str, int, float, bool, json, list[str], list[span]
Column = tuple[str, str, Getter]
TABLES = ("articles", "entities", "quotes", "events")
UNKNOWN_DAY = "unknown"  # the partition of an article without a publication day


def at(*path: str) -> Getter:
    """A getter for a nested field of a record; None where any step is missing."""

    def get(record: dict[str, Any], names: dict[str, str]) -> Any:
        value: Any = record
        for key in path:
            if not isinstance(value, dict):
                return None
            value = value.get(key)
        return value

    return get


def span(name: str, *path: str) -> list[Column]:
    """Columns ``name_start``, ``name_end``, ``name_text`` of the span at ``path``."""
    return [(f"{name}_{part}", kind, at(*path, part)) for part, kind in SPAN_PARTS]


def names_of(key: str) -> Getter:
    """Entity names of the ids listed under ``key`` (ids without an entity are left out)."""
    return lambda r, names: [names[i] for i in r.get(key) or () if i in names]


SPAN_PARTS = (("start", "int"), ("end", "int"), ("text", "str"))

ENTITY_COLUMNS: list[Column] = [
    ("entity_id", "str", at("id")),
    ("name", "str", at("name")),
    ("kind", "str", at("kind")),
    ("kb_id", "str", at("kb_id")),
    ("wikidata", "str", at("wikidata")),
    ("country", "str", at("country")),
    ("sector", "str", at("sector")),
    ("role", "str", at("role")),
    ("n_mentions", "int", lambda r, n: len(r.get("mentions") or ())),
    ("variants", "list[str]", at("variants")),
    ("mentions", "list[span]", at("mentions")),
]

QUOTE_COLUMNS: list[Column] = [
    ("quote_id", "str", at("id")),
    ("kind", "str", at("kind")),
    *span("content", "content"),
    *span("cue", "cue"),
    *span("speaker", "speaker"),
    ("speaker_entity", "str", at("speaker_entity")),
    ("speaker_name", "str", lambda r, names: names.get(r.get("speaker_entity") or "")),
    ("anonymous", "bool", at("anonymous")),
    ("channel", "str", at("channel")),
    *span("via", "via"),
    ("sentence", "int", at("sentence")),
]

EVENT_COLUMNS: list[Column] = [
    ("event_id", "str", at("id")),
    ("type", "str", at("type")),
    ("mode", "str", at("mode")),
    ("actors", "list[str]", at("actors")),
    ("actor_names", "list[str]", names_of("actors")),
    ("recipients", "list[str]", at("recipients")),
    ("recipient_names", "list[str]", names_of("recipients")),
    *span("trigger", "trigger"),
    ("status", "str", at("status")),
    ("negated", "bool", at("negated")),
    ("when_value", "str", at("when", "value")),
    ("when_precision", "str", at("when", "precision")),
    *span("when", "when", "text"),
    ("where_name", "str", at("where", "name")),
    ("where_country", "str", at("where", "country")),
    ("where_lat", "float", at("where", "lat")),
    ("where_lon", "float", at("where", "lon")),
    *span("where", "where", "text"),
    ("reported_by", "str", at("reported_by")),
    ("sentence", "int", at("sentence")),
    ("confidence", "float", at("confidence")),
    ("explanation", "str", at("explanation")),
]

ARTICLE_COLUMNS: list[Column] = [
    ("title", "str", at("article", "title")),
    ("source", "str", at("article", "source")),
    ("url", "str", at("article", "url")),
    ("language", "str", at("article", "language")),
    ("input", "str", at("meta", "input")),
    ("words", "int", lambda r, n: len(r["article"]["text"].split())),
    *(
        (f"n_{part}", "int", lambda r, n, part=part: len(r.get(part) or ()))
        for part in ("sentences", "entities", "quotes", "events", "times", "claims", "flags")
    ),
    ("parley_version", "str", at("meta", "parley_version")),
    ("model", "str", at("meta", "model")),
    ("text", "str", at("article", "text")),
    ("record", "json", lambda r, n: record_json(r)),
]

KEYS = [("article_id", "str"), ("published_at", "str")]
#: every table's columns after the two keys, in file order
COLUMNS: dict[str, list[Column]] = {
    "articles": ARTICLE_COLUMNS,
    "entities": ENTITY_COLUMNS,
    "quotes": QUOTE_COLUMNS,
    "events": EVENT_COLUMNS,
}


def record_json(record: dict[str, Any]) -> str:
    """The analysis as compact JSON, with ``article.text`` left out (it is a column)."""
    article = {k: v for k, v in record["article"].items() if k != "text"}
    return json.dumps({**record, "article": article}, ensure_ascii=False, separators=(",", ":"))


def record_of(text: str, record: str) -> dict[str, Any]:
    """The ``parley.analysis/1`` dict back from an articles row's ``text`` and ``record``."""
    data = json.loads(record)
    article = data["article"]
    data["article"] = {"id": article["id"], "text": text, **article}
    return data


def flatten(record: dict[str, Any]) -> dict[str, list[Row]]:
    """The rows of every table for one analysis dict (articles: exactly one row)."""
    article = record["article"]
    keys = {"article_id": article["id"], "published_at": article.get("published")}
    names = {e["id"]: e["name"] for e in record.get("entities") or ()}
    out: dict[str, list[Row]] = {}
    for table in TABLES:
        items = [record] if table == "articles" else record.get(table) or []
        out[table] = [
            {**keys, **{col: get(item, names) for col, _, get in COLUMNS[table]}} for item in items
        ]
    return out
