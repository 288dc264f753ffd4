"""Temporal expressions on hand-written sentences, anchored to Monday 2025-12-22."""

import re
from datetime import date

import pytest

from conftest import shared_path
from parley.extract.times import extract_times
from parley.extract.timex.patterns import TRIGGER, TRIGGER_WORDS, find_candidates
from parley.nlp import load_pipeline

ANCHOR = date(2025, 12, 22)  # a Monday, the seed article's publication date


def times(text: str, anchor: date | None = ANCHOR):
    doc = load_pipeline()(text)
    found = extract_times(doc, anchor)
    for t in found:  # every span indexes the text exactly
        assert text[t.span.start : t.span.end] == t.span.text
    return found


def only(text: str, anchor: date | None = ANCHOR):
    [found] = times(text, anchor)
    return found


# (sentence, expected span text, type, value)
CASES = [
    ("Zelensky struck a more optimistic tone on Sunday.", "Sunday", "DATE", "2025-12-21"),
    ("It was the first direct negotiation in six months.", "six months", "DURATION", "P6M"),
    ("The talks collapsed in 2012.", "2012", "DATE", "2012"),
    ("Exports fell last year.", "last year", "DATE", "2024"),
    ("The envoy arrived two weeks ago.", "two weeks ago", "DATE", "2025-12-08"),
    ("Growth stalled in early 2022.", "early 2022", "DATE", "2022"),
    ("The talks were held in March 2022.", "March 2022", "DATE", "2022-03"),
    ("The delegations will meet on Thursday.", "Thursday", "DATE", "2025-12-25"),
    ("The delegations met on Thursday.", "Thursday", "DATE", "2025-12-18"),
    ("The ceasefire expired yesterday.", "yesterday", "DATE", "2025-12-21"),
    ("The vote is expected tomorrow.", "tomorrow", "DATE", "2025-12-23"),
    ("Envoys arrived in Miami this week.", "this week", "DATE", "2025-W52"),
    ("A summit is planned for next month.", "next month", "DATE", "2026-01"),
    ("Inspectors visit the plant every week.", "every week", "SET", "P1W"),
    ("The ministry publishes figures daily.", "daily", "SET", "P1D"),
    ("Officials recently met in Riyadh.", "recently", "DATE", "PAST_REF"),
    ("The talks are now stalled.", "now", "DATE", "PRESENT_REF"),
    ("No talks are currently planned.", "currently", "DATE", "PRESENT_REF"),
    ("Both sides will talk again in the future.", "the future", "DATE", "FUTURE_REF"),
    ("Prices were stable in the 1990s.", "the 1990s", "DATE", "199"),
    ("Trade doubled over the past decade.", "the past decade", "DURATION", "P10Y"),
    ("The minister spoke on Monday morning.", "Monday morning", "DATE", "2025-12-22TMO"),
    ("Output rose in the third quarter.", "the third quarter", "DATE", "2025-Q3"),
    ("The offensive began late last year.", "late last year", "DATE", "2024"),
    ("The pipeline opened in mid-2023.", "mid-2023", "DATE", "2023"),
    ("The treaty was signed on 3 March 2022.", "3 March 2022", "DATE", "2022-03-03"),
    ("The treaty was signed on March 3, 2015.", "March 3, 2015", "DATE", "2015-03-03"),
    ("The accord was signed on March 3.", "March 3", "DATE", "2025-03-03"),
    ("A second round will open on March 3.", "March 3", "DATE", "2026-03-03"),
    ("The convoy left at 7:40 a.m. Friday.", "7:40 a.m. Friday", "TIME", "2025-12-19T07:40"),
    ("The war has lasted nearly four years.", "four years", "DURATION", "P4Y"),
    ("It took two and a half years.", "two and a half years", "DURATION", "P2Y6M"),
    ("It will take more than five hours.", "more than five hours", "DURATION", "PT5H"),
    ("Fighting resumed last fall.", "last fall", "DATE", "2024-FA"),
    ("Rebels struck again last night.", "last night", "TIME", "2025-12-21TNI"),
    ("He has ruled since 2000.", "2000", "DATE", "2000"),
    ("She voted for the 2011 Budapest Accord.", "2011", "DATE", "2011"),
    ("Talks began in the nineteen nineties.", "the nineteen nineties", "DATE", "199"),
    ("Until Thursday, officials had not confirmed the losses.", "Thursday", "DATE", "2025-12-18"),
    ("Talks are suspended until Thursday.", "Thursday", "DATE", "2025-12-25"),
    ("Two flights leave on Tuesday nights.", "Tuesday nights", "SET", "XXXX-WXX-2TNI"),
    ("Rain eased mid-afternoon yesterday.", "mid-afternoon yesterday", "TIME", "2025-12-21TAF"),
]


