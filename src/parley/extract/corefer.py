"""Definite descriptions that name an actor just named: "the ministry", "the agency", "the
spokesman", and a document that speaks for its issuer ("the statement said").

News names a source once and then refers to it by its head noun: "Russia's Defence Ministry
said …. The ministry added …", "Kremlin spokesman Dmitry Peskov … The spokesman said …",
"The ministry issued a statement …. The statement said …". A bare definite description
(``the``/``this`` + the noun, nothing that names anything else) becomes a mention of the
nearest earlier actor in the same sentence or the two before it that the noun fits:

* an institution noun (``INSTITUTIONS``) fits an organisation, outlet or state whose mention
  holds the noun or is joined to it ("the Foreign Ministry", "news agency Ukrinform",
  "Ukrinform, the state news agency");
* a role noun (``ROLES``) fits a person titled with it ("Kremlin spokesman Dmitry Peskov",
  "Peskov, a spokesman for …") or holding it as their office on the day;
* a document noun (``DOCUMENTS``) that is the source of a verb of saying ("the statement
  said", "according to the statement") fits
  the issuer of the nearest earlier document of the same noun: its possessor ("X's
  statement"), its author ("a statement by X", "an X statement"), or the subject of the verb
  that issued it ("X issued a statement", "in a statement, X said").

Nothing is linked when no earlier actor fits: a wrong link is worse than a missing one.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Callable

from spacy.tokens import Doc, Token

from parley.model import Entity, Span
from parley.nlp import doc_sents, tokens_with_lemma

INSTITUTIONS = {
    "ministry", "agency", "department", "office", "embassy", "committee", "commission",
    "council", "service", "court", "parliament", "company", "organisation", "organization",
    "alliance", "bloc", "mission", "watchdog", "bank", "institute", "foundation", "fund",
    "operator", "broadcaster", "newspaper", "outlet",
}  # fmt: skip
ROLES = {
    "spokesman", "spokeswoman", "spokesperson", "minister", "ambassador", "envoy",
    "president", "chancellor", "premier", "secretary", "diplomat", "general", "commander",
    "governor", "mayor", "prosecutor", "official", "adviser", "advisor", "patriarch",
    "senator", "lawmaker", "chairman", "chairwoman",
}  # fmt: skip
DOCUMENTS = {
    "statement", "document", "communique", "communiqué", "readout", "declaration", "letter",
    "report", "decree", "resolution", "release", "message", "post", "note",
}  # fmt: skip
WORDS = frozenset(INSTITUTIONS | ROLES | DOCUMENTS)
DETERMINERS = {"the", "this"}
ISSUING_PREPS = {"by", "from", "of"}
BACK = 2  # sentences before the description's own that the antecedent may be in
INSTITUTION_KINDS = {"organization", "media", "state", "group"}


def _bare(tok: Token) -> bool:
    """``the``/``this`` + lower-case modifiers + the noun, naming nothing else."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.tag_ in ("NNS", "NNPS"):
        return False
    det = False
    for child in tok.children:
        if child.dep_ == "det" and child.lower_ in DETERMINERS and child.i < tok.i:
            det = True
        elif child.dep_ in ("poss", "nmod", "nummod") and child.i < tok.i:
            return False
        elif child.dep_ in ("compound", "amod") and child.i < tok.i:
            if child.text[:1].isupper() or child.pos_ == "PROPN":
                return False
        elif child.dep_ == "prep" and child.lower_ in ISSUING_PREPS:
            return False  # "the ministry of defence", "the statement by X"
        elif child.dep_ == "appos":
            return False
    return det


class _Mentions:
    """Every entity mention as (start char, end char, entity index), in text order."""

    def __init__(self, entities: list[Entity]) -> None:
        self.rows = sorted((m.start, m.end, n) for n, e in enumerate(entities) for m in e.mentions)
        self.starts = [r[0] for r in self.rows]

    def before(self, lo: int, hi: int) -> list[tuple[int, int, int]]:
        """Mentions starting in ``[lo, hi)``, nearest to ``hi`` first."""
        a, b = bisect.bisect_left(self.starts, lo), bisect.bisect_left(self.starts, hi)
        return [r for r in reversed(self.rows[a:b]) if r[1] <= hi]

    def at(self, tok: Token) -> int | None:
        k = bisect.bisect_right(self.starts, tok.idx) - 1
        for r in self.rows[max(0, k - 3) : k + 1]:
            if r[0] <= tok.idx < r[1]:
                return r[2]
        return None


