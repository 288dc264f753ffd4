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

from parley.report import report_width
from parley.store.filters import MAX_TOTAL
from parley.store.results import Page

#: snippet highlight marks for the table (replaced by a style) and for JSON/CSV
TABLE_MARKS = ("\x02", "\x03")
TEXT_MARKS = ("[", "]")

Column = tuple[str, Callable[[Any], Any]]


#: columns that shrink (one line each, cut with an ellipsis); the others keep their width
SHRINK = {"title", "snippet", "quote", "message", "trigger", "actors", "recipients", "terms",
          "when", "speaker", "cue", "source", "note"}  # fmt: skip


MAX_FIXED = 24  # the widest a column that is never cut may claim
MIN_TEXT = 6  # the narrowest a text column gets
MAX_NAME = 24  # the widest a column of names gets (``NAMES``), when room is short
NAMES = {"source", "speaker", "cue", "actors", "recipients", "trigger"}


def console() -> Console:
    """A console as wide as the terminal, else ``$COLUMNS``, else 100 (as the report)."""
    return Console(
        file=sys.stdout, highlight=False, soft_wrap=False, width=report_width(sys.stdout)
    )


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
    elif not page.items:  # no empty table: one line
        print(caption(page, noun))
    else:
        out = console()
        table = Table(caption=caption(page, noun), caption_justify="left", show_lines=False)
        rows = [[_one_line(_text(get(item))) for _, get in columns] for item in page.items]
        headers = [header for header, _ in columns]
        for header, width in zip(headers, widths(headers, rows, out.width), strict=True):
            table.add_column(header, width=width, overflow="ellipsis", no_wrap=True)
        for row in rows:
            table.add_row(*row)
        out.print(table)


def widths(headers: list[str], rows: list[list[Any]], total: int) -> list[int]:
    """Column widths that fit ``total``: dates, counts and ids keep their content's width (up
    to ``MAX_FIXED``); text columns (``SHRINK``) share the rest by their content's width."""
    natural = [
        max([len(h), *(len(str(r[k]).strip()) for r in rows)]) for k, h in enumerate(headers)
    ]
    fixed = [
        min(n, MAX_FIXED) if h not in SHRINK else 0 for h, n in zip(headers, natural, strict=True)
    ]
    room = total - sum(fixed) - (3 * len(headers) + 1)  # borders and padding
    wants = {k: min(natural[k], MAX_NAME) if h in NAMES else natural[k]
             for k, h in enumerate(headers) if h in SHRINK}  # fmt: skip
    if sum(wants.values()) <= room:
        return [fixed[k] or wants.get(k, 1) for k in range(len(headers))]
    cap = max(MIN_TEXT, room // max(1, len(wants)))  # water-filling: short ones keep all
    while cap < room and sum(min(n, cap + 1) for n in wants.values()) <= room:
        cap += 1
    share = {k: min(n, max(MIN_TEXT, cap)) for k, n in wants.items()}
    return [fixed[k] or share[k] for k in range(len(headers))]


def _one_line(value: Text | str) -> Text | str:
    if isinstance(value, Text):
        return Text(" ").join(value.split("\n")) if "\n" in value.plain else value
    return " ".join(value.splitlines())


def _text(value: Any) -> Text | str:
    return value if isinstance(value, Text) else cell(value)