@pytest.mark.parametrize(("text", "span", "kind", "value"), CASES)
def test_expression_is_found_and_normalised(text, span, kind, value):
    found = [t for t in times(text) if t.span.text == span]
    assert found, f"{span!r} not found in {text!r}: {times(text)}"
    assert (found[0].type, found[0].value) == (kind, value)


def test_seed_sentence_values():
    text = (
        "While Zelensky struck a more optimistic tone on Sunday, he later expressed doubts. "
        "Since the collapse of talks in Istanbul during the early weeks of the war in 2012, "
        "no direct negotiations have taken place; a US proposal calls for the first direct "
        "negotiations in six months."
    )
    values = {t.span.text: t.value for t in times(text)}
    assert values["Sunday"] == "2025-12-21"
    assert values["2012"] == "2012"
    assert values["six months"] == "P6M"


def test_spans_index_the_text_exactly_with_offsets():
    text = "Officials said on Friday that talks will resume next week.\nThey met in May 2024."
    found = times(text)
    assert [t.span.text for t in found] == ["Friday", "next week", "May 2024"]
    for t in found:
        assert (t.span.start, t.span.end) == (
            text.index(t.span.text),
            text.index(t.span.text) + len(t.span.text),
        )


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Exports fell last year.", "XXXX"),
        ("The envoy arrived two weeks ago.", "XXXX-XX-XX"),
        ("They met on Sunday.", "XXXX-WXX-7"),
        ("The ceasefire expired yesterday.", "XXXX-XX-XX"),
        ("Envoys arrived in Miami this week.", "XXXX-WXX"),
        ("A summit is planned for next month.", "XXXX-XX"),
        ("The talks were held in March.", "XXXX-03"),
        ("Output rose in the third quarter.", "XXXX-Q3"),
    ],
)
def test_without_anchor_relative_values_stay_unresolved(text, value):
    assert only(text, anchor=None).value == value


def test_without_anchor_absolute_values_and_durations_are_kept():
    values = [t.value for t in times("In March 2022 they talked for six months.", anchor=None)]
    assert values == ["2022-03", "P6M"]


@pytest.mark.parametrize(
    "text",
    [
        "The minister may resign.",  # the modal verb, not the month
        "Prices may fall 5% a year.",  # a rate, not a duration
        "The 1,990 soldiers were sent home.",
        "Heavy snow will fall on the capital.",  # the verb, not the season
        "A 9-year-old girl was evacuated.",  # an age
        "The bill cost $2000 to print.",
        'The minister told CBS\' "This Week" that the talks had stalled.',  # a programme
        "Investigators traced Petrenko's 2009 Skoda Octavia.",  # a model year
        "They founded a studio called Aurora 1975, making films.",  # a name
        "Volunteers staff the shelter 18 hours a day.",  # a rate, not a span
    ],
)
def test_not_temporal_expressions(text):
    assert times(text) == []


