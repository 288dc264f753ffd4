"""Security headers on every response, the allowed-hosts check, the catch-all error
handler, and the bearer-token check of write endpoints."""

from __future__ import annotations

import hmac
import logging
from collections.abc import Callable, Iterable

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("parley.web")

#: names a local server answers to whatever ``--host`` it listens on
LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]", "::1")

#: (path, status, message) -> the error response (JSON for the API, a page for the dashboard)
Respond = Callable[[str, int, str], Response]

#: scripts and styles only from /static: no inline script, no eval, no third parties
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


class SecurityHeaders:
    """ASGI middleware adding ``HEADERS`` to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in HEADERS if k not in names]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def token_problem(request: Request, token: str | None) -> tuple[int, str] | None:
    """None when the request carries the configured bearer token; else (status, message):
    403 when the server has no token (read-only), 401 when the token is missing or wrong."""
    if not token:
        return (
            403,
            "this server is read-only: start it with --token or $PARLEY_TOKEN to allow writes",
        )
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        return 401, "missing bearer token (Authorization: Bearer <token>)"
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        return 401, "wrong bearer token"
    return None


def host_name(value: str) -> str:
    """The name part of a ``Host`` header (``[::1]:8000`` → ``[::1]``), lower-case."""
    value = value.strip().lower()
    if value.startswith("["):
        return value.partition("]")[0] + "]"
    return value.rpartition(":")[0] if value.count(":") == 1 else value


class AllowedHosts:
    """ASGI middleware refusing (400) requests whose ``Host`` header is not one of the names
    the server answers to, so that a web page on another name that resolves to this machine
    (DNS rebinding) cannot read the API. ``*`` allows any host."""

    def __init__(self, app: ASGIApp, hosts: Iterable[str], respond: Respond) -> None:
        self.app = app
        self.hosts = {host_name(h) for h in hosts}
        if "::1" in self.hosts or "[::1]" in self.hosts:
            self.hosts |= {"::1", "[::1]"}
        self.respond = respond

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and "*" not in self.hosts:
            given = dict(scope["headers"]).get(b"host", b"").decode("latin-1")
            if host_name(given) not in self.hosts:
                message = (
                    f"host {given!r} is not served here; start parley serve with "
                    f"--allow-host NAME to answer to another name"
                    if given
                    else "the request has no Host header"
                )
                await self.respond(scope["path"], 400, message)(scope, receive, send)
                return
        await self.app(scope, receive, send)


class CatchAll:
    """ASGI middleware turning an unexpected exception into a 500 (``respond``) that goes
    through the middleware outside it (the security headers); one log line, no traceback
    to the client. Installed inside ``SecurityHeaders``."""

    def __init__(self, app: ASGIApp, respond: Respond) -> None:
        self.app = app
        self.respond = respond

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception as exc:
            log.error(
                "internal error on %s %s: %s: %r",
                scope.get("method"), scope.get("path"), type(exc).__name__, str(exc)[:200],
            )  # fmt: skip
            if not started:
                message = "internal error; the server's log has one line about it"
                await self.respond(scope["path"], 500, message)(scope, receive, send)
