"""``parley.days``: the one reader of ISO 8601 dates (options, parameters, articles, KB)."""

from __future__ import annotations

import argparse
from datetime import date, datetime

import pytest

from parley.days import anchor_date, day_of, parse_date, parse_day
from parley.inputs import iso_date


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2024-06-11", date(2024, 6, 11)),
        ("2024-06-11T09:30:00Z", date(2024, 6, 11)),
        ("2024-06-11 09:30", date(2024, 6, 11)),
        (datetime(2024, 6, 11, 9, 30), date(2024, 6, 11)),
    ],
)
def test_a_full_date_or_datetime_is_a_day(value, day):
    assert parse_date(value) == day
    assert day_of(value) == day.isoformat()


@pytest.mark.parametrize("value", ["2024-06", "2024", "11/06/2024", "2024-02-30", "June 11"])
def test_anything_short_of_a_calendar_day_is_refused_where_a_day_is_needed(value):
    with pytest.raises(ValueError):
        parse_date(value)
    assert anchor_date(value) is None and day_of(value) is None
    with pytest.raises(argparse.ArgumentTypeError, match="is not an ISO 8601 date"):
        iso_date(value)


def test_an_option_keeps_the_value_as_given():
    assert iso_date("2024-06-11T09:30:00Z") == "2024-06-11T09:30:00Z"


def test_no_date_is_none():
    assert anchor_date(None) is None and anchor_date("") is None
    assert day_of(None) is None and parse_day(None) is None


@pytest.mark.parametrize(
    ("value", "first", "last"),
    [
        ("2022", date(2022, 1, 1), date(2022, 12, 31)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2023-12", date(2023, 12, 1), date(2023, 12, 31)),
        ("2019-05-20", date(2019, 5, 20), date(2019, 5, 20)),
    ],
)
def test_a_period_reads_as_its_first_or_last_day(value, first, last):
    assert (parse_day(value), parse_day(value, end=True)) == (first, last)


@pytest.mark.parametrize("value", ["2022-13", "20xx", "2023-02-29"])
def test_a_bad_period_says_what_it_is(value):
    with pytest.raises(ValueError, match="is not an ISO 8601 day, month or year"):
        parse_day(value)
