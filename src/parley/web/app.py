"""The application: routes of the API and the dashboard, the store's connections, errors.

Read handlers are plain functions: Starlette runs them in its thread pool, and each thread
keeps its own SQLite connection (WAL lets readers run beside the one writer).
"""

from __future__ import annotations

import contextlib
import os
import queue
import sqlite3
import threading
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from parley.resources import Resources, load_resources
from parley.store.db import connect, db_path
from parley.store.errors import NotFound, QueryError, StoreError
from parley.web import pages
from parley.web.api import ENDPOINTS, Endpoint
from parley.web.openapi import document
from parley.web.params import parse
from parley.web.security import SecurityHeaders, token_problem
from parley.web.writes import MAX_BODY, Refused, analyse_and_store, article_fields, read_body

STATIC = Path(__file__).resolve().parent / "static"
ENV_TOKEN = "PARLEY_TOKEN"


class Store:
    """A pool of SQLite connections, each used by one thread at a time and returned after
    the request (threads of the pool come and go; connections stay); one writer at a time."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.write_lock = threading.Lock()
        self._idle: queue.SimpleQueue[sqlite3.Connection] = queue.SimpleQueue()
        self._all: list[sqlite3.Connection] = []
        self._guard = threading.Lock()
        connect(path).close()  # fail now (NoDatabase, StoreError) rather than per request

    @contextlib.contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        try:
            conn = self._idle.get_nowait()
        except queue.Empty:
            conn = connect(self.path, check_same_thread=False)
            with self._guard:
                self._all.append(conn)
        try:
            yield conn
        finally:
            if conn.in_transaction:
                conn.rollback()
            self._idle.put(conn)

    def close(self) -> None:
        with self._guard:
            for conn in self._all:
                conn.close()
            self._all.clear()


def error(status: int, message: str, **headers: str) -> JSONResponse:
    return JSONResponse({"error": message, "status": status}, status, headers=headers or None)


def guarded(run: Callable[[], Any]) -> tuple[int, Any]:
    """Run a store query; map the store's errors to HTTP statuses."""
    try:
        return 200, run()
    except QueryError as exc:
        return 400, str(exc)
    except NotFound as exc:
        return 404, str(exc)
    except StoreError as exc:
        return 503, str(exc)
    except sqlite3.Error as exc:
        return 500, f"database error: {exc}"


def _json(value: Any) -> Any:
    return value.to_dict() if hasattr(value, "to_dict") else value


def api_route(endpoint: Endpoint, store: Store) -> Route:
    def handler(request: Request) -> Response:
        def run() -> Any:
            args = parse(endpoint.params, request.query_params)
            for p in endpoint.path_params:
                args[p.name] = p.parse(request.path_params[p.name])
            with store.connection() as conn:
                return _json(endpoint.run(conn, args))

        status, body = guarded(run)
        return JSONResponse(body) if status == 200 else error(status, body)

    return Route(endpoint.path, handler, methods=["GET"], name=f"api_{endpoint.name}")


def post_article(store: Store, token: str | None, limit: int, resources: Resources) -> Callable:
    async def handler(request: Request) -> Response:
        problem = token_problem(request, token)
        if problem is not None:
            status, message = problem
            extra = {"WWW-Authenticate": 'Bearer realm="parley"'} if status == 401 else {}
            return error(status, message, **extra)
        try:
            body = await read_body(request, limit)
            fields = article_fields(body, request.headers.get("content-type", ""))

            def write() -> tuple[int, dict[str, Any]]:
                with store.connection() as conn:
                    return analyse_and_store(conn, fields, store.write_lock, resources)

            status, summary = await run_in_threadpool(write)
        except Refused as exc:
            return error(exc.status, exc.message)
        except (StoreError, sqlite3.Error) as exc:
            return error(503, f"cannot store the article: {exc}")
        return JSONResponse(summary, status)

    return handler


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if request.url.path.startswith("/api/"):
        return error(exc.status_code, exc.detail, **(exc.headers or {}))
    return pages.error_page(exc.status_code, exc.detail)


def create_app(
    db: str | os.PathLike[str] | None = None,
    *,
    token: str | None = None,
    max_body: int = MAX_BODY,
    kb_dirs: Sequence[str] = (),
    model: str | None = None,
) -> Starlette:
    """The API and dashboard over the store at ``db`` (else ``$PARLEY_DB``, ``parley.db``).

    ``token`` (else ``$PARLEY_TOKEN``) enables ``POST /api/articles`` for clients that send
    it as a bearer token; without one the server is read-only. Posted articles are analysed
    with the spaCy pipeline ``model`` and the knowledge-base folders ``kb_dirs`` (as
    ``parley analyze --model --kb``), read when the first article comes unless
    ``app.state.resources.warm()`` reads them before. Raises ``NoDatabase`` /
    ``StoreError`` when the store cannot be opened, ``ParleyError`` for a ``kb_dirs`` entry
    that is not a folder."""
    resources = load_resources(model, tuple(kb_dirs))
    store = Store(db_path(db))
    token = token if token is not None else os.environ.get(ENV_TOKEN) or None
    spec = document(ENDPOINTS, max_body)
    routes: list[BaseRoute] = [
        Route("/api/openapi.json", lambda request: JSONResponse(spec), methods=["GET"]),
        Route("/api/articles", post_article(store, token, max_body, resources), methods=["POST"]),
        *(api_route(e, store) for e in ENDPOINTS),
        *pages.routes(store.connection),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        store.close()

    app = Starlette(
        routes=routes,
        exception_handlers={HTTPException: _http_error},
        lifespan=lifespan,
    )
    app.add_middleware(SecurityHeaders)
    app.state.store = store
    app.state.read_only = not token
    app.state.resources = resources
    return app
