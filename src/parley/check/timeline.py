"""Which known facts of the timeline an extracted event is an account of.

An event (``Event``: type, trigger, actors, recipients, where) is an account of a fact when
its PLOVER type is one of the fact's, a word of its trigger can name an event of the fact's
kind ("invaded", "invasion" for an invasion; "signed" for an agreement), and the text names
both sides of the fact: the event's actors are among the fact's actors, its recipients and
place among the fact's recipients and places, at least one of them in the event itself and
the other side, when the event leaves it out, somewhere in the article ("the new Russian
invasion" in an article about Ukraine). A named side that contradicts the fact (another
state, a place elsewhere) rules it out.

Wars, invasions and annexations happen once between the same parties, so the sides are
enough; an attack, a battle, talks or a treaty recur, so an event is taken for one of them
only when it also names the fact's place ("captured Bakhmut"); talks and meetings, held in
round after round in the same cities, only when the event also names who met ("talks in
Istanbul that began in July" are not the March round unless their parties are named).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from parley.kb.facts import ONSET_VERBS, ONSET_WORDS, OWN_WORDS, TRIGGER_WORDS, Fact
from parley.model import Entity, Event

# kinds of which one happens between the same parties: their sides identify them
SINGULAR = frozenset({"war", "war_phase", "invasion", "annexation", "accession"})
# meetings and talks: many rounds between the same parties in the same city
MEETING = "CONSULT"
ONSET_DAYS = 60  # "the invasion in March 2022" still means the February one
_WORDS = re.compile(r"[a-z]+")
# a war's whole scale: an attack so described is the invasion that began it
_SCALE = re.compile(r"\b(?:full[- ]scale|all[- ]out)\s*$|\b(?:full[- ]scale|all[- ]out)\s", re.I)


@dataclass(frozen=True, slots=True)
class Match:
    fact: Fact
    onset: bool  # the text dates the event's outbreak ("invaded", "since ... attacked")
    strict: bool = False  # a verb states the outbreak's date ("invaded", "launched")


def entity_codes(e: Entity) -> frozenset[str]:
    """The codes an entity stands for: its record, and the state a person belongs to or a
    place lies in (an armed group or a company is not its host state: "the Taliban")."""
    codes = {e.kb_id} if e.kb_id else set()
    if e.country and e.kind in ("state", "person", "place"):
        codes.add(f"state:{e.country.lower()}")
    return frozenset(codes)


def named_codes(entities: Iterable[Entity]) -> frozenset[str]:
    """Every code the article names."""
    return frozenset(c for e in entities for c in entity_codes(e))


def _first_word(name: str) -> str:
    words = _WORDS.findall(name.lower())
    return words[0] if words else ""


@dataclass(frozen=True, slots=True)
class Sides:
    """What an event says of its participants, as codes."""

    actors: frozenset[str]
    recipients: frozenset[str]
    places: tuple[Entity, ...]  # named places: a recipient place or the event's place
    where_country: str | None
    capitals: frozenset[str] = frozenset()  # places of states named by their capital ("Kabul")


def sides(
    event: Event,
    by_id: dict[str, Entity],
    by_name: dict[str, Entity],
    between: Iterable[Entity] = (),
    capital_place: dict[str, str] | None = None,
) -> Sides:
    """``between``: places named between the trigger and its date ("captured Bakhmut in
    2023"), which the event may have left out."""
    actors = [by_id[a] for a in event.actors if a in by_id]
    recipients = [by_id[r] for r in event.recipients if r in by_id]
    places = [r for r in (*recipients, *between) if r.kind == "place"]
    places = list(dict.fromkeys(places))
    where_country = None
    if event.where is not None:
        place = by_name.get(event.where.name)
        if place is not None and place.kind == "place" and place not in places:
            places.append(place)
        if event.where.country:
            where_country = f"state:{event.where.country.lower()}"
    capitals = {(capital_place or {}).get(e.id) for e in recipients if e.kind == "state"}
    return Sides(
        frozenset(c for e in actors for c in entity_codes(e)),
        frozenset(c for e in recipients if e.kind != "place" for c in entity_codes(e)),
        tuple(places),
        where_country,
        frozenset(c for c in capitals if c),
    )


def _place_agrees(place: Entity, fact: Fact) -> bool:
    """The place is one of the fact's places, or a part of one ("Kursk"/"Kursk Oblast")."""
    if place.kb_id and place.kb_id in fact.place_ids:
        return True
    first = _first_word(place.name)
    return bool(first) and any(_first_word(p) == first for p in fact.places)


def _judge(fact: Fact, s: Sides, article: frozenset[str]) -> bool:
    """Whether the sides the event names are the fact's, and the text names both."""
    actors = set(fact.actors)
    if s.actors and not s.actors & actors:
        return False
    # the side acted on: its states, or its places and the states they lie in; in a mutual
    # fact (a war) the side that is not the event's actor
    other = (set(fact.recipients) | set(fact.countries)) - s.actors
    if s.recipients and not s.recipients & other:
        return False
    place_named = any(_place_agrees(p, fact) for p in s.places)
    place_named = place_named or bool(s.capitals & set(fact.place_ids))
    # a place in a state ("Kharkiv"), not a region of the world ("Europe")
    located = [p for p in s.places if p.country]
    if (
        located
        and not place_named
        and (fact.place_ids or not any(entity_codes(p) & other for p in located))
    ):
        return False  # a place elsewhere
    if s.where_country and not s.places and s.where_country not in other:
        return False
    if fact.kind not in SINGULAR and not place_named:
        return False  # recurring kinds are told apart by their place
    if MEETING in fact.types and not (s.actors or s.recipients):
        return False  # rounds of talks recur in one place: who met must be named too
    # the side acted on, as far as the event names it in a way that agrees
    acted_on = bool(s.recipients) or place_named or bool(s.where_country)
    acted_on = acted_on or any(entity_codes(p) & other for p in located)
    if not s.actors and not acted_on:
        return False
    if not s.actors:
        return bool(actors & article)  # "Ukraine was invaded": the invader named somewhere
    return acted_on or bool(other & article)


def event_facts(
    event: Event,
    facts: Iterable[Fact],
    by_id: dict[str, Entity],
    by_name: dict[str, Entity],
    article: frozenset[str],
    since: bool,
    between: Iterable[Entity] = (),
    joining: str = "",
    capital_place: dict[str, str] | None = None,
    modifiers: str = "",
) -> list[Match]:
    """The facts the event is an account of; ``since``: the text dates its outbreak ("since
    Russia attacked Ukraine in 2014"); ``joining``: the words between the trigger and its
    date, which may say so too ("the assault, launched in 2022"); ``modifiers``: the words
    just before the trigger ("all-out")."""
    words = set(_WORDS.findall(event.trigger.text.lower()))
    if _SCALE.search(modifiers) or _SCALE.search(event.trigger.text):
        words |= {"invasion"}  # "the all-out assault on Ukraine" is its full-scale invasion
    said = words | set(_WORDS.findall(joining.lower()))
    s = sides(event, by_id, by_name, between, capital_place)
    launched = bool(said & ONSET_WORDS)
    strict = bool(said & ONSET_VERBS)
    return [
        Match(f, since or launched and bool(words & OWN_WORDS.get(f.kind, words)), strict)
        for f in facts
        if event.type in f.types
        and words & TRIGGER_WORDS.get(f.kind, set())
        and _judge(f, s, article)
    ]


def fits_start(fact: Fact, period: tuple[date, date], strict: bool = False) -> bool:
    """Whether the stated period meets the days the fact began: a month or a year may be
    loose ("the invasion in March 2022") unless a verb states the date (``strict``), a day
    may be off by one (time zones)."""
    if fact.start is None:
        return True
    one_day = timedelta(days=1)
    loose = period[0] != period[1] and not strict
    slack = timedelta(days=ONSET_DAYS) if loose else one_day
    return period[0] <= fact.start + slack and fact.start - one_day <= period[1]
