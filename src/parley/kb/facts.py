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
    "accession": {"accession", "joined"},
}

# words of an event record's trigger that can name an event of each kind, inflections
# written out ("invaded", "invasion"): an attack may begin an invasion or a war, an
# invasion a war; a capture ends a battle
_INVADE = {"invade", "invades", "invaded", "invading", "invasion", "incursion"}
_ATTACK = {"attack", "attacks", "attacked", "attacking", "assault", "assaulted", "aggression"}
_STRIKE = {
    "strike",
    "strikes",
    "struck",
    "bomb",
    "bombed",
    "bombing",
    "shell",
    "shelled",
    "shot",
    "shoot",
    "downed",
    "destroyed",
    "destruction",
    "blew",
    "explosion",
    "massacre",
    "killed",
    "killing",
    "sank",
    "sinking",
    "seized",
    "seizure",
    "raid",
}
_WAR = {"war", "conflict", "fighting", "hostilities"}
_CAPTURE = {
    "capture",
    "captured",
    "fall",
    "fell",
    "seized",
    "took",
    "taken",
    "liberated",
    "liberation",
    "recaptured",
    "recapture",
    "battle",
    "siege",
    "occupied",
}
_AGREE = {
    "sign",
    "signed",
    "signing",
    "agree",
    "agreed",
    "agreement",
    "deal",
    "accord",
    "accords",
    "treaty",
    "pact",
    "memorandum",
    "declaration",
    "protocol",
}
_MEET = {"meet", "met", "meeting", "summit", "talks", "negotiations", "negotiation", "held"}
TRIGGER_WORDS = {
    "war": _WAR | _INVADE | _ATTACK,
    "war_phase": _WAR | _INVADE | _ATTACK,
    "invasion": _INVADE | _ATTACK,
    "offensive": {"offensive", "counteroffensive", "incursion", "launched"} | _ATTACK,
    "attack": _ATTACK | _STRIKE,
    "battle": _CAPTURE,
    "annexation": {
        "annex",
        "annexed",
        "annexes",
        "annexing",
        "annexation",
        "occupation",
        "occupied",
        "seized",
        "seizure",
        "takeover",
    },
    "ceasefire": {"ceasefire", "truce", "armistice"} | _AGREE,
    "treaty": _AGREE,
    "agreement": _AGREE,
    "talks": _MEET,
    "talks_round": _MEET,
    "summit": _MEET,
    "withdrawal": {
        "withdraw",
        "withdrew",
        "withdrawn",
        "withdrawal",
        "retreat",
        "retreated",
        "quit",
        "suspended",
        "suspension",
        "pulled",
    },
    "prisoner_exchange": {"exchange", "exchanged", "swap", "swapped"},
    "sanctions_package": {"sanction", "sanctions", "sanctioned", "package"},
    "accession": {"accession", "joined"},
}
# the words that name an event of the kind itself, not one of its parts: "launched an attack"
# is the outbreak of an attack, not of the war ("since Russia attacked" is the war's)
OWN_WORDS = {
    "war": _WAR | _INVADE,
    "war_phase": _WAR | _INVADE,
    "invasion": _INVADE,
    "offensive": {"offensive", "counteroffensive", "incursion"},
}
# trigger words that name an event's outbreak: its date is the date it began; the verbs
# state that date itself, so a month must hold it ("invaded in April 2022" is wrong)
ONSET_VERBS = {
    "invade",
    "invaded",
    "invades",
    "launch",
    "launched",
    "began",
    "begun",
    "start",
    "started",
    "broke",
}
ONSET_WORDS = _INVADE | ONSET_VERBS | {"outbreak"}


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
    types: tuple[str, ...] = ()  # PLOVER event types an account of the fact is coded as
    actors: tuple[str, ...] = ()  # codes of the side that acts (both sides when mutual)
    recipients: tuple[str, ...] = ()  # codes of the side acted on
    place_ids: tuple[str, ...] = ()  # the place and the further places of the fact
    countries: tuple[str, ...] = ()  # the states its places lie in ("state:ukr")

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


def _place_ids(raw: dict) -> tuple[str, ...]:
    return tuple(p for p in (raw.get("place"), *raw.get("places", ())) if p)


def _places(raw: dict, kb: KB) -> tuple[str, ...]:
    names = []
    for place in _place_ids(raw):
        if rec := kb.get(place):
            names += [rec.name, *rec.aliases]
    if raw.get("place_name"):
        names.append(raw["place_name"])
    return tuple(names)


def _countries(raw: dict, kb: KB) -> tuple[str, ...]:
    found = []
    for place in _place_ids(raw):
        rec = kb.get(place)
        if rec is not None and rec.country:
            found.append(f"state:{rec.country.lower()}")
    return tuple(dict.fromkeys(found))


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
        types=tuple(raw.get("plover", ())),
        actors=tuple(raw.get("actors", ())),
        recipients=tuple(raw.get("recipients", ())),
        place_ids=_place_ids(raw),
        countries=_countries(raw, kb),
    )


def load_facts(extra: Sequence[str], kb: KB) -> tuple[Fact, ...]:
    """Every fact, the shipped file first; a user record with the same id replaces it.
    ``kb`` names the places facts point at."""
    facts: dict[str, Fact] = {}
    for path in data_files("facts.json", extra):
        for raw in read_records(path):
            facts[raw["id"]] = _fact(raw, kb)
    return tuple(facts.values())
