"""What the query functions return: plain dataclasses with ``to_dict()`` for JSON."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class _Row:
    def to_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload]

    @classmethod
    def columns(cls) -> list[str]:
        return [f.name for f in fields(cls)]  # type: ignore[arg-type]


@dataclass(slots=True)
class Page(Generic[T]):
    """One page of results; ``total`` counts the matches up to ``filters.MAX_TOTAL`` (10,000):
    a total at the cap means "at least that many"."""

    items: list[T]
    total: int
    limit: int
    offset: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "items": [i.to_dict() for i in self.items],  # type: ignore[attr-defined]
            "total": self.total,
            "limit": self.limit,
            "offset": self.offset,
        }


@dataclass(slots=True)
class SearchPage(Page[T]):
    """A page of search results for a text read as naming an actor (``expanded``: the
    actors and the spellings searched, a ``parley.store.expand.Expansion``)."""

    expanded: Any = None

    def to_dict(self) -> dict[str, Any]:
        out = Page.to_dict(self)
        if self.expanded is not None:
            out["expanded"] = self.expanded.to_dict()
        return out


@dataclass(slots=True)
class ArticleRow(_Row):
    id: str
    title: str | None
    source: str | None
    published: str | None
    url: str | None
    duplicate_of: str | None
    entities: int
    quotes: int
    events: int
    flags: int


@dataclass(slots=True)
class SearchHit(_Row):
    id: str
    title: str | None
    source: str | None
    published: str | None
    score: float
    snippet: str


@dataclass(slots=True)
class QuoteRow(_Row):
    article_id: str
    quote_id: str
    published: str | None
    kind: str | None
    speaker: str | None  # as written in the text
    speaker_name: str | None  # canonical actor name
    speaker_kb_id: str | None
    anonymous: bool
    cue: str | None
    channel: str | None
    content: str
    start: int | None
    end: int | None
    sentence: int | None


@dataclass(slots=True)
class EventRow(_Row):
    article_id: str
    event_id: str
    day: str | None
    type: str
    mode: str | None
    status: str | None
    negated: bool
    actors: list[str]
    recipients: list[str]
    trigger: str | None
    when: str | None
    where: str | None
    confidence: float | None
    start: int | None
    end: int | None
    when_basis: str | None = None  # "stated" in the text or "published" (date assumed)


@dataclass(slots=True)
class FlagRow(_Row):
    article_id: str
    published: str | None
    kind: str
    severity: str | None
    message: str | None
    spans: list[dict[str, Any]]
    evidence: dict[str, Any]


@dataclass(slots=True)
class MonthCount(_Row):
    month: str
    events: int
    by_type: dict[str, int]


@dataclass(slots=True)
class EntityProfile(_Row):
    """Who an actor is and what the store knows about it."""

    name: str
    kind: str | None
    kb_id: str | None
    wikidata: str | None
    country: str | None
    sector: str | None
    roles: list[str]
    variants: list[str]
    articles: int
    mentions: int
    first_seen: str | None
    last_seen: str | None
    quotes: int
    recent_quotes: list[QuoteRow]
    events_as_actor: int
    events_as_recipient: int
    events_by_month: list[MonthCount]
    related: list[dict[str, Any]] = field(default_factory=list)
    others: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class StoryRow(_Row):
    id: int
    title: str | None
    first_day: str | None
    last_day: str | None
    articles: int
    duplicates: int
    actors: list[str]
    terms: list[str]


@dataclass(slots=True)
class TimelineEntry(_Row):
    day: str | None
    article_id: str
    title: str | None
    source: str | None
    score: float | None
    duplicate_of: str | None


@dataclass(slots=True)
class StoryDetail(_Row):
    story: StoryRow
    timeline: list[TimelineEntry]


@dataclass(slots=True)
class ActorRow(_Row):
    """An actor the store knows, with its article and mention counts (duplicates aside)."""

    name: str
    kind: str | None
    kb_id: str | None
    wikidata: str | None
    country: str | None
    sector: str | None
    articles: int
    mentions: int
    last_seen: str | None
