"""Headline attributions: a heading line "Name: claim" ("Minister: The border stays open",
"Kyiv: No talks before a ceasefire"). The colon is the cue, the name before it the source,
the claim after it the content. A line counts when the name is short (at most
``LABEL_WORDS`` words, starting with a capital, no digits) and names someone (a proper noun
or a noun at its end), and the claim has at least ``MIN_WORDS`` words and no second
sentence, as headings are written; page furniture ("Photo: …") is left out. Transcript
lines ("HOST: …") are the transcript finder's.
"""

from __future__ import annotations

import re

from parley.extract.quotes.common import Candidate, DocIndex
from parley.kb.cues import Lexicon

_LINE = re.compile(r"(?m)^[ \t]*([A-Z][^\n:.!?\"“”\d]{0,60}?):[ \t]+(\S[^\n]*?)[ \t]*$")
_RUN_ON = re.compile(r"(?<=[a-z])[.!?](?=[A-Z])")  # "…weapons.Joe Biden: …" in translations
LABEL_WORDS = 6
MIN_WORDS = 3
MAX_WORDS = 30


def _claim_ok(claim: str) -> bool:
    words = claim.split()
    if not MIN_WORDS <= len(words) <= MAX_WORDS:
        return False
    body = claim.rstrip('.!?"”')
    return not re.search(r"[.!?][\"”]?\s+[A-Z]", body)  # one sentence, as a heading


def find_headline(ix: DocIndex, lexicon: Lexicon) -> list[Candidate]:
    """One candidate per "Name: claim" heading line; a label with a word of the lexicon's
    ``furniture_labels`` ("Photo:", "Read more:", "Author:") is page furniture."""
    doc, text = ix.doc, ix.text
    out = []
    for m in _LINE.finditer(text):
        label_start, label_end = m.start(1), m.end(1)
        run_on = list(_RUN_ON.finditer(text, label_start, label_end))
        if run_on:  # a heading run on after the previous sentence
            label_start = run_on[-1].end()
        label = text[label_start:label_end]
        words = re.findall(r"[a-z']+", label.lower())
        if not words or len(label.split()) > LABEL_WORDS or label.isupper():
            continue
        if any(lexicon.has("furniture_labels", w) for w in words):
            continue
        if not _claim_ok(m.group(2)):
            continue
        head = doc[ix.token_at(label_end - 1)]
        if head.pos_ not in ("PROPN", "NOUN") and not head.ent_type_:
            continue
        colon = doc[ix.token_at(label_end)]
        if colon.text != ":":
            continue
        cand = Candidate((m.start(2), m.end(2)), "headline", cue=colon, source=head)
        cand.hints.append(head.ent_type_ or head.pos_.lower())
        out.append(cand)
    return out
