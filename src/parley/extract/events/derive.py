"""Rules that add, drop or retype drafts once their arguments and status are known.

* patterns that depend on their complement ("prepared to storm the town" is MOBILIZE,
  "failed to agree on a truce" REJECT);
* PLOVER's reading of stated intentions: a future cooperative act is an AGREE, a future
  hostile act a THREATEN, a refused cooperative act a REJECT; a promise or vow takes its
  type from what is promised;
* "X said Y must …" is a REQUEST by X of Y;
* "a drone strike killed …" is one ASSAULT; a state's protest or boycott is diplomatic
  (ACCUSE, SANCTION); exercises carried out together are COOPERATE;
* nouns inside a stated position ("the peace formula, which includes the withdrawal of …")
  are its content, not events.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from parley.extract.events import arguments as A
from parley.extract.events.context import Context, complements, start_of
from parley.extract.events.status import Modality
from parley.extract.events.triggers import Draft
from parley.kb.plover import Lexicon, Pattern

COMPLEMENT_DEPS = {"xcomp", "ccomp", "dobj", "pobj", "prep", "acl", "advcl", "conj", "nsubj"}
# derived REQUESTs ("X said Y must …") have no lexicon entry of their own
DEONTIC = Pattern(id="deontic:request", lemma="must", pos="VERB", type="REQUEST", conf=0.8)


def comp_patterns(tokens: Iterable[Token], drafts: list[Draft], lex: Lexicon) -> list[Draft]:
    """Patterns that depend on their complement: "prepared to storm the town" (MOBILIZE),
    "failed to agree on a truce" (REJECT); ``tokens``: the sentence's candidate verbs."""
    out = []
    for t in tokens:
        if t.lemma_.lower() not in lex.lemmas_for_comp or t.pos_ != "VERB":
            continue
        if any(c.dep_ == "auxpass" or c.lemma_ == "be" for c in t.children):
            continue  # "is prepared to": an intent, not the act of preparing
        for p in lex.patterns(t.lemma_.lower()):
            if not p.comp:
                continue
            comp = _complement_of(t, drafts)
            if comp is not None and comp.type in p.comp:
                d = Draft(t, p, p.type or comp.type, p.mode, "verbal", t, t, t.i, t.i + 1)
                d.rule = p.id
                d.notes.append(f"complement '{comp.trigger.text}' is {comp.type}")
                out.append(d)
                break
    return out


def _complement_of(t: Token, drafts: list[Draft]) -> Draft | None:
    best = None
    for d in drafts:
        x, hops = start_of(d), 0
        while hops < 4 and x.head.i != x.i and x.i != t.i:
            if x.dep_ not in COMPLEMENT_DEPS:
                break
            x, hops = x.head, hops + 1
        if x.i == t.i and (best is None or hops < best[0]):
            best = (hops, d)
    return best[1] if best else None


def intent_wrappers(drafts: list[Draft], ctx: Context) -> None:
    coop = ctx.lex.words.get("cooperative", frozenset())
    hostile = ctx.lex.words.get("material_conflict", frozenset())
    for w in drafts:
        if not w.pattern.intent or w.dropped:
            continue
        comps = complements(w, drafts)
        if not comps:
            continue
        c = comps[0]
        if c.type in coop:
            w.type = "REJECT" if c.negated else "AGREE"
        elif c.type in hostile:
            w.type = "THREATEN"
        w.notes.append(f"a promise of '{c.trigger.text}' ({c.type})")


def derive_intent(drafts: list[Draft], ctx: Context) -> list[Draft]:
    coop = ctx.lex.words.get("cooperative", frozenset())
    hostile = ctx.lex.words.get("material_conflict", frozenset())
    out = []
    for d in drafts:
        m = d.modality
        if d.dropped or d.governor is not None or m is None or not m.intent:
            continue
        if d.type in coop:
            kind = "REJECT" if d.negated else "AGREE"
        elif d.type in hostile and not d.negated:
            kind = "THREATEN"
        else:
            continue
        cue = m.cue if m.cue is not None and m.cue.i < d.start else None
        start = cue.i if cue is not None else d.start
        x = Draft(d.trigger, d.pattern, kind, None, "derived", d.anchor, d.node, start, d.end)
        x.light = d.light
        x.rule = f"intent:{kind.lower()}"
        x.notes.append(
            f"{m.reason}: the actor states a {'cooperative' if kind != 'THREATEN' else 'hostile'}"
            f" act ({d.type}); PLOVER codes the statement as {kind}"
        )
        x.actors, x.recipients = list(d.actors), list(d.recipients)
        x.derived_from = d
        x.modality = Modality()
        x.status = "asserted"
        d.governor = x
        out.append(x)
    return out


