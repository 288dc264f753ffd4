"""Actors and recipients of each draft, from the dependency parse.

Verbs: the subject (or "by" phrase, or the controller of an infinitive) acts; objects and
"with"/"against"/"on"/"to" phrases are acted on, except that a "with" phrase of a symmetric
event (meet, negotiate, clash) names co-actors. Nouns: possessives, compounds, demonyms,
"by", "between X and Y" and, for some nouns, "of" phrases act ("the arrival of diplomats");
the subject of a support verb acts ("Israel imposed sanctions on …"). A noun without an
actor takes the one of the noun that governs it ("a US proposal for negotiations") or of
the verb it is the purpose of ("fly to Ankara for talks").
"""

from __future__ import annotations

from parley.extract.events import arguments as A
from parley.extract.events.context import Context, start_of, unique, unique_tokens
from parley.extract.events.triggers import Draft

# events about another event whose actor is not that event's: "condemned the attack"
JUDGING = frozenset({"ACCUSE", "REJECT", "PROTEST", "SUPPORT"})
# prepositions that place an act inside a meeting: its doer takes part
DURING_PREPS = frozenset({"during", "at", "on"})
# dependencies a noun's actor is inherited through: "a package of sanctions", "aid package",
# "reactions and sanctions"
INHERIT_DEPS = ("pobj", "prep", "dobj", "compound", "acl", "xcomp", "conj")
# verbs besides the lexicon's support, aspect and planning words whose subject carries out
# the event their object names
CARRIER_VERBS = frozenset(
    {"use", "apply", "tighten", "expand", "ramp", "approve", "adopt", "unveil"}
)


def verbal_args(d: Draft, ctx: Context) -> None:
    a = d.anchor
    agents = A.agent_tokens(a, ctx.lex)
    d.actors = ctx.resolve(agents)
    if not d.actors and a.dep_ == "acl" and a.head.dep_ in ("dobj", "pobj"):
        verb = a.head.head if a.head.dep_ == "dobj" else a.head.head.head
        d.actors = ctx.resolve(A.agent_tokens(verb, ctx.lex))
        if d.actors:
            d.notes.append("actor: subject of the clause the noun it modifies belongs to")
    recips: list[str] = []
    co_actors: list[str] = []
    sym = d.pattern.symmetric and d.mode not in ("visit", "host")
    for c in a.children:
        if c.dep_ == "dobj" and sym:  # "Zelensky met Macron": both meet
            if not _triggers(c, ctx):  # "discussed Russia's invasion": a topic, no partner
                co_actors += ctx.resolve([c])
        elif c.dep_ in ("dobj", "dative", "iobj", "nsubjpass"):
            recips += ctx.resolve([c])
        elif c.dep_ in ("prep", "dative") and c.lower_ in A.RECIPIENT_PREPS:
            objs = [p for p in c.children if p.dep_ == "pobj"]
            if c.lower_ == "with" and sym:
                co_actors += ctx.resolve(objs)
            else:
                recips += ctx.resolve(objs)
        elif c.dep_ == "prep" and c.lower_ == "from" and d.type in A.FROM_TYPES:
            recips += ctx.resolve([p for p in c.children if p.dep_ == "pobj"])
        elif c.dep_ == "prep" and c.lower_ in ("between", "among"):
            objs = [p for p in c.children if p.dep_ == "pobj"]
            if d.pattern.between == "recipient":
                recips += ctx.resolve(objs)
            else:
                co_actors += ctx.resolve(objs)
        elif c.dep_ == "ccomp" and d.type in ("REQUEST", "THREATEN", "REJECT", "ACCUSE"):
            recips += ctx.resolve(A.agent_tokens(c, ctx.lex))
    if d.pattern.control == "object" and not recips:
        obj = A.controller_object(a)
        if obj is not None:
            recips += ctx.resolve([obj])
    if d.matched is not None and d.matched.i != a.i:  # "lifted sanctions on X"
        for c in d.matched.children:
            if c.dep_ == "prep" and c.lower_ in A.RECIPIENT_PREPS | {"from"}:
                recips += ctx.resolve([p for p in c.children if p.dep_ == "pobj"])
    d.actors = unique(d.actors + co_actors)
    d.recipients = [r for r in unique(recips) if r not in d.actors]


