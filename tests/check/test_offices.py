"""date_conflict on titles: "President X" when X did not hold the office then."""

from __future__ import annotations

import pytest

import parley


def title_flags(text: str, published: str = "2025-12-22") -> list[str]:
    flags = parley.analyze(text, published=published).flags
    return [f.spans[0].text for f in flags if f.kind == "date_conflict"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("President Joe Biden said on Monday that talks would continue.", "President Joe Biden"),
        ("In 2015, President Volodymyr Zelensky visited Paris.", "President Volodymyr Zelensky"),
    ],
)
def test_a_title_the_person_did_not_hold_on_that_day_is_flagged(text, expected):
    assert title_flags(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Former President Joe Biden said on Monday that talks would continue.",
        "President Volodymyr Zelensky said on Sunday the talks were constructive.",
        "In 2020, President Volodymyr Zelensky visited Paris.",
        "President Barack Obama imposed sanctions on Russia.",  # no time named: not judged
        "Then-President Barack Obama spoke in 2014.",
    ],
)
def test_titles_held_then_or_qualified_or_undated_are_not_flagged(text):
    assert title_flags(text) == []


def test_the_conflict_names_the_terms_of_office():
    flags = parley.analyze(
        "President Joe Biden said on Monday that talks would continue.", published="2025-12-22"
    ).flags
    (flag,) = [f for f in flags if f.kind == "date_conflict"]
    assert "2021-01-20 to 2025-01-20" in flag.message
    assert flag.evidence["title"] == "president"
