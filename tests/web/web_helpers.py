"""Helpers of the web tests: a stored record whose every text field is hostile HTML."""

from __future__ import annotations

import hashlib
import warnings
from typing import Any

TOKEN = "test-token-123"

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
HOSTILE_TEXT = (
    f'Talks resumed {SCRIPT} in Geneva on Monday. The envoy said "{IMG} we are ready" and left.\n'
)


def _span(text: str, needle: str) -> dict[str, Any]:
    start = text.index(needle)
    return {"start": start, "end": start + len(needle), "text": needle}


def hostile_record() -> dict[str, Any]:
    """A ``parley.analysis/1`` record with script and event-handler payloads in the text,
    the title, the source, an entity's name and role, a quote and a flag message."""
    text = HOSTILE_TEXT
    return {
        "schema": "parley.analysis/1",
        "article": {
            "id": "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "text": text, "title": f"Envoy {SCRIPT}", "source": '"><svg onload=alert(2)>',
            "url": "javascript:alert(3)", "published": "2024-05-01", "language": "en",
            "sections": [],
        },
        "sentences": [{"i": 0, "start": 0, "end": len(text)}],
        "entities": [{
            "id": "E1", "name": '<b onmouseover="alert(4)">Envoy</b>', "kind": "person",
            "kb_id": None, "wikidata": None, "country": None, "sector": None,
            "role": '" onclick="alert(5)', "mentions": [_span(text, "envoy")],
            "variants": ["envoy"],
        }],
        "quotes": [{
            "id": "Q1", "kind": "direct", "content": _span(text, f"{IMG} we are ready"),
            "cue": _span(text, "said"), "speaker": _span(text, "envoy"), "speaker_entity": "E1",
            "anonymous": False, "channel": None, "via": None, "sentence": 0,
        }],
        "events": [], "times": [], "positions": [], "claims": [],
        "flags": [{
            "kind": "hedge", "severity": "warning", "message": f"{SCRIPT} hedged",
            "spans": [_span(text, SCRIPT)], "evidence": {},
        }],
        "meta": {"input": "hostile.json", "parley_version": "0.1.0", "model": "by hand",
                 "seconds": 0.0},
    }  # fmt: skip


def test_client(app, **options):
    """Starlette's TestClient (its warning about httpx silenced), sending ``Host: 127.0.0.1``
    as a local browser would (the server refuses other names)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

        return TestClient(app, base_url="http://127.0.0.1", **options)


test_client.__test__ = False  # a helper, not a test


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    """Every start tag of ``html`` with its attributes, as a browser's parser sees them."""
    from html.parser import HTMLParser

    found: list[tuple[str, dict[str, str | None]]] = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, dict(attrs)))

        handle_startendtag = handle_starttag

    parser = Collector(convert_charrefs=True)
    parser.feed(html)
    parser.close()
    return found


def active_content(html: str) -> list[str]:
    """What in ``html`` could run script: script elements other than /static ones, event
    handler attributes, javascript: URLs, inline iframes, objects and embeds."""
    bad = []
    for tag, attrs in elements(html):
        if tag == "script" and not (attrs.get("src") or "").startswith("/static/"):
            bad.append(f"<script {attrs}>")
        if tag in ("iframe", "object", "embed", "svg", "img"):
            bad.append(f"<{tag}>")
        for name, value in attrs.items():
            if name.startswith("on"):
                bad.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                bad.append(f"<{tag} {name}={value}>")
    return bad
