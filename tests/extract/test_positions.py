"""Positions (what an actor stands for) on hand-written sentences and the founding article."""

from __future__ import annotations

import json

import pytest

import parley
from parley.errors import ParleyError
from parley.kb.stances import load_stance_words


def positions(text: str, **options) -> list[tuple[str, str, str, tuple[str, ...]]]:
    analysis = parley.analyze(text, published="2025-12-22", **options)
    names = {e.id: e.name for e in analysis.entities}
    for p in analysis.positions:
        assert analysis.article.text[p.span.start : p.span.end] == p.span.text
    return [(names[p.actor], p.stance, p.issue, p.details) for p in analysis.positions]


def test_seed_kyiv_holds_to_the_peace_formula_and_its_parts(seed):
    names = {e.id: e.name for e in seed.entities}
    found = {names[p.actor]: p for p in seed.positions}
    kyiv = found["Ukraine"]
    assert kyiv.issue == "peace formula" and kyiv.stance == "supports"
    assert any("withdrawal of Russian forces" in d for d in kyiv.details)
    assert any("territorial integrity" in d for d in kyiv.details)
    assert kyiv.span.text.startswith("Kyiv adheres to")


def test_seed_moscow_insists_on_recognition_of_the_new_regional_reality(seed):
    names = {e.id: e.name for e in seed.entities}
    moscow = next(p for p in seed.positions if names[p.actor] == "Russia")
    assert moscow.stance == "demands"
    assert "new regional reality" in moscow.issue
    assert moscow.span.text.endswith('reality,"')


def test_seed_positions_are_not_events(seed):
    triggers = {e.trigger.text.lower() for e in seed.events}
    assert not triggers & {"adheres", "insists", "formula"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hungary rejected the EU's new sanctions package on Tuesday.",
            ("Hungary", "rejects", "EU's new sanctions package"),
        ),
        (
            "Turkey has called for an immediate ceasefire.",
            ("Turkey", "demands", "immediate ceasefire"),
        ),
        (
            "Germany does not support sending long-range missiles.",
            ("Germany", "opposes", "sending long-range missiles"),
        ),
        (
            "Russia's demand for the neutrality of Ukraine was repeated on Monday.",
            ("Russia", "demands", "neutrality of Ukraine"),
        ),
    ],
)
def test_stance_verbs_and_nouns(text, expected):
    assert [p[:3] for p in positions(text)] == [expected]


def test_a_subject_that_is_not_an_actor_states_no_position():
    assert positions("The plan calls for a ceasefire along the front line.") == []


def test_user_lexicon_adds_a_stance_verb(tmp_path):
    text = "Poland champions faster accession talks for Ukraine."
    (tmp_path / "positions.json").write_text(
        json.dumps({"verbs": {"champion": {"obj": True, "stance": "promotes"}}}),
        encoding="utf-8",
    )
    assert positions(text, kb_dirs=(str(tmp_path),))[0][:2] == ("Poland", "promotes")


def test_unreadable_user_lexicon_is_one_clear_error(tmp_path):
    (tmp_path / "positions.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ParleyError, match="stance lexicon"):
        load_stance_words((str(tmp_path),))
