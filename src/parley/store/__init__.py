"""The store: analyses in SQLite (WAL, FTS5), queried by plain functions.

>>> from parley.store import connect, store_analyses, search
>>> conn = connect("parley.db", create=True)
>>> store_analyses(conn, parley.analyze_batch(texts))
>>> search(conn, "grain deal", since="2023-07-01").items

``writer`` is the only module that writes. ``queries``, ``entities`` and ``stories`` read and
return ``results`` dataclasses (``to_dict()`` for JSON); they never print. ``cli`` adds the
``parley ingest/search/quotes/events/entity/flags/stories/story/export`` commands.
"""

from parley.store.db import NoDatabase, NotFound, QueryError, StoreError, connect, db_path
from parley.store.entities import actors, entity, mentions_by_month
from parley.store.queries import article, articles, events, flags, quotes, search
from parley.store.stories import is_stale, rebuild, story
from parley.store.stories import stories as list_stories  # the module keeps the name
from parley.store.writer import StoreResult, store_analyses

__all__ = [
    "NoDatabase",
    "NotFound",
    "QueryError",
    "StoreError",
    "StoreResult",
    "actors",
    "article",
    "articles",
    "connect",
    "db_path",
    "entity",
    "events",
    "flags",
    "is_stale",
    "list_stories",
    "mentions_by_month",
    "quotes",
    "rebuild",
    "search",
    "store_analyses",
    "story",
]