def _joined(doc: Doc, start: int, end: int, noun: str) -> bool:
    """The mention (characters ``start:end``) holds ``noun`` or is joined to a token of it:
    as its compound or title ("news agency X", "spokesman X"), its apposition ("X, a
    spokesman"), or the head it modifies ("the X ministry")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    if any(t.lemma_.lower() == noun or t.lower_ == noun for t in span):
        return True
    inside = range(span.start, span.end)
    root = span.root
    near = doc[max(0, span.start - 4) : min(len(doc), span.end + 6)]
    for t in near:
        if t.lemma_.lower() != noun and t.lower_ != noun:
            continue
        if t.head.i in inside and t.dep_ in ("compound", "appos", "amod", "nmod"):
            return True
        if root.head.i == t.i and root.dep_ in ("compound", "appos", "poss", "nmod", "amod"):
            return True
        if t.dep_ == "appos" and t.head.i in inside:
            return True
    return False


def _fits(
    doc: Doc, noun: str, row: tuple[int, int, int], entities: list[Entity], words: list[str]
) -> bool:
    """The actor of the mention ``row`` fits the description's noun: by a title joined to
    the mention, or by the office held on the day when each of the description's modifier
    ``words`` is in it too ("the vice president" is not the president, "the former president"
    is found by a title only)."""
    e = entities[row[2]]
    if noun in ROLES:
        if e.kind != "person":
            return False
        if _joined(doc, row[0], row[1], noun):
            return True
        role = (e.role or "").lower().replace("-", " ").split()
        return noun in role and all(w in role for w in words)
    return e.kind in INSTITUTION_KINDS and _joined(doc, row[0], row[1], noun)


def _issuer(doc: Doc, noun: Token, index: _Mentions) -> int | None:
    """The entity that issued the document ``noun``, where the text says it."""
    for child in noun.children:
        if child.dep_ in ("poss", "compound") and child.i < noun.i:
            found = _named_by(child, index)
            if found is not None:
                return found
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            for obj in child.children:
                if obj.dep_ == "pobj" and index.at(obj) is not None:
                    return index.at(obj)
    verb = None
    if noun.dep_ == "dobj":  # "X issued a statement"
        verb = noun.head
    elif noun.dep_ == "pobj" and noun.head.dep_ == "prep":  # "in a statement, X said"
        verb = noun.head.head
    if verb is not None and verb.pos_ in ("VERB", "AUX"):
        for child in verb.children:
            if child.dep_ == "nsubj":
                return _named_by(child, index)
    return None


def _named_by(tok: Token, index: _Mentions) -> int | None:
    """The entity a noun phrase names: the mention on its head, else on a modifier before it
    ("the Russian Defence Ministry")."""
    found = index.at(tok)
    if found is not None:
        return found
    for left in reversed(list(tok.lefts)):
        if left.dep_ in ("compound", "amod", "poss", "nmod"):
            for t in left.subtree:
                found = index.at(t)
                if found is not None:
                    return found
    return None


def _speaks(tok: Token, says: Callable[[str], bool]) -> bool:
    """The document is the source of a cue: "the statement said", "according to the
    statement"."""
    if tok.dep_ == "nsubj":
        return tok.head.pos_ in ("VERB", "AUX") and says(tok.head.lemma_.lower())
    head = tok.head
    return tok.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according"


def _antecedent(
    doc: Doc,
    tok: Token,
    lo: int,
    index: _Mentions,
    entities: list[Entity],
    says: Callable[[str], bool],
) -> int | None:
    noun = tok.lemma_.lower()
    if noun in DOCUMENTS:
        if not _speaks(tok, says):
            return None
        for prev in reversed(doc[: tok.i]):
            if prev.idx < lo:
                break
            if prev.lemma_.lower() == noun and prev.pos_ == "NOUN":
                return _issuer(doc, prev, index)
        return None
    words = [c.lower_ for c in tok.children if c.dep_ in ("amod", "compound", "advmod")]
    words = [w for w in words if w not in DETERMINERS]
    for row in index.before(lo, tok.idx):
        if _fits(doc, noun, row, entities, words):
            return row[2]
    return None


def resolve_descriptions(
    doc: Doc, entities: list[Entity], says: Callable[[str], bool] = lambda lemma: True
) -> list[Entity]:
    """``entities`` with each bare definite description added as a mention of the actor it
    refers to (see the module doc); ids and order are kept. ``says(lemma)`` tells a verb of
    saying (a document is linked to its issuer only as the subject of one)."""
    heads = tokens_with_lemma(doc, WORDS)
    if not heads or not entities:
        return entities
    index = _Mentions(entities)
    sents = [s.start for s in doc_sents(doc)]
    sent_chars = [doc[i].idx for i in sents]
    added: dict[int, list[Span]] = {}
    for tok in heads:
        if not _bare(tok) or index.at(tok) is not None:
            continue
        here = bisect.bisect_right(sents, tok.i) - 1
        lo = sent_chars[max(0, here - BACK)]
        found = _antecedent(doc, tok, lo, index, entities, says)
        if found is None:
            continue
        first = min(c.i for c in tok.children if c.dep_ == "det")
        phrase = doc[first : tok.i + 1]
        added.setdefault(found, []).append(Span(phrase.start_char, phrase.end_char, phrase.text))
    if not added:
        return entities
    out = []
    for n, e in enumerate(entities):
        if n in added:
            spans = sorted({*e.mentions, *added[n]}, key=lambda s: (s.start, s.end))
            e = dataclasses.replace(e, mentions=tuple(spans))
        out.append(e)
    return out
