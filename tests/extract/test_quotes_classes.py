"""Quotes are attributions of speech, writing or stated belief: the cue's class decides
whether a clause or phrase can be a quote, and the content's shape is read off the parse.
Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from parley.extract.entities import extract_entities
from parley.extract.quotes import candidates, extract_quotes
from parley.extract.quotes.classes import content_shape, cue_of
from parley.kb.cues import load_cues
from parley.nlp import load_pipeline

DAY = date(2025, 3, 14)


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def quotes_of(nlp, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    found = extract_quotes(doc, extract_entities(doc, DAY))
    return [(q.cue.text if q.cue else "", q.content.text) for q in found]


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The foreign minister said the talks would resume in May.", "said"),
        ("Analysts estimate that the offensive will stall before winter.", "estimate"),
        ("The president urged parliament to approve the budget quickly.", "urged"),
        ("The council expressed concern that the ceasefire would collapse.", "expressed"),
        (
            "Three villages were shelled overnight, according to the regional governor.",
            "according to",
        ),  # fmt: skip
    ],
)
def test_speech_writing_and_belief_cues_make_quotes(nlp, text, cue):
    assert [c for c, _ in quotes_of(nlp, text)] == [cue]


@pytest.mark.parametrize(
    "text",
    [
        "The prime minister refused to condemn the decision of the court.",
        "The ministry has long supported friendly political leaders in the region.",
        "Residents remember how the volunteers rebuilt the bridge in a week.",
        "The two governments released a lengthy agreement on grain shipments.",
        "The embassy issued a new travel advisory for the border regions.",
        "The company sought to expand its mining business across the continent.",
    ],
)
def test_objects_of_other_verbs_are_no_quotes(nlp, text):
    assert quotes_of(nlp, text) == []


def test_direct_quotes_keep_their_frame_whatever_the_verb(nlp):
    text = '"We will rebuild every school," the mayor hit back.'
    assert quotes_of(nlp, text) == [("hit", "We will rebuild every school")]


def test_phrase_cues_take_the_phrase_class(nlp):
    lexicon = load_cues()
    doc = nlp("The envoy called on both sides to respect the truce.")
    assert cue_of(doc[2], lexicon).lemma == "call on"
    assert cue_of(doc[2], lexicon).cls == "directive"
    doc = nlp("The agency expressed concern about the strikes.")
    assert cue_of(doc[2], lexicon).cls == "concern"
    doc = nlp("The envoy was concerned that the truce would fail.")
    assert cue_of(doc[2], lexicon, last=doc[3]).cls == "concern"


def test_content_shape(nlp):
    doc = nlp("The minister said that the border would stay closed and condemned the raid.")
    entities = extract_entities(doc, DAY)
    shapes = {(c.cue.lemma_, c.rel): c.shape for c, _, _ in candidates(doc, entities)}
    assert shapes[("say", "ccomp")] == "clause"
    assert shapes[("condemn", "dobj")] == "noun"
    for cand, _, _ in candidates(doc, entities):
        assert content_shape(cand, doc.text) == cand.shape


def test_a_concern_is_a_quote_when_voiced_not_when_felt(nlp):
    felt = quotes_of(nlp, "Most of the farmers polled were concerned about the harvest.")
    assert not any("harvest" in content for _, content in felt)
    voiced = quotes_of(nlp, "The farm minister expressed concern about the harvest on Monday.")
    assert any("harvest" in content for _, content in voiced)


def test_candidates_built_only_at_possible_cues_are_the_same(nlp, monkeypatch):
    from parley.extract.quotes import indirect

    text = (
        "The envoy made clear that the border would stay shut. According to the ministry, "
        "two convoys left at noon. In her opinion, the deal was fair. Officials were "
        "concerned that prices would rise, and the mayor insisted the bridge was safe. "
        "Analysts think the vote will be close; the army denied the report."
    )
    doc = nlp(text)
    entities = extract_entities(doc, DAY)

    def seen():
        return sorted(
            (c.content, c.cue.i if c.cue is not None else -1, c.rel)
            for c, _, _ in candidates(doc, entities)
        )

    few = seen()
    monkeypatch.setattr(indirect, "_may_cue", lambda d, lexicon: list(range(len(d))))
    assert few and seen() == few
