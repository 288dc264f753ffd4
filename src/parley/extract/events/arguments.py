"""Who acts and who is acted on: noun phrases of the dependency parse mapped to entity ids.

Tokens map to entities through ``entity_index.EntityIndex``, which also resolves pronouns and
bare definite role nouns back to an entity named before. A noun phrase names the entities of
its head token; failing that, of its modifiers (possessive, compound, demonym, apposition, an
"of" phrase: "leaders of Moldova's new cabinet"), the nearest first. A person whose country
is unknown brings along the state or organisation the phrase ties them to ("OSCE envoy Anna
Berg"). Places are never actors or recipients.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from parley.extract.actors import LOCAL_PREPS
from parley.extract.events.entity_index import (
    EntityIndex,
    definite_description,
)
from parley.extract.groups import group_head, partitive
from parley.kb.plover import Lexicon

NP_DEPS = {"poss", "compound", "amod", "nmod", "appos", "npadvmod", "nummod"}
# prepositions whose object names who a group or an office belongs to
OWNER_PREPS = {"of"}
RELATIVE = {"who", "which", "that", "whom", "whose"}
PRONOUNS = {"he", "she", "it", "they", "we", "i", "him", "her", "them", "us", "its", "their", "his"}
RECIPIENT_PREPS = {"with", "against", "on", "upon", "to", "toward", "towards", "at", "into", "over"}
FROM_TYPES = {"RETREAT", "SANCTION", "COERCE"}  # "withdraw from X", "expel from X"
VERBAL_TYPES = {"AGREE", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "CONCEDE"}


def conjuncts(tok: Token) -> list[Token]:
    """The token and the tokens coordinated with it ("Russia, Ukraine and the US")."""
    return [tok, *[c for c in tok.conjuncts if c.i > tok.i]]


def _children_np(tok: Token, wide: bool) -> Iterable[Token]:
    for c in tok.children:
        if c.dep_ in NP_DEPS:
            yield c
        elif c.dep_ == "prep" and (c.lower_ in OWNER_PREPS or (wide and c.lower_ in LOCAL_PREPS)):
            yield from (p for p in c.children if p.dep_ == "pobj")


def np_entities(
    tok: Token, index: EntityIndex, groupish: frozenset[str], depth: int = 3
) -> list[str]:
    """Entity ids a noun phrase headed by ``tok`` names (conjuncts included)."""
    out: list[str] = []
    for head in conjuncts(tok):
        for eid in _np_one(head, index, groupish, depth):
            if eid not in out:
                out.append(eid)
    return out


def _np_one(head: Token, index: EntityIndex, groupish: frozenset[str], depth: int) -> list[str]:
    eid = index.actor_at(head.i)
    if eid is not None:
        return [eid, *_co_modifiers(head, eid, index), *_qualifiers(head, eid, index)]
    if index.place_at(head.i) is not None:
        return []
    if group_head(head):  # "Ukraine's Western partners", "some NATO countries": others
        inner = partitive(head)  # a group entity of its own: "some of [Ukraine's partners]"
        own = [x for x in [index.actor_at(inner.i)] if x] if inner is not None else []
        named = [c for c in head.children if c.dep_ == "appos"]  # "its allies, X and Y"
        return own + [e for c in named for e in np_entities(c, index, groupish, depth - 1)]
    wide = head.lemma_.lower() in groupish
    frontier = [head]
    seen = {head.i}
    for _ in range(depth):
        found: list[tuple[int, str]] = []
        nxt = []
        for t in frontier:
            for c in _children_np(t, wide):
                if c.i in seen:
                    continue
                seen.add(c.i)
                nxt.append(c)
                cid = index.actor_at(c.i)
                if cid is None and wide and c.dep_ == "pobj" and c.head.lower_ in LOCAL_PREPS:
                    cid = index.state_of_place(c.i)  # "the authorities in Warsaw": Poland's
                if cid is not None:
                    found.append((abs(c.i - head.i), cid))
                    for x in c.conjuncts:  # "the presidents of Chile and Peru"
                        xid = index.actor_at(x.i)
                        if xid is not None:
                            found.append((abs(x.i - head.i), xid))
        if found:
            ids: list[str] = []
            for _, cid in sorted(found):
                if cid not in ids:
                    ids.append(cid)
            first = ids[0]
            quals = [q for q in _qualifiers(head, first, index) if q not in ids]
            return ids + quals
        frontier = nxt
    return []


def _co_modifiers(head: Token, eid: str, index: EntityIndex) -> list[str]:
    """States named by the other modifiers of a state-headed phrase: "Polish and Lithuanian
    troops" (Lithuania owns the head, Poland its coordinated modifier)."""
    if index.by_id[eid].kind != "state":
        return []
    out = []
    for c in head.children:
        if c.dep_ in ("amod", "compound", "nmod"):
            for x in conjuncts(c):
                other = index.actor_at(x.i)
                if other and other != eid and index.by_id[other].kind == "state":
                    out.append(other)
    return out


