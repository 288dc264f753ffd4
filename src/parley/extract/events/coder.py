"""The event coder: for each sentence, drafts from the lexicon, then arguments, status,
derived events and modes; then for each event its place, time, source and confidence.

Confidence starts from the pattern's and falls for every event the draft is embedded in (an
event under "threatened to …", "demanded that …") and every subordinate clause it sits in,
and rises when an actor is found, so that a sentence's main event scores highest.
Explanations (rule, arguments, status cue, confidence) are kept per event for ``explain``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from parley.extract.actors import demonyms
from parley.extract.events import arguments as A
from parley.extract.events import derive
from parley.extract.events.context import (
    Context,
    clause_verb_of,
    link,
    start_of,
    unique,
    unique_tokens,
)
from parley.extract.events.decide import Candidate, decide
from parley.extract.events.features import features, sentence_words
from parley.extract.events.known import complete_actor, current_period, recall_onset, war_side
from parley.extract.events.modes import infer_mode
from parley.extract.events.roles import nominal_args, verbal_args
from parley.extract.events.sources import reported_by
from parley.extract.events.status import (
    Modality,
    hedge,
    modality,
    negated,
    own_modality,
)
from parley.extract.events.triggers import Draft, find_drafts
from parley.extract.events.when import (
    anchored_times,
    governing_time,
    is_ahead,
    is_historical,
    publication,
)
from parley.extract.events.where import find_where
from parley.model import Entity, Event, Quote, Span, TimeExpr
from parley.nlp import doc_sents
from parley.resources import Resources, load_resources

CLAUSE_DEPS = {"relcl", "acl", "advcl", "csubj", "appos", "pcomp"}
DEPTH_COST = 0.25
CLAUSE_COST = 0.08
NO_ACTOR_COST = 0.1
ACTOR_BONUS = 0.05
DERIVED_BONUS = 0.03
BARE_NOUN_COST = 0.05
# a package of these is given when it is announced ("announced a $50m aid package"), where an
# announced visit or meeting is still to come
ANNOUNCED_DONE = frozenset({"AID", "SANCTION"})
ANNOUNCING = frozenset({"announce", "unveil"})


def _status(d: Draft, ctx: Context) -> None:
    verb = clause_verb_of(d)
    m = modality(start_of(d), verb, ctx.lex)
    if (
        m.status == "planned"
        and m.cue is not None
        and d.kind == "nominal"
        and d.type in ANNOUNCED_DONE
        and m.cue.lemma_.lower() in ANNOUNCING
        and m.reason.startswith("under")
        and _object_of(start_of(d), m.cue)
    ):  # "announced a new aid package": given by the announcement, unless it is to come
        m = own_modality(m.cue, ctx.lex) or Modality("asserted", m.cue, f"'{m.cue.text}' it")
    d.modality = m
    d.status = m.status
    d.negated, why = negated(start_of(d), d.trigger, verb, ctx.lex)
    d.notes = [n for n in d.notes if not n.startswith("negated by")]  # status runs twice
    if d.negated:
        d.notes.append(f"negated by {why}")
    g = d.governor
    wrapper = g.trigger.lemma_.lower() if g is not None else ""
    if (
        g is not None
        and not d.negated
        and (start_of(d).dep_ in ("xcomp", "dobj", "pobj") or d.kind == "nominal")
        and (
            ctx.lex.has("negating_verbs", wrapper)
            or (g.type == "REJECT" and ctx.lex.has("rejecting_verbs", wrapper))
        )
    ):
        d.negated = True  # "refused to send weapons", "failed to agree on a truce"
        d.notes.append(f"negated by '{g.trigger.text}'")


def _hedged(d: Draft, event: Event, why: str, ctx: Context) -> tuple[Event, str]:
    """An asserted event said only to be possible ("a possible invasion", "likely blew up")
    as hypothetical. Read after the features: the decision weighs the hedge word itself,
    and a background "possible invasion" is no likelier to be news for being hypothetical."""
    if event.status != "asserted":
        return event, why
    word = hedge(d.node if d.kind == "nominal" else None, clause_verb_of(d), ctx.lex)
    if word is None:
        return event, why
    return replace(event, status="hypothetical"), why + f"; hypothetical: '{word.text}'"


def _object_of(noun, verb) -> bool:
    """Whether ``noun`` is in the object of ``verb`` with no other verb between them ("announced
    an extra $25m in military assistance"), not in a clause below it."""
    t = noun
    for _ in range(6):
        if t.head.i == t.i:
            return False
        t = t.head
        if t.i == verb.i:
            return True
        if t.pos_ in ("VERB", "AUX"):
            return False
    return False


# --- confidence -------------------------------------------------------------------------------


def _depth(d: Draft) -> int:
    n, g = 0, d.governor
    while g is not None and n < 8:
        n, g = n + 1, g.governor
    return n


def _clauses(d: Draft) -> int:
    stop = {i for i in d.governor.heads} if d.governor is not None else set()
    t, n = start_of(d), 0
    for _ in range(12):
        if t.head.i == t.i or t.i in stop:
            break
        if t.dep_ in CLAUSE_DEPS:
            n += 1
        t = t.head
    return n


def _confidence(d: Draft) -> float:
    base = d.derived_from.pattern.conf + DERIVED_BONUS if d.derived_from else d.pattern.conf
    depth, clauses = _depth(d), _clauses(d)
    c = base - DEPTH_COST * depth - CLAUSE_COST * clauses - d.penalty
    c += ACTOR_BONUS if d.actors else -NO_ACTOR_COST
    bare_noun = d.kind == "nominal" and d.light is None
    if bare_noun:
        c -= BARE_NOUN_COST
    note = f"confidence {base:.2f} (pattern)"
    if depth:
        note += f" - {DEPTH_COST * depth:.2f} (embedded {depth})"
    if clauses:
        note += f" - {CLAUSE_COST * clauses:.2f} (subordinate clause)"
    if bare_noun:
        note += f" - {BARE_NOUN_COST:.2f} (noun without a verb)"
    if d.penalty:
        note += f" - {d.penalty:.2f} (inferred argument)"
    note += f" {'+' if d.actors else '-'} {ACTOR_BONUS if d.actors else NO_ACTOR_COST:.2f} (actor)"
    d.notes.append(note)
    return round(min(0.98, max(0.05, c)), 2)


# --- assembly ---------------------------------------------------------------------------------


def _sentence_drafts(sent: SpacySpan, ctx: Context) -> list[Draft]:
    lex = ctx.lex
    drafts = find_drafts(ctx.scan("lexical", sent), lex, ctx.names_place)
    drafts += derive.comp_patterns(ctx.scan("complement", sent), drafts, lex)
    link(drafts)
    ordered: dict[int, Draft] = {}
    for d in drafts:  # "ordered the channel to suspend its broadcasts" is the censoring
        g = d.governor
        if g is not None and d.type in g.pattern.yield_to and not g.dropped:
            g.dropped = True
            ordered[id(d)] = g
            d.notes.append(f"carried out on the order of '{g.trigger.text}'")
    drafts = [d for d in drafts if not d.dropped]
    link(drafts)
    ctx.drafts = drafts
    for d in drafts:
        if d.kind == "verbal":
            verbal_args(d, ctx)
        else:
            nominal_args(d, ctx)
        g = ordered.get(id(d))
        if g is not None:
            boss = ctx.resolve(A.agent_tokens(g.anchor, ctx.lex))
            if boss:
                obj = A.controller_object(g.anchor)
                told = ctx.resolve([obj]) if obj is not None else []
                d.recipients = unique(told + [r for r in d.recipients if r not in boss])
                d.actors = boss
    for d in drafts:
        _status(d, ctx)
    derive.intent_wrappers(drafts, ctx)
    derive.merge_subject_nouns(drafts)
    drafts = [d for d in drafts if not d.dropped and not derive.in_position(d, ctx)]
    link(drafts)
    for d in drafts:
        _status(d, ctx)
    derived = derive.derive_requests(sent, drafts, ctx)
    derived += derive.derive_intent(drafts, ctx)
    drafts += derived
    ctx.drafts = drafts
    for d in drafts:
        derive.state_protest(d, ctx)
        derive.joint(d)
        infer_mode(d, ctx)
    return drafts


def _event(d: Draft, ctx: Context, sent: SpacySpan, sent_i: int) -> tuple[Event, str]:
    doc = ctx.doc
    words = doc[d.start : d.end]
    start, end = words.start_char, words.end_char
    trigger = Span(start, end, words.text)
    source = reported_by(d, ctx, start, end)
    times = ctx.times_in(sent.start, sent.end)
    found = governing_time(d.trigger, start_of(d), times, (sent.start, sent.end))
    status = d.status
    if found is not None and status == "asserted":
        said = found.when.text.text if found.when.text else ""
        if is_historical(found, ctx.anchor, ctx.period):
            status = "historical"
            d.notes.append(f"historical: '{said}'")
        elif is_ahead(found, ctx.anchor):
            status = "planned"
            d.notes.append(f"planned: '{said}' is ahead")
    elif found is None and status == "asserted" and _former_state(d.actors, ctx):
        status = "historical"
        d.notes.append("historical: by a state that no longer exists")
    if found is not None:
        when = found.when
    elif status == "historical":
        when = None  # before the article, but not when: the publication date would be wrong
    else:
        when = publication(ctx.anchor)
    tokens = unique_tokens([d.trigger, d.node, *([d.light] if d.light is not None else [])])
    verb = clause_verb_of(d)
    if verb is not None and d.kind == "nominal":
        tokens.append(verb)
    where = find_where(tokens, ctx.index, ctx.kb, d.mode == "visit", ctx.lex, ctx.places)
    conf = _confidence(d)
    if d.modality is not None and d.modality.reason:
        d.notes.append(f"status {status}: {d.modality.reason}")
    event = Event(
        id="",
        type=d.type,
        trigger=trigger,
        status=status,
        sentence=sent_i,
        mode=d.mode,
        actors=tuple(d.actors),
        recipients=tuple(r for r in d.recipients if r not in d.actors),
        negated=d.negated,
        when=when,
        where=where,
        reported_by=source,
        confidence=conf,
    )
    mode = f"/{d.mode}" if d.mode else ""
    why = f"{d.type}{mode} '{trigger.text}' by rule {d.rule}"
    if d.notes:
        why += "; " + "; ".join(d.notes)
    return event, why


def _former_state(actors: list[str], ctx: Context) -> bool:
    """Whether an actor is, or acts for, a state that no longer exists (the Soviet Union):
    what it did is history."""
    for eid in actors:
        e = ctx.index.by_id.get(eid)
        state = ctx.kb.state(e.country) if e is not None and e.country else None
        if state is not None and state.status == "historical":
            return True
    return False


def event_candidates(
    doc: Doc,
    entities: list[Entity],
    quotes: list[Quote] | tuple[Quote, ...] = (),
    times: list[TimeExpr] | tuple[TimeExpr, ...] = (),
    anchor: date | None = None,
    *,
    res: Resources | None = None,
) -> list[Candidate]:
    """Every event the lexicon and the rules propose, with its explanation and the features
    the event model reads (``decide`` chooses among them)."""
    res = res or load_resources()
    index = A.EntityIndex.build(doc, entities, res.built(demonyms))
    index.add_offices(res.kb, anchor)
    ctx = Context(
        doc=doc,
        lex=res.plover,
        index=index,
        kb=res.kb,
        quotes=list(quotes),
        times=anchored_times(doc, times),
        anchor=anchor,
        period=current_period(index, res.facts, anchor),
    )
    out: list[Candidate] = []
    # numbered as parley.extract.structure.sentences does: whitespace-only ones skipped
    sents = [s for s in doc_sents(doc) if not all(t.is_space for t in s)]
    for sent_i, sent in enumerate(sents):
        if not any(t.pos_ in ("VERB", "NOUN") for t in sent):
            continue
        drafts = _sentence_drafts(sent, ctx)
        words = sentence_words(sent) if drafts else []
        for d in drafts:
            event, why = _event(d, ctx, sent, sent_i)
            feats = features(d, event, ctx, sent, drafts, sent_i == 0, len(sents) == 1, words)
            # after the features, as the decision reads what the sentence itself says: a
            # hedge word, and the doer of a known war or invasion the sentence leaves out
            event, why = _hedged(d, event, why, ctx)
            event, why = complete_actor(event, why, ctx.index, res.facts, anchor)
            event, why = recall_onset(event, why, ctx.index, res.facts, anchor)
            event, why = war_side(event, why, ctx.index, res.facts, anchor)
            out.append(Candidate(event, why, tuple(feats), (sent_i, d.trigger.i)))
    return out


def extract_events_explained(
    doc: Doc,
    entities: list[Entity],
    quotes: list[Quote] | tuple[Quote, ...] = (),
    times: list[TimeExpr] | tuple[TimeExpr, ...] = (),
    anchor: date | None = None,
    *,
    res: Resources | None = None,
) -> list[tuple[Event, str]]:
    """Events with the explanation of each (rule, arguments, status cue, confidence)."""
    res = res or load_resources()
    cands = event_candidates(doc, entities, quotes, times, anchor, res=res)
    return number(decide(cands, res.event_model))


def extract_events_dated(
    doc: Doc,
    entities: list[Entity],
    quotes: list[Quote] | tuple[Quote, ...] = (),
    times: list[TimeExpr] | tuple[TimeExpr, ...] = (),
    anchor: date | None = None,
    *,
    res: Resources | None = None,
) -> tuple[list[Event], list[Event]]:
    """The events, as ``extract_events`` gives them, and the dated accounts the decision
    left out: candidates on a word no event was kept on, with a date the text states. A
    background mention is not news, but the date it is given can still contradict the
    timeline, and the checks hold it against it."""
    res = res or load_resources()
    cands = event_candidates(doc, entities, quotes, times, anchor, res=res)
    events = [event for event, _ in number(decide(cands, res.event_model))]
    kept = {e.trigger.start for e in events}
    dated = [
        c.event
        for c in cands
        if c.event.trigger.start not in kept
        and c.event.when is not None
        and c.event.when.basis == "stated"
        and not c.event.negated
    ]
    return events, dated


def number(pairs: list[tuple[Event, str]]) -> list[tuple[Event, str]]:
    """The events in text order with ids ``V1`` …, each with its explanation."""
    out = sorted(pairs, key=lambda pair: (pair[0].trigger.start, pair[0].trigger.end, pair[0].type))
    return [
        (replace(event, id=f"V{n}", explanation=why), why) for n, (event, why) in enumerate(out, 1)
    ]


def extract_events(
    doc: Doc,
    entities: list[Entity],
    quotes: list[Quote] | tuple[Quote, ...] = (),
    times: list[TimeExpr] | tuple[TimeExpr, ...] = (),
    anchor: date | None = None,
    *,
    res: Resources | None = None,
) -> list[Event]:
    """PLOVER events of one parsed article, ids ``V1`` … in text order."""
    pairs = extract_events_explained(doc, entities, quotes, times, anchor, res=res)
    return [event for event, _ in pairs]


def explain(event: Event) -> str:
    """Why parley coded ``event``: the rule or pattern that fired, how its actors, status
    and confidence were found (the record's ``explanation``)."""
    if event.explanation:
        return event.explanation
    mode = f"/{event.mode}" if event.mode else ""
    return (
        f"{event.type}{mode} '{event.trigger.text}', status {event.status}, confidence "
        f"{event.confidence:.2f} (no rule trace recorded)"
    )
