"""Checks: what a careful reader should know. Each module turns records into ``Flag``s;
``run_checks`` runs them all in a fixed order."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from parley.check.claims import find_claims
from parley.check.consistency import inconsistencies
from parley.check.dates import attachments, date_conflicts
from parley.check.hedges import hedges
from parley.check.names import name_variants
from parley.check.offices import title_conflicts
from parley.check.sourcing import anonymous_sources, unattributed_claims
from parley.model import Claim, Entity, Event, Flag, Quote, Sentence, TimeExpr
from parley.nlp import doc_text
from parley.resources import Resources, load_resources


def run_checks(
    doc: Doc,
    sentences: tuple[Sentence, ...],
    entities: list[Entity],
    quotes: list[Quote],
    events: list[Event],
    times: list[TimeExpr],
    anchor: date | None,
    *,
    res: Resources | None = None,
    dated: list[Event] | tuple[Event, ...] = (),
) -> tuple[list[Flag], list[Claim]]:
    """The flags, in text order, and the claims with their verdicts. ``dated`` are the
    dated accounts of events the event decision left out (``extract_events_dated``): the
    date checks hold their dates against the timeline too."""
    res = res or load_resources()
    text = doc_text(doc)
    told = [*events, *dated]
    attached = attachments(sentences, text, times, entities, anchor, events=told, res=res)
    kb = res.kb
    flags = date_conflicts(attached, text, anchor)
    flags += title_conflicts(text, sentences, entities, times, kb, anchor)
    flags += inconsistencies(sentences, text, times, attached, anchor)
    flags += name_variants(entities, kb)
    flags += anonymous_sources(quotes)
    flags += unattributed_claims(text, sentences, quotes)
    flags += hedges(doc, res)
    flags.sort(key=lambda f: f.spans[0].start if f.spans else 0)
    claims = find_claims(doc, text, sentences, entities, quotes, events, attached, flags, anchor)
    return flags, claims
