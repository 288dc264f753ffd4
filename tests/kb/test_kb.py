import json
from datetime import date

import pytest

from parley.days import parse_day
from parley.errors import ParleyError
from parley.kb import load_kb


def test_parse_day_periods():
    assert parse_day("2022") == date(2022, 1, 1)
    assert parse_day("2022", end=True) == date(2022, 12, 31)
    assert parse_day("2024-02", end=True) == date(2024, 2, 29)
    assert parse_day("2019-05-20") == date(2019, 5, 20)
    assert parse_day(None) is None


def test_every_un_member_state_is_known():
    kb = load_kb()
    states = [r for r in kb.records.values() if r.kind == "state"]
    assert len(states) >= 195
    for iso3 in ("RUS", "UKR", "USA", "CHN", "TUR", "FRA", "GBR", "DEU", "IND", "BRA"):
        assert kb.state(iso3) is not None, iso3


def test_roles_are_dated():
    kb = load_kb()
    zelenskyy = kb.get("person:volodymyr-zelenskyy")
    assert zelenskyy.role_on(date(2025, 12, 22)).title == "President of Ukraine"
    assert zelenskyy.role_on(date(2015, 1, 1)) is None
    presidents = kb.holders("president", "USA", date(2023, 6, 1))
    assert [p.name for p in presidents] == ["Joe Biden"]


def test_user_kb_adds_and_replaces(tmp_path):
    (tmp_path / "persons.json").write_text(
        json.dumps(
            [
                {
                    "id": "person:ann-example",
                    "name": "Ann Example",
                    "country": "NOR",
                    "surnames": ["Example"],
                    "roles": [
                        {
                            "office": "special_envoy",
                            "of": "NOR",
                            "title": "Envoy",
                            "start": "2024-01-01",
                            "end": None,
                        }
                    ],
                }
            ]
        ),
        encoding="utf-8",
    )
    kb = load_kb((str(tmp_path),))
    assert kb.get("person:ann-example").role_on(date(2025, 1, 1)).title == "Envoy"
    assert kb.get("state:rus") is not None


def test_bad_user_kb_is_a_clear_error(tmp_path):
    (tmp_path / "places.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ParleyError, match="places.json"):
        load_kb((str(tmp_path),))
    with pytest.raises(ParleyError, match="not a directory"):
        load_kb((str(tmp_path / "missing"),))
