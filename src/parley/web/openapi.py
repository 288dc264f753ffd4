"""The OpenAPI 3.1 document of the API, built from ``api.ENDPOINTS`` and the store's result
dataclasses, so that the description cannot drift from what the server does."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from parley.store import results
from parley.version import __version__
from parley.web.api import Endpoint
from parley.web.writes import FIELDS

_SCALARS = {"str": "string", "int": "integer", "float": "number", "bool": "boolean"}
_ROWS = ("ArticleRow", "SearchHit", "QuoteRow", "EventRow", "FlagRow", "ActorRow", "StoryRow",
         "TimelineEntry", "MonthCount", "EntityProfile", "StoryDetail")  # fmt: skip
_PAGES = {"ArticlePage": "ArticleRow", "SearchPage": "SearchHit", "QuotePage": "QuoteRow",
          "EventPage": "EventRow", "FlagPage": "FlagRow", "ActorPage": "ActorRow",
          "StoryPage": "StoryRow"}  # fmt: skip


def type_schema(annotation: str) -> dict[str, Any]:
    """JSON schema of a field annotation as written (``str | None``, ``list[QuoteRow]``…)."""
    parts = [p.strip() for p in re.split(r"\|(?![^\[]*\])", annotation)]
    nullable = "None" in parts
    parts = [p for p in parts if p != "None"]
    inner = parts[0] if len(parts) == 1 else "Any"
    if inner in _SCALARS:
        schema: dict[str, Any] = {"type": _SCALARS[inner]}
    elif m := re.fullmatch(r"list\[(.+)\]", inner):
        schema = {"type": "array", "items": type_schema(m.group(1))}
    elif inner.startswith("dict["):
        schema = {"type": "object"}
    elif inner in _ROWS:
        schema = {"$ref": f"#/components/schemas/{inner}"}
    else:
        schema = {}
    if nullable and "type" in schema:
        schema["type"] = [schema["type"], "null"]
    return schema


def row_schema(cls: type) -> dict[str, Any]:
    fields = dataclasses.fields(cls)
    return {
        "type": "object",
        "properties": {f.name: type_schema(str(f.type)) for f in fields},
        "required": [f.name for f in fields],
    }


def _page_schema(row: str) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {
            "items": {"type": "array", "items": {"$ref": f"#/components/schemas/{row}"}},
            "total": {"type": "integer", "description": "matches, counted up to 10,000"},
            "limit": {"type": "integer"},
            "offset": {"type": "integer"},
        },
        "required": ["items", "total", "limit", "offset"],
    }


def _error(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def _operation(e: Endpoint) -> dict[str, Any]:
    params = [
        {"name": p.name, "in": "path", "required": True, "description": p.help,
         "schema": p.schema()}
        for p in e.path_params
    ] + [
        {"name": p.name, "in": "query", "required": p.required, "description": p.help,
         "schema": p.schema()}
        for p in e.params
    ]  # fmt: skip
    responses = {
        "200": {
            "description": e.summary,
            "content": {
                "application/json": {"schema": {"$ref": f"#/components/schemas/{e.schema}"}}
            },
        },
        "400": _error(
            "a bad parameter value or an unknown parameter (named in `parameter`), "
            "`since` after `until`, a search the full-text index cannot parse"
        ),
        "503": _error("the store cannot answer (locked, damaged)"),
    }
    if e.path_params or any(p.kind == "article_id" for p in e.params):
        responses["404"] = _error("no such record")
    operation = {
        "operationId": e.name,
        "summary": e.summary,
        "tags": [e.tag],
        "parameters": params,
        "responses": responses,
    }
    if any(p.name == "until" for p in e.params):
        operation["description"] = "`since` must not be after `until` (else 400)."
    return operation


def _post_articles(max_body: int) -> dict[str, Any]:
    props = {name: {"type": ["string", "null"]} for name in FIELDS}
    props["text"] = {
        "type": "string", "minLength": 1, "pattern": r"\S",
        "description": "the article text, exactly as published (not only white space)",
    }  # fmt: skip
    props["published"]["description"] = "ISO 8601 date; anchors relative dates"
    return {
        "operationId": "store_article",
        "summary": "Analyse an article and store it (needs the server's bearer token)",
        "tags": ["articles"],
        "security": [{"bearer": []}],
        "requestBody": {
            "required": True,
            "description": f"at most {max_body:,} bytes",
            "content": {"application/json": {"schema": {
                "type": "object", "properties": props, "required": ["text"],
                "additionalProperties": False}}},
        },  # fmt: skip
        "responses": {
            "201": {"description": "analysed and stored", "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/Stored"}}}},
            "200": {"description": "the same text was already stored", "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/Stored"}}}},
            "400": _error("not a JSON object with a non-empty 'text'"),
            "401": _error("missing or wrong bearer token"),
            "403": _error("the server is read-only (started without a token)"),
            "413": _error(f"body over {max_body:,} bytes"),
            "415": _error("not application/json"),
            "422": _error("the article cannot be analysed (e.g. a bad published date)"),
        },
    }  # fmt: skip


def document(endpoints: tuple[Endpoint, ...], max_body: int) -> dict[str, Any]:
    """The whole OpenAPI document."""
    schemas: dict[str, Any] = {name: row_schema(getattr(results, name)) for name in _ROWS}
    schemas.update({name: _page_schema(row) for name, row in _PAGES.items()})
    schemas["StoryPage"]["properties"]["stale"] = {
        "type": "boolean", "description": "articles were stored after the stories were built"
    }  # fmt: skip
    schemas["Analysis"] = {
        "type": "object",
        "description": "a parley.analysis/1 record (see SCHEMA.md) with a `store` part",
        "properties": {"schema": {"type": "string"}, "article": {"type": "object"},
                       "entities": {"type": "array"}, "quotes": {"type": "array"},
                       "events": {"type": "array"}, "times": {"type": "array"},
                       "flags": {"type": "array"}, "store": {"type": "object"}},
        "required": ["schema", "article"],
    }  # fmt: skip
    schemas["Stored"] = {
        "type": "object",
        "properties": {"id": {"type": "string"}, "stored": {"type": "boolean"},
                       "duplicate_of": {"type": ["string", "null"]}, "url": {"type": "string"},
                       "page": {"type": "string"}, "counts": {"type": "object"}},
        "required": ["id", "stored", "duplicate_of", "url", "counts"],
    }  # fmt: skip
    schemas["Error"] = {
        "type": "object",
        "properties": {
            "error": {"type": "string"},
            "status": {"type": "integer"},
            "parameter": {"type": "string", "description": "the parameter with the bad value"},
        },
        "required": ["error", "status"],
    }
    paths: dict[str, Any] = {}
    for e in endpoints:
        paths.setdefault(e.path, {})["get"] = _operation(e)
    paths["/api/articles"]["post"] = _post_articles(max_body)
    paths["/api/openapi.json"] = {
        "get": {
            "operationId": "openapi",
            "summary": "This document",
            "responses": {"200": {"description": "OpenAPI 3.1"}},
        }
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "parley API",
            "version": __version__,
            "description": "Who said what, who did what to whom, when and where: the articles, "
            "quotes, events, entities, stories and flags of a parley store. Lists page with "
            "`limit`/`offset` and report `total`.",
        },
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }
