from datetime import date

import pytest

from parley.check.dates import attachments, date_conflicts
from parley.model import Entity, Sentence, Span, TimeExpr

PARTIES = [
    Entity("E1", "Russia", "state", (), kb_id="state:rus", country="RUS"),
    Entity("E2", "Ukraine", "state", (), kb_id="state:ukr", country="UKR"),
]


def check(sentence, year_text, value):
    start = sentence.index(year_text)
    expr = TimeExpr(Span(start, start + len(year_text), year_text), "DATE", value)
    sents = (Sentence(0, 0, len(sentence)),)
    day = date(2025, 12, 22)
    attached = attachments(sents, sentence, [expr], PARTIES, day)
    return date_conflicts(attached, sentence, day)


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


def test_talks_in_a_city_are_a_known_round_only_when_who_met_is_named():
    # many rounds are held in one city: the place alone does not say which
    unnamed = "The deal followed talks between military delegations in Istanbul in July 2022."
    assert check(unnamed, "July 2022", "2022-07") == []
    named = "Russia and Ukraine held talks in Istanbul in July 2022."
    here = [
        Entity(e.id, e.name, e.kind, (Span.of(named, *_at(named, e.name)),), kb_id=e.kb_id,
               country=e.country)
        for e in PARTIES
    ]  # fmt: skip
    sents = (Sentence(0, 0, len(named)),)
    start = named.index("July 2022")
    expr = TimeExpr(Span(start, start + 9, "July 2022"), "DATE", "2022-07")
    day = date(2025, 12, 22)
    [flag] = date_conflicts(attachments(sents, named, [expr], here, day), named, day)
    assert "fact:istanbul-talks-2022" in {f["fact"] for f in flag.evidence["facts"]}


def _at(text, word):
    return text.index(word), text.index(word) + len(word)


def test_wrong_year_for_a_named_agreement():
    [flag] = check("The Minsk II agreement of 2011 was never implemented.", "2011", "2011")
    assert "Minsk" in flag.message


@pytest.mark.parametrize(
    ("sentence", "year", "value"),
    [
        ("Putin annexed Crimea back in April 2014, fearing NATO.", "April 2014", "2014-04"),
        (
            "On February 24, 2014, Russia launched the full-scale invasion.",
            "February 24, 2014",
            "2014-02-24",
        ),
        ("Europe changed after the 2019 invasion of Ukraine.", "2019", "2019"),
        ("The annexation of Crimea, in March 2011, was condemned.", "March 2011", "2011-03"),
        ("The annexation of Crimea (March 2011) was condemned.", "March 2011", "2011-03"),
    ],
)
def test_dates_the_text_attaches_to_an_event_are_checked(sentence, year, value):
    [flag] = check(sentence, year, value)
    assert flag.kind == "date_conflict" and flag.spans[0].text == year


@pytest.mark.parametrize(
    ("sentence", "year", "value"),
    [
        # the year opens a clause about something else ("Since ..." is not the event's date)
        (
            "Since 2014, Ukraine has tried to convene the guarantors of the Budapest Memorandum.",
            "2014",
            "2014",
        ),
        # another date of the event's story, or a date the text denies
        ("The New START treaty was extended in 2021.", "2021", "2021"),
        ("He asked why Russia in 2014 did not start a special military operation.", "2014", "2014"),
        # a bare year that qualifies another noun
        (
            "The Republican 2024 contender called Russia's invasion of Ukraine a dispute.",
            "2024",
            "2024",
        ),
        # a plan cannot contradict the past, and a loose month is not a wrong date
        ("They want a ceasefire and the full-scale war to end in 2027.", "2027", "2027"),
        (
            "Shops stayed open after Russia's invasion of Ukraine in March 2022.",
            "March 2022",
            "2022-03",
        ),
    ],
)
def test_dates_of_something_else_are_not_flagged(sentence, year, value):
    assert check(sentence, year, value) == []


KOREA = [
    Entity("E1", "United States", "state", (), kb_id="state:usa", country="USA"),
    Entity("E2", "South Korea", "state", (), kb_id="state:kor", country="KOR"),
]


