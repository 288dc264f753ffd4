"""Query-string and path parameters: declared once, parsed strictly, described in the
OpenAPI document by the same declaration (``Param.schema``), used by the API and the
dashboard alike.

A bad value (an unknown parameter, a number that is not plain ASCII digits or is out of
range, a malformed date, an unknown choice, a NUL byte, a search the full-text index cannot
parse, ``since`` after ``until``) raises ``ParamError`` naming the parameter, with one
sentence the client can act on; the app answers 400.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from parley.days import not_a_date, parse_date
from parley.store.errors import QueryError
from parley.store.filters import MAX_LIMIT, fts_query
from parley.vocab import EVENT_STATUSES, EVENT_TYPES, FLAG_KINDS, FLAG_SEVERITIES

#: a string parameter: no NUL byte anywhere (JSON-schema pattern, ECMA and Python alike)
NO_NUL = r"^[^\x00]*$"
#: a search or a required text: at least one character that is not white space, no NUL
SOME_TEXT = r"^[^\x00]*[^\s\x00][^\x00]*$"
DAY = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
ARTICLE_ID = r"^(sha256:)?[0-9a-fA-F]{8,64}$"
MAX_TEXT = 1000  # characters of a string parameter
_INTEGER = re.compile(r"-?[0-9]+")  # ASCII digits only: int() also takes "²", "٣", "1_0"


class ParamError(QueryError):
    """A bad parameter value; ``param`` names the parameter."""

    def __init__(self, param: str, message: str) -> None:
        super().__init__(message)
        self.param = param


_fts = threading.local()


def check_search(text: str, name: str) -> None:
    """Refuse search text the full-text index cannot parse (``a OR``, ``NOT``…), the way
    the store would build it (``store.filters.fts_query``), on an empty in-memory index."""
    try:
        query = fts_query(text)
    except QueryError as exc:
        raise ParamError(name, f"{name}: {exc}") from None
    conn = getattr(_fts, "conn", None)
    if conn is None:
        conn = _fts.conn = sqlite3.connect(":memory:")
        conn.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
    try:
        conn.execute("SELECT 1 FROM t WHERE t MATCH ?", (query,)).fetchall()
    except sqlite3.Error as exc:
        raise ParamError(name, f"{name} {text!r} is not a valid search: {exc}") from None


@dataclass(frozen=True, slots=True)
class Param:
    """One parameter: ``kind`` is ``str``, ``search`` (full-text search text), ``date``,
    ``int`` (``minimum`` and ``maximum`` required), ``bool``, ``choice`` or ``article_id``."""

    name: str
    kind: str
    help: str
    default: Any = None
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    required: bool = False

    def __post_init__(self) -> None:
        if self.kind == "int" and (self.minimum is None or self.maximum is None):
            raise ValueError(f"int parameter {self.name} needs a minimum and a maximum")

    def _bad(self, message: str) -> ParamError:
        return ParamError(self.name, message)

    def parse(self, raw: str) -> Any:
        if "\x00" in raw:
            raise self._bad(f"{self.name} must not contain a NUL byte")
        if len(raw) > MAX_TEXT:
            raise self._bad(f"{self.name} is longer than {MAX_TEXT} characters")
        if self.kind == "int":
            shown = raw if len(raw) <= 30 else raw[:30] + "…"
            if not _INTEGER.fullmatch(raw):
                raise self._bad(f"{self.name} must be a whole number, not {shown!r}")
            value = int(raw)  # at most MAX_TEXT digits: well below Python's limit
            assert self.minimum is not None and self.maximum is not None
            if not self.minimum <= value <= self.maximum:
                raise self._bad(
                    f"{self.name} must be from {self.minimum} to {self.maximum}, not {shown}"
                )
            return value
        raw = raw.strip()
        if self.kind == "bool":
            if raw.lower() in ("1", "true", "yes", "on"):
                return True
            if raw.lower() in ("0", "false", "no", "off"):
                return False
            raise self._bad(f"{self.name} must be true or false, not {raw!r}")
        if self.kind == "date":
            try:
                if not re.fullmatch(DAY, raw):
                    raise ValueError(raw)
                return parse_date(raw).isoformat()
            except ValueError:
                raise self._bad(not_a_date(raw, self.name)) from None
        if self.kind == "choice":
            for choice in self.choices:
                if raw.lower() == choice.lower():
                    return choice
            raise self._bad(f"unknown {self.name} {raw!r}; use one of {', '.join(self.choices)}")
        if self.kind == "article_id" and not re.fullmatch(ARTICLE_ID, raw):
            raise self._bad(f"{self.name} {raw!r} is not an article id (sha256:… or 8+ hex digits)")
        if self.kind == "search":
            check_search(raw, self.name)
        return raw

    def schema(self) -> dict[str, Any]:
        """The parameter's JSON schema for the OpenAPI document: the constraints ``parse``
        enforces."""
        types = {"int": "integer", "bool": "boolean"}
        out: dict[str, Any] = {"type": types.get(self.kind, "string")}
        if self.kind == "date":
            out.update(format="date", pattern=DAY)
        elif self.kind == "article_id":
            out["pattern"] = ARTICLE_ID
        elif self.kind in ("str", "search"):
            out["pattern"] = SOME_TEXT if self.required or self.kind == "search" else NO_NUL
        if out["type"] == "string" and self.kind not in ("choice",):
            out["maxLength"] = MAX_TEXT
            if self.required or self.kind == "search":
                out["minLength"] = 1
        if self.choices:
            out["enum"] = list(self.choices)
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        if self.default is not None:
            out["default"] = self.default
        return out

    def optional(self) -> Param:
        return replace(self, required=False)


def parse(
    params: tuple[Param, ...], query: Mapping[str, str], *, blank_is_absent: bool = False
) -> dict[str, Any]:
    """The declared parameters' values (defaults filled in); unknown names are refused, and
    ``since`` after ``until``. A blank value is refused where the schema refuses it (a
    number, a date…) unless ``blank_is_absent`` (the dashboard's forms send empty fields)."""
    known = {p.name: p for p in params}
    unknown = sorted(set(query) - set(known))
    if unknown:
        raise ParamError(
            unknown[0],
            f"unknown parameter {unknown[0]!r}; this endpoint takes "
            + (", ".join(known) or "no parameters"),
        )
    out: dict[str, Any] = {}
    for p in params:
        raw = query.get(p.name)
        blank = raw is not None and raw.strip() == ""
        if blank and not blank_is_absent and p.kind != "str":
            out[p.name] = p.parse(raw)  # refused: only plain strings may be blank
        elif raw is None or blank:
            if p.required:
                raise ParamError(p.name, f"parameter {p.name!r} is required")
            out[p.name] = p.default
        else:
            out[p.name] = p.parse(raw)
    since, until = out.get("since"), out.get("until")
    if since and until and since > until:
        raise ParamError("until", f"since {since} is after until {until}")
    return out


# --- the parameters the endpoints share -----------------------------------------------------

LIMIT = Param("limit", "int", "items per page", 20, minimum=1, maximum=MAX_LIMIT)
OFFSET = Param("offset", "int", "items to skip", 0, minimum=0, maximum=1_000_000)
DUPLICATES = Param("include_duplicates", "bool", "count near-duplicate articles too", False)
PAGE = (LIMIT, OFFSET)
SINCE = Param("since", "date", "from this day on (YYYY-MM-DD, included)")
UNTIL = Param("until", "date", "up to this day (YYYY-MM-DD, included; not before since)")
SOURCE = Param("source", "str", "only articles from this outlet (case-insensitive)")
ACTOR = Param("actor", "str", "an actor's name, KB id or a spelling seen in the text")
ARTICLE = Param("article", "article_id", "only this article (sha256:… id or 8+ hex digits)")
EVENT_TYPE = Param("type", "choice", "PLOVER event type", choices=tuple(sorted(EVENT_TYPES)))
STATUS = Param("status", "choice", "event status", choices=tuple(sorted(EVENT_STATUSES)))
SEVERITY = Param("severity", "choice", "flag severity", choices=tuple(sorted(FLAG_SEVERITIES)))
FLAG_KIND = Param("kind", "str", "flag kind: " + ", ".join(FLAG_KINDS))
