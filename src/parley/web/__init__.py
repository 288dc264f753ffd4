"""The HTTP API and the dashboard over the store (Starlette, Jinja2).

>>> from parley.web import create_app
>>> app = create_app("parley.db", token="s3cret")   # an ASGI app; `parley serve` runs it

``app`` builds the application; ``api`` holds the JSON endpoints (described once, in
``ENDPOINTS``, which also yields the OpenAPI document of ``openapi``); ``pages`` the
dashboard, rendered by ``templates/`` with autoescaping; ``highlight`` and ``charts`` turn
records into marked-up text and SVG bars; ``security`` adds the headers and checks tokens.
"""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    # lazy: `parley serve`'s registration (parley.web.cli) must not import Starlette
    if name == "create_app":
        from parley.web.app import create_app

        return create_app
    raise AttributeError(f"module 'parley.web' has no attribute {name!r}")
