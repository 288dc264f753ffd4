"""The dashboard's lists (articles and search, quotes, actors, events, stories, flags): each
is one ``Listing`` with the parameters of its API endpoint, a query, an HTML view and a
CSV table of the same rows, served at ``path`` and ``path.csv`` (the home page's CSV is
``/articles.csv``).
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from parley import store
from parley.store import stories as story_queries
from parley.store.results import Page
from parley.web import browse
from parley.web.api import ENDPOINTS
from parley.web.csvout import csv_response, plain
from parley.web.display import mend_cuts
from parley.web.params import Param, ParamError, parse
from parley.web.render import Sorter, csv_link, pager, render

MARKS = ("\x02", "\x03")  # snippet highlight marks, replaced by <mark> in the template

Args = dict[str, Any]
Table = tuple[list[str], list[list[Any]]]


@dataclass(frozen=True, slots=True)
class Listing:
    path: str
    csv_path: str
    params: tuple[Param, ...]
    fetch: Callable[[sqlite3.Connection, Args], Page]
    view: Callable[[sqlite3.Connection, Request, Args, Page], Response]
    table: Callable[[sqlite3.Connection, Args, Page], Table]

    def html(self, conn: sqlite3.Connection, request: Request) -> Response:
        a = parse(self.params, request.query_params, blank_is_absent=True)
        return self.view(conn, request, a, self.fetch(conn, a))

    def csv(self, conn: sqlite3.Connection, request: Request) -> Response:
        a = parse(self.params, request.query_params, blank_is_absent=True)
        header, rows = self.table(conn, a, self.fetch(conn, a))
        return csv_response(self.csv_path.rsplit("/", 1)[-1], header, rows)


def _params(name: str) -> tuple[Param, ...]:
    return next(e.params for e in ENDPOINTS if e.name == name)


def _dup(a: Args) -> dict[str, Any]:
    return {"include_duplicates": a["include_duplicates"]}


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


def _common(request: Request, a: Args, result: Page, csv_path: str) -> dict[str, Any]:
    return {"args": a, "pager": pager(request, result), "csv": csv_link(request, csv_path)}


# --- articles and search ------------------------------------------------------------------

#: the home page: the search's parameters (``q`` optional) and the article list's ``sort``
#: (no default: a search is ranked by relevance)
SEARCH = (
    *(p.optional() if p.name == "q" else p for p in _params("search")),
    *(dataclasses.replace(p, default=None) for p in _params("articles") if p.name == "sort"),
)
ARTICLES_BY = "-date"


def _articles(conn: sqlite3.Connection, a: Args) -> Page:
    if a["q"]:
        if a["sort"]:
            raise ParamError("sort", "a search is ranked by relevance; sort orders the list "
                             "of articles (without q)")  # fmt: skip
        return store.search(conn, a["q"], a["actor"], a["since"], a["until"], a["source"],
                            a["limit"], a["offset"], marks=MARKS, **_dup(a))  # fmt: skip
    return store.articles(conn, a["since"], a["until"], a["source"], a["actor"], a["limit"],
                          a["offset"], **_dup(a), order=a["sort"] or ARTICLES_BY)  # fmt: skip


def _articles_view(conn: sqlite3.Connection, request: Request, a: Args, result: Page) -> Response:
    sorter = Sorter(request, a["sort"] or ARTICLES_BY, {"date", "entities", "quotes", "events",
                                                          "flags"})  # fmt: skip
    return render("search.html", title="search" if a["q"] else "articles", sorter=sorter,
                  hits=result if a["q"] else None, rows=None if a["q"] else result,
                  titles=browse.shown_titles(conn, [r.id for r in result.items]),
                  parts=snippet_parts,
                  **_common(request, a, result, "/articles.csv"))  # fmt: skip


def _articles_table(conn: sqlite3.Connection, a: Args, result: Page) -> Table:
    titles = browse.shown_titles(conn, [r.id for r in result.items])
    if a["q"]:
        header = ["published", "source", "title", "score", "snippet", "article_id"]
        rows = [[h.published, h.source, titles[h.id], h.score,
                 h.snippet.replace(MARKS[0], "").replace(MARKS[1], ""), h.id]
                for h in result.items]  # fmt: skip
        return header, rows
    header = ["published", "source", "title", "entities", "quotes", "events", "flags",
              "duplicate_of", "url", "article_id"]  # fmt: skip
    rows = [[r.published, r.source, titles[r.id], r.entities, r.quotes, r.events, r.flags,
             r.duplicate_of, r.url, r.id] for r in result.items]  # fmt: skip
    return header, rows


# --- quotes -------------------------------------------------------------------------------

QUOTES = _params("quotes")


def _quotes(conn: sqlite3.Connection, a: Args) -> Page:
    return store.quotes(conn, a["speaker"], a["about"], a["since"], a["until"], a["source"],
                        a["anonymous"], a["article"], a["limit"], a["offset"], **_dup(a),
                        actor=a["actor"], order=a["sort"])  # fmt: skip


def _quotes_view(conn: sqlite3.Connection, request: Request, a: Args, result: Page) -> Response:
    return render("quotes.html", title="quotes", rows=result.items,
                  context=browse.in_sentence(conn, result.items),
                  titles=browse.shown_titles(conn, [r.article_id for r in result.items]),
                  sorter=Sorter(request, a["sort"], {"date"}),
                  **_common(request, a, result, "/quotes.csv"))  # fmt: skip


def _quotes_table(conn: sqlite3.Connection, a: Args, result: Page) -> Table:
    titles = browse.shown_titles(conn, [r.article_id for r in result.items])
    context = browse.in_sentence(conn, result.items)
    header = ["published", "speaker", "speaker_as_written", "speaker_kb_id", "anonymous", "cue",
              "quote", "sentence", "kind", "channel", "article_title", "article_id"]  # fmt: skip
    rows = [[q.published, q.speaker_name or q.speaker, q.speaker, q.speaker_kb_id, q.anonymous,
             q.cue, q.content, plain("".join(c)), q.kind, q.channel, titles[q.article_id],
             q.article_id] for q, c in zip(result.items, context, strict=True)]  # fmt: skip
    return header, rows


# --- actors -------------------------------------------------------------------------------

ACTORS = _params("entities")


def _actors(conn: sqlite3.Connection, a: Args) -> Page:
    return store.actors(conn, a["q"], a["kind"], a["limit"], a["offset"], order=a["sort"])


def _actors_view(conn: sqlite3.Connection, request: Request, a: Args, result: Page) -> Response:
    sorts = next(p.choices for p in ACTORS if p.name == "sort")
    return render("actors.html", title="actors", rows=result.items,
                  kinds=browse.actor_kinds(conn), sorts=sorts,
                  sorter=Sorter(request, a["sort"], {"articles", "mentions", "last_seen"}),
                  **_common(request, a, result, "/actors.csv"))  # fmt: skip


def _actors_table(conn: sqlite3.Connection, a: Args, result: Page) -> Table:
    header = ["name", "kind", "country", "sector", "kb_id", "wikidata", "articles", "mentions",
              "last_seen"]  # fmt: skip
    rows = [[r.name, r.kind, r.country, r.sector, r.kb_id, r.wikidata, r.articles, r.mentions,
             r.last_seen] for r in result.items]  # fmt: skip
    return header, rows


# --- events -------------------------------------------------------------------------------

EVENTS = _params("events")


def _events(conn: sqlite3.Connection, a: Args) -> Page:
    return store.events(conn, a["type"], a["actor"], a["recipient"], a["status"], a["since"],
                        a["until"], a["source"], a["article"], a["limit"], a["offset"],
                        **_dup(a))  # fmt: skip


def _events_view(conn: sqlite3.Connection, request: Request, a: Args, result: Page) -> Response:
    days: dict[str, list[Any]] = {}
    for e in result.items:
        days.setdefault(e.day or "undated", []).append(e)
    types = next(p.choices for p in EVENTS if p.name == "type")
    statuses = next(p.choices for p in EVENTS if p.name == "status")
    return render("events.html", title="events", days=days, types=types, statuses=statuses,
                  titles=browse.shown_titles(conn, [e.article_id for e in result.items]),
                  **_common(request, a, result, "/events.csv"))  # fmt: skip


def _events_table(conn: sqlite3.Connection, a: Args, result: Page) -> Table:
    header = ["day", "type", "actors", "recipients", "status", "negated", "trigger", "when",
              "when_basis", "where", "mode", "confidence", "article_id", "event_id"]  # fmt: skip
    rows = [[e.day, e.type, e.actors, e.recipients, e.status, e.negated, e.trigger, e.when,
             e.when_basis, e.where, e.mode, e.confidence, e.article_id, e.event_id]
            for e in result.items]  # fmt: skip
    return header, rows


# --- stories ------------------------------------------------------------------------------

STORIES = _params("stories")


def _stories(conn: sqlite3.Connection, a: Args) -> Page:
    return store.list_stories(conn, a["since"], a["until"], a["actor"], a["min_articles"],
                              a["limit"], a["offset"], order=a["sort"])  # fmt: skip


def _stories_view(conn: sqlite3.Connection, request: Request, a: Args, result: Page) -> Response:
    return render("stories.html", title="stories", rows=result.items,
                  titles=browse.central_titles(conn, [s.id for s in result.items]),
                  stale=story_queries.is_stale(conn),
                  sorter=Sorter(request, a["sort"], {"last_day", "first_day", "articles"}),
                  **_common(request, a, result, "/stories.csv"))  # fmt: skip


def _stories_table(conn: sqlite3.Connection, a: Args, result: Page) -> Table:
    titles = browse.central_titles(conn, [s.id for s in result.items])
    header = ["story", "title", "first_day", "last_day", "articles", "duplicates", "actors",
              "terms"]  # fmt: skip
    rows = [[s.id, titles.get(s.id, s.title), s.first_day, s.last_day, s.articles,
             s.duplicates, s.actors, s.terms] for s in result.items]  # fmt: skip
    return header, rows


# --- flags --------------------------------------------------------------------------------

FLAGS = _params("flags")


def _flags(conn: sqlite3.Connection, a: Args) -> Page:
    return store.flags(conn, a["kind"], a["severity"], a["since"], a["until"], a["source"],
                       a["article"], a["limit"], a["offset"], **_dup(a),
                       order=a["sort"])  # fmt: skip


def _messages(conn: sqlite3.Connection, result: Page) -> list[str]:
    """The flags' messages, quoted passages cut inside a word mended (``mend_cuts``)."""
    texts = browse.texts(conn, [f.article_id for f in result.items])
    return [mend_cuts(f.message, texts.get(f.article_id, "")) for f in result.items]


