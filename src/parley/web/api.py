"""The JSON API: every read endpoint declared once in ``ENDPOINTS`` (path, parameters, the
store query it runs, the schema it returns); ``app`` routes them, ``openapi`` describes them.

Write endpoint: ``POST /api/articles`` (see ``ingest``), behind a bearer token.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from parley import store
from parley.store import stories as story_queries
from parley.store.entities import ACTOR_SORTS
from parley.store.lists import FLAG_SORTS, QUOTE_SORTS
from parley.store.order import Sorts
from parley.store.queries import ARTICLE_SORTS
from parley.store.stories import STORY_SORTS
from parley.web.params import (
    ACTOR,
    ARTICLE,
    DUPLICATES,
    EVENT_TYPE,
    FLAG_KIND,
    PAGE,
    SEVERITY,
    SINCE,
    SOURCE,
    STATUS,
    UNTIL,
    Param,
)

Run = Callable[[sqlite3.Connection, dict[str, Any]], Any]


@dataclass(frozen=True, slots=True)
class Endpoint:
    """A read-only ``GET`` endpoint: ``run(conn, args)`` returns a ``to_dict()``-able value."""

    path: str
    name: str
    summary: str
    params: tuple[Param, ...]
    run: Run
    schema: str  # name of the response schema in the OpenAPI document
    path_params: tuple[Param, ...] = ()
    tag: str = "read"


def _dup(a: dict[str, Any]) -> dict[str, Any]:
    return {"include_duplicates": a["include_duplicates"]}


def _page(a: dict[str, Any]) -> dict[str, Any]:
    return {"limit": a["limit"], "offset": a["offset"]}


def _articles(conn: sqlite3.Connection, a: dict[str, Any]) -> Any:
    return store.articles(
        conn, a["since"], a["until"], a["source"], a["actor"], **_page(a), **_dup(a),
        order=a["sort"],
    )  # fmt: skip


def _search(conn: sqlite3.Connection, a: dict[str, Any]) -> Any:
    return store.search(
        conn, a["q"], a["actor"], a["since"], a["until"], a["source"], **_page(a), **_dup(a)
    )


def _quotes(conn: sqlite3.Connection, a: dict[str, Any]) -> Any:
    return store.quotes(
        conn, a["speaker"], a["about"], a["since"], a["until"], a["source"], a["anonymous"],
        a["article"], **_page(a), **_dup(a), actor=a["actor"], order=a["sort"],
    )  # fmt: skip


def _events(conn: sqlite3.Connection, a: dict[str, Any]) -> Any:
    return store.events(
        conn, a["type"], a["actor"], a["recipient"], a["status"], a["since"], a["until"],
        a["source"], a["article"], **_page(a), **_dup(a),
    )  # fmt: skip


def _flags(conn: sqlite3.Connection, a: dict[str, Any]) -> Any:
    return store.flags(
        conn, a["kind"], a["severity"], a["since"], a["until"], a["source"], a["article"],
        **_page(a), **_dup(a), order=a["sort"],
    )  # fmt: skip


def _entities(conn: sqlite3.Connection, a: dict[str, Any]) -> Any:
    return store.actors(conn, a["q"], a["kind"], **_page(a), order=a["sort"])


def _entity(conn: sqlite3.Connection, a: dict[str, Any]) -> Any:
    return store.entity(conn, a["name"], quotes_limit=a["quotes"], **_dup(a))


def _stories(conn: sqlite3.Connection, a: dict[str, Any]) -> Any:
    page = store.list_stories(
        conn, a["since"], a["until"], a["actor"], a["min_articles"], **_page(a), order=a["sort"]
    )
    return page.to_dict() | {"stale": story_queries.is_stale(conn)}


def _story(conn: sqlite3.Connection, a: dict[str, Any]) -> Any:
    return store.story(conn, a["id"])


def _article(conn: sqlite3.Connection, a: dict[str, Any]) -> Any:
    return store.article(conn, a["id"])


ID = Param("id", "article_id", "article id: sha256:… or its first 8+ hex digits", required=True)
Q = Param("q", "search", 'search text: words, "a phrase", OR, NOT, prefix*', required=True)
DATES = (SINCE, UNTIL)


def sort_param(sorts: Sorts, default: str) -> Param:
    """The ``sort`` parameter of a list: a column, a leading minus for descending."""
    return Param("sort", "choice", "order: " + ", ".join(sorts.columns)
                 + "; a leading minus for descending", sorts.check(default),
                 choices=sorts.choices())  # fmt: skip


ARTICLE_SORT = sort_param(ARTICLE_SORTS, "-date")

ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint("/api/articles", "articles", "Stored articles, newest first (or as sorted)",
             (*DATES, SOURCE, ACTOR, ARTICLE_SORT, *PAGE, DUPLICATES), _articles,
             "ArticlePage", tag="articles"),
    Endpoint("/api/search", "search", "Full-text search of articles, best BM25 match first",
             (Q, ACTOR, *DATES, SOURCE, *PAGE, DUPLICATES), _search, "SearchPage",
             tag="articles"),
    Endpoint("/api/articles/{id}", "article",
             "One article's full parley.analysis/1 record, plus a `store` part",
             (), _article, "Analysis", path_params=(ID,), tag="articles"),
    Endpoint("/api/quotes", "quotes", "Who said what, newest first (or as sorted)",
             (Param("speaker", "str", "an actor's name, KB id or spelling, else as written"),
              Param("about", "search", "words in what was said (full-text)"),
              *DATES, SOURCE,
              Param("anonymous", "bool", "true: only unnamed sources; false: only named"),
              ARTICLE,
              Param("actor", "str", "an actor named in what was said (name, KB id or spelling)"),
              sort_param(QUOTE_SORTS, "-date"),
              *PAGE, DUPLICATES), _quotes, "QuotePage", tag="quotes"),
    Endpoint("/api/events", "events", "Who did what to whom (PLOVER), newest first",
             (EVENT_TYPE, Param("actor", "str", "who acts (name, KB id or spelling)"),
              Param("recipient", "str", "who is acted on"), STATUS, *DATES, SOURCE, ARTICLE,
              *PAGE, DUPLICATES), _events, "EventPage", tag="events"),
    Endpoint("/api/entities", "entities",
             "Actors the store knows, most mentioned first (or as sorted)",
             (Param("q", "str", "part of a name or spelling"),
              Param("kind", "str", "person, state, government, organization, group, place, …"),
              sort_param(ACTOR_SORTS, "-mentions"),
              *PAGE), _entities, "ActorPage", tag="entities"),
    Endpoint("/api/entities/{name}", "entity",
             "Who an actor is: KB record, spellings, mentions, quotes, events by month",
             (Param("quotes", "int", "recent quotes to include", 5, minimum=1, maximum=100),
              DUPLICATES), _entity, "EntityProfile",
             path_params=(Param("name", "str", "name, spelling or KB id", required=True),),
             tag="entities"),
    Endpoint("/api/stories", "stories",
             "Articles grouped by the happening they report, latest first (or as sorted)",
             (*DATES, ACTOR,
              Param("min_articles", "int", "smallest story listed", 1, minimum=1, maximum=1000),
              sort_param(STORY_SORTS, "-last_day"), *PAGE), _stories, "StoryPage",
             tag="stories"),
    Endpoint("/api/stories/{id}", "story", "One story and its timeline", (), _story,
             "StoryDetail",
             path_params=(Param("id", "int", "story id", minimum=1, maximum=2**62,
                                required=True),), tag="stories"),
    Endpoint("/api/flags", "flags",
             "What a careful reader should know, newest first (or as sorted)",
             (FLAG_KIND, SEVERITY, *DATES, SOURCE, ARTICLE,
              sort_param(FLAG_SORTS, "-date"), *PAGE, DUPLICATES), _flags, "FlagPage",
             tag="flags"),
)  # fmt: skip
