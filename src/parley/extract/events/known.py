"""Who did it, when the text leaves the doer out but names a known event.

"The invasion of Ukraine", "Ukraine was invaded", "the war against Ukraine": the sentence
names the side acted on and not the side that acts. When the timeline's facts that fit
(a war, an invasion or an annexation of that side begun by then: these happen once between
the same parties) all have the same principal doer (their first state that is not the side
acted on), and the article names that state, the event takes it as its actor, and its
explanation says so. Only a word of the kind itself counts ("invasion", "war", "annexed"):
a generic "attack", and recurring kinds (battles, talks), are never completed this way, as
who attacked a city on a given day is not known from the timeline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from parley.extract.events.entity_index import EntityIndex
from parley.kb.facts import OWN_WORDS, TRIGGER_WORDS, Fact
from parley.model import Event

SINGULAR = frozenset({"war", "war_phase", "invasion", "annexation"})
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
    entities = index.by_id
    acted_on = {
        entities[r].kb_id
        for r in event.recipients
        if r in entities and entities[r].kind == "state" and entities[r].kb_id
    }
    if not acted_on:
        return event, why
    words = set(_WORDS.findall(event.trigger.text.lower()))
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
    note = f"; actor {entities[actor].name} from the known event ({', '.join(sorted(named))})"
    return replace(event, actors=(actor,)), why + note
