"""Check a record against the ``parley.analysis/1`` contract.

``assert_valid(record)`` validates against ``schema/parley.analysis-1.schema.json`` and then
checks what JSON Schema cannot express: every span anywhere in the record (any dict with an
int ``start``, an int ``end`` and a str ``text``) must satisfy
``record["article"]["text"][start:end] == text``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schema" / "parley.analysis-1.schema.json"


@cache
def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _is_span(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and type(value.get("start")) is int
        and type(value.get("end")) is int
        and isinstance(value.get("text"), str)
    )


def iter_spans(value: Any, path: str = "$") -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield ``(json_path, span)`` for every span nested anywhere in ``value``."""
    if isinstance(value, dict):
        if _is_span(value):
            yield path, value
        for key, child in value.items():
            yield from iter_spans(child, f"{path}.{key}")
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from iter_spans(child, f"{path}[{i}]")


def schema_errors(record: dict[str, Any]) -> list[str]:
    errors = sorted(validator().iter_errors(record), key=lambda e: list(e.absolute_path))
    return [f"{e.json_path}: {e.message}" for e in errors]


def span_errors(record: dict[str, Any]) -> list[str]:
    text = record["article"]["text"]
    problems = []
    for path, span in iter_spans(record):
        start, end = span["start"], span["end"]
        if not 0 <= start <= end <= len(text):
            problems.append(f"{path}: offsets {start}:{end} outside 0:{len(text)} or reversed")
        elif text[start:end] != span["text"]:
            problems.append(
                f"{path}: text {span['text']!r} != article.text[{start}:{end}] {text[start:end]!r}"
            )
    return problems


def assert_valid(record: dict[str, Any]) -> None:
    """Fail with every problem listed if ``record`` breaks the ``parley.analysis/1`` contract."""
    problems = schema_errors(record)
    if not problems:  # span checks need a well-formed article
        problems = span_errors(record)
    assert not problems, "invalid parley.analysis/1 record:\n  " + "\n  ".join(problems)