def _qualifiers(head: Token, eid: str, index: EntityIndex) -> list[str]:
    """For a person or organisation whose country is unknown: the state or organisation its
    phrase ties it to ("OSCE envoy Anna Berg", "Moldova's Constitutional Court"), here or
    at another mention of it ("she" after "OSCE envoy …"); for a person whose country is
    known, only an international organisation ("NATO Secretary General …")."""
    e = index.by_id[eid]
    if e.kind not in ("person", "organization"):
        return []
    # a person of known country still acts for the international body the phrase names
    # ("NATO Secretary General …"): only such a body is added then
    known = bool(e.country or (e.kb_id and e.sector))
    if known and e.kind != "person":
        return []

    def affiliation(tok: Token) -> list[str]:
        found = _affiliation(tok, eid, index)
        return [x for x in found if _international(index.by_id[x])] if known else found

    found = affiliation(head)
    if not found and eid in index.acts_for:
        return [index.acts_for[eid]]
    if not found and head.lower_ in PRONOUNS:
        for m in e.mentions:
            span = head.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and span.root.i != head.i:
                found = affiliation(span.root)
                if found:
                    break
    return found


def _international(e) -> bool:
    """An organisation of no one country: NATO, the United Nations, the EU."""
    return e.kind == "organization" and not e.country


def _affiliation(head: Token, eid: str, index: EntityIndex) -> list[str]:
    np = head
    while np.dep_ == "compound" and np.head.i != np.i:
        np = np.head
    kind = index.by_id[eid].kind
    for t in np.subtree:
        if abs(t.i - np.i) > 8 or t.dep_ in ("relcl", "acl", "appos") and t.i > np.i:
            continue
        other = index.actor_at(t.i)
        if other and other != eid:
            okind = index.by_id[other].kind
            if okind != "person" and (kind == "person" or okind == "state"):
                return [other]
    return []


# --- who is the subject of a clause --------------------------------------------------------


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass", "csubjpass") for c in verb.children)


def agent_tokens(verb: Token, lex: Lexicon, hops: int = 0) -> list[Token]:
    """Heads of the noun phrases that do what ``verb`` says (subject, "by" phrase, the
    controller of an infinitive, the antecedent of a relative clause)."""
    if hops > 4:
        return []
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    if not subj:  # a subject the parser hung on the auxiliary: "the UK has to date pledged"
        subj = [
            c
            for x in verb.children
            if x.dep_ in ("aux", "auxpass") and x.i < verb.i
            for c in x.children
            if c.dep_ in ("nsubj", "csubj") and c.i < x.i
        ]
    agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    if agents:
        return agents
    if subj:
        if subj[0].lower_ in RELATIVE and verb.dep_ in ("relcl", "acl"):
            return [verb.head]
        return subj
    if is_passive(verb):
        return []
    head = verb.head
    if head.i == verb.i:
        return []
    if verb.dep_ == "conj" and _existential(head) and head.dep_ == "ccomp":
        # "X said that there are … but accused Y": the parser coordinates the verb with the
        # subjectless "there are" inside what X said; X does it
        return agent_tokens(head.head, lex, hops + 1)
    if verb.dep_ == "conj" or verb.dep_ in ("acomp", "attr", "oprd"):
        return agent_tokens(head, lex, hops + 1)
    if verb.dep_ in ("xcomp", "ccomp", "advcl") and (
        verb.dep_ != "ccomp" or not any(c.dep_ == "mark" for c in verb.children)
    ):
        if head.lemma_.lower() in lex.words.get("object_control_verbs", ()):
            obj = controller_object(head)
            if obj is not None:
                return [obj]
        if verb.dep_ == "xcomp" and is_passive(head):
            # "X is expected to meet", "X was forced to withdraw": X does it
            passive_subj = [c for c in head.children if c.dep_ == "nsubjpass"]
            if passive_subj:
                return passive_subj
        if head.pos_ in ("VERB", "AUX", "ADJ"):
            return agent_tokens(head, lex, hops + 1)
        return []
    if verb.dep_ == "acl" and (verb.tag_ == "VBG" or head.dep_ == "ROOT"):
        return [head]  # "forces firing on …"; a headline-like "newspaper called on …"
    if verb.dep_ == "pcomp" and head.lower_ in ("of", "for"):
        # "accused the US (and its allies) of ignoring …": the accused ignore
        owner = head.head
        while owner.dep_ == "conj" and owner.head.i < owner.i:
            owner = owner.head
        if owner.dep_ == "dobj":
            return [owner]
        obj = next((c for c in owner.children if c.dep_ == "dobj"), None)
        if owner.pos_ == "VERB" and obj is not None:
            return [obj]
    if verb.dep_ in ("pcomp", "acl"):
        anc = head
        while anc.head.i != anc.i and anc.pos_ not in ("VERB", "AUX"):
            anc = anc.head
        if anc.pos_ in ("VERB", "AUX") and anc.i != verb.i:
            return agent_tokens(anc, lex, hops + 1)
    return []