def derive_requests(sent: SpacySpan, drafts: list[Draft], ctx: Context) -> list[Draft]:
    """ "Ukraine said Russia must return the captured ships": a REQUEST by the speaker."""
    deontic = ctx.lex.words.get("deontic_aux", ())
    by_anchor = {start_of(d).i: d for d in drafts}
    out = []
    for verb in ctx.scan("deontic", sent):
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        aux = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ in deontic), None)
        if aux is None:
            continue
        speaker = A.reporting_speaker(verb, ctx.lex)
        if speaker is None:
            continue
        said_by = ctx.resolve(A.agent_tokens(speaker, ctx.lex))
        told = ctx.resolve([c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")])
        if not said_by or not told or set(said_by) & set(told):
            continue
        base = by_anchor.get(verb.i)
        x = Draft(verb, DEONTIC, "REQUEST", None, "derived", verb, verb, min(aux.i, verb.i),
                  verb.i + 1)  # fmt: skip
        x.rule = "deontic:request"
        x.notes.append(f"'{speaker.text}' … '{aux.text} {verb.text}': the speaker asks for it")
        x.actors, x.recipients = said_by, told
        x.modality = Modality()
        if base is not None:
            base.governor = x
            x.notes.append(f"what is asked: {base.type} '{base.trigger.text}'")
        out.append(x)
    return out


def merge_subject_nouns(drafts: list[Draft]) -> None:
    """ "A drone strike … killed two medics", "killed in a suicide bombing":
    one ASSAULT, the noun's actors and mode joined to the verb."""
    by_node = {d.node.i: d for d in drafts if d.kind == "nominal" and not d.dropped}
    for d in drafts:
        if d.kind != "verbal" or d.dropped:
            continue
        nouns = [c for c in d.anchor.children if c.dep_ == "nsubj"]
        nouns += [
            p
            for c in d.anchor.children
            if c.dep_ in ("prep", "agent") and c.lower_ in ("in", "by", "during")
            for p in c.children
            if p.dep_ == "pobj"
        ]
        for c in nouns:
            n = by_node.get(c.i)
            if n is not None and n.type == d.type and n is not d:
                n.dropped = True
                d.actors = d.actors or n.actors
                d.mode = d.mode or n.mode
                d.notes.append(f"with '{n.trigger.text}'")


def state_protest(d: Draft, ctx: Context) -> None:
    if d.type != "PROTEST" or not d.actors:
        return
    if all(ctx.index.by_id[a].kind == "state" for a in d.actors):
        if d.mode == "boycott":
            d.type, d.mode = "SANCTION", "sever"
        elif d.trigger.lemma_.lower() == "protest":
            d.type, d.mode = "ACCUSE", "disapprove"
        else:
            return
        d.notes.append("a state's protest is diplomatic, not a demonstration")


def joint(d: Draft) -> None:
    if d.pattern.joint is None or d.type != d.pattern.type:
        return
    words = {c.lower_ for c in d.trigger.children}
    if len(d.actors) >= 2 or "joint" in words or d.recipients:
        d.type, d.mode = d.pattern.joint, None
        d.notes.append("carried out together")


def in_position(d: Draft, ctx: Context) -> bool:
    """Nouns inside a stated position are its content, not events ("adheres to the peace
    formula, which includes the withdrawal of …")."""
    if d.kind != "nominal" or d.light is not None:
        return False
    words = ctx.lex.words.get("position_words", ())
    t = d.node
    for _ in range(4):
        if t.head.i == t.i:
            return False
        t = t.head
        if t.lemma_.lower() in words or t.lower_ in words:
            return True
    return False
