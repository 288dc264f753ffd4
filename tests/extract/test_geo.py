"""Offline geocoding of places the knowledge base does not list."""

from __future__ import annotations

import pytest

import parley
from parley.extract import geo
from parley.extract.geo import geocode


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    geo._index.cache_clear()
    yield tmp_path
    geo._index.cache_clear()


def test_old_spellings_find_the_city_through_alternate_names():
    kyiv = geocode("Kiev")
    assert (kyiv.name, kyiv.country) == ("Kyiv", "UKR")
    assert geocode("Artemivsk").name == "Bakhmut"
    assert geocode("Zaporizhzhia").country == "UKR"


def test_a_name_is_never_matched_inside_another():
    assert geocode("Kiev").name != "Yenakiyeve"
    assert geocode("York", {"GBR"}).name == "York"  # not New York
    assert geocode("Kie") is None


def test_shared_names_prefer_the_article_countries_else_a_dominant_city_else_nothing():
    assert geocode("Odessa").country == "UKR"
    assert geocode("Odessa", {"USA"}).country == "USA"
    assert geocode("Springfield") is None  # many middling cities: no guess
    assert geocode("Springfield", {"USA"}).country == "USA"


def test_the_index_is_cached_in_the_user_cache_directory_and_read_back(fresh_cache):
    assert geocode("Kharkiv").country == "UKR"
    files = list((fresh_cache / "parley").glob("geonames-*.json"))
    assert len(files) == 1 and files[0].stat().st_size > 1_000_000
    geo._index.cache_clear()
    assert geocode("Kharkiv").country == "UKR"


def test_a_corrupt_cache_is_rebuilt(fresh_cache):
    geocode("Kharkiv")
    path = next((fresh_cache / "parley").glob("geonames-*.json"))
    path.write_text("{broken", encoding="utf-8")
    geo._index.cache_clear()
    assert geocode("Kharkiv").country == "UKR"


def test_events_in_places_the_knowledge_base_lacks_get_coordinates():
    text = "Russian forces shelled Pokrovsk on Sunday, Ukrainian officials said."
    (event,) = [e for e in parley.analyze(text, published="2025-12-22").events]
    assert event.where.name == "Pokrovsk" and event.where.country == "UKR"
    assert abs(event.where.lat - 48.28) < 0.1 and abs(event.where.lon - 37.18) < 0.1
