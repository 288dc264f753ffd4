"""CSV downloads of the dashboard's lists: UTF-8 with a byte-order mark (spreadsheets then
read it as UTF-8), lists joined with "; ", objects as JSON, and text that a spreadsheet
would run as a formula (``=``, ``+``, ``-``, ``@``, a tab or a carriage return first) kept
as text with a leading apostrophe."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from starlette.responses import Response

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def plain(text: str) -> str:
    """Text on one line (runs of white space as one space)."""
    return " ".join(text.split())


def cell(value: Any) -> Any:
    """A value as a CSV cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    if isinstance(value, list | tuple):
        value = "; ".join(str(v) for v in value if v is not None)
    elif isinstance(value, dict):
        value = json.dumps(value, ensure_ascii=False, sort_keys=True)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def to_csv(header: list[str], rows: Iterable[list[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell(v) for v in row])
    return out.getvalue()


def csv_response(filename: str, header: list[str], rows: Iterable[list[Any]]) -> Response:
    return Response(
        "\ufeff" + to_csv(header, rows),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
