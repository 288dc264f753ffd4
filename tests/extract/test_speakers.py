"""Speakers: the source a quote is given and the entity it names (hand-written sentences)."""

from __future__ import annotations

from datetime import date

import pytest

from parley.extract.actors import complete_actors
from parley.extract.entities import extract_entities
from parley.extract.quotes import extract_quotes
from parley.nlp import load_pipeline

DAY = date(2025, 12, 22)


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="module")
def speakers(nlp):
    """text -> [(speaker text, speaker entity name, anonymous)] in quote order"""

    def run(text: str):
        doc = nlp(text)
        entities = complete_actors(doc, extract_entities(doc, DAY))
        names = {e.id: e.name for e in entities}
        return [
            (q.speaker.text if q.speaker else None, names.get(q.speaker_entity), q.anonymous)
            for q in extract_quotes(doc, entities)
        ]

    return run


@pytest.fixture(scope="module")
def mentions(nlp):
    """text -> {entity name: [mention texts]}"""

    def run(text: str):
        return {e.name: [m.text for m in e.mentions] for e in extract_entities(nlp(text), DAY)}

    return run


def test_a_title_with_a_name_in_apposition_is_the_named_person(speakers):
    found = speakers("Norway's envoy in Vienna, Peter Hansen, told reporters the vote failed.")
    assert found == [("Peter Hansen", "Peter Hansen", False)]
    found = speakers("The Danish Minister of Fisheries Lone Brix warned that quotas would fall.")
    assert found[0][0].endswith("Lone Brix") and found[0][1] == "Lone Brix"


def test_a_pronoun_after_a_long_quotation_goes_to_the_person_of_the_passage(speakers):
    text = (
        "Peter Hansen spoke to the press on Monday.\n\n"
        '"The talks are over. Nobody is coming back. The hall is empty," he added.'
    )
    assert speakers(text)[-1][:2] == ("he", "Peter Hansen")


def test_the_passage_person_must_be_the_subject(mentions):
    subject = "Peter Hansen left early. The hall was empty. Nobody came. The lights went out."
    assert "he" in mentions(subject + " Then he spoke.")["Peter Hansen"]
    other = "Nobody could stop Peter Hansen. The hall was empty. Nobody came. The lights went out."
    assert mentions(other + " Then he spoke.")["Peter Hansen"] == ["Peter Hansen"]
    too_far = "Peter Hansen left early. " + "The hall was empty. " * 6
    assert mentions(too_far + "Then he spoke.")["Peter Hansen"] == ["Peter Hansen"]


def test_the_passage_person_is_the_subject_of_the_main_clause(mentions):
    rest = " The hall was empty. Nobody came. Then he spoke."
    titled = mentions("Chairman of the Harbour Board Peter Hansen left early." + rest)
    assert "he" in titled["Peter Hansen"]
    embedded = mentions("Peter Hansen said that if John Miller agrees, talks resume." + rest)
    assert "he" in embedded["Peter Hansen"] and "he" not in embedded["John Miller"]


def test_a_participle_parsed_into_the_reported_clause_keeps_the_speaker(speakers):
    found = speakers(
        'Peter Hansen said the council had become a useless body, noting, "This is plain."'
    )
    assert found[-1][:2] == ("Peter Hansen", "Peter Hansen")


def test_an_inverted_source_parsed_as_the_object(speakers):
    found = speakers(
        "- We will not give up the harbour - said on Friday the head of the board Peter Hansen."
    )
    assert found[-1][1] == "Peter Hansen"


def test_an_addressee_is_not_an_inverted_source(speakers):
    found = speakers("On Monday, Peter Hansen called for more aid, urging Congress to act fast.")
    assert all(name != "United States Congress" for _, name, _ in found)


def test_an_envoy_to_another_state_speaks_for_the_first(speakers):
    found = speakers("Norway's ambassador to Sweden said on Monday that the talks had failed.")
    assert found[0][1] == "Norway"


def test_there_were_reports_is_sourced_to_the_reports(speakers):
    found = speakers("There were reports that the harbour had been closed to ships.")
    assert found and found[0][0] == "reports" and found[0][2]


def test_of_two_subjects_the_one_outside_the_quotation(nlp):
    from spacy.tokens import Doc

    from parley.extract.quotes.speakers import find_source
    from parley.kb.cues import load_cues

    # a hand-built misparse: the quoted noun and the name are both subjects of "wrote"
    words = ["“", "Fear", ",", "”", "wrote", "Anna", "Novak", "."]
    heads = [1, 4, 1, 1, 4, 6, 4, 4]
    deps = ["punct", "nsubj", "punct", "punct", "ROOT", "compound", "nsubj", "punct"]
    pos = ["PUNCT", "NOUN", "PUNCT", "PUNCT", "VERB", "PROPN", "PROPN", "PUNCT"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)
    doc[4].lemma_ = "write"
    source, _ = find_source(doc[4], load_cues())
    assert source is not None and source.text == "Novak"


def test_dash_introduced_speech_closed_by_an_inverted_verb(speakers):
    found = speakers(
        "- We are ready for every scenario and we will not panic - assured Peter Hansen."
    )
    assert found[-1][:2] == ("Peter Hansen", "Peter Hansen")
    found = speakers(
        "- The harbour stays closed until spring - the head of the port authority added."
    )
    assert found[-1][0] == "the head of the port authority"
