"""Which entity a token stands for: every mention's tokens mapped to its entity, and what a
pronoun or a bare definite role noun ("the minister", "the authorities") refers back to.

``EntityIndex`` maps every token covered by an entity mention to the entity. An unresolved
third-person pronoun or a bare definite role noun refers to an entity of a compatible kind
named before it, in its sentence or the ``ANTECEDENT_SENTENCES`` before: the latest one named
as a subject, else the latest one when all of them belong to one country.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Token

from parley.kb import KB
from parley.model import Entity
from parley.nlp import indices_with_text

ACTOR_KINDS = {"state", "government", "person", "organization", "group", "media", "other"}
SUBJECT_DEPS = ("nsubj", "nsubjpass")
# an unresolved third-person pronoun: the kinds of entity it can stand for
ANTECEDENT_KINDS = {
    **dict.fromkeys(("he", "him", "his", "she", "her"), frozenset({"person"})),
    **dict.fromkeys(("it", "its"), frozenset({"state", "government", "organization"})),
    **dict.fromkeys(
        ("they", "them", "their"), frozenset({"state", "government", "organization", "group"})
    ),
}
# role nouns that, bare and definite, refer back to an entity of the kind
_PERSON = frozenset({"person"})
_STATE = frozenset({"state", "government"})
DEFINITE_ROLES = {
    **dict.fromkeys(
        ("politician", "president", "minister", "chancellor", "premier", "leader", "diplomat"),
        _PERSON,
    ),
    **dict.fromkeys(("authority", "authorities", "government", "administration"), _STATE),
}
ANTECEDENT_SENTENCES = 2  # sentences before the pronoun's own that it may reach back to


@dataclass
class EntityIndex:
    """Token index -> entity id for every mention, and the entities by id."""

    by_id: dict[str, Entity]
    at_token: dict[int, str] = field(default_factory=dict)
    # person -> the international body of the article the person heads or speaks for
    acts_for: dict[str, str] = field(default_factory=dict)
    by_kb: dict[str, str] = field(default_factory=dict)  # knowledge-base id -> entity id

    @classmethod
    def build(
        cls, doc: Doc, entities: Iterable[Entity], demonyms: dict[str, str] | None = None
    ) -> EntityIndex:
        """The index of ``entities``; with ``demonyms`` (demonym -> state id of the knowledge
        base), a demonym no mention covers stands for its state when the article names that
        state: "the chief of Latvian diplomacy" is Latvia's, "the Ukrainian Security
        Service" Ukraine's."""
        index = cls({e.id: e for e in entities})
        index.by_kb = {e.kb_id: e.id for e in index.by_id.values() if e.kb_id}
        for e in index.by_id.values():
            for m in e.mentions:
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is None:
                    continue
                for t in span:
                    if t.is_punct and len(span) > 1:
                        continue
                    # a longer mention of another entity keeps its tokens
                    index.at_token.setdefault(t.i, e.id)
        if demonyms:
            index._add_demonyms(doc, demonyms)
        return index

    def add_offices(self, kb: KB, day: date | None) -> None:
        """``acts_for``: a person the knowledge base knows as holding, on ``day``, an office
        of an international organisation the article names ("the Secretary-General of the
        United Nations" when the UN is named) acts for that organisation too."""
        for e in self.by_id.values():
            rec = kb.get(e.kb_id) if e.kind == "person" and e.kb_id else None
            if rec is None or rec.sector != "IGO":
                continue
            for role in rec.roles:
                org = self.by_id.get(self.by_kb.get(role.of, ""))
                held = role.held_on(day) if day is not None else role.end is None
                if org is not None and org.kind == "organization" and held:
                    self.acts_for[e.id] = org.id

    def _add_demonyms(self, doc: Doc, demonyms: dict[str, str]) -> None:
        if not any(self.by_id[eid].kind == "state" for eid in self.by_kb.values()):
            return
        for i in indices_with_text(doc, frozenset(demonyms)):
            tok = doc[i]
            if i in self.at_token or tok.dep_ not in ("amod", "compound"):
                continue
            eid = self.by_kb.get(demonyms.get(tok.text, ""))  # demonyms name states only
            if eid is not None and tok.head.pos_ in ("NOUN", "PROPN"):
                self.at_token[tok.i] = eid

    def entity(self, i: int) -> Entity | None:
        eid = self.at_token.get(i)
        return self.by_id.get(eid) if eid else None

    def actor_at(self, i: int) -> str | None:
        e = self.entity(i)
        return e.id if e is not None and e.kind in ACTOR_KINDS else None

    def place_at(self, i: int) -> Entity | None:
        e = self.entity(i)
        return e if e is not None and e.kind == "place" else None

    def state_of_place(self, i: int) -> str | None:
        """The state entity of the article whose country is that of the place at token
        ``i`` ("officials in Warsaw" are Poland's), else None."""
        place = self.place_at(i)
        if place is None or not place.country:
            return None
        for e in self.by_id.values():
            if e.kind == "state" and e.country == place.country:
                return e.id
        return None

    def antecedent(self, pron: Token, kinds: frozenset[str] | None = None) -> str | None:
        """The entity an unresolved third-person pronoun stands for: among the entities of
        a compatible kind ("he": a person; "it": a state or organisation) mentioned before it
        in its sentence or the ``ANTECEDENT_SENTENCES`` before, the latest one named as a
        subject, else the latest one when all of them belong to one country."""
        kinds = kinds or ANTECEDENT_KINDS.get(pron.lower_)
        if kinds is None:
            return None
        sent = pron.sent
        start = sent.start
        for _ in range(ANTECEDENT_SENTENCES):
            if start == 0:
                break
            start = pron.doc[start - 1].sent.start
        subject: str | None = None
        latest: list[str] = []
        for i in range(pron.i - 1, start - 1, -1):
            e = self.entity(i)
            if e is None or e.kind not in kinds:
                continue
            if subject is None and _in_subject(pron.doc[i]):
                subject = e.id
                break
            if e.id not in latest:
                latest.append(e.id)
        if subject is not None:
            return subject
        countries = {self.by_id[x].country for x in latest}
        if latest and len(countries) == 1 and None not in countries:
            return latest[0]
        return None


def _in_subject(tok: Token) -> bool:
    """Whether ``tok`` is in the subject of its clause ("Russian President Putin said")."""
    t = tok
    for _ in range(3):
        if t.dep_ in SUBJECT_DEPS:
            return True
        if t.dep_ not in ("compound", "poss", "appos", "amod", "conj") or t.head.i == t.i:
            return False
        t = t.head
    return False


def definite_description(tok: Token, index: EntityIndex) -> str | None:
    """The entity a bare definite role noun refers back to: "the minister", "the
    politician" (a person), "the authorities", "the government" (a state), when the phrase
    names no owner of its own ("the minister of Ruritania" does)."""
    lemma = tok.lemma_.lower()
    kinds = DEFINITE_ROLES.get(lemma)
    if kinds is None or tok.pos_ != "NOUN":
        return None
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in tok.children):
        return None
    if any(c.dep_ in ("poss", "compound", "prep", "appos", "nmod") for c in tok.children):
        return None
    return index.antecedent(tok, kinds)