def nominal_args(d: Draft, ctx: Context) -> None:
    p = d.pattern
    actors: list[str] = []
    partners: list[str] = []  # named in a "with" phrase of a symmetric event
    recips: list[str] = []
    sym = p.symmetric and d.mode not in ("visit", "host")
    for n in unique_tokens([d.trigger, d.node, *d.members]):
        for c in n.children:
            dep, low = c.dep_, c.lower_
            if dep in ("poss", "compound", "amod", "nmod"):
                actors += ctx.np(c)
            elif dep in ("prep", "agent"):
                objs = [x for x in c.children if x.dep_ == "pobj"]
                if dep == "agent" or low == "by":
                    actors += ctx.resolve(objs)
                elif low in ("between", "among", "amongst"):
                    if p.between == "recipient":
                        recips += ctx.resolve(objs)
                    else:
                        actors += ctx.resolve(objs)
                elif low == "of":
                    (actors if p.of == "actor" else recips).extend(ctx.resolve(objs))
                elif low == "with" and sym:  # "talks with X": X and whoever holds them
                    partners += ctx.resolve(objs)
                elif (
                    low == "from"
                    and d.type != "RETREAT"  # "sanctions from the EU"; "withdrawal from X"
                    or low == "involving"
                ):
                    actors += ctx.resolve(objs)
                elif low in A.RECIPIENT_PREPS or low == "from" and d.type in A.FROM_TYPES:
                    recips += ctx.resolve(objs)
            elif dep == "acl" and c.lower_ == "involving":
                actors += ctx.resolve([x for x in c.children if x.dep_ == "dobj"])
            elif dep == "acl" and c.tag_ == "VBN" and _carrier(c, ctx):
                # "sanctions imposed by Canada", "the offensive launched by the army"
                by = [x for a in c.children if a.dep_ == "agent" for x in a.children]
                actors += ctx.resolve([x for x in by if x.dep_ == "pobj"])
    verb = d.node.head
    if d.node.dep_ in ("nsubj", "nsubjpass") and ctx.lex.has("happen_verbs", verb.lemma_.lower()):
        for c in verb.children:  # "no talks took place between Russia and Ukraine"
            if c.dep_ == "prep" and c.lower_ in ("between", "among", "with"):
                actors += ctx.resolve([x for x in c.children if x.dep_ == "pobj"])
    if d.light is not None:
        light_actors = ctx.resolve(A.agent_tokens(d.light, ctx.lex))
        actors = light_actors + actors
        for c in d.light.children:
            if c.dep_ in ("dative", "iobj"):
                recips += ctx.resolve([c])
            elif c.dep_ == "prep" and c.lower_ in A.RECIPIENT_PREPS:
                objs = [x for x in c.children if x.dep_ == "pobj"]
                if c.lower_ == "with" and sym:
                    actors += ctx.resolve(objs)
                else:
                    recips += ctx.resolve(objs)
    if not actors:
        actors = _relative_agent(d, ctx) or _inherited_actors(d, ctx)
    d.actors = unique(actors + partners)
    d.recipients = [r for r in unique(recips) if r not in d.actors]


def _carrier(verb, ctx: Context) -> bool:
    """Whether the subject of ``verb`` carries out the event its object names: a support,
    aspect or planning verb ("imposed", "continued", "announced", "prepared", "pushed" a
    package of sanctions), not one of perceiving or judging ("saw", "condemned" an attack)."""
    lemma = verb.lemma_.lower()
    lex = ctx.lex
    return (
        lex.has("light_verbs", lemma)
        or lex.has("transparent_verbs", lemma)
        or lemma in lex.status_words.get("planned", ())
        or lemma in lex.status_words.get("proposed", ())
        or lemma in CARRIER_VERBS
    )


