"""What a source is: the entity it names, whether it is anonymous, and the channel it spoke
through ("in a post", "on Telegram", "told reporters")."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Token

from parley.extract.quotes.common import DocIndex
from parley.kb.cues import Lexicon
from parley.model import Entity

CHANNEL_PREPS = {"in", "on", "at", "during", "via", "through", "over", "to"}


def _child(tok: Token, deps: tuple[str, ...]) -> Token | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


class EntityIndex:
    """Which entity a character span names (pronouns are already mentions)."""

    def __init__(self, entities: list[Entity]) -> None:
        rows = sorted(
            ((m.start, m.end, e) for e in entities for m in e.mentions), key=lambda r: r[:2]
        )
        self.starts = [r[0] for r in rows]
        self.rows = rows

    def at(self, start: int, end: int, head: tuple[int, int] | None = None) -> Entity | None:
        """The entity whose mention covers the head, else of those overlapping the span a
        person, else a group, else the first one."""
        k = bisect_right(self.starts, end)
        hits = [r for r in self.rows[max(0, k - 40) : k] if r[0] < end and r[1] > start]
        if not hits:
            return None
        if head is not None:
            for s, e, ent in hits:
                if s < head[1] and e > head[0]:
                    return ent
        # a title's person ("the German Minister of Justice Anna Berg"), a group phrase ("some
        # of Ukraine's Western partners"), else the first actor named ("Ukraine's ambassador
        # to the U.S.")
        for kind in ("person", "group"):
            found = [r for r in hits if r[2].kind == kind]
            if found:
                return found[0][2]
        return hits[0][2]


def is_anonymous(tok: Token, entity: Entity | None, lexicon: Lexicon, ix: DocIndex) -> bool:
    """Unnamed or vague sources: "observers", "a source", "officials", "a diplomat who asked
    not to be named"."""
    if entity is not None and entity.kind == "person":
        return False
    if entity is not None and entity.kind == "group":
        return True  # "Ukraine's Western partners", "refugees": nobody named
    if tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return False
    if tok.pos_ == "PRON" and tok.lower_ not in ("some", "many", "others", "someone", "somebody"):
        return False
    lemma = tok.lemma_.lower()
    if any(c.ent_type_ == "PERSON" for c in tok.subtree):
        return False
    if lemma in lexicon.vague_sources or tok.lower_ in lexicon.vague_sources:
        return True
    sentence = ix.sentence_text(tok.i).lower()
    return any(phrase in sentence for phrase in lexicon.anonymity)


def _phrase(doc: Doc, first: int, last: int) -> str:
    return doc[first : last + 1].text


def find_channel(cue: Token, lexicon: Lexicon) -> str | None:
    """ "in a post", "on Telegram", "in a televised address", "told reporters"."""
    candidates = [cue]
    if cue.dep_ in ("xcomp", "advcl", "conj") and cue.head.pos_ in ("VERB", "AUX"):
        candidates.append(cue.head)
    for verb in candidates:
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in CHANNEL_PREPS:
                obj = _child(child, ("pobj",))
                if obj is not None and _is_channel(obj, lexicon):
                    parts = [k.i for k in obj.rights if k.dep_ in ("compound", "flat")]
                    last = max([obj.i, *parts])
                    return _phrase(cue.doc, child.i, last)
            if child.dep_ in ("dobj", "dative") and verb.lemma_ == "tell":
                if child.lower_ in lexicon.addressees or child.lemma_.lower() in lexicon.addressees:
                    return _phrase(cue.doc, verb.i, child.i)
                if child.ent_type_ == "ORG" and verb.i < child.i:  # "told CNN"
                    return _phrase(cue.doc, verb.i, child.right_edge.i)
    if cue.pos_ == "NOUN" and cue.lemma_.lower() in lexicon.channels:
        return cue.lemma_.lower()
    return None


def _is_channel(obj: Token, lexicon: Lexicon) -> bool:
    if obj.lemma_.lower() in lexicon.channels or obj.text.lower() in lexicon.channels:
        return True
    compound = " ".join(t.lower_ for t in obj.subtree if t.dep_ in ("compound",) or t is obj)
    return compound in lexicon.channels
