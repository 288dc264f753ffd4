"""The dashboard: server-rendered pages over the store, taking the API's parameters (a bad
value shows an error page with status 400). The lists are in ``lists``; this module has the
pages of one article, one actor and one story, and the routes of them all.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from parley import store
from parley.store.entities import quotes_by_month
from parley.store.errors import NotFound, QueryError, StoreError
from parley.web import browse
from parley.web.api import ENDPOINTS
from parley.web.charts import monthly_bars
from parley.web.display import mend_cuts
from parley.web.highlight import anchors, notes_of, segments
from parley.web.lists import LISTINGS
from parley.web.params import Param, parse
from parley.web.render import error_page, render

__all__ = ["PAGES", "error_page", "routes"]

Handler = Callable[[sqlite3.Connection, Request], Response]
Connection = Callable[[], AbstractContextManager[sqlite3.Connection]]


def _endpoint(name: str) -> Any:
    return next(e for e in ENDPOINTS if e.name == name)


def _path_param(endpoint: str, request: Request) -> Any:
    """The path parameter of a page, parsed as the API endpoint ``endpoint`` parses it."""
    (param,) = _endpoint(endpoint).path_params
    return param.parse(request.path_params[param.name])


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


def article_page(conn: sqlite3.Connection, request: Request) -> Response:
    record = store.article(conn, _path_param("article", request))
    art = record["article"]
    text = art["text"]
    notes = notes_of(record)
    entities = sorted(record.get("entities", []), key=lambda e: -len(e.get("mentions", [])))
    names = {e["id"]: e["name"] for e in record.get("entities", [])}
    links = {e["id"]: e.get("kb_id") or e["name"] for e in record.get("entities", [])}
    stories = browse.central_titles(conn, record["store"]["stories"])
    original = record["store"]["duplicate_of"]
    shown = browse.shown_titles(conn, [art["id"], original])
    heading = shown[art["id"]]
    parts = segments(text, notes)
    messages = [mend_cuts(f.get("message"), text) for f in record.get("flags", [])]
    return render("article.html", title=heading, heading=heading, untitled=heading.lead,
                  record=record, art=art, segments=parts, anchors=anchors(record, parts),
                  notes=notes, messages=messages,
                  entities=entities, names=names, links=links, stories=stories,
                  original_title=shown.get(original))  # fmt: skip


ACTOR = (_endpoint("entity").path_params[0],)


def actor_page(conn: sqlite3.Connection, request: Request) -> Response:
    a = parse(ACTOR, request.query_params, blank_is_absent=True)
    profile = store.entity(conn, a["name"], quotes_limit=10)
    key = profile.kb_id or profile.name
    events_by_month = {m.month: m.events for m in profile.events_by_month}
    chart = monthly_bars([("bar-quotes", "statements", quotes_by_month(conn, key)),
                          ("bar-events", "events", events_by_month)])  # fmt: skip
    recent = store.events(conn, actor=key, limit=15)
    titles = browse.shown_titles(
        conn, [r.article_id for r in (*profile.recent_quotes, *recent.items)]
    )
    return render("actor.html", title=profile.name, p=profile, key=key, chart=chart,
                  events=recent.items, titles=titles)  # fmt: skip


def story_page(conn: sqlite3.Connection, request: Request) -> Response:
    detail = store.story(conn, _path_param("story", request))
    titles = browse.shown_titles(conn, [t.article_id for t in detail.timeline])
    title = browse.central_titles(conn, [detail.story.id]).get(detail.story.id)
    title = title or detail.story.title or f"story {detail.story.id}"
    return render("story.html", title=title, heading=title, d=detail, titles=titles)


#: (path, handler, every parameter the page takes: in the path and in the query)
PAGES: tuple[tuple[str, Handler, tuple[Param, ...]], ...] = (
    *((lst.path, lst.html, lst.params) for _, lst in LISTINGS),
    *((lst.csv_path, lst.csv, lst.params) for _, lst in LISTINGS),
    ("/articles/{id}", article_page, _endpoint("article").path_params),
    ("/actor", actor_page, ACTOR),
    ("/stories/{id}", story_page, _endpoint("story").path_params),
)  # fmt: skip


def routes(connection: Connection) -> list[Route]:
    return [Route(path, page(fn, connection), methods=["GET"]) for path, fn, _ in PAGES]
