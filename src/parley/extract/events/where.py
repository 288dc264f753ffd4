"""Where an event took place: a place attached to its trigger or to its clause's verb.

"talks in Miami", "arrived in Istanbul", "protested in the eastern city of Kharkiv",
"the Istanbul talks", "visited Russia". A city or region comes with its coordinates from
the knowledge base, else from the offline gazetteer (``extract.geo``); a country is named
without a point (its capital is not where the event happened).
"""

from __future__ import annotations

from spacy.tokens import Token

from parley.extract.events.arguments import EntityIndex
from parley.extract.geo import geocode
from parley.kb import KB
from parley.kb.plover import Lexicon
from parley.model import Entity, Span, Where

PLACE_PREPS = {"in", "at", "near", "outside", "inside", "around", "across", "throughout",
               "within", "off", "along"}  # fmt: skip
STATE_PREPS = {"in", "inside", "across", "throughout", "within"}  # a country as the place
MOTION_PREPS = {"to"}
NOUN_HOPS = 3


def _place_in(
    tok: Token, index: EntityIndex, hops: int = NOUN_HOPS, states: bool = True
) -> tuple[Entity, Token] | None:
    """The place a noun phrase names: itself, or "the town of X", "a prison in X's capital Y"."""
    frontier = [tok]
    for _ in range(hops):
        nxt = []
        for t in frontier:
            e = index.entity(t.i)
            if e is not None and (e.kind == "place" or (states and e.kind == "state")):
                return e, t
            for c in t.children:
                if c.dep_ in ("compound", "appos", "poss", "conj", "nmod"):
                    nxt.append(c)
                elif c.dep_ == "prep" and c.lower_ in ("of", "in", "near"):
                    nxt += [p for p in c.children if p.dep_ == "pobj"]
        frontier = nxt
    return None


def _where(entity: Entity, tok: Token, kb: KB, index: EntityIndex) -> Where:
    start, end = _mention_at(entity, tok)
    span = next((m for m in entity.mentions if (m.start, m.end) == (start, end)), None)
    if span is None:
        span = Span(start, end, tok.text)
    if entity.kind == "state":
        return Where(entity.name, entity.country, None, None, span)
    rec = kb.get(entity.kb_id) if entity.kb_id else None
    if rec is not None:
        return Where(entity.name, rec.country or entity.country, rec.lat, rec.lon, span)
    countries = {e.country for e in index.by_id.values() if e.country}
    hit = geocode(entity.name, countries)
    if hit is None:
        return Where(entity.name, entity.country, None, None, span)
    return Where(entity.name, hit.country, hit.lat, hit.lon, span)


def _mention_at(entity: Entity, tok: Token) -> tuple[int, int]:
    for m in entity.mentions:
        if m.start <= tok.idx < m.end:
            return m.start, m.end
    return tok.idx, tok.idx + len(tok)


def find_where(
    tokens: list[Token], index: EntityIndex, kb: KB, visit: bool, lex: Lexicon
) -> Where | None:
    """The place attached to the first of ``tokens`` that has one (trigger, then its verb);
    a city or region that is the object ("shelled Rafah", "visited Kyiv") counts too, a
    country as object only for a visit."""
    for tok in tokens:
        lemma = tok.lemma_.lower()
        motion = lex.has("motion_words", lemma) or visit
        preps = PLACE_PREPS | (MOTION_PREPS if motion else set())
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in preps:
                states = c.lower_ in STATE_PREPS or (motion and c.lower_ in MOTION_PREPS)
                for p in c.children:
                    if p.dep_ == "pobj":
                        found = _place_in(p, index, states=states)
                        if found is not None:
                            return _where(*found, kb, index)
            elif c.dep_ == "compound" and tok.pos_ == "NOUN":
                e = index.entity(c.i)
                if e is not None and e.kind == "place":
                    return _where(e, c, kb, index)
            elif c.dep_ == "dobj":
                found = _place_in(c, index, 1, states=visit)
                if found is not None:
                    return _where(*found, kb, index)
    return None
