"""Positions: what an actor stands for on an issue, not what it did.

"Kyiv adheres to the peace formula, which includes the withdrawal of Russian forces ..." and
"Moscow insists on recognition of the new regional reality" are neither events nor quotes:
they state a stance. A stance verb (``kb/data/positions.json``: "adhere to", "insist on",
"call for", "reject", ...) whose subject names an actor, or a stance noun an actor owns
("Kyiv's demand for ...", "Russia's red line is ..."), gives a ``Position``: the actor, the
issue (the object phrase, without its relative clause), the stance, and the details a
relative clause lists ("which includes X and Y").
"""

from __future__ import annotations

import bisect
from typing import Any

from spacy.tokens import Doc, Token

from parley.extract.events.arguments import agent_tokens, np_entities
from parley.extract.events.entity_index import EntityIndex
from parley.kb.stances import StanceWords
from parley.model import Entity, Position, Sentence, Span
from parley.nlp import doc_text, tokens_with_lemma
from parley.resources import Resources, load_resources

NEGATED = {"supports": "opposes", "opposes": "accepts", "rejects": "accepts"}
NO_QUOTES = str.maketrans("", "", '"“”«»')
EDGE_JUNK = "\"'“”‘’«»,;:.()[]—– "
LEADING = ("the ", "a ", "an ")
CUT_DEPS = {"relcl", "acl", "appos", "advcl", "punct"}
ITEM_CUT = {"conj", "cc", "relcl", "appos", "punct"}


def _phrase(head: Token, cut: set[str]) -> tuple[int, int]:
    """Token range of ``head``'s subtree without the children whose dependency is in ``cut``
    (only to the right: "the 'peace formula'" without ", which includes ...")."""
    start, end = head.left_edge.i, head.i + 1
    for child in head.children:
        if child.i > head.i and child.dep_ not in cut:
            end = max(end, child.right_edge.i + 1)
        elif child.i < head.i and child.dep_ in ("cc", "preconj"):
            start = max(start, child.i + 1)
    return start, end


def _close_quote(text: str, lo: int, hi: int) -> int:
    """Take in a closing quotation mark the span opened: 'the "new regional reality,"'."""
    piece = text[lo:hi]
    if piece.count('"') % 2 == 1 or piece.count("“") > piece.count("”"):
        for tail in ('"', "”", ',"', ",”", '."', ".”"):
            if text.startswith(tail, hi):
                return hi + len(tail)
    return hi


def _clean(text: str) -> str:
    """A label: one line, no quotation marks, no leading article."""
    text = " ".join(text.translate(NO_QUOTES).split()).strip(EDGE_JUNK)
    while text.lower().startswith(LEADING):
        text = text.split(" ", 1)[1].strip(EDGE_JUNK)
    return text


def _details(obj: Token, words: StanceWords, text: str) -> tuple[str, ...]:
    """What a relative clause on the issue lists: "which includes X and Y" -> (X, Y)."""
    out: list[str] = []
    for clause in obj.children:
        if clause.dep_ not in ("relcl", "acl") or clause.lemma_.lower() not in words.includes:
            continue
        for item in clause.children:
            if item.dep_ not in ("dobj", "prep", "xcomp"):
                continue
            first = (
                item
                if item.dep_ != "prep"
                else next((c for c in item.children if c.dep_ == "pobj"), None)
            )
            if first is None:
                continue
            for part in (first, *first.conjuncts):
                start, end = _phrase(part, ITEM_CUT)
                doc = part.doc
                piece = _clean(text[doc[start].idx : doc[end - 1].idx + len(doc[end - 1])])
                if piece and piece not in out:
                    out.append(piece)
    return tuple(out)


def _object(verb: Token, spec: dict[str, Any]) -> Token | None:
    if spec.get("obj"):
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is not None:
            return obj
    preps = spec.get("prep", ())
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            pobj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None:
                return pobj
    if spec.get("xcomp"):
        return next((c for c in verb.children if c.dep_ == "xcomp"), None)
    return None


def _controlled(verb: Token, obj: Token) -> Token | None:
    """The infinitive an object controls ("urged Moscow to withdraw"), if any."""
    if obj.dep_ != "dobj" or obj.head.i != verb.i:
        return None
    return next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.i > obj.i), None)