def _relative_agent(d: Draft, ctx: Context) -> list[str]:
    """The subject of a relative clause that carries out the noun: "sanctions that Germany
    has prepared", "the offensive the army launched"."""
    for c in d.trigger.children:
        if c.dep_ == "relcl" and c.pos_ == "VERB" and _carrier(c, ctx):
            subj = [x for x in c.children if x.dep_ == "nsubj" and x.lower_ not in A.RELATIVE]
            found = ctx.resolve(subj)
            if found:
                d.notes.append(f"actor: who '{c.text}' it")
                return found
    return []


def _judges(t, ctx: Context) -> bool:
    """Whether ``t`` triggers an event that judges another one (condemning, rejecting,
    supporting, protesting it): its actor is not the other event's."""
    return any(
        d.type in JUDGING and t.i in (d.trigger.i, d.node.i) for d in ctx.drafts if not d.dropped
    )


def carrier_verb(d: Draft, ctx: Context):
    """The verb that carries out a noun draft as its object, directly or through "of" and
    coordination ("imposed a package of sanctions", "announced reactions and sanctions"),
    else None."""
    t = d.node
    for _ in range(5):
        if t.head.i == t.i or t.dep_ not in INHERIT_DEPS:
            return None
        if t.dep_ == "prep" and t.lower_ != "of":
            return None
        came, t = t, t.head
        if t.pos_ in ("VERB", "AUX"):
            return t if came.dep_ == "dobj" and _carrier(t, ctx) else None
        if _triggers(t, ctx):
            return None
    return None


def _triggers(t, ctx: Context) -> bool:
    """Whether ``t`` is the word of another draft of the sentence."""
    return any(t.i in (d.trigger.i, d.node.i) for d in ctx.drafts if not d.dropped)


def _inherited_actors(d: Draft, ctx: Context) -> list[str]:
    """A noun without its own actor takes the one of the noun that governs it: "a US
    proposal for negotiations" (the United States), "Moscow's call for talks"; or the
    subject of the verb that carries it out, through "of" phrases and coordination ("London
    is preparing a package of sanctions", "Scholz announced reactions and sanctions")."""
    t = start_of(d)
    crossed = False  # passed another event's word: a verb above carries out that one
    for _ in range(5):
        if t.head.i == t.i or t.dep_ not in INHERIT_DEPS:
            return []
        if t.dep_ == "prep" and t.lower_ != "of" and t.head.pos_ not in ("VERB", "AUX"):
            crossed = True  # "concern about sanctions": only "a package of sanctions" is carried
        came, t = t, t.head
        if t.pos_ in ("VERB", "AUX"):
            if came.dep_ == "prep" and came.lower_ == "for":  # "fly to Ankara for talks"
                found = ctx.resolve(A.agent_tokens(t, ctx.lex))
                if found:
                    d.notes.append(f"actor: who '{t.text}' for it")
                return found
            if (
                d.pattern.symmetric
                and came.dep_ == "prep"
                and came.lower_ in DURING_PREPS
                and not crossed
            ):  # "the leaders expressed shared views during a meeting": they met
                found = ctx.resolve(A.agent_tokens(t, ctx.lex))
                if found:
                    d.notes.append(f"actor: who '{t.text}' during it")
                return found
            if came.dep_ == "dobj" and not crossed and _carrier(t, ctx):
                found = ctx.resolve(A.agent_tokens(t, ctx.lex))
                if found:
                    d.notes.append(f"actor: who '{t.text}' it")
                return found
            return []
        if _judges(t, ctx):  # "Georgia's condemnation of the attack": not Georgia's attack
            return []
        crossed = crossed or _triggers(t, ctx)  # "sanctions in the event of an attack"
        if t.pos_ in ("NOUN", "PROPN"):
            found = [
                e for c in t.children if c.dep_ in ("poss", "compound", "amod") for e in ctx.np(c)
            ]
            if found:
                d.notes.append(f"actor from '{t.text}'")
                return found
    return []
