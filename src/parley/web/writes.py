"""``POST /api/articles``: read a bounded JSON body, analyse it with ``parley.analyze_batch``
(the one analysis function) and store it through the store's writer."""

from __future__ import annotations

import json
import sqlite3
import threading
from typing import Any

from starlette.requests import Request

from parley.errors import InputError, ParleyError
from parley.ingest import TextTooLarge, check_input
from parley.ingest.text import MAX_TEXT_BYTES
from parley.model import Article
from parley.pipeline import analyze_batch
from parley.resources import Resources
from parley.store import store_analyses

# A 5 MB text (MAX_TEXT_BYTES) may take three times that as JSON (\u0439 is 6 bytes for 2
# of UTF-8): the body may be larger, and the text is then checked like any input.
MAX_BODY = 4 * MAX_TEXT_BYTES  # bytes
FIELDS = ("text", "title", "source", "url", "published")


class Refused(Exception):
    """A request the API answers with ``status`` and ``message`` instead of storing."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it is known to exceed ``limit``."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise Refused(400, "Content-Length is not a number")
        if int(declared) > limit:
            raise Refused(413, f"request body over the {limit:,} byte limit")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise Refused(413, f"request body over the {limit:,} byte limit")
    return bytes(body)


def article_fields(body: bytes, content_type: str) -> dict[str, str | None]:
    """The article's fields from a JSON object body (``text`` required)."""
    if content_type.split(";")[0].strip().lower() not in ("application/json", ""):
        raise Refused(415, "send the article as application/json")
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Refused(400, f"body is not valid UTF-8 JSON: {exc}") from None
    if not isinstance(data, dict):
        raise Refused(400, "body must be a JSON object with at least a 'text' field")
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        raise Refused(400, f"unknown field {unknown[0]!r}; use {', '.join(FIELDS)}")
    for name in FIELDS:
        if data.get(name) is not None and not isinstance(data[name], str):
            raise Refused(400, f"field {name!r} must be a string")
    if data.get("text") is None:
        raise Refused(400, "field 'text' is missing")
    return {name: data.get(name) for name in FIELDS}


def check_article(text: str) -> None:
    """The input check of the CLI and batch (``parley.ingest.check_input``: empty text, NUL,
    size, encoding, language), refused with its reason: 413 for a text over 5 MB, else 400."""
    try:
        check_input(text, "api")
    except TextTooLarge as err:
        raise Refused(413, err.reason) from None
    except InputError as err:
        raise Refused(400, err.reason) from None


def _summary(conn: sqlite3.Connection, article_id: str, stored: bool) -> dict[str, Any] | None:
    """What a POST answers about the stored article ``article_id`` (None if not stored)."""
    row = conn.execute(
        "SELECT a.pk, d.id, a.n_entities, a.n_quotes, a.n_events, a.n_flags "
        "FROM articles a LEFT JOIN articles d ON d.pk = a.duplicate_of WHERE a.id = ?",
        (article_id,),
    ).fetchone()
    if row is None:
        return None
    pk, duplicate_of, entities, quotes, events, flags = row
    (times,) = conn.execute("SELECT count(*) FROM times WHERE article = ?", (pk,)).fetchone()
    counts = {"entities": entities, "quotes": quotes, "events": events, "times": times}
    return {
        "id": article_id,
        "stored": stored,
        "duplicate_of": duplicate_of,
        "url": f"/api/articles/{article_id}",
        "page": f"/articles/{article_id}",
        "counts": counts | {"flags": flags},
    }


# One analysis at a time (the server's one spaCy pipeline and resources); not the store's
# write lock, which a POST holds only to write.
_ANALYSING = threading.Lock()


def analyse_and_store(
    conn: sqlite3.Connection,
    fields: dict[str, str | None],
    lock: threading.Lock,
    resources: Resources | None = None,
) -> tuple[int, dict[str, Any]]:
    """Analyse and store one article; (201, summary) when new, (200, summary) when the same
    text was already stored (then it is not analysed again). ``resources`` are the server's
    model and knowledge base (the defaults if None). The analysis runs outside ``lock``
    (the store's one writer), which is held only to write: a long analysis does not hold
    up other writes. The store checks again, in its write transaction, that the text is
    not stored (by a request that wrote while this one analysed)."""
    article = Article(
        text=fields["text"] or "", title=fields["title"], source=fields["source"],
        url=fields["url"], published=fields["published"], input="api",
    )  # fmt: skip
    check_article(article.text)
    known = _summary(conn, article.id, stored=False)
    if known is not None:
        return 200, known
    with _ANALYSING:
        try:
            analysis = next(iter(analyze_batch([article], resources=resources)))
        except ParleyError as exc:
            raise Refused(422, str(exc)) from None
    with lock:
        result = store_analyses(conn, [analysis])
    summary = _summary(conn, article.id, stored=bool(result.stored))
    assert summary is not None  # stored now, by this request or another one
    return (201 if result.stored else 200), summary
