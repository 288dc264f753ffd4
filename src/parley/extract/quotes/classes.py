"""What kind of attribution a candidate is: its cue's class, and the shape of its content.

The class comes from the cue lexicon (``parley.kb.cues``: say, according, belief, directive,
concern, judge report speech, writing or stated belief; perception, emotion, refusal and
stance do not). A phrase cue is preferred to its head word when the phrase's other words
hang on the head or follow it ("called on" a directive, "expressed concern" a concern); a
cue made of a verb and an adjective ("was concerned that", "made clear that") takes the
adjective's or the phrase's class. A word that is not in the lexicon has class ``none``.

The shape says whether the content is a statement: a quotation, a clause with its own
subject, an infinitive, or only a noun phrase ("refused to condemn the decision").
"""

from __future__ import annotations

from spacy.tokens import Token

from parley.extract.quotes.common import Candidate
from parley.kb.cues import QUOTE_CLASSES, Cue, Lexicon

FRAME_RELS = {
    "quote_after", "quote_before", "colon", "lead_in", "transcript", "floating", "headline",
}  # fmt: skip
SUBJECTS = {"nsubj", "nsubjpass", "expl", "csubj"}
MARKERS = {"that", "whether", "if", "how", "what", "why", "when", "who", "where", "which"}
FOLLOWING = 3  # words after the head word where a phrase cue's other words may stand
THINGS = {"noun", "gerund", "other"}  # contents that are no statement on their own


def _pos(tok: Token) -> str:
    if tok.pos_ in ("NOUN", "PROPN"):
        return "NOUN"
    return "ADJ" if tok.pos_ == "ADJ" else "VERB"


def cue_of(tok: Token, lexicon: Lexicon, last: Token | None = None) -> Cue | None:
    """The lexicon cue ``tok`` heads (``last``: the cue's last word, when it has several)."""
    if tok.lower_ == "according":
        return lexicon.lookup("according to", "ADP")
    lemma = tok.lemma_.lower()
    phrases = [c for c in lexicon.by_head.get(lemma, ()) if c.rest]
    if phrases:
        doc = tok.doc
        near = {c.lemma_.lower() for c in tok.children} | {
            t.lemma_.lower() for t in doc[tok.i + 1 : min(len(doc), tok.i + 1 + FOLLOWING)]
        }
        for cue in sorted(phrases, key=lambda c: -len(c.rest)):
            if all(word in near for word in cue.rest):
                return cue
    found = lexicon.lookup(lemma, _pos(tok))
    if last is not None and last.i != tok.i and last.pos_ in ("ADJ", "VERB"):
        # "is concerned that", "was confident that": the adjective carries the meaning
        adjective = lexicon.lookup(last.lower_, "ADJ") or lexicon.lookup(last.lemma_, "ADJ")
        return adjective or found
    if found is None and tok.tag_ == "VBN":  # "was worried that": a participle as adjective
        return lexicon.lookup(tok.lower_, "ADJ")
    return found


def cue_class(cand: Candidate, lexicon: Lexicon) -> str:
    """The class of the candidate's cue; ``none`` when the cue is not in the lexicon."""
    if cand.cue is None:
        return "none"
    last = cand.cue.doc[cand.cue_end - 1] if cand.cue_end else None
    cue = cue_of(cand.cue, lexicon, last)
    return cue.cls if cue is not None else "none"


def reports_speech(cand: Candidate, cls: str, lexicon: Lexicon) -> bool:
    """Whether the candidate can be a quote at all: a quotation, a headline or transcript
    line and "according to" always can; a clause or phrase only after a cue whose class
    reports speech, writing or stated belief."""
    if cand.direct or cand.rel in FRAME_RELS or cand.rel == "according":
        return True
    if cls == "concern" and cand.shape in THINGS and not _voiced(cand.cue, lexicon):
        return False  # "most voters are worried about prices": a state, not a statement
    return cls in QUOTE_CLASSES


def _voiced(cue: Token | None, lexicon: Lexicon) -> bool:
    """A concern someone voiced ("expressed concern over …", "voiced concerns about …"): the
    cue is a verb of saying, or the concern noun is the object of one."""
    if cue is None:
        return False
    verb = cue.head if cue.pos_ in ("NOUN", "PROPN") and cue.dep_ == "dobj" else cue
    said = lexicon.lookup(verb.lemma_.lower(), "VERB") if verb.pos_ == "VERB" else None
    return said is not None and said.cls == "say"


def content_shape(cand: Candidate, text: str) -> str:
    """``quoted``, ``clause`` (own subject or a "that"/"whether" marker), ``infinitive``,
    ``gerund``, ``verb`` (another verb phrase), ``noun_that`` (a noun with a "that" clause),
    ``noun`` (a noun phrase), ``other``."""
    if cand.direct or cand.quoted_chars >= cand.size - 2:
        return "quoted"
    head = cand.head
    first = text[cand.content[0] : cand.content[0] + 12].split(None, 1)
    if first and first[0].lower() in MARKERS and cand.rel not in ("dobj", "passive"):
        return "clause"
    if head is None:
        return "other"
    if head.pos_ in ("VERB", "AUX"):
        kids = list(head.children)
        if any(k.dep_ in SUBJECTS for k in kids):
            return "clause"
        if any(k.dep_ == "aux" and k.tag_ == "TO" for k in kids):
            return "infinitive"
        return "gerund" if head.tag_ == "VBG" else "verb"
    if head.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
        # "concern that the truce would fail", "the claim that …": a proposition
        for child in head.children:
            if child.dep_ in ("acl", "ccomp", "relcl") and any(
                k.dep_ == "mark" and k.lower_ == "that" for k in child.children
            ):
                return "noun_that"
        return "noun"
    return "other"
