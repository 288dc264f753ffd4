"""What the coding of one article shares: the document, lexicon, entity index and knowledge
base, and the small helpers on drafts (where a draft hangs in the tree, which draft governs
which)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from spacy.tokens import Doc, Token

from parley.extract.actors import actor_words_of
from parley.extract.events import arguments as A
from parley.extract.events.status import clause_verb
from parley.extract.events.triggers import Draft
from parley.extract.events.when import Anchored
from parley.kb import KB
from parley.kb.plover import Lexicon
from parley.model import Quote


@dataclass
class Context:
    doc: Doc
    lex: Lexicon
    index: A.EntityIndex
    kb: KB
    quotes: list[Quote]
    times: list[Anchored]
    anchor: date | None
    drafts: list[Draft] = field(default_factory=list)  # the sentence being coded

    @cached_property
    def groupish(self) -> frozenset[str]:
        """The lexicon's nouns for a group or a state's apparatus (``ActorWords.groupish``)."""
        return actor_words_of(self.lex).groupish

    def resolve(self, tokens) -> list[str]:
        return A.resolve(tokens, self.index, self.lex, self.groupish)

    def np(self, tok: Token) -> list[str]:
        return A.np_entities(tok, self.index, self.groupish)


def start_of(d: Draft) -> Token:
    return d.light if d.light is not None else d.node


def link(drafts: list[Draft]) -> None:
    heads: dict[int, Draft] = {}
    for d in drafts:
        if not d.dropped:
            for i in d.heads:
                heads.setdefault(i, d)
    for d in drafts:
        d.governor = None
        t = start_of(d)
        for _ in range(12):
            if t.head.i == t.i:
                break
            t = t.head
            g = heads.get(t.i)
            if g is not None and g is not d and not g.dropped:
                d.governor = g
                break


def complements(g: Draft, drafts: list[Draft]) -> list[Draft]:
    return [d for d in drafts if d.governor is g and not d.dropped]


def clause_verb_of(d: Draft) -> Token | None:
    if d.kind == "verbal":
        return d.anchor if d.anchor.pos_ in ("VERB", "AUX") else clause_verb(d.anchor)
    if d.light is not None:
        return d.light
    node = d.node
    if node.dep_ in ("nsubj", "nsubjpass") and node.head.pos_ in ("VERB", "AUX"):
        return node.head
    return None


def unique(ids: list[str]) -> list[str]:
    out: list[str] = []
    for x in ids:
        if x not in out:
            out.append(x)
    return out


def unique_tokens(tokens: list[Token]) -> list[Token]:
    seen: set[int] = set()
    out = []
    for t in tokens:
        if t.i not in seen:
            seen.add(t.i)
            out.append(t)
    return out
