"""Quote forms beyond quote marks and reporting clauses: dash-introduced speech (as Polish
and Ukrainian papers print it), headline attributions "Name: claim" and "in X's opinion".
Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from parley.extract.entities import extract_entities
from parley.extract.quotes import extract_quotes
from parley.extract.quotes.common import DocIndex
from parley.extract.quotes.dashes import find_dashed
from parley.extract.quotes.headlines import find_headline
from parley.kb.cues import load_cues
from parley.nlp import load_pipeline

DAY = date(2025, 3, 14)


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def quotes_of(nlp, text: str):
    doc = nlp(text)
    return extract_quotes(doc, extract_entities(doc, DAY))


def test_dash_speech_ends_at_the_dash_before_its_frame(nlp):
    text = (
        "The talks ended late on Monday.\n"
        "- We will not give up a single village - the defence minister said.\n"
        "- The talks were useful - said the envoy.He added that a second round was planned.\n"
    )
    doc = nlp(text)
    found = find_dashed(DocIndex(doc), load_cues(), [])
    inner = [text[q.inner_start : q.inner_end] for q in found]
    assert inner == ["We will not give up a single village", "The talks were useful"]
    assert all(q.closed for q in found)


def test_dash_speech_is_a_direct_quote_with_the_frame_cue(nlp):
    text = "- The border will stay open for refugees - the governor said on Tuesday.\n"
    [quote] = quotes_of(nlp, text)
    assert (quote.kind, quote.cue.text, quote.speaker.text) == ("direct", "said", "the governor")
    assert quote.content.text == "The border will stay open for refugees"


def test_a_dash_inside_a_sentence_is_no_speech(nlp):
    text = "The convoy - twelve trucks in all - reached the city on Friday.\n"
    doc = nlp(text)
    assert find_dashed(DocIndex(doc), load_cues(), []) == []


def test_headline_name_colon_claim(nlp):
    text = "Borrell: The sanctions will stay until the troops leave\n\nThe EU met on Monday.\n"
    doc = nlp(text)
    [cand] = find_headline(DocIndex(doc), load_cues())
    assert (
        text[cand.content[0] : cand.content[1]] == "The sanctions will stay until the troops leave"
    )
    assert (cand.cue.text, cand.source.text) == (":", "Borrell")


@pytest.mark.parametrize(
    "line",
    [
        "Read more: Sanctions and the war in Ukraine",
        "Photo: Reuters staff in the city of Odesa",
        "Note: This article was updated on Tuesday. It first appeared on Monday.",
        "Kyiv: 3",
    ],
)
def test_lines_that_are_no_headline_attribution(nlp, line):
    doc = nlp(line + "\n")
    assert find_headline(DocIndex(doc), load_cues()) == []


def test_in_his_opinion_gives_source_and_content(nlp):
    text = "In his opinion, the ceasefire will not hold through the winter."
    [quote] = quotes_of(nlp, text)
    assert quote.speaker.text == "his"
    assert quote.content.text == "the ceasefire will not hold through the winter"


def test_dash_quotes_run_on_after_a_full_stop_are_two_quotes(nlp):
    text = (
        "- The bridge will be repaired by spring - the mayor added.- They have the money "
        "and the engineers for it - added the deputy mayor."
    )
    doc = nlp(text)
    found = find_dashed(DocIndex(doc), load_cues(), [])
    contents = [text[q.inner_start : q.inner_end] for q in found]
    assert contents == [
        "The bridge will be repaired by spring",
        "They have the money and the engineers for it",
    ]
