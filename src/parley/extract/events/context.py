"""What the coding of one article shares: the document, lexicon, entity index and knowledge
base, and the small helpers on drafts (where a draft hangs in the tree, which draft governs
which)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from parley.extract.actors import actor_words_of
from parley.extract.events import arguments as A
from parley.extract.events.status import clause_verb
from parley.extract.events.triggers import Draft
from parley.extract.events.when import Anchored
from parley.extract.events.where import MentionIndex
from parley.kb import KB
from parley.kb.plover import Lexicon
from parley.model import Quote
from parley.nlp import tokens_with_lemma, tokens_with_lower, tokens_with_tag

PAST_TAGS = frozenset({"VBD", "VBN"})


@dataclass
class Context:
    doc: Doc
    lex: Lexicon
    index: A.EntityIndex
    kb: KB
    quotes: list[Quote]
    times: list[Anchored]
    anchor: date | None
    period: date | None = None  # the start of the war the article is set in
    drafts: list[Draft] = field(default_factory=list)  # the sentence being coded

    @cached_property
    def _scan_rows(self) -> dict[str, list[int]]:
        """Token indices, in order, where the per-token scans of a sentence can fire: a word of
        the lexicon or a past form the lemmatiser may have mangled (``lexical``), a verb of a
        complement pattern (``complement``), a word with a deontic auxiliary (``deontic``).
        Found once per article on the token arrays; the scans visit only these."""
        doc, lex = self.doc, self.lex
        keys = lex.lemmas
        lexical = {t.i for t in tokens_with_lemma(doc, keys)}
        lexical |= {t.i for t in tokens_with_lower(doc, keys)}
        lexical |= {t.i for t in tokens_with_tag(doc, PAST_TAGS)}
        comp = {t.i for t in tokens_with_lemma(doc, lex.lemmas_for_comp)}
        comp |= {t.i for t in tokens_with_lower(doc, lex.lemmas_for_comp)}
        deontic = frozenset(lex.words.get("deontic_aux", ()))
        heads = {t.head.i for t in tokens_with_lower(doc, deontic) if t.dep_ == "aux"}
        return {"lexical": sorted(lexical), "complement": sorted(comp), "deontic": sorted(heads)}

    def scan(self, name: str, sent: Span) -> list[Token]:
        """The tokens of ``sent`` in the ``_scan_rows`` list ``name``."""
        rows = self._scan_rows[name]
        lo, hi = bisect_left(rows, sent.start), bisect_left(rows, sent.end)
        return [self.doc[i] for i in rows[lo:hi]]

    @cached_property
    def groupish(self) -> frozenset[str]:
        """The lexicon's nouns for a group or a state's apparatus (``ActorWords.groupish``)."""
        return actor_words_of(self.lex).groupish

    @cached_property
    def _quote_rows(self) -> tuple[list[tuple[int, int, Quote]], int]:
        rows = sorted(((q.content.start, k, q) for k, q in enumerate(self.quotes)), key=_two)
        return rows, max((q.content.end - q.content.start for q in self.quotes), default=0)

    def quote_holding(self, start: int, end: int) -> Quote | None:
        """The shortest quote whose content holds characters ``start:end`` (the first of
        ``quotes`` among equals): a look-up in the quotes sorted by start."""
        rows, longest = self._quote_rows
        best: tuple[int, int, Quote] | None = None
        i = bisect_right(rows, start, key=_one) - 1
        while i >= 0 and rows[i][0] >= end - longest:
            _, k, q = rows[i]
            if end <= q.content.end:
                key = (q.content.end - q.content.start, k, q)
                if best is None or key[:2] < best[:2]:
                    best = key
            i -= 1
        return best[2] if best is not None else None

    @cached_property
    def _time_rows(self) -> list[tuple[int, int]]:
        return sorted((t.root.i, k) for k, t in enumerate(self.times))

    def times_in(self, start: int, end: int) -> list[Anchored]:
        """The time expressions whose root is among tokens ``start:end``, in their order."""
        rows = self._time_rows
        lo, hi = bisect_left(rows, (start, -1)), bisect_left(rows, (end, -1))
        return [self.times[k] for k in sorted(k for _, k in rows[lo:hi])]

    @cached_property
    def places(self) -> MentionIndex:
        """The entities' mentions by position, for placing events (``where.find_where``)."""
        return MentionIndex.build(self.index.by_id.values())

    def resolve(self, tokens) -> list[str]:
        return A.resolve(tokens, self.index, self.lex, self.groupish)

    def names_place(self, tok: Token) -> bool:
        """Whether ``tok`` names a place or a state of the article ("captured Kharkiv")."""
        e = self.index.entity(tok.i)
        return e is not None and e.kind in ("place", "state")

    def np(self, tok: Token) -> list[str]:
        return A.np_entities(tok, self.index, self.groupish)


def _one(row: tuple) -> int:
    return row[0]


def _two(row: tuple) -> tuple[int, int]:
    return row[0], row[1]


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