class _Finder:
    def __init__(self, doc: Doc, entities: list[Entity], res: Resources) -> None:
        self.doc, self.words = doc, res.stances
        self.text = doc_text(doc)
        self.index = EntityIndex.build(doc, entities)
        self.lex = res.plover

    def actors(self, heads: list[Token]) -> list[str]:
        out: list[str] = []
        for head in heads:
            for eid in np_entities(head, self.index, frozenset()):
                if eid not in out:
                    out.append(eid)
        return out

    def chars(self, start: int, end: int) -> tuple[int, int]:
        last = self.doc[end - 1]
        return self.doc[start].idx, last.idx + len(last)

    def from_verb(self, verb: Token) -> tuple[list[str], Token, str, int] | None:
        spec = self.words.verbs.get(verb.lemma_.lower())
        # the small tagger reads a headline-like "Kyiv adheres to ..." as adjective + noun
        misread = verb.pos_ == "NOUN" and verb.dep_ == "ROOT" and verb.tag_ == "NNS"
        if spec is None or (verb.pos_ != "VERB" and not misread):
            return None
        prt = spec.get("prt")
        if prt and not any(c.dep_ == "prt" and c.lower_ == prt for c in verb.children):
            return None
        obj = _object(verb, spec)
        if obj is None or obj.pos_ == "PRON":
            return None
        stance = spec["stance"]
        if any(c.dep_ == "neg" for c in verb.children):
            stance = NEGATED.get(stance)
            if stance is None:
                return None
        if misread:
            agents = [c for c in verb.lefts if c.dep_ in ("amod", "compound", "nsubj", "nmod")]
        else:
            agents = agent_tokens(verb, self.lex)
        start = min([verb.i, *(a.left_edge.i for a in agents if a.sent == verb.sent)])
        return self.actors(agents), obj, stance, start

    def from_noun(self, noun: Token) -> tuple[list[str], Token, str, int] | None:
        lemma = noun.lemma_.lower()
        if lemma == "line" and any(c.lower_ == "red" for c in noun.children):
            lemma = "red line"
        stance = self.words.nouns.get(lemma)
        if stance is None or noun.pos_ != "NOUN":
            return None
        owners = [c for c in noun.children if c.dep_ == "poss"]
        if not owners:
            return None
        obj = None
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in ("for", "on", "to", "of", "against"):
                obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
                break
        if obj is None and noun.dep_ == "nsubj" and noun.head.lemma_ == "be":
            obj = next((c for c in noun.head.children if c.dep_ in ("attr", "ccomp")), None)
        if obj is None or obj.pos_ == "PRON":
            return None
        return self.actors(owners), obj, stance, noun.left_edge.i


def extract_positions(
    doc: Doc,
    entities: list[Entity],
    sentences: tuple[Sentence, ...],
    *,
    res: Resources | None = None,
) -> list[Position]:
    """Positions in text order, one per actor and issue."""
    res = res or load_resources()
    candidates = tokens_with_lemma(doc, res.stances.lemmas)
    if not candidates:
        return []
    finder = _Finder(doc, entities, res)
    starts = [s.start for s in sentences]
    out: list[Position] = []
    seen: set[tuple[str, str]] = set()
    for tok in candidates:
        found = finder.from_verb(tok) or finder.from_noun(tok)
        if found is None:
            continue
        actors, obj, stance, start = found
        issue_start, issue_end = _phrase(obj, CUT_DEPS)
        clause = _controlled(tok, obj)
        if clause is not None:  # "wants the Russian president to withdraw"
            issue_end = max(issue_end, clause.right_edge.i + 1)
        issue = _clean(finder.text[slice(*finder.chars(issue_start, issue_end))])
        if not actors or not issue:
            continue
        end = max(obj.right_edge.i + 1, tok.i + 1)
        lo, hi = finder.chars(start, end)
        hi = _close_quote(finder.text, lo, hi)
        details = _details(obj, finder.words, finder.text)
        sentence = max(0, bisect.bisect_right(starts, lo) - 1)
        for actor in actors:
            if (actor, issue.lower()) in seen:
                continue
            seen.add((actor, issue.lower()))
            span = Span.of(finder.text, lo, hi)
            out.append(Position(actor, issue, stance, span, details, sentence))
    return out
