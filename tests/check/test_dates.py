from datetime import date

import pytest

from parley.check.dates import date_conflicts
from parley.kb.facts import load_facts
from parley.model import Entity, Sentence, Span, TimeExpr

PARTIES = [
    Entity("E1", "Russia", "state", (), kb_id="state:rus", country="RUS"),
    Entity("E2", "Ukraine", "state", (), kb_id="state:ukr", country="UKR"),
]


def check(sentence, year_text, value):
    start = sentence.index(year_text)
    expr = TimeExpr(Span(start, start + len(year_text), year_text), "DATE", value)
    sents = (Sentence(0, 0, len(sentence)),)
    return date_conflicts(sents, sentence, [expr], PARTIES, load_facts(), date(2025, 12, 22))


SEED = (
    "Since the collapse of talks in Istanbul during the early weeks of the war in 2012, no "
    "direct, high-level negotiations have taken place between the two leaderships."
)


def test_seed_year_conflicts_with_war_and_istanbul_talks():
    [flag] = check(SEED, "2012", "2012")
    assert flag.kind == "date_conflict" and flag.spans[0].text == "2012"
    facts = {f["fact"] for f in flag.evidence["facts"]}
    assert "fact:istanbul-talks-2022" in facts
    assert "fact:full-scale-war-2022" in facts or "fact:russian-invasion-2022" in facts
    assert "2022" in flag.message


@pytest.mark.parametrize(
    ("sentence", "year"),
    [
        (SEED.replace("2012", "2022"), "2022"),
        ("The talks in Istanbul in 2025 produced prisoner exchanges.", "2025"),
        ("Russia annexed Crimea in 2014, and the war began then.", "2014"),
        ("Putin, in power since 2000, launched the war.", "2000"),
        ("The Minsk II agreement of 2015 was never implemented.", "2015"),
    ],
)
def test_correct_or_unrelated_dates_are_not_flagged(sentence, year):
    assert check(sentence, year, year) == []


def test_wrong_year_for_a_named_agreement():
    [flag] = check("The Minsk II agreement of 2011 was never implemented.", "2011", "2011")
    assert "Minsk" in flag.message
