"""internal_inconsistency: statements of one article that cannot both hold."""

from __future__ import annotations

import parley


def flags(text: str, published: str = "2025-12-22"):
    analysis = parley.analyze(text, published=published)
    return [f for f in analysis.flags if f.kind == "internal_inconsistency"]


def test_seed_first_negotiations_in_six_months_against_none_since_istanbul(seed):
    [flag] = [f for f in seed.flags if f.kind == "internal_inconsistency"]
    texts = [s.text for s in flag.spans]
    assert "first direct negotiations in six months" in texts[0]
    assert texts[1].startswith("Since the collapse of talks in Istanbul")
    assert flag.evidence["kind"] == "talks"


def test_agreeing_statements_of_the_last_talks_are_not_flagged():
    text = (
        "The delegations met on Monday for the first direct talks in more than three years. "
        "Since the Istanbul talks of 2022, no direct negotiations have taken place."
    )
    assert flags(text) == []


def test_statements_about_different_kinds_of_contact_are_not_compared():
    text = (
        "It was the first phone call between the two presidents in six months. "
        "Since 2019, no summit has been held between the two leaders."
    )
    assert flags(text) == []


def test_one_known_event_dated_twice():
    text = (
        "The Minsk II agreement of 2015 set out a ceasefire. "
        "Critics say the Minsk II agreement of 2017 was never implemented."
    )
    [flag] = flags(text)
    assert [s.text for s in flag.spans] == ["2015", "2017"]
    assert "Minsk" in flag.message


def test_without_a_publication_date_only_stated_dates_are_compared():
    text = (
        "It was the first direct negotiations in six months. "
        "Since 2012, no direct negotiations have taken place."
    )
    assert flags(text, published=None) == []
    assert len(flags(text)) == 1
