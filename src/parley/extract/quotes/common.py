"""What the quote finders hand to the scorer: a candidate attribution, and span helpers."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from spacy.attrs import IDX
from spacy.tokens import Doc, Token

from parley.nlp import doc_sents, doc_text

PUNCT_EDGE = set(" \t\r\n,.;:!?—–-\"'“”‘’„«»`()[]")
QUOTE_CHARS = set("\"“”„‟«»'‘’`")
CONTENT_DEPS = ("ccomp", "xcomp", "dobj", "prep", "acl", "attr", "oprd", "advcl")


@dataclass
class Candidate:
    """One possible attribution: content, the cue that introduces it, and its source."""

    content: tuple[int, int]  # characters of the text
    rel: str  # how content and cue are linked: "ccomp", "dobj", "quote_after", …
    cue: Token | None = None  # head word of the cue
    cue_end: int | None = None  # token index after the cue's last word (phrasal cues)
    source: Token | None = None  # head word of the source
    via: Token | None = None  # head word of an intermediary ("news agencies quoted X")
    head: Token | None = None  # head word of the content, when it is one phrase of the parse
    direct: bool = False  # content is a stretch inside quote marks
    quoted_chars: int = 0  # how many content characters lie inside quote marks
    follows: Candidate | None = None  # a floating quote takes this candidate's source
    hints: list[str] = field(default_factory=list)  # what the finder saw, for the scorer
    cls: str = "none"  # the cue's class in the lexicon (``classes.cue_class``)
    shape: str = "other"  # what the content is: quoted, clause, noun, … (``classes``)
    score: float = 0.0
    features: list[str] = field(default_factory=list)

    @property
    def size(self) -> int:
        return self.content[1] - self.content[0]


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding spaces and punctuation (closing sentence marks, commas, quote marks)."""
    while start < end and text[start] in PUNCT_EDGE:
        start += 1
    while end > start and text[end - 1] in PUNCT_EDGE:
        end -= 1
    return start, end


def token_chars(doc: Doc, first: int, last: int) -> tuple[int, int]:
    """Characters from token ``first`` to token ``last`` inclusive."""
    return doc[first].idx, doc[last].idx + len(doc[last])


def subtree_chars(tok: Token, skip: Token | None = None) -> tuple[int, int]:
    """Characters of ``tok``'s subtree; if ``skip``'s subtree sits at one edge, without it."""
    left, right = tok.left_edge.i, tok.right_edge.i
    if skip is not None and left <= skip.i <= right:
        s_left, s_right = skip.left_edge.i, skip.right_edge.i
        if s_left <= left:
            left = s_right + 1
        elif s_right >= right:
            right = s_left - 1
        if left > right:
            return tok.idx, tok.idx
    return token_chars(tok.doc, left, right)


class DocIndex:
    """One Doc's text (``doc.text`` is rebuilt on every access), character offset → token,
    and token → sentence number."""

    def __init__(self, doc: Doc, text: str | None = None) -> None:
        self.doc = doc
        self.text = doc_text(doc) if text is None else text
        self.quoted: list[tuple[int, int]] = []
        self.quoted_starts: list[int] = []
        self.starts: list[int] = doc.to_array(IDX).tolist() if len(doc) else []
        self._headline: dict[int, bool] = {}
        self.sent_of = [0] * len(doc)
        self.sent_bounds: list[tuple[int, int]] = []
        for k, sent in enumerate(doc_sents(doc)):
            self.sent_bounds.append((sent.start, sent.end))
            for i in range(sent.start, sent.end):
                self.sent_of[i] = k

    def token_at(self, char: int) -> int:
        """Index of the token containing or starting after ``char``."""
        k = bisect_right(self.starts, char) - 1
        if k < 0:
            return 0
        tok = self.doc[k]
        return k if char < tok.idx + len(tok) else min(k + 1, len(self.doc) - 1)

    def first_from(self, char: int) -> int:
        return bisect_left(self.starts, char)

    def headline(self, i: int) -> bool:
        """Token ``i`` sits in a title-case line ("Minister Rejects New Truce Offer")."""
        k = self.sent_of[i]
        if k not in self._headline:
            start, end = self.sent_bounds[k]
            last = self.doc[end - 1]
            words = [w for w in self.text[self.doc[start].idx : last.idx + len(last)].split()]
            words = [w for w in words if w[:1].isalpha()]
            capitals = sum(w[0].isupper() for w in words)
            self._headline[k] = len(words) >= 3 and capitals >= 0.7 * len(words)
        return self._headline[k]

    def set_quoted(self, spans: list[tuple[int, int]]) -> None:
        """The quoted stretches (inner characters), for ``in_quote``."""
        self.quoted = spans
        self.quoted_starts = [s for s, _ in spans]

    def in_quote(self, char: int) -> bool:
        k = bisect_right(self.quoted_starts, char) - 1
        return k >= 0 and char < self.quoted[k][1]

    def sentence_text(self, i: int) -> str:
        start, end = self.sent_bounds[self.sent_of[i]]
        last = self.doc[end - 1]
        return self.text[self.doc[start].idx : last.idx + len(last)]
