"""Where an event took place: a place attached to its trigger or to its clause's verb.

"talks in Miami", "arrived in Istanbul", "protested in the eastern city of Kharkiv",
"the Istanbul talks", "visited Russia". A city or region comes with its coordinates from
the knowledge base, else from the offline gazetteer (``extract.geo``); a country is named
without a point (its capital is not where the event happened).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Token

from parley.extract.events.entity_index import EntityIndex
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


@dataclass
class MentionIndex:
    """The mentions of every entity by position, built once per article, so that placing an
    event costs a look-up instead of a scan of the entity's mentions (and of all entities
    for the article's countries).

    ``by_entity[id]`` holds ``(start, order, mention)`` sorted by start, ``order`` being the
    mention's rank in ``Entity.mentions``; ``longest[id]`` its longest mention in characters.
    """

    by_entity: dict[str, list[tuple[int, int, Span]]]
    longest: dict[str, int]
    countries: set[str]

    @classmethod
    def build(cls, entities: Iterable[Entity]) -> MentionIndex:
        by_entity: dict[str, list[tuple[int, int, Span]]] = {}
        longest: dict[str, int] = {}
        countries: set[str] = set()
        for e in entities:
            rows = sorted(((m.start, k, m) for k, m in enumerate(e.mentions)), key=_first_two)
            by_entity[e.id] = rows
            longest[e.id] = max((m.end - m.start for m in e.mentions), default=0)
            if e.country:
                countries.add(e.country)
        return cls(by_entity, longest, countries)

    def mention_at(self, entity: Entity, char: int) -> Span | None:
        """The first of ``entity.mentions`` (in their order) that covers character ``char``."""
        rows = self.by_entity.get(entity.id)
        if rows is None:  # an entity the index was not built with
            return next((m for m in entity.mentions if m.start <= char < m.end), None)
        lowest = char - self.longest[entity.id]
        best: tuple[int, Span] | None = None
        i = bisect_right(rows, char, key=_start) - 1
        while i >= 0 and rows[i][0] > lowest:
            _, k, m = rows[i]
            if char < m.end and (best is None or k < best[0]):
                best = (k, m)
            i -= 1
        return best[1] if best is not None else None


def _start(row: tuple[int, int, Span]) -> int:
    return row[0]


def _first_two(row: tuple[int, int, Span]) -> tuple[int, int]:
    return row[0], row[1]


def _where(entity: Entity, tok: Token, kb: KB, places: MentionIndex) -> Where:
    m = places.mention_at(entity, tok.idx)
    # the entity's first mention with the same bounds as the one at the token
    span = _same_bounds(entity, places, m) if m is not None else None
    if span is None:
        start, end = (m.start, m.end) if m is not None else (tok.idx, tok.idx + len(tok))
        span = Span(start, end, tok.text)
    if entity.kind == "state":
        return Where(entity.name, entity.country, None, None, span)
    rec = kb.get(entity.kb_id) if entity.kb_id else None
    if rec is not None:
        return Where(entity.name, rec.country or entity.country, rec.lat, rec.lon, span)
    hit = geocode(entity.name, places.countries)
    if hit is None:
        return Where(entity.name, entity.country, None, None, span)
    return Where(entity.name, hit.country, hit.lat, hit.lon, span)


def _same_bounds(entity: Entity, places: MentionIndex, m: Span) -> Span:
    rows = places.by_entity.get(entity.id)
    if rows is None:
        return next(x for x in entity.mentions if (x.start, x.end) == (m.start, m.end))
    i = bisect_right(rows, m.start, key=_start) - 1
    best = m
    rank = None
    while i >= 0 and rows[i][0] == m.start:
        _, k, x = rows[i]
        if x.end == m.end and (rank is None or k < rank):
            best, rank = x, k
        i -= 1
    return best


def find_where(
    tokens: list[Token],
    index: EntityIndex,
    kb: KB,
    visit: bool,
    lex: Lexicon,
    places: MentionIndex | None = None,
) -> Where | None:
    """The place attached to the first of ``tokens`` that has one (trigger, then its verb);
    a city or region that is the object ("shelled Rafah", "visited Kyiv") counts too, a
    country as object only for a visit. ``places`` is the article's ``MentionIndex``
    (built here from ``index`` when not given: pass it when placing many events)."""
    if places is None:
        places = MentionIndex.build(index.by_id.values())
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
                            return _where(*found, kb, places)
            elif c.dep_ == "compound" and tok.pos_ == "NOUN":
                e = index.entity(c.i)
                if e is not None and e.kind == "place":
                    return _where(e, c, kb, places)
            elif c.dep_ == "dobj":
                found = _place_in(c, index, 1, states=visit)
                if found is not None:
                    return _where(*found, kb, places)
    return None
