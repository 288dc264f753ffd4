"""Group and part-of phrases on hand-built Docs (no model): words, tags and heads given."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from parley.extract.groups import group_head, is_group_phrase, partitive

VOCAB = spacy.blank("en").vocab


def build(words, tags, pos, heads, deps, lemmas=None) -> Doc:
    return Doc(
        VOCAB,
        words=words,
        tags=tags,
        pos=pos,
        heads=heads,
        deps=deps,
        lemmas=lemmas or [w.lower() for w in words],
    )


def test_relational_noun_heads_a_group_phrase():
    # "Moldova's partners" : partners <- 's <- Moldova
    doc = build(
        ["Moldova", "'s", "partners"],
        ["NNP", "POS", "NNS"],
        ["PROPN", "PART", "NOUN"],
        [2, 0, 2],
        ["poss", "case", "ROOT"],
        ["Moldova", "'s", "partner"],
    )
    assert group_head(doc[2])
    assert is_group_phrase(doc[0:3])
    assert not group_head(doc[0])


def test_country_noun_is_a_group_only_in_the_plural():
    # "the Alliance countries" vs "the country"
    plural = build(
        ["the", "Alliance", "countries"],
        ["DT", "NNP", "NNS"],
        ["DET", "PROPN", "NOUN"],
        [2, 2, 2],
        ["det", "compound", "ROOT"],
        ["the", "Alliance", "country"],
    )
    singular = build(["the", "country"], ["DT", "NN"], ["DET", "NOUN"], [1, 1], ["det", "ROOT"])
    assert group_head(plural[2])
    assert not group_head(singular[1])


def test_partitive_is_a_group_only_over_a_group():
    # "some of Chile's allies" / "some of the Chilean troops"
    allies = build(
        ["some", "of", "Chile", "'s", "allies"],
        ["DT", "IN", "NNP", "POS", "NNS"],
        ["PRON", "ADP", "PROPN", "PART", "NOUN"],
        [0, 0, 4, 2, 1],
        ["ROOT", "prep", "poss", "case", "pobj"],
        ["some", "of", "Chile", "'s", "ally"],
    )
    troops = build(
        ["some", "of", "the", "Chilean", "troops"],
        ["DT", "IN", "DT", "JJ", "NNS"],
        ["PRON", "ADP", "DET", "ADJ", "NOUN"],
        [0, 0, 4, 4, 1],
        ["ROOT", "prep", "det", "amod", "pobj"],
        ["some", "of", "the", "chilean", "troop"],
    )
    assert partitive(allies[0]).i == 4
    assert group_head(allies[0])
    assert partitive(troops[0]).i == 4
    assert not group_head(troops[0])


def test_proper_noun_is_never_a_group_head():
    doc = build(
        ["United", "States"], ["NNP", "NNPS"], ["PROPN", "PROPN"], [1, 1], ["compound", "ROOT"]
    )
    assert not group_head(doc[1])
    assert not is_group_phrase(doc[0:0])
