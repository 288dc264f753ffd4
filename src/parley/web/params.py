"""Query-string parameters: declared once, parsed strictly, described in the OpenAPI document.

A bad value (an unknown parameter, a number out of range, a malformed date, an unknown
choice) raises ``QueryError`` with one sentence the client can act on; the app answers 400.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from parley.days import not_a_date, parse_date
from parley.store.errors import QueryError
from parley.store.filters import MAX_LIMIT
from parley.vocab import EVENT_STATUSES, EVENT_TYPES, FLAG_KINDS, FLAG_SEVERITIES


@dataclass(frozen=True, slots=True)
class Param:
    """One query parameter: ``kind`` is ``str``, ``date``, ``int``, ``bool`` or ``choice``."""

    name: str
    kind: str
    help: str
    default: Any = None
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    required: bool = False

    def parse(self, raw: str) -> Any:
        raw = raw.strip()
        if self.kind == "int":
            if not raw.lstrip("-").isdigit():
                raise QueryError(f"{self.name} must be a whole number, not {raw!r}")
            value = int(raw)
            if (self.minimum is not None and value < self.minimum) or (
                self.maximum is not None and value > self.maximum
            ):
                raise QueryError(
                    f"{self.name} must be from {self.minimum} to {self.maximum}, not {value}"
                )
            return value
        if self.kind == "bool":
            if raw.lower() in ("1", "true", "yes", "on"):
                return True
            if raw.lower() in ("0", "false", "no", "off"):
                return False
            raise QueryError(f"{self.name} must be true or false, not {raw!r}")
        if self.kind == "date":
            try:
                return parse_date(raw).isoformat()
            except ValueError:
                raise QueryError(not_a_date(raw, self.name)) from None
        if self.kind == "choice":
            for choice in self.choices:
                if raw.lower() == choice.lower():
                    return choice
            raise QueryError(f"unknown {self.name} {raw!r}; use one of {', '.join(self.choices)}")
        return raw

    def schema(self) -> dict[str, Any]:
        """The parameter's JSON schema for the OpenAPI document."""
        types = {"int": "integer", "bool": "boolean", "date": "string", "choice": "string"}
        out: dict[str, Any] = {"type": types.get(self.kind, "string")}
        if self.kind == "date":
            out["format"] = "date"
        if self.choices:
            out["enum"] = list(self.choices)
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        if self.default is not None:
            out["default"] = self.default
        return out


def parse(params: tuple[Param, ...], query: Mapping[str, str]) -> dict[str, Any]:
    """The declared parameters' values (defaults filled in); unknown names are refused."""
    known = {p.name: p for p in params}
    unknown = sorted(set(query) - set(known))
    if unknown:
        raise QueryError(
            f"unknown parameter {unknown[0]!r}; this endpoint takes "
            + (", ".join(known) or "no parameters")
        )
    out: dict[str, Any] = {}
    for p in params:
        raw = query.get(p.name)
        if raw is None or raw.strip() == "":
            if p.required:
                raise QueryError(f"parameter {p.name!r} is required")
            out[p.name] = p.default
        else:
            out[p.name] = p.parse(raw)
    return out


# --- the parameters the endpoints share -----------------------------------------------------

LIMIT = Param("limit", "int", "items per page", 20, minimum=1, maximum=MAX_LIMIT)
OFFSET = Param("offset", "int", "items to skip", 0, minimum=0, maximum=1_000_000)
DUPLICATES = Param("include_duplicates", "bool", "count near-duplicate articles too", False)
PAGE = (LIMIT, OFFSET)
SINCE = Param("since", "date", "from this day on (YYYY-MM-DD, included)")
UNTIL = Param("until", "date", "up to this day (YYYY-MM-DD, included)")
SOURCE = Param("source", "str", "only articles from this outlet (case-insensitive)")
ACTOR = Param("actor", "str", "an actor's name, KB id or a spelling seen in the text")
ARTICLE = Param("article", "str", "only this article (sha256:… id or 8+ hex digits)")
EVENT_TYPE = Param("type", "choice", "PLOVER event type", choices=tuple(sorted(EVENT_TYPES)))
STATUS = Param("status", "choice", "event status", choices=tuple(sorted(EVENT_STATUSES)))
SEVERITY = Param("severity", "choice", "flag severity", choices=tuple(sorted(FLAG_SEVERITIES)))
FLAG_KIND = Param("kind", "str", "flag kind: " + ", ".join(FLAG_KINDS))
