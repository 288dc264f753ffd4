"""How likely a candidate is a real attribution: a logistic model over sparse features (the
cue word and its class, how the content hangs on it and what shape it has, what the source
is), trained on PolNeAR's train split and the news-gold articles by
``benchmarks/train_quotes.py``.

The weights ship as JSON in ``parley/kb/models/quotes.json`` (read by ``parley.kb.models``,
held by the resources); scoring is a sum of dictionary look-ups. Without that file a rule
decides: a cue of a quote class with a clause, a quotation, or "according to".
"""

from __future__ import annotations

import math

from parley.extract.quotes.common import Candidate, DocIndex
from parley.kb.cues import QUOTE_CLASSES, Lexicon

STRONG_RELS = {
    "quote_after", "quote_before", "colon", "lead_in", "according", "transcript", "floating",
    "headline",
}  # fmt: skip
CLAUSE_RELS = {"ccomp", "parataxis", "as", "noun_clause", "adj", "copula"}
OPENERS = {"that", "to", "whether", "if", "how", "what", "why", "when", "who", "the", "a"}


def _bucket(n: int) -> str:
    for limit in (1, 2, 5, 10, 20, 40):
        if n <= limit:
            return str(limit)
    return "more"


def source_kind(cand: Candidate, entity_kind: str | None, anonymous: bool) -> str:
    src = cand.source
    if src is None:
        return "none"
    if anonymous:
        return "vague"
    if entity_kind:
        return "ent_" + entity_kind
    if src.pos_ == "PRON":
        return (
            "pron_" + src.lower_
            if src.lower_ in ("it", "this", "that", "they", "we", "i", "you")
            else "pron"
        )
    return src.pos_.lower()


def features(cand: Candidate, ix: DocIndex, lexicon: Lexicon, src_kind: str) -> list[str]:
    rel = cand.rel
    cue = cand.cue
    start, end = cand.content
    n_words = len(ix.text[start:end].split())
    quoted = "none" if not cand.quoted_chars else "full" if cand.direct else "part"
    feats = [
        "bias",
        f"rel={rel}",
        f"src={src_kind}",
        f"src|rel={src_kind}|{rel}",
        f"len|rel={_bucket(n_words)}|{rel}",
        f"quoted|rel={quoted}|{rel}",
        f"cls={cand.cls}",
        f"cls|rel={cand.cls}|{rel}",
        f"shape={cand.shape}",
        f"cls|shape={cand.cls}|{cand.shape}",
        f"shape|rel={cand.shape}|{rel}",
    ]
    if cue is not None:
        lemma = cue.lemma_.lower() if cue.lower_ != "according" else "according"
        kind = cand.cls
        has_src = src_kind != "none"
        feats += [
            f"lem={lemma}",
            f"lem|rel={lemma}|{rel}",
            f"lem|src={lemma}|{has_src}",
            f"lex|rel={kind}|{rel}",
            f"lex|src={kind}|{src_kind}",
            f"pos|rel={cue.pos_}|{rel}",
            f"dep|rel={cue.dep_}|{rel}",
            f"tag|rel={cue.tag_}|{rel}",
        ]
        for child in cue.children:
            if child.dep_ == "neg":
                feats += [f"neg|rel={rel}", f"neg|cls={kind}"]
            elif child.dep_ == "aux" and child.tag_ == "MD":
                feats.append(f"modal|{child.lower_}")
            elif child.dep_ == "prt":
                feats.append(f"prt={lemma}|{child.lower_}")
        if any(c.dep_ == "auxpass" for c in cue.children):  # "is expected to", "was told"
            feats.append(f"passive|cls|rel={kind}|{rel}")
        feats.append(f"lem|shape={lemma}|{cand.shape}")
        if cue.dep_ in ("amod", "compound"):
            feats.append(f"cue_modifier|{cue.dep_}")
        if cue.dep_ in ("xcomp", "advcl", "conj", "pcomp", "acl") and cue.head.i != cue.i:
            feats.append(f"gov={cue.head.lemma_.lower()}|{cue.dep_}")
        side = "after" if cue.idx >= end else "before" if cue.idx < start else "inside"
        feats.append(f"side|rel={side}|{rel}")
        if ix.in_quote(cue.idx):
            feats.append(f"cue_quoted|rel={rel}")
        if _nested(cue, lexicon):
            feats.append(f"nested|rel={rel}")
        if ix.headline(cue.i):
            feats.append(f"headline|rel={rel}")
    head = cand.head
    if head is not None:
        feats.append(f"head|rel={head.pos_}|{rel}")
        if head.pos_ == "NOUN":  # "revealed a proposal", "denied the claim": a said thing
            named = lexicon.lookup(head.lemma_.lower(), "NOUN")
            feats.append(f"head_cls|cls={named.cls if named else 'none'}|{cand.cls}")
            feats.append(f"head_said|cls={named is not None and named.quotes}|{cand.cls}")
        if head.ent_type_:
            feats.append(f"head_ent|rel={head.ent_type_}|{rel}")
        if head.pos_ in ("PRON", "DET"):
            feats.append(f"head_word|rel={head.lower_}|{rel}")
    feats += [f"hint|rel={h}|{rel}" for h in cand.hints]
    words = ix.text[start : min(end, start + 20)].split(None, 1)
    if words and rel not in STRONG_RELS:
        first = words[0].lower()
        if first in OPENERS:
            feats.append(f"opener|rel={first}|{rel}")
    return feats


def _nested(tok, lexicon: Lexicon) -> bool:
    """The cue sits inside the reported clause of another cue ("X said Y claimed Z")."""
    hops = 0
    while tok.dep_ != "ROOT" and hops < 8:
        head = tok.head
        if tok.dep_ == "ccomp" and lexicon.lookup(head.lemma_.lower(), "VERB") is not None:
            return True
        tok = head
        hops += 1
    return False


def probability(feats: list[str], weights: dict[str, float]) -> float:
    z = sum(weights.get(f, 0.0) for f in feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def rule_score(cand: Candidate, lexicon: Lexicon) -> float:
    """Without a trained model: lexicon cues with a clause or a quotation."""
    if cand.rel in STRONG_RELS:
        return 0.9 if cand.rel != "floating" or cand.source is not None else 0.0
    if cand.cue is None or cand.cls not in QUOTE_CLASSES:
        return 0.0
    return 0.8 if cand.rel in CLAUSE_RELS and cand.shape in ("clause", "quoted") else 0.0
