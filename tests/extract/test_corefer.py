"""Definite descriptions that refer to an actor just named (hand-written sentences)."""

from __future__ import annotations

from datetime import date

import pytest

from parley.extract.actors import complete_actors
from parley.extract.entities import extract_entities
from parley.nlp import load_pipeline

DAY = date(2025, 12, 22)


@pytest.fixture(scope="module")
def mentions():
    """text -> {entity name: [mention texts]} after the actor stage"""
    nlp = load_pipeline()

    def run(text: str):
        doc = nlp(text)
        entities = complete_actors(doc, extract_entities(doc, DAY))
        return {e.name: [m.text for m in e.mentions] for e in entities}

    return run


def test_an_institution_noun_goes_to_the_institution_named_before(mentions):
    found = mentions(
        "The Norwegian Fisheries Agency closed the bay on Monday. The agency said stocks fell."
    )
    assert any("The agency" in forms for name, forms in found.items() if "Agency" in name)


def test_a_role_noun_goes_to_the_person_titled_with_it(mentions):
    found = mentions(
        "Harbour spokesman Peter Hansen spoke on Monday. The spokesman said the bay was closed."
    )
    assert found["Peter Hansen"] == ["Peter Hansen", "The spokesman"]


def test_nothing_fits_nothing_is_linked(mentions):
    found = mentions("Peter Hansen spoke on Monday. The ministry said the bay was closed.")
    assert found["Peter Hansen"] == ["Peter Hansen"]
    assert not any("The ministry" in forms for forms in found.values())


def test_too_far_back_is_not_linked(mentions):
    text = "Harbour spokesman Peter Hansen spoke. " + "The bay was calm. " * 3
    found = mentions(text + "The spokesman said so.")
    assert found["Peter Hansen"] == ["Peter Hansen"]


def test_a_statement_that_speaks_goes_to_its_issuer(mentions):
    found = mentions(
        "Amnesty International issued a statement on Monday. "
        "The statement said the strike was unlawful."
    )
    assert "The statement" in found["Amnesty International"]
    other = mentions("Amnesty International issued a statement. The statement was long.")
    assert other["Amnesty International"] == ["Amnesty International"]


def test_a_former_holder_is_not_found_by_the_office_of_the_day(mentions):
    text = "Kwame Mensah met Emmanuel Macron on Monday."
    assert (
        "the president"
        in mentions(text + " Later the president said he was hopeful.")["Emmanuel Macron"]
    )
    found = mentions(text + " Later the former president said he was hopeful.")
    assert "the former president" not in found["Emmanuel Macron"]


def test_a_modified_office_must_be_the_office_held(mentions):
    text = "Emmanuel Macron met Peter Hansen on Monday."
    found = mentions(text + " Later the vice president said he was hopeful.")
    assert "the vice president" not in found["Emmanuel Macron"]
