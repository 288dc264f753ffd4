"""Events known through someone's statement: the quote whose content holds the trigger.

Inside a quote, an event without an actor takes the subject of what is reported ("signals
from Moscow remained negative, characterized by continued attacks": Moscow), and a hostile
act without a recipient is taken to be aimed at the speaker's side (Zelensky reporting
attacks: on Ukraine) -- both noted in the explanation and at a lower confidence.
"""

from __future__ import annotations

from parley.extract.events import arguments as A
from parley.extract.events.context import Context
from parley.extract.events.entity_index import ACTOR_KINDS
from parley.extract.events.roles import carrier_verb
from parley.extract.events.triggers import Draft
from parley.model import Quote

HOSTILE_TO_SPEAKER = {"ASSAULT", "COERCE"}
FIRST_PERSON = {"i", "we", "my", "our", "me", "us"}


def _content_subject(q: Quote, ctx: Context, exclude: set[str]) -> list[str]:
    """The entity the reported clause is about: its subject, or where the subject comes
    from ("signals from Moscow")."""
    span = ctx.doc.char_span(q.content.start, q.content.end, alignment_mode="expand")
    if span is None:
        return []
    for t in span:
        if t.dep_ in ("nsubj", "nsubjpass") and span.start <= t.head.i < span.end:
            ids = [e for e in ctx.resolve([t]) if e not in exclude]
            if not ids:
                origin = [p for c in t.children if c.lower_ == "from" for p in c.children]
                ids = [e for e in ctx.resolve(origin) if e not in exclude]
            if ids:
                return ids
    return []


def _speaker_side(q: Quote, ctx: Context) -> str | None:
    if not q.speaker_entity or q.speaker_entity not in ctx.index.by_id:
        return None
    who = ctx.index.by_id[q.speaker_entity]
    if who.kind == "state":
        return who.id
    if not who.country:
        return None
    for e in ctx.index.by_id.values():
        if e.kind == "state" and e.country == who.country:
            return e.id
    return None


def _agent_words(d: Draft, ctx: Context) -> list:
    """The words that name who does the draft's event: the verb's subject, the possessor of
    a noun ("our sanctions"), the subject of its support verb or of the verb it is the
    object of ("we continue to use sanctions")."""
    if d.kind == "verbal":
        return A.agent_tokens(d.anchor, ctx.lex)
    words = [c for c in d.trigger.children if c.dep_ == "poss"]
    for c in d.trigger.children:  # "sanctions that we have prepared"
        if c.dep_ == "relcl":
            words += [x for x in c.children if x.dep_ == "nsubj"]
    verb = d.light if d.light is not None else carrier_verb(d, ctx)
    if verb is not None:
        words += A.agent_tokens(verb, ctx.lex)
    return words


def _speaker_actor(d: Draft, ctx: Context, q: Quote) -> list[str]:
    """The speaker, when the quoted event is done by "I"/"we"/"my"/"our"."""
    if not q.speaker_entity or q.speaker_entity not in ctx.index.by_id:
        return []
    if ctx.index.by_id[q.speaker_entity].kind not in ACTOR_KINDS:
        return []
    if any(w.lower_ in FIRST_PERSON for w in _agent_words(d, ctx)):
        return [q.speaker_entity]
    return []


def reported_by(d: Draft, ctx: Context, start: int, end: int) -> str | None:
    q = ctx.quote_holding(start, end)
    if q is None:
        return None
    if not d.actors:
        d.actors = _speaker_actor(d, ctx, q)
        if d.actors:
            d.notes.append(f"actor: the speaker of {q.id}, who says 'I' or 'we'")
    if not d.actors:
        found = _content_subject(q, ctx, {q.speaker_entity} if q.speaker_entity else set())
        if found:
            d.actors = found
            d.penalty += 0.05
            d.notes.append(f"actor: the subject of what {q.id} reports (-0.05)")
    if d.type in HOSTILE_TO_SPEAKER and d.actors and not d.recipients:
        side = _speaker_side(q, ctx)
        if side is not None and side not in d.actors:
            countries = {ctx.index.by_id[a].country for a in d.actors}
            if ctx.index.by_id[side].country not in countries:
                d.recipients = [side]
                d.penalty += 0.05
                d.notes.append(f"recipient: the side of {q.id}'s speaker, who reports it (-0.05)")
    return q.id
