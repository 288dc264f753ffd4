"""The cue lexicon's classes: which cues report speech, writing or stated belief (and can
introduce a quote) and which name another attitude; user files set and check classes."""

from __future__ import annotations

import json

import pytest

from parley.errors import ParleyError
from parley.kb.cues import CLASSES, QUOTE_CLASSES, load_cues


@pytest.mark.parametrize(
    ("lemma", "pos", "cls"),
    [
        ("say", "VERB", "say"),
        ("write", "VERB", "say"),
        ("according to", "ADP", "according"),
        ("estimate", "VERB", "belief"),
        ("find", "VERB", "belief"),
        ("urge", "VERB", "directive"),
        ("call on", "VERB", "directive"),
        ("order", "VERB", "directive"),
        ("express concern", "VERB", "concern"),
        ("concerned", "ADJ", "concern"),
        ("accuse", "VERB", "judge"),
        ("see", "VERB", "perception"),
        ("remember", "VERB", "perception"),
        ("hope", "VERB", "emotion"),
        ("refuse", "VERB", "refusal"),
        ("support", "VERB", "stance"),
    ],
)
def test_shipped_cue_classes(lemma, pos, cls):
    cue = load_cues().lookup(lemma, pos)
    assert cue is not None and cue.cls == cls
    assert cue.quotes == (cls in QUOTE_CLASSES)


def test_every_shipped_cue_has_a_known_class():
    lexicon = load_cues()
    assert {cue.cls for cue in lexicon.cues.values()} <= CLASSES
    assert {"perception", "emotion", "refusal", "stance"}.isdisjoint(QUOTE_CLASSES)


def test_user_cues_take_a_class_or_a_default_from_their_flags(tmp_path):
    cues = [
        {"lemma": "kvetch", "pos": "VERB"},
        {"lemma": "intuit", "pos": "VERB", "belief": True},
        {"lemma": "beseech", "pos": "VERB", "class": "directive"},
        {"lemma": "urge", "pos": "VERB", "class": "emotion"},  # replaces the shipped cue
    ]
    (tmp_path / "cues.json").write_text(json.dumps({"cues": cues}), encoding="utf-8")
    lexicon = load_cues((str(tmp_path),))
    got = {c["lemma"]: lexicon.lookup(c["lemma"], "VERB").cls for c in cues}
    assert got == {"kvetch": "say", "intuit": "belief", "beseech": "directive", "urge": "emotion"}


def test_an_unknown_class_is_one_user_error(tmp_path):
    bad = {"cues": [{"lemma": "kvetch", "pos": "VERB", "class": "gossip"}]}
    (tmp_path / "cues.json").write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(ParleyError, match="class 'gossip'"):
        load_cues((str(tmp_path),))