def _existential(verb: Token) -> bool:
    """A "there is/are" clause: an expletive and no subject."""
    deps = {c.dep_ for c in verb.children}
    return "expl" in deps and not deps & {"nsubj", "nsubjpass", "csubj"}


def controller_object(verb: Token) -> Token | None:
    """The object that carries out an order or appeal: "urged X to", "called on X to"."""
    for c in verb.children:
        if c.dep_ in ("dobj", "dative"):
            return c
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("on", "upon", "to"):
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None


def reporting_speaker(tok: Token, lex: Lexicon) -> Token | None:
    """The verb of saying whose content holds ``tok`` ("Serbia says it is ready …")."""
    t = tok
    for _ in range(6):
        if t.head.i == t.i:
            return None
        dep, t = t.dep_, t.head
        if t.lemma_.lower() in lex.words.get("reporting_verbs", ()) and dep in (
            "ccomp",
            "xcomp",
            "advcl",
            "conj",
            "parataxis",
        ):
            return t
    return None


def resolve(
    tokens: Iterable[Token],
    index: EntityIndex,
    lex: Lexicon,
    groupish: frozenset[str],
) -> list[str]:
    """Entity ids of the noun phrases; an unresolved pronoun is the speaker of the
    sentence that holds it ("Serbia says it is ready to …")."""
    out: list[str] = []
    for tok in tokens:
        if tok.pos_ in ("VERB", "AUX"):  # "The UN agency working in Sudan said …"
            tok = next((c for c in tok.children if c.dep_ == "nsubj"), tok)
        ids = np_entities(tok, index, groupish)
        if not ids and tok.pos_ != "PRON":
            poss = next((c for c in tok.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
            if poss is not None and poss.lower_ in PRONOUNS:
                ids = _pronoun(poss, tok, index, lex, groupish)
                if not ids:  # "their troops" after a sentence about the state
                    found = index.antecedent(poss)
                    ids = [found] if found else []
        if not ids and tok.lower_ in PRONOUNS and tok.pos_ == "PRON":
            ids = _pronoun(tok, tok, index, lex, groupish)
            if not ids:  # "He rejected …" after a sentence about the person
                found = index.antecedent(tok)
                ids = [found] if found else []
        if not ids:  # "The minister accused …" after a sentence about her
            found = definite_description(tok, index)
            ids = [found] if found else []
        for eid in ids:
            if eid not in out:
                out.append(eid)
    return out


def _pronoun(
    pron: Token, np: Token, index: EntityIndex, lex: Lexicon, groupish: frozenset[str]
) -> list[str]:
    """An unresolved pronoun: the subject of the clause whose object it qualifies ("The IAEA
    repeated its call"), the speaker whose words hold it ("Serbia says it is …"), or the
    subject shared by coordinated clauses."""
    ids: list[str] = []
    verb = np.head if np.i != pron.i else pron.head
    if np.i != pron.i and np.dep_ in ("dobj", "pobj", "attr"):
        owner = verb if np.dep_ != "pobj" else verb.head
        if owner.pos_ in ("VERB", "AUX"):
            for a in agent_tokens(owner, lex):
                if a.i != np.i:
                    ids += np_entities(a, index, groupish)
        if ids:
            return ids
    speaker = reporting_speaker(verb, lex)
    if speaker is not None:
        for a in agent_tokens(speaker, lex):
            if a.i not in (np.i, pron.i):
                found = np_entities(a, index, groupish)
                if not found and a.pos_ == "PRON":  # "'I appeal …,' he added"
                    found = [x for x in [index.antecedent(a)] if x]
                ids += found
    elif verb.dep_ == "conj":
        for a in agent_tokens(verb.head, lex):
            ids += np_entities(a, index, groupish)
    return ids
