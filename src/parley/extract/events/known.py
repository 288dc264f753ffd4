"""Who did it, when the text leaves the doer out but names a known event.

"The invasion of Ukraine", "Ukraine was invaded", "the war against Ukraine": the sentence
names the side acted on and not the side that acts. When the timeline's facts that fit
(a war, an invasion or an annexation of that side begun by then: these happen once between
the same parties) all have the same principal doer (their first state that is not the side
acted on), and the article names that state, the event takes it as its actor, and its
explanation says so. Only a word of the kind itself counts ("invasion", "war", "annexed"):
a generic "attack", and recurring kinds (battles, talks), are never completed this way, as
who attacked a city on a given day is not known from the timeline.

An invasion told as past without a date ("since Moscow began its invasion", "Ukraine
was invaded") is the start of the known invasion still going on at the publication date:
when every such fact it fits (between its parties) began more than ``HISTORICAL_GAP``
before that date, the event is historical, as one with a date that old is. A base form
("to invade", "could invade") is never read so: it speaks of an invasion in general or to
come, and an invasion that is over is not the one a bare "the invasion" recalls.

An attack told without its doer ("a city was shelled", "missile strikes on Kharkiv") in an
article set in a war of two named sides is the other side's when what it hit belongs to one
side: the state of a recipient, else of the place (``war_side``). The explanation says the
actor is inferred. This is how a reader resolves it, and as the news-gold scheme asks
("resolved from context when the text makes the referent unambiguous").

The war an article is set in (``current_period``) is the latest war or phase of one going
on at the publication date whose states the article all names: what happened before it
began is background (``when.is_historical``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from parley.extract.events.entity_index import EntityIndex
from parley.extract.events.when import HISTORICAL_GAP
from parley.kb.facts import OWN_WORDS, TRIGGER_WORDS, Fact
from parley.model import Event

SINGULAR = frozenset({"war", "war_phase", "invasion", "annexation"})
INVADED = frozenset({"invaded", "invasion"})  # an invasion told as past or named
_WORDS = re.compile(r"[a-z]+")


def complete_actor(
    event: Event,
    why: str,
    index: EntityIndex,
    facts: Iterable[Fact],
    anchor: date | None,
) -> tuple[Event, str]:
    """``event`` with the actor of the one known fact it is an account of, when it has no
    actor of its own (else unchanged)."""
    if event.actors or not event.recipients:
        return event, why
    acted_on = _states(event.recipients, index)
    if not acted_on:
        return event, why
    words = _trigger_words(event)
    doers: set[str] = set()
    named: list[str] = []
    for fact in facts:
        if fact.kind not in SINGULAR or event.type not in fact.types:
            continue
        # a word of the kind itself ("invasion", "war", "annexed"), not a generic "attack"
        if not words & (OWN_WORDS.get(fact.kind) or TRIGGER_WORDS.get(fact.kind, set())):
            continue
        if not acted_on <= set(fact.recipients) or (anchor and fact.start and fact.start > anchor):
            continue
        # the principal doer: the fact's first state that is not the side acted on
        principal = next(
            (c for c in fact.actors if c.startswith("state:") and c not in acted_on), None
        )
        if principal is not None:
            doers.add(principal)
            named.append(fact.name)
    actor = index.by_kb.get(next(iter(doers))) if len(doers) == 1 else None
    if actor is None:
        return event, why
    note = f"; actor {index.by_id[actor].name} from the known event ({', '.join(sorted(named))})"
    return replace(event, actors=(actor,)), why + note


def recall_onset(
    event: Event,
    why: str,
    index: EntityIndex,
    facts: Iterable[Fact],
    anchor: date | None,
) -> tuple[Event, str]:
    """``event`` as historical when it is the undated start of the known invasions going on
    at ``anchor`` that it fits, all begun more than ``HISTORICAL_GAP`` before it (else
    unchanged)."""
    if anchor is None or event.status != "asserted" or event.when is None:
        return event, why
    if event.when.basis != "published":
        return event, why
    if not _trigger_words(event) & INVADED:
        return event, why
    # the states of its sides, else their persons' countries ("invaded by Putin"); with none
    # named ("since the invasion began"), an invasion whose principal doer and every side
    # acted on the article names
    parties = (*event.actors, *event.recipients)
    sides = _states(parties, index) or {_state_code(index.by_id.get(x)) for x in parties}
    sides.discard(None)
    starts = []
    for fact in facts:
        if fact.kind != "invasion" or event.type not in fact.types or not _ongoing(fact, anchor):
            continue
        if sides:
            fits = sides <= {*fact.actors, *fact.recipients}
        else:
            fits = all(s in index.by_kb for s in (*fact.actors[:1], *fact.recipients))
        if fits:
            starts.append((fact.start, fact.name))
    if not starts or max(starts)[0] >= anchor - HISTORICAL_GAP:
        return event, why
    named = ", ".join(sorted({name for _, name in starts}))
    return replace(event, status="historical"), why + f"; historical: the outbreak of {named}"


def war_side(
    event: Event,
    why: str,
    index: EntityIndex,
    facts: Iterable[Fact],
    anchor: date | None,
) -> tuple[Event, str]:
    """``event``, an attack with no actor, with the other side of the two-sided war going on
    at ``anchor`` whose sides the article names, when what it hit is one side's (else
    unchanged)."""
    if event.actors or event.type != "ASSAULT" or anchor is None:
        return event, why
    hit = {_state_code(index.by_id.get(x)) for x in event.recipients} - {None}
    if not hit and event.where is not None and event.where.country:
        hit = {"state:" + event.where.country.lower()}
    if len(hit) != 1:
        return event, why
    others: set[str] = set()
    named: list[str] = []
    for fact in facts:
        if fact.kind not in ("war", "war_phase") or not _ongoing(fact, anchor):
            continue
        sides = {c for c in fact.participants if c.startswith(("state:", "org:"))}
        if len(sides) != 2 or not hit < sides or not all(s in index.by_kb for s in sides):
            continue
        others |= sides - hit
        named.append(fact.name)
    if len(others) != 1:
        return event, why
    actor = index.by_kb[next(iter(others))]
    note = (
        f"; actor {index.by_id[actor].name} inferred: the other side of "
        f"{', '.join(sorted(set(named)))}"
    )
    return replace(event, actors=(actor,)), why + note


def _state_code(entity) -> str | None:
    """The knowledge-base id of an entity's state: its own for a state, else its country's."""
    if entity is None or entity.kind == "place":
        return None
    if entity.kind == "state":
        return entity.kb_id
    return "state:" + entity.country.lower() if entity.country else None


def _ongoing(fact: Fact, anchor: date) -> bool:
    """Whether ``fact`` had begun by ``anchor`` and not yet ended."""
    return (
        fact.start is not None and fact.start <= anchor and (fact.end is None or fact.end >= anchor)
    )


def _trigger_words(event: Event) -> set[str]:
    return set(_WORDS.findall(event.trigger.text.lower()))


def _states(ids: Iterable[str], index: EntityIndex) -> set[str]:
    """The knowledge-base ids of the states among the entities ``ids``."""
    found = (index.by_id.get(x) for x in ids)
    return {e.kb_id for e in found if e is not None and e.kind == "state" and e.kb_id}


def current_period(index: EntityIndex, facts: Iterable[Fact], anchor: date | None) -> date | None:
    """The start of the latest war (or phase of one) going on at ``anchor`` whose states
    the article names, every one of them; None when there is none."""
    if anchor is None:
        return None
    starts = []
    for fact in facts:
        if fact.kind not in ("war", "war_phase") or not _ongoing(fact, anchor):
            continue
        states = {c for c in (*fact.actors, *fact.recipients) if c.startswith("state:")}
        if states and all(s in index.by_kb for s in states):
            starts.append(fact.start)
    return max(starts, default=None)
