"""The dashboard: server-rendered pages over the same store queries as the API.

Templates are rendered with autoescaping on for every template; text from articles only
ever reaches the page as escaped text or attribute values. Pages take the API's parameters
(a bad value shows an error page with status 400).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from parley import store
from parley.store import stories as story_queries
from parley.store.entities import quotes_by_month
from parley.store.errors import NotFound, QueryError, StoreError
from parley.store.results import Page
from parley.web.api import ENDPOINTS
from parley.web.charts import monthly_bars
from parley.web.highlight import notes_of, segments
from parley.web.params import Param, parse

TEMPLATES = Path(__file__).resolve().parent / "templates"
MARKS = ("\x02", "\x03")  # snippet highlight marks, replaced by <mark> in the template

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
ENV.tests["web_url"] = lambda v: (
    isinstance(v, str) and v.lower().startswith(("http://", "https://"))
)


def render(template: str, code: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(ENV.get_template(template).render(**context), code)


def error_page(status: int, message: str, headers: Mapping[str, str] | None = None) -> HTMLResponse:
    response = render("error.html", status, status=status, message=message, title=f"error {status}")
    response.headers.update(headers or {})
    return response


def _params(name: str) -> tuple[Param, ...]:
    return next(e.params for e in ENDPOINTS if e.name == name)


def _optional_q(params: tuple[Param, ...]) -> tuple[Param, ...]:
    return tuple(p.optional() if p.name == "q" else p for p in params)


def _path_param(endpoint: str, request: Request) -> Any:
    """The path parameter of a page, parsed as the API endpoint ``endpoint`` parses it."""
    (param,) = next(e.path_params for e in ENDPOINTS if e.name == endpoint)
    return param.parse(request.path_params[param.name])


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """A search snippet as (text, highlighted) pieces."""
    parts: list[tuple[str, bool]] = []
    rest = snippet
    while MARKS[0] in rest:
        before, _, after = rest.partition(MARKS[0])
        inside, _, rest = after.partition(MARKS[1])
        parts += [(before, False), (inside, True)]
    parts.append((rest, False))
    return [p for p in parts if p[0]]


def pager(request: Request, page: Page) -> dict[str, Any]:
    """Previous/next links keeping the other parameters."""
    query = {k: v for k, v in request.query_params.items() if k != "offset" and v != ""}

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


Handler = Callable[[sqlite3.Connection, Request], Response]


Connection = Callable[[], AbstractContextManager[sqlite3.Connection]]


def page(handler: Handler, connection: Connection) -> Callable:
    def endpoint(request: Request) -> Response:
        try:
            with connection() as conn:
                return handler(conn, request)
        except QueryError as exc:
            return error_page(400, str(exc))
        except NotFound as exc:
            return error_page(404, str(exc))
        except (StoreError, sqlite3.Error) as exc:
            return error_page(503, f"the store cannot answer: {exc}")

    return endpoint


# --- the pages ----------------------------------------------------------------------------

SEARCH = _optional_q(_params("search"))


def search_page(conn: sqlite3.Connection, request: Request) -> Response:
    a = parse(SEARCH, request.query_params, blank_is_absent=True)
    hits, rows = None, None
    if a["q"]:
        hits = store.search(conn, a["q"], a["actor"], a["since"], a["until"], a["source"],
                            a["limit"], a["offset"], include_duplicates=a["include_duplicates"],
                            marks=MARKS)  # fmt: skip
        result: Page = hits
    else:
        rows = store.articles(conn, a["since"], a["until"], a["source"], a["actor"],
                              a["limit"], a["offset"],
                              include_duplicates=a["include_duplicates"])  # fmt: skip
        result = rows
    return render("search.html", title="search" if a["q"] else "articles", args=a, hits=hits,
                  rows=rows, pager=pager(request, result), parts=snippet_parts)  # fmt: skip


def article_page(conn: sqlite3.Connection, request: Request) -> Response:
    record = store.article(conn, _path_param("article", request))
    text = record["article"]["text"]
    notes = notes_of(record)
    entities = sorted(record.get("entities", []), key=lambda e: -len(e.get("mentions", [])))
    names = {e["id"]: e["name"] for e in record.get("entities", [])}
    return render("article.html", title=record["article"].get("title") or "article",
                  record=record, art=record["article"], segments=segments(text, notes),
                  notes=notes, entities=entities, names=names)  # fmt: skip


def actor_page(conn: sqlite3.Connection, request: Request) -> Response:
    name = next(e.path_params[0] for e in ENDPOINTS if e.name == "entity")
    a = parse((name,), request.query_params, blank_is_absent=True)
    profile = store.entity(conn, a["name"], quotes_limit=10)
    key = profile.kb_id or profile.name
    events_by_month = {m.month: m.events for m in profile.events_by_month}
    chart = monthly_bars([("bar-quotes", "statements", quotes_by_month(conn, key)),
                          ("bar-events", "events", events_by_month)])  # fmt: skip
    recent = store.events(conn, actor=key, limit=15)
    return render("actor.html", title=profile.name, p=profile, chart=chart, events=recent.items)


ACTORS = _params("entities")


def actors_page(conn: sqlite3.Connection, request: Request) -> Response:
    a = parse(ACTORS, request.query_params, blank_is_absent=True)
    result = store.actors(conn, a["q"], a["kind"], a["limit"], a["offset"])
    return render("actors.html", title="actors", args=a, rows=result.items,
                  pager=pager(request, result))  # fmt: skip


EVENTS = _params("events")


def events_page(conn: sqlite3.Connection, request: Request) -> Response:
    a = parse(EVENTS, request.query_params, blank_is_absent=True)
    result = store.events(conn, a["type"], a["actor"], a["recipient"], a["status"], a["since"],
                          a["until"], a["source"], a["article"], a["limit"], a["offset"],
                          include_duplicates=a["include_duplicates"])  # fmt: skip
    days: dict[str, list[Any]] = {}
    for e in result.items:
        days.setdefault(e.day or "undated", []).append(e)
    types = next(p.choices for p in EVENTS if p.name == "type")
    statuses = next(p.choices for p in EVENTS if p.name == "status")
    return render("events.html", title="events", args=a, days=days, types=types,
                  statuses=statuses, pager=pager(request, result))  # fmt: skip


STORIES = _params("stories")


def stories_page(conn: sqlite3.Connection, request: Request) -> Response:
    a = parse(STORIES, request.query_params, blank_is_absent=True)
    result = store.list_stories(conn, a["since"], a["until"], a["actor"], a["min_articles"],
                                a["limit"], a["offset"])  # fmt: skip
    return render("stories.html", title="stories", args=a, rows=result.items,
                  stale=story_queries.is_stale(conn), pager=pager(request, result))  # fmt: skip


def story_page(conn: sqlite3.Connection, request: Request) -> Response:
    detail = store.story(conn, _path_param("story", request))
    return render("story.html", title=detail.story.title or f"story {detail.story.id}", d=detail)


FLAGS = (*_params("flags"),)


def flags_page(conn: sqlite3.Connection, request: Request) -> Response:
    a = parse(FLAGS, request.query_params, blank_is_absent=True)
    result = store.flags(conn, a["kind"], a["severity"], a["since"], a["until"], a["source"],
                         a["article"], a["limit"], a["offset"],
                         include_duplicates=a["include_duplicates"])  # fmt: skip
    return render("flags.html", title="flags", args=a, rows=result.items,
                  pager=pager(request, result))  # fmt: skip


#: (path, handler, the API endpoint whose parameters the page takes)
PAGES: tuple[tuple[str, Handler, str], ...] = (
    ("/", search_page, "search"), ("/articles/{id}", article_page, "article"),
    ("/actor", actor_page, "entity"), ("/actors", actors_page, "entities"),
    ("/events", events_page, "events"), ("/stories", stories_page, "stories"),
    ("/stories/{id}", story_page, "story"), ("/flags", flags_page, "flags"),
)  # fmt: skip


def routes(connection: Connection) -> list[Route]:
    return [Route(path, page(fn, connection), methods=["GET"]) for path, fn, _ in PAGES]
