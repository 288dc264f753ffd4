"""Printing query results: a rich table, JSON (``--json``) or CSV (``--csv``)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from parley.store.filters import MAX_TOTAL
from parley.store.results import Page

#: snippet highlight marks for the table (replaced by a style) and for JSON/CSV
TABLE_MARKS = ("\x02", "\x03")
TEXT_MARKS = ("[", "]")

Column = tuple[str, Callable[[Any], Any]]


def console() -> Console:
    return Console(file=sys.stdout, highlight=False, soft_wrap=False)


def cell(value: Any) -> str:
    """A value as one CSV/table cell: lists joined with '; ', dicts as JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def marked(text: str, style: str = "bold yellow") -> Text:
    """Snippet text with ``TABLE_MARKS`` turned into highlighted spans."""
    out = Text()
    start, stop = TABLE_MARKS
    for i, part in enumerate(text.replace(stop, start).split(start)):
        out.append(part, style=style if i % 2 else None)
    return out


def print_json(obj: Any) -> None:
    data = obj.to_dict() if hasattr(obj, "to_dict") else obj
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def print_csv(items: Sequence[Any], fields: list[str] | None = None) -> None:
    rows = [i.to_dict() if hasattr(i, "to_dict") else i for i in items]
    if fields is None:
        fields = list(rows[0]) if rows else []
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(fields)
    for row in rows:
        writer.writerow([cell(row.get(f)) for f in fields])


def caption(page: Page, noun: str) -> str:
    if not page.items:
        return f"no {noun}"
    total = f"{page.total}+" if page.total >= MAX_TOTAL else str(page.total)
    first = page.offset + 1
    return f"{first}–{page.offset + len(page.items)} of {total} {noun}"


def print_page(page: Page, columns: list[Column], noun: str, fmt: str, fields=None) -> None:
    """One page of rows as ``fmt`` (``table``, ``json`` or ``csv``)."""
    if fmt == "json":
        print_json(page)
    elif fmt == "csv":
        print_csv(page.items, fields)
    else:
        table = Table(caption=caption(page, noun), caption_justify="left", show_lines=False)
        for header, _ in columns:
            table.add_column(header, overflow="fold")
        for item in page.items:
            table.add_row(*[_text(get(item)) for _, get in columns])
        console().print(table)


def _text(value: Any) -> Text | str:
    return value if isinstance(value, Text) else cell(value)
