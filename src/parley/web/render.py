"""Rendering of the dashboard: the template environment (autoescaping on for every
template), its filters, error pages, and the links a list page carries (pager, sort, CSV).

Text from articles only ever reaches a page as escaped text or attribute values.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
from starlette.requests import Request
from starlette.responses import HTMLResponse

from parley.store.results import Page
from parley.web.display import excerpt, human_date

TEMPLATES = Path(__file__).resolve().parent / "templates"

ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,  # every template, whatever its name
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)


def _short(article_id: str | None) -> str:
    return (article_id or "")[7:19]


ENV.filters["short"] = _short
ENV.filters["day"] = lambda v: (v or "")[:10]
ENV.filters["excerpt"] = excerpt
ENV.filters["human_date"] = human_date
ENV.tests["web_url"] = lambda v: (
    isinstance(v, str) and v.lower().startswith(("http://", "https://"))
)


def render(template: str, code: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(ENV.get_template(template).render(**context), code)


def error_page(status: int, message: str, headers: Mapping[str, str] | None = None) -> HTMLResponse:
    response = render("error.html", status, status=status, message=message, title=f"error {status}")
    response.headers.update(headers or {})
    return response


def _kept(request: Request, *drop: str) -> dict[str, str]:
    return {k: v for k, v in request.query_params.items() if k not in drop and v != ""}


def pager(request: Request, page: Page) -> dict[str, Any]:
    """Previous/next links keeping the other parameters."""
    query = _kept(request, "offset")

    def link(offset: int) -> str:
        return "?" + urlencode({**query, "offset": offset} if offset else query)

    last = page.offset + len(page.items)
    return {
        "first": page.offset + 1 if page.items else 0,
        "last": last,
        "total": page.total,
        "prev": link(max(0, page.offset - page.limit)) if page.offset > 0 else None,
        "next": link(page.offset + page.limit) if last < page.total else None,
    }


def csv_link(request: Request, path: str) -> str:
    """The CSV download of a list: ``path`` with the page's filters, sort and offset, so
    that it holds the same rows as the page."""
    query = _kept(request)
    return path + ("?" + urlencode(query) if query else "")


class Sorter:
    """Column-header links of a list sorted on the server: a link sorts by its column
    (numbers and dates high first, text A to Z), a second click reverses the order; the
    offset is dropped (back to the first page)."""

    def __init__(self, request: Request, current: str, descending_first: set[str]) -> None:
        self.query = _kept(request, "offset", "sort")
        self.current = current
        self.descending_first = descending_first

    def href(self, key: str) -> str:
        if self.current.removeprefix("-") == key:
            sort = key if self.current.startswith("-") else "-" + key
        else:
            sort = "-" + key if key in self.descending_first else key
        return "?" + urlencode({**self.query, "sort": sort})

    def mark(self, key: str) -> str:
        """``ascending``/``descending`` for the column the list is sorted by, else ''."""
        if self.current.removeprefix("-") != key:
            return ""
        return "descending" if self.current.startswith("-") else "ascending"
