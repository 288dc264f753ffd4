"""Dated reference facts (``facts.json``): the timeline that dates in a text are checked
against, extendable with the user's ``--kb`` folders (``parley.resources`` keeps one copy)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from parley.days import parse_day
from parley.kb import KB, data_files, read_records

# words that name an event of each kind in running text
KIND_WORDS = {
    "talks": {"talks", "negotiations", "negotiation", "peace process"},
    "talks_round": {"talks", "negotiations", "negotiation", "round", "meeting"},
    "summit": {"summit", "meeting"},
    "war": {"war", "conflict"},
    "war_phase": {"war", "invasion", "conflict"},
    "invasion": {"invasion", "invaded", "war"},
    "ceasefire": {"ceasefire", "truce", "armistice"},
    "treaty": {"treaty", "accord", "agreement"},
    "agreement": {"agreement", "deal", "accord", "memorandum"},
    "annexation": {"annexation", "annexed"},
    "referendum": {"referendum", "vote"},
    "election": {"election", "elections", "vote"},
    "sanctions_package": {"sanctions", "package"},
}


@dataclass(frozen=True, slots=True, eq=False)
class Fact:
    """One dated event. Facts are loaded once (``load_facts``) and compared by identity,
    so that caches keyed by a fact hash it cheaply."""

    id: str
    name: str
    kind: str
    start: date | None
    end: date | None  # None: ongoing
    start_text: str
    end_text: str | None
    aliases: tuple[str, ...]
    keywords: tuple[str, ...]
    places: tuple[str, ...]  # place names and aliases
    participants: tuple[str, ...]
    note: str = ""
    uncertain: bool = False

    def overlaps(self, first: date, last: date, today: date | None = None) -> bool:
        """Whether [first, last] meets the fact's span (ongoing facts run to ``today``)."""
        end = self.end or today or date.max
        return (self.start is None or self.start <= last) and first <= end

    def describe(self) -> dict:
        return {
            "fact": self.id,
            "name": self.name,
            "start": self.start_text,
            "end": self.end_text,
            "note": self.note,
        }


def _places(raw: dict, kb: KB) -> tuple[str, ...]:
    rec = kb.get(raw.get("place") or "")
    names = [rec.name, *rec.aliases] if rec else []
    if raw.get("place_name"):
        names.append(raw["place_name"])
    return tuple(names)


def _fact(raw: dict, kb: KB) -> Fact:
    return Fact(
        id=raw["id"],
        name=raw["name"],
        kind=raw.get("kind", "other"),
        start=parse_day(raw.get("start")),
        end=parse_day(raw.get("end"), end=True),
        start_text=raw.get("start") or "",
        end_text=raw.get("end"),
        aliases=tuple(raw.get("aliases", ())),
        keywords=tuple(raw.get("keywords", ())),
        places=_places(raw, kb),
        participants=tuple(raw.get("participants", ())),
        note=raw.get("note", ""),
        uncertain=bool(raw.get("uncertain")),
    )


def load_facts(extra: Sequence[str], kb: KB) -> tuple[Fact, ...]:
    """Every fact, the shipped file first; a user record with the same id replaces it.
    ``kb`` names the places facts point at."""
    facts: dict[str, Fact] = {}
    for path in data_files("facts.json", extra):
        for raw in read_records(path):
            facts[raw["id"]] = _fact(raw, kb)
    return tuple(facts.values())