def _flags_view(conn: sqlite3.Connection, request: Request, a: Args, result: Page) -> Response:
    return render("flags.html", title="flags", rows=result.items,
                  messages=_messages(conn, result),
                  titles=browse.shown_titles(conn, [r.article_id for r in result.items]),
                  sorter=Sorter(request, a["sort"], {"date", "severity"}),
                  **_common(request, a, result, "/flags.csv"))  # fmt: skip


def _flags_table(conn: sqlite3.Connection, a: Args, result: Page) -> Table:
    titles = browse.shown_titles(conn, [r.article_id for r in result.items])
    header = ["published", "kind", "severity", "message", "passages", "article_title",
              "article_id"]  # fmt: skip
    rows = [[f.published, f.kind, f.severity, message, [s.get("text") for s in f.spans],
             titles[f.article_id], f.article_id]
            for f, message in zip(result.items, _messages(conn, result), strict=True)]  # fmt: skip
    return header, rows


#: (API endpoint whose parameters the list takes, the list)
LISTINGS: tuple[tuple[str, Listing], ...] = (
    ("search", Listing("/", "/articles.csv", SEARCH, _articles, _articles_view, _articles_table)),
    ("quotes", Listing("/quotes", "/quotes.csv", QUOTES, _quotes, _quotes_view, _quotes_table)),
    ("entities", Listing("/actors", "/actors.csv", ACTORS, _actors, _actors_view,
                         _actors_table)),
    ("events", Listing("/events", "/events.csv", EVENTS, _events, _events_view, _events_table)),
    ("stories", Listing("/stories", "/stories.csv", STORIES, _stories, _stories_view,
                        _stories_table)),
    ("flags", Listing("/flags", "/flags.csv", FLAGS, _flags, _flags_view, _flags_table)),
)  # fmt: skip
