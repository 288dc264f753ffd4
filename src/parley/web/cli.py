"""``parley serve``: the API and dashboard. Enable it by adding ``"parley.web.cli"`` to
``parley.cli.COMMANDS``. Starlette, uvicorn and Jinja2 are imported only when it runs."""

from __future__ import annotations

import argparse
import os
import socket
import sys

from parley.errors import ParleyError
from parley.inputs import kb_dir, model_name


def _port(value: str) -> int:
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise argparse.ArgumentTypeError("must be a port number from 1 to 65535")
    return int(value)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "serve",
        help="serve the JSON API and the dashboard",
        description="Serve the store over HTTP: a JSON API (OpenAPI at /api/openapi.json) and "
        "a dashboard. Read-only unless a token is set; POST /api/articles then analyses and "
        "stores an article sent with `Authorization: Bearer TOKEN`.",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=_port, default=8000, help="port (default 8000)")
    p.add_argument("--db", metavar="FILE", help="the store (default: $PARLEY_DB or ./parley.db)")
    p.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="also answer requests for this Host name (repeatable; '*': any); 127.0.0.1, "
        "localhost, [::1] and the --host value are always allowed",
    )
    tokens = p.add_mutually_exclusive_group()
    tokens.add_argument(
        "--token",
        help="bearer token that allows writes (visible in `ps`: prefer $PARLEY_TOKEN or "
        "--token-file; none: read-only)",
    )
    tokens.add_argument(
        "--token-file", metavar="FILE", help="read the bearer token from the first line of FILE"
    )
    p.add_argument(
        "--kb",
        action="append",
        default=[],
        type=kb_dir,
        metavar="DIR",
        help="analyse POSTed articles with this extra knowledge base too (repeatable)",
    )
    p.add_argument(
        "--model",
        type=model_name,
        metavar="NAME",
        help="analyse POSTed articles with this installed spaCy pipeline",
    )
    p.set_defaults(func=run_serve)


def _check_free(host: str, port: int) -> None:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise ParleyError(f"cannot resolve host {host!r}: {exc.strerror}") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(address)
        except OSError as exc:
            raise ParleyError(f"cannot listen on {host}:{port}: {exc.strerror}") from None


def _token_file(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as f:
            token = f.readline().strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise ParleyError(f"--token-file {path}: cannot read it ({exc})") from None
    if not token:
        raise ParleyError(f"--token-file {path}: the first line is empty")
    return token


def run_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from parley.web.app import ENV_TOKEN, create_app

    if args.token_file is not None:
        token: str | None = _token_file(args.token_file)
    else:
        token = args.token if args.token is not None else os.environ.get(ENV_TOKEN) or None
    # NoDatabase / StoreError / a bad file in a --kb folder: one line, exit 1
    app = create_app(
        args.db,
        token=token,
        kb_dirs=args.kb,
        model=args.model,
        allowed_hosts=(args.host, *args.allow_host),
    )
    _check_free(args.host, args.port)
    if token:  # read the model and knowledge base now: a bad one stops here, not at a POST
        app.state.resources.warm()
    mode = "writes allowed with the token" if token else "read-only (no token)"
    print(f"parley: serving http://{args.host}:{args.port}/ — {mode}", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False)
    return 0
