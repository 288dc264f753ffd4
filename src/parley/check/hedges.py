"""``hedge``: words that weaken certainty ("to my knowledge", "seems unlikely",
"reportedly"), each with its scope — the clause whose certainty it lowers.

The phrases are data (``kb/data/hedges.json``); users add theirs in a ``hedges.json`` of
their ``--kb`` directory.
"""

from __future__ import annotations

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from parley.model import Flag
from parley.model import Span as TextSpan
from parley.nlp import doc_text
from parley.resources import Resources, load_resources


def hedge_matcher(res: Resources) -> PhraseMatcher:
    """One phrase matcher over the hedge lexicon (built once per resources object)."""
    matcher = PhraseMatcher(res.nlp.vocab, attr="LOWER")
    for phrase in res.hedges:
        matcher.add(phrase, [res.nlp.make_doc(phrase)])
    return matcher


def _scope(hedge: Span) -> Span:
    """The clause the hedge weakens: the subtree of the verb that governs it."""
    sent = hedge.sent
    verb = next((t for t in hedge if t.pos_ in ("VERB", "AUX")), None)
    tok = hedge.root
    while verb is None and tok.head.i != tok.i:
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            verb = tok
    if verb is None:
        return sent
    if verb.dep_ == "relcl":  # "something that seems unlikely": the something
        verb = verb.head
    doc = hedge.doc
    start = max(verb.left_edge.i, sent.start)
    end = min(verb.right_edge.i + 1, sent.end)
    for tok in doc[max(hedge.end, verb.i + 1) : end]:  # a quote or a new clause ends it
        if tok.is_quote or tok.text in (";", "—") or (tok.text == "," and tok.i > verb.i):
            end = tok.i
            break
    while end > start + 1 and doc[end - 1].is_punct:
        end -= 1
    return doc[start:end]


def hedges(doc: Doc, res: Resources | None = None) -> list[Flag]:
    res = res or load_resources()
    phrases = res.hedges
    found = sorted(res.built(hedge_matcher)(doc, as_spans=True), key=lambda s: (s.start, -len(s)))
    flags, taken = [], -1
    text = doc_text(doc)
    for span in found:
        if span.start < taken:
            continue  # "it seems" inside "it seems unlikely": one hedge
        taken = span.end
        scope = _scope(span)
        flags.append(
            Flag(
                kind="hedge",
                severity="info",
                message=f"“{span.text}” weakens the certainty of: “{scope.text}”",
                spans=(
                    TextSpan.of(text, span.start_char, span.end_char),
                    TextSpan.of(text, scope.start_char, scope.end_char),
                ),
                evidence={"hedge": span.text, "kind": phrases[span.text.lower()]},
            )
        )
    return flags
