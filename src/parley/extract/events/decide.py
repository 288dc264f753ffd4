"""The trained decision over the lexicon's candidates: which are reported events, and of
which type.

The coder proposes candidates (every draft the patterns and rules make, with its arguments,
status and ``features``); the candidates on one trigger word are one *mention* whose
possible types they are ("invasion" as ASSAULT, and as THREATEN when the rules read it as
an intention). A logistic model scores every candidate: the probability that the text
reports an event of that type there. Each mention keeps its most probable type when that
probability reaches the model's threshold, and nothing otherwise: one event per mention.

The weights ship as JSON (``parley/kb/models/events.json``, read by ``parley.kb.models``)
and scoring is a sum of dictionary look-ups; ``benchmarks/train_events.py`` retrains them.
Without a model every candidate is kept, as the lexicon rules code them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from parley.kb.models import EventModel
from parley.model import Event


@dataclass(frozen=True, slots=True)
class Candidate:
    """One possible event: what the rules coded, why, and what the model reads about it."""

    event: Event
    why: str
    features: tuple[str, ...]
    mention: tuple[int, int]  # (sentence, trigger token): the candidates of one word


def decide(candidates: list[Candidate], model: EventModel | None) -> list[tuple[Event, str]]:
    """The events among ``candidates`` with their explanations: all of them without a
    model. With one: per mention the most probable type, if it reaches the threshold; then
    per sentence and type the most probable mention, and another only when the two are
    distinct events (``_distinct``: two meetings of different people, a meeting held and
    one proposed)."""
    if model is None:
        return [(c.event, c.why) for c in candidates]
    scored = [(model.probability(c.features), n, c) for n, c in enumerate(candidates)]
    types: dict[tuple[int, int], list[str]] = {}
    best: dict[tuple[int, int], tuple[float, int, Candidate]] = {}
    for p, n, c in scored:
        types.setdefault(c.mention, []).append(c.event.type)
        held = best.get(c.mention)
        if held is None or p > held[0]:
            best[c.mention] = (p, n, c)
    kept: dict[tuple[int, str], list[tuple[float, int, Candidate]]] = {}
    for p, n, c in sorted(best.values(), key=lambda row: (-row[0], row[1])):
        if p < model.threshold:
            continue
        same = kept.setdefault((c.mention[0], c.event.type), [])
        if same and not all(_distinct(c.event, x.event) for _, _, x in same):
            continue
        same.append((p, n, c))
    out = []
    for p, _, c in sorted((row for rows in kept.values() for row in rows), key=lambda r: r[1]):
        why = f"{c.why}; event model: p {p:.2f} >= {model.threshold:.2f}"
        others = sorted(set(types[c.mention]) - {c.event.type})
        if others:
            why += f" (preferred to {', '.join(others)})"
        out.append((replace(c.event, confidence=round(p, 2)), why))
    return out


def _distinct(a: Event, b: Event) -> bool:
    """Two events of one type in one sentence that are two events, not one told twice:
    different actors, or one that happened and one that is only planned, proposed or past."""
    if a.actors and b.actors and set(a.actors).isdisjoint(b.actors):
        return True
    return a.status != b.status
