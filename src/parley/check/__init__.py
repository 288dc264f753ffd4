"""Checks: what a careful reader should know. Each module turns records into ``Flag``s;
``run_checks`` runs them all in a fixed order."""

from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from parley.check.dates import date_conflicts
from parley.check.hedges import hedges
from parley.check.names import name_variants
from parley.check.sourcing import anonymous_sources
from parley.kb.facts import load_facts
from parley.model import Entity, Flag, Quote, Sentence, TimeExpr
from parley.nlp import doc_text


def run_checks(
    doc: Doc,
    nlp: Language,
    sentences: tuple[Sentence, ...],
    entities: list[Entity],
    quotes: list[Quote],
    times: list[TimeExpr],
    anchor: date | None,
    kb_dirs: tuple[str, ...] = (),
) -> list[Flag]:
    flags = date_conflicts(sentences, doc_text(doc), times, entities, load_facts(kb_dirs), anchor)
    flags += name_variants(entities)
    flags += anonymous_sources(quotes)
    flags += hedges(doc, nlp, kb_dirs)
    return sorted(flags, key=lambda f: f.spans[0].start if f.spans else 0)
