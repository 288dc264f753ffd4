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
from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Match, Mount, Route
from starlette.staticfiles import StaticFiles

from parley.resources import Resources, load_resources
from parley.store.db import connect, db_path
from parley.store.errors import NotFound, QueryError, StoreError
from parley.web import pages
from parley.web.api import ENDPOINTS, Endpoint
from parley.web.openapi import document
from parley.web.params import ParamError, parse
from parley.web.security import LOCAL_HOSTS, AllowedHosts, CatchAll, SecurityHeaders, token_problem
from parley.web.writes import MAX_BODY, Refused, analyse_and_store, article_fields, read_body

STATIC = Path(__file__).resolve().parent / "static"
FAVICON = (STATIC / "favicon.svg").read_bytes()
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
            while not self._idle.empty():  # else a later request gets a closed connection
                self._idle.get_nowait()
            for conn in self._all:
                conn.close()
            self._all.clear()


def error(status: int, message: str, param: str | None = None, **headers: str) -> JSONResponse:
    body: dict[str, Any] = {"error": message, "status": status}
    if param is not None:
        body["parameter"] = param
    return JSONResponse(body, status, headers=headers or None)


def respond(path: str, status: int, message: str) -> Response:
    """An error response: JSON on the API, a page on the dashboard."""
    if path.startswith("/api/"):
        return error(status, message)
    return pages.error_page(status, message)


def guarded(run: Callable[[], Any]) -> Response:
    """Run a store query; map the store's errors to HTTP statuses."""
    try:
        return JSONResponse(run())
    except ParamError as exc:
        return error(400, str(exc), exc.param)
    except QueryError as exc:
        return error(400, str(exc))
    except NotFound as exc:
        return error(404, str(exc))
    except (StoreError, sqlite3.Error) as exc:
        return error(503, f"the store cannot answer: {exc}")


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

        return guarded(run)

    return Route(endpoint.path, handler, methods=["GET"], name=f"api_{endpoint.name}")


def post_article(store: Store, token: str | None, limit: int, resources: Resources) -> Callable:
    async def handler(request: Request) -> Response:
        problem = token_problem(request, token)
        if problem is not None:
            status, message = problem
            extra = {"WWW-Authenticate": 'Bearer realm="parley"'} if status == 401 else {}
            return error(status, message, None, **extra)
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
        return error(exc.status_code, exc.detail, None, **(exc.headers or {}))
    return pages.error_page(exc.status_code, exc.detail, exc.headers)


def favicon(request: Request) -> Response:
    return Response(FAVICON, media_type="image/svg+xml",
                    headers={"Cache-Control": "max-age=86400"})  # fmt: skip


class Options:
    """ASGI middleware answering ``OPTIONS`` with 204 and the ``Allow`` header of the path's
    routes (404 for a path no route serves)."""

    def __init__(self, app: Any, routes: list[BaseRoute]) -> None:
        self.app = app
        self.routes = routes

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "OPTIONS":
            await self.app(scope, receive, send)
            return
        methods: set[str] = set()
        for route in self.routes:
            match, _ = route.matches({**scope, "method": "GET"})
            if match is not Match.NONE:
                methods |= getattr(route, "methods", None) or {"GET", "HEAD"}
        if not methods:
            response = respond(scope["path"], 404, "Not Found")
        else:
            allow = ", ".join(sorted(methods | {"OPTIONS"}))
            response = Response(status_code=204, headers={"Allow": allow})
        await response(scope, receive, send)


def create_app(
    db: str | os.PathLike[str] | None = None,
    *,
    token: str | None = None,
    max_body: int = MAX_BODY,
    kb_dirs: Sequence[str] = (),
    model: str | None = None,
    allowed_hosts: Iterable[str] = (),
) -> Starlette:
    """The API and dashboard over the store at ``db`` (else ``$PARLEY_DB``, ``parley.db``).

    ``token`` (else ``$PARLEY_TOKEN``) enables ``POST /api/articles`` for clients that send
    it as a bearer token; without one the server is read-only. Posted articles are analysed
    with the spaCy pipeline ``model`` and the knowledge-base folders ``kb_dirs`` (as
    ``parley analyze --model --kb``), read when the first article comes unless
    ``app.state.resources.warm()`` reads them before. Raises ``NoDatabase`` /
    ``StoreError`` when the store cannot be opened, ``ParleyError`` for a ``kb_dirs`` entry
    that is not a folder.

    Requests are answered only when their ``Host`` is 127.0.0.1, localhost, [::1] or one of
    ``allowed_hosts`` (``*``: any); others get a 400 (DNS rebinding)."""
    resources = load_resources(model, tuple(kb_dirs))
    store = Store(db_path(db))
    token = token if token is not None else os.environ.get(ENV_TOKEN) or None
    spec = document(ENDPOINTS, max_body)
    routes: list[BaseRoute] = [
        Route("/api/openapi.json", lambda request: JSONResponse(spec), methods=["GET"]),
        Route("/favicon.ico", favicon, methods=["GET"]),
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
    app.add_middleware(CatchAll, respond=respond)  # inside: its 500 gets the headers
    app.add_middleware(Options, routes=routes)
    app.add_middleware(AllowedHosts, hosts=(*LOCAL_HOSTS, *allowed_hosts), respond=respond)
    app.add_middleware(SecurityHeaders)
    app.state.store = store
    app.state.read_only = not token
    app.state.resources = resources
    return app
