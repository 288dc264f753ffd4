"""Group phrases over an actor are anonymous groups, not that actor (hand-written)."""

from __future__ import annotations

from datetime import date

import pytest

from parley.extract.actors import complete_actors
from parley.extract.entities import extract_entities
from parley.extract.quotes import extract_quotes
from parley.nlp import load_pipeline

DAY = date(2025, 12, 22)


@pytest.fixture(scope="module")
def analyse():
    """text -> (entities, quotes)"""
    nlp = load_pipeline()

    def run(text: str):
        doc = nlp(text)
        entities = complete_actors(doc, extract_entities(doc, DAY))
        return entities, extract_quotes(doc, entities)

    return run


def test_some_of_a_states_partners_are_a_group_not_the_state(analyse):
    entities, quotes = analyse("Some of Norway's Nordic partners said the plan was too slow.")
    by_id = {e.id: e for e in entities}
    speaker = by_id[quotes[0].speaker_entity]
    assert speaker.kind == "group" and speaker.country is None
    assert speaker.name == "Norway's Nordic partners"
    assert quotes[0].anonymous
    assert [m.text for m in by_id["E1"].mentions] == ["Norway"]  # the state keeps its mention


def test_allies_of_a_state_are_a_group(analyse):
    entities, _ = analyse("Allies of Norway met in Oslo on Monday.")
    assert [(e.name, e.kind) for e in entities if e.kind == "group"] == [
        ("Allies of Norway", "group")
    ]


def test_one_partner_in_apposition_is_not_a_group(analyse):
    entities, _ = analyse("Norway, a close partner of Sweden, signed the deal.")
    assert not [e for e in entities if e.kind == "group"]
