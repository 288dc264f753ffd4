"""The records parley produces: frozen values that carry spans into ``Article.text``.

Every record here maps one-to-one onto a part of the ``parley.analysis/1`` contract
(``SCHEMA.md``); ``to_dict`` gives exactly that JSON shape. The spaCy ``Doc`` never appears
in these types.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = "parley.analysis/1"


@dataclass(frozen=True, slots=True)
class Span:
    """Characters ``start:end`` (code points, end exclusive) of ``Article.text``."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Section:
    """A subheading and the body it governs (``start``/``end`` cover the body)."""

    heading: Span
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"heading": self.heading.to_dict(), "start": self.start, "end": self.end}


def article_id(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Article:
    """One input document. ``text`` is the input exactly as decoded."""

    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    input: str | None = None  # path, URL or archive entry as the user named it
    language: str | None = None
    sections: tuple[Section, ...] = ()

    @property
    def id(self) -> str:
        return article_id(self.text)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "published": self.published,
            "language": self.language or "en",
            "sections": [s.to_dict() for s in self.sections],
        }


@dataclass(frozen=True, slots=True)
class Sentence:
    i: int
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"i": self.i, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world actor or place with every mention of it in the article."""

    id: str
    name: str
    kind: str
    mentions: tuple[Span, ...]
    kb_id: str | None = None
    wikidata: str | None = None
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    variants: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "kb_id": self.kb_id,
            "wikidata": self.wikidata,
            "country": self.country,
            "sector": self.sector,
            "role": self.role,
            "mentions": [m.to_dict() for m in self.mentions],
            "variants": list(self.variants),
        }


def _opt(span: Span | None) -> dict[str, Any] | None:
    return span.to_dict() if span is not None else None


@dataclass(frozen=True, slots=True)
class Quote:
    id: str
    kind: str
    content: Span
    sentence: int
    cue: Span | None = None
    speaker: Span | None = None
    speaker_entity: str | None = None
    anonymous: bool = False
    channel: str | None = None
    via: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "content": self.content.to_dict(),
            "cue": _opt(self.cue),
            "speaker": _opt(self.speaker),
            "speaker_entity": self.speaker_entity,
            "anonymous": self.anonymous,
            "channel": self.channel,
            "via": _opt(self.via),
            "sentence": self.sentence,
        }


@dataclass(frozen=True, slots=True)
class When:
    """An event's date. ``basis`` is ``"stated"`` when a date expression of the text gives it
    (``text`` is that expression) and ``"published"`` when none does and the article's
    publication date is assumed (``text`` is then null)."""

    value: str
    precision: str
    text: Span | None = None
    basis: str = "stated"

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "text": _opt(self.text),
            "precision": self.precision,
            "basis": self.basis,
        }


@dataclass(frozen=True, slots=True)
class Where:
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    text: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "text": _opt(self.text),
        }


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    type: str
    trigger: Span
    status: str
    sentence: int
    mode: str | None = None
    actors: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    negated: bool = False
    when: When | None = None
    where: Where | None = None
    reported_by: str | None = None
    confidence: float = 0.5
    explanation: str = ""  # the rule or pattern that fired, how arguments were found

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "mode": self.mode,
            "actors": list(self.actors),
            "recipients": list(self.recipients),
            "trigger": self.trigger.to_dict(),
            "status": self.status,
            "negated": self.negated,
            "when": self.when.to_dict() if self.when else None,
            "where": self.where.to_dict() if self.where else None,
            "reported_by": self.reported_by,
            "sentence": self.sentence,
            "confidence": self.confidence,
            "explanation": self.explanation,
        }


@dataclass(frozen=True, slots=True)
class TimeExpr:
    span: Span
    type: str
    value: str

    def to_dict(self) -> dict[str, Any]:
        return {"span": self.span.to_dict(), "type": self.type, "value": self.value}


@dataclass(frozen=True, slots=True)
class Position:
    """An actor's stance on an issue; ``details`` are what the text says the issue holds."""

    actor: str
    issue: str
    stance: str
    span: Span
    details: tuple[str, ...] = ()
    sentence: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "actor": self.actor,
            "issue": self.issue,
            "stance": self.stance,
            "span": self.span.to_dict(),
            "details": list(self.details),
            "sentence": self.sentence,
        }


@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    span: Span
    kind: str
    checkworthy: float
    verdict: str = "unverified"
    evidence: tuple[Any, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "span": self.span.to_dict(),
            "kind": self.kind,
            "checkworthy": self.checkworthy,
            "verdict": self.verdict,
            "evidence": list(self.evidence),
        }


@dataclass(frozen=True, slots=True)
class Flag:
    kind: str
    severity: str
    message: str
    spans: tuple[Span, ...] = ()
    evidence: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "severity": self.severity,
            "message": self.message,
            "spans": [s.to_dict() for s in self.spans],
            "evidence": dict(self.evidence),
        }


@dataclass(frozen=True, slots=True)
class Analysis:
    """The whole record of one article: ``to_dict()`` is a ``parley.analysis/1`` object."""

    article: Article
    sentences: tuple[Sentence, ...] = ()
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    positions: tuple[Position, ...] = ()
    claims: tuple[Claim, ...] = ()
    flags: tuple[Flag, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict)

    def entity(self, entity_id: str) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_VERSION,
            "article": self.article.to_dict(),
            "sentences": [s.to_dict() for s in self.sentences],
            "entities": [e.to_dict() for e in self.entities],
            "quotes": [q.to_dict() for q in self.quotes],
            "events": [e.to_dict() for e in self.events],
            "times": [t.to_dict() for t in self.times],
            "positions": [p.to_dict() for p in self.positions],
            "claims": [c.to_dict() for c in self.claims],
            "flags": [f.to_dict() for f in self.flags],
            "meta": dict(self.meta),
        }
