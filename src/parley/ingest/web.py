"""Fetching a URL the user named (or, with ``follow``, a feed entry's link). Nothing else.

Only http and https are fetched, redirects included; a 20 s timeout and the User-Agent
"parley/0.1" are always set. Every failure becomes an ``InputError`` with a clear reason.
"""

from __future__ import annotations

import http.client
import urllib.request
from dataclasses import dataclass
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit

from parley.errors import InputError
from parley.ingest.text import MAX_INPUT_BYTES, MB

USER_AGENT = "parley/0.1"
TIMEOUT = 20.0


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched resource: final URL (after redirects), body, media type and charset."""

    url: str
    data: bytes
    content_type: str  # lower case, without parameters; "" when the server sent none
    charset: str | None


def is_url(name: str) -> bool:
    return name.lower().startswith(("http://", "https://"))


def _opener() -> urllib.request.OpenerDirector:
    """An opener that speaks http(s) only (no file:, ftp: or data: even via redirects)."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        urllib.request.HTTPRedirectHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def fetch(url: str, input: str | None = None, *, timeout: float = TIMEOUT) -> Fetched:
    """GET ``url``; ``input`` names it in errors (defaults to the URL)."""
    name = input or url
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        raise InputError(name, f"not an http or https URL: {url}")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with _opener().open(request, timeout=timeout) as response:
            data = response.read(MAX_INPUT_BYTES + 1)
            headers = response.headers
            final = response.geturl()
    except HTTPError as err:
        raise InputError(name, f"HTTP error {err.code} ({err.reason}) from {url}") from None
    except URLError as err:
        reason = err.reason
        if isinstance(reason, TimeoutError):
            reason = f"timed out after {timeout:g} s"
        raise InputError(name, f"could not fetch {url}: {reason}") from None
    except TimeoutError:
        raise InputError(name, f"could not fetch {url}: timed out after {timeout:g} s") from None
    except (http.client.HTTPException, OSError, ValueError) as err:
        raise InputError(name, f"could not fetch {url}: {err or type(err).__name__}") from None
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(name, f"response from {url} is larger than {MAX_INPUT_BYTES // MB} MB")
    content_type = headers.get_content_type() if headers.get("Content-Type") else ""
    return Fetched(final, data, content_type, headers.get_content_charset())