def check_in(sentence, year_text, value, entities, published):
    start = sentence.index(year_text)
    expr = TimeExpr(Span(start, start + len(year_text), year_text), "DATE", value)
    sents = (Sentence(0, 0, len(sentence)),)
    attached = attachments(sents, sentence, [expr], entities, published)
    return date_conflicts(attached, sentence, published)


def test_a_fact_after_the_article_does_not_judge_it():
    text = "The Washington declaration of April 2023 set up a new consultative group."
    armenia = [
        Entity("E1", "Armenia", "state", (), kb_id="state:arm", country="ARM"),
        Entity("E2", "Azerbaijan", "state", (), kb_id="state:aze", country="AZE"),
    ]
    assert check_in(text, "April 2023", "2023-04", armenia, date(2024, 3, 1)) == []
    assert check_in(text, "April 2023", "2023-04", armenia, date(2025, 12, 1))


def test_a_name_several_facts_share_points_at_those_whose_parties_the_article_names():
    text = "The Washington declaration of April 2023 set up a new consultative group."
    assert check_in(text, "April 2023", "2023-04", KOREA, date(2025, 12, 1)) == []
    wrong = "The Washington declaration of April 2021 set up a new consultative group."
    [flag] = check_in(wrong, "April 2021", "2021-04", KOREA, date(2025, 12, 1))
    assert {f["fact"] for f in flag.evidence["facts"]} == {
        "fact:us-rok-washington-declaration-2023"
    }
    assert check_in(wrong, "April 2021", "2021-04", [], date(2025, 12, 1)) == []


def test_a_date_in_a_clause_that_describes_the_event_is_its_date():
    [flag] = check("The Minsk II agreement, signed in 2011, was never implemented.", "2011", "2011")
    assert "Minsk" in flag.message


DAY = date(2025, 12, 22)
FINLAND = [
    Entity("E1", "Finland", "state", (), kb_id="state:fin", country="FIN"),
    Entity("E2", "NATO", "organization", (), kb_id="org:nato"),
]


def with_mentions(sentence, entities):
    """The entities, each mentioned where its name (or the word given) stands."""
    out = []
    for e, word in entities:
        at = sentence.index(word)
        out.append(Entity(e.id, e.name, e.kind, (Span(at, at + len(word), word),), e.kb_id,
                          country=e.country))  # fmt: skip
    return out


def test_the_words_of_a_name_in_another_order_name_the_fact():
    text = "Observers recall the accession of Finland to NATO in 2019 as a turning point."
    [flag] = check_in(text, "2019", "2019", FINLAND, DAY)
    assert "Finland" in flag.message


def test_a_word_for_a_once_only_fact_with_two_of_its_parties_names_it():
    text = "Officials recall that Finland joined NATO in 2019 after long debate."
    entities = with_mentions(text, [(FINLAND[0], "Finland"), (FINLAND[1], "NATO")])
    assert check_in(text, "2019", "2019", entities, DAY)
    # a capitalised kind word is part of another name ("the Winter War"), not the fact
    text = "Finland fought the Winter War in 1939, long before NATO existed."
    entities = with_mentions(text, [(FINLAND[0], "Finland"), (FINLAND[1], "NATO")])
    assert check_in(text, "1939", "1939", entities, DAY) == []


def test_leaving_a_named_fact_is_dated_as_the_leaving():
    usa = Entity("E1", "United States", "state", (), kb_id="state:usa", country="USA")
    text = "Washington's withdrawal from the Iran nuclear deal in 2016 angered Tehran."
    [flag] = check_in(text, "2016", "2016", with_mentions(text, [(usa, "Washington")]), DAY)
    assert "withdrawal" in flag.message.lower() or "JCPOA" in flag.message
    text = "Washington's withdrawal from the Iran nuclear deal in 2018 angered Tehran."
    assert check_in(text, "2018", "2018", with_mentions(text, [(usa, "Washington")]), DAY) == []


def test_the_end_of_a_span_is_not_the_event_date():
    text = "The report covers the months from the start of the full-scale invasion to May 2023."
    assert check_in(text, "May 2023", "2023-05", [], DAY) == []