def test_a_year_earlier_follows_the_quarter_reported():
    text = "Second-quarter sales fell 7% from a year earlier."
    values = {t.span.text: t.value for t in times(text)}
    assert values == {"Second-quarter": "2025-Q2", "a year earlier": "2024-Q2"}


def test_the_following_year_is_read_against_the_last_date():
    text = "The treaty was signed in 1994. The following year it was ratified."
    values = [t.value for t in times(text)]
    assert values == ["1994", "1995"]


def _candidates(text, whole):
    return sorted((c.start, c.end, c.rule) for c in find_candidates(text, whole=whole))


def test_windowed_scan_finds_what_a_whole_text_scan_finds_on_news_and_gold_text():
    news = sorted(shared_path("ukraine-news").rglob("*.txt"))[:120]
    gold = sorted(shared_path("tempeval3").rglob("*.tml"))[:120]
    texts = [p.read_text(encoding="utf-8") for p in news]
    texts += [re.sub(r"<[^>]+>", "", p.read_text(encoding="utf-8")) for p in gold]
    assert len(texts) >= 200
    differing = [t[:60] for t in texts if _candidates(t, False) != _candidates(t, True)]
    assert differing == []


def test_present_perfect_points_to_the_past():
    # in April, a bare "October" is six months either way: the perfect tense decides
    text = "Investigators say they have recovered the recorder from the October crash."
    assert only(text, anchor=date(2026, 4, 19)).value == "2025-10"


@pytest.mark.parametrize(
    "text, anchor, value",
    [
        # a mark "set on" a day lies behind; a date "set for" a vote lies ahead
        ("The river rose past the flood mark set on July 9.", date(2024, 3, 1), "2023-07-09"),
        ("The ceasefire had been due to end Friday evening.", date(2024, 5, 13), "2024-05-10TEV"),
        ("On Tuesday, the council planned to hold a vote.", date(2024, 3, 14), "2024-03-12"),
    ],
)
def test_tense_of_set_due_and_planned(text, anchor, value):
    assert only(text, anchor).value == value


def test_the_previous_weekday_is_read_against_the_day_the_text_is_at():
    found = times("Turnout rose on Friday and beat the previous Friday.")
    assert [(t.span.text, t.value) for t in found] == [
        ("Friday", "2025-12-19"),
        ("the previous Friday", "2025-12-12"),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Envoys met on June 11 and 12, the ministry said.",
            [("June 11", "2025-06-11"), ("12", "2025-06-12")],
        ),
        (
            "Trains ran only between March 8 and 15.",
            [("March 8", "2025-03-08"), ("15", "2025-03-15")],
        ),
        ("On August 6-8, 2016, saboteurs crossed.", [("August 6-8, 2016", "2016-08-06")]),
        ("On May 14 and 30 soldiers were wounded.", [("May 14", "2025-05-14")]),  # a count
    ],
)
def test_the_second_day_of_a_pair_takes_the_first_days_month_and_year(text, expected):
    assert [(t.span.text, t.value) for t in times(text)] == expected


def test_the_past_week_is_the_seven_days_before_the_anchor():
    # on Friday 2025-12-26 most of the past seven days lie in the same ISO week, W52
    assert only("Fighting eased over the past week.", date(2025, 12, 26)).value == "2025-W52"
    assert only("Fighting eased last week.", date(2025, 12, 26)).value == "2025-W51"


def test_trigger_lookahead_keeps_every_match_of_the_alternation():
    plain = re.compile(TRIGGER_WORDS, re.I)
    texts = [
        p.read_text(encoding="utf-8")
        for p in sorted(shared_path("ukraine-news").rglob("*.txt"))[:60]
    ]
    texts.append(
        "DeMarco met Omar on MONDAY at 3pm; ſecond KELVIN Kday, mid-2020s, the '90s, Xmas Eve "
        "and New Year's Day, o'clock, long  time, 1,000 troops, _day, day2, 2day, ÉTÉ."
    )
    for text in texts:
        assert [m.span() for m in TRIGGER.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ]
