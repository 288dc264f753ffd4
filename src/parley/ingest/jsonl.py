"""JSON Lines: one article per line, named ``<input>:LINE`` (LINE counts from 1).

Each line is an object with ``text`` (required) and optional ``title``, ``published`` (or
its alias ``date``), ``source`` and ``url``. Blank lines are skipped; a bad line becomes one
``InputError`` and the other lines are still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from parley.errors import InputError
from parley.ingest.text import decode
from parley.model import Article

_FIELDS = ("title", "source", "url", "published")


def looks_like_jsonl(data: bytes) -> bool:
    """Whether the first non-blank line of ``data`` is a JSON object."""
    for raw in data.splitlines():
        if raw.strip():
            line = raw.strip().removeprefix(b"\xef\xbb\xbf")
            if not line.startswith(b"{"):
                return False
            try:
                return isinstance(json.loads(line), dict)
            except ValueError:
                return False
    return False


def _type_name(value: Any) -> str:
    names = {dict: "an object", list: "a list", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number" if isinstance(value, int | float) else "a value")


def _string(obj: dict[str, Any], key: str, name: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(name, f'"{key}" must be a string, not {_type_name(value)}')
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(name, f'"{key}" has an unpaired surrogate') from None
    return value or None


def json_problem(err: json.JSONDecodeError) -> str:
    """json's message and column in one phrase: "unterminated string starting at column 10"
    (json's messages may already end in "at")."""
    msg = err.msg[:1].lower() + err.msg[1:]
    return f"{msg.removesuffix(' at')} at column {err.colno}"


def parse_line(line: str, name: str) -> Article:
    """One JSON line to an ``Article``; ``InputError`` names what is wrong with it."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as err:
        raise InputError(name, f"not valid JSON ({json_problem(err)})") from None
    if not isinstance(obj, dict):
        raise InputError(name, f"expected a JSON object, got {_type_name(obj)}")
    if "text" not in obj:
        raise InputError(name, 'missing the "text" field')
    text = obj["text"]
    if not isinstance(text, str):
        raise InputError(name, f'"text" must be a string, not {_type_name(text)}')
    if obj.get("published") is None and "date" in obj:
        obj["published"] = obj["date"]
    meta = {key: _string(obj, key, name) for key in _FIELDS}
    return Article(text=text, input=name, **meta)


def read_jsonl(
    stream: BinaryIO, input: str, encoding: str | None = None
) -> Iterator[Article | InputError]:
    """Articles and per-line errors of a JSON Lines stream, in line order."""
    seen = False
    for number, raw in enumerate(stream, 1):
        if not raw.strip():
            continue
        seen = True
        name = f"{input}:{number}"
        try:
            yield parse_line(decode(raw, name, encoding), name)
        except InputError as err:
            yield err
    if not seen:
        raise InputError(input, "no JSON lines (the file is empty)")
