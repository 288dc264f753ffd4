"""parley's knowledge base: actors, places and roles, loaded once from JSON data files.

The formats are described in ``README.md`` beside this file. ``load_kb()`` reads the files
shipped in ``data/`` and then any user directories (``--kb DIR``); a user record whose ``id``
already exists replaces the shipped one.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from parley.days import parse_day
from parley.errors import ParleyError

DATA = Path(__file__).parent / "data"
MODELS = Path(__file__).parent / "models"  # trained weights (models/README.md)
# Every file a knowledge-base folder may hold (the shipped ``data/`` and each ``--kb DIR``),
# with the loader that reads it. The formats are in README.md beside this file.
FILES = {
    "states.json": "load_kb: UN member states and territories",
    "places.json": "load_kb: cities, regions, venues",
    "persons.json": "load_kb: people with dated roles",
    "organizations.json": "load_kb: organisations, ministries, armed groups",
    "media.json": "load_kb: news agencies and outlets",
    "facts.json": "kb.facts.load_facts: dated events of the timeline",
    "cues.json": "kb.cues.load_cues: words that report speech, writing or belief",
    "plover.json": "kb.plover.load_lexicon: PLOVER event patterns and grammar words",
    "positions.json": "kb.stances.load_stance_words: words that state a stance",
    "hedges.json": "kb.hedges.load_hedges: phrases that weaken certainty",
    "models/quotes.json": "kb.models.load_quote_model: the trained quote scorer",
    "models/events.json": "kb.models.load_event_model: the trained event decision",
}
ACTOR_FILES = ("states", "places", "persons", "organizations", "media")
KIND_OF_FILE = {"states": "state", "places": "place", "persons": "person", "media": "media"}


def kb_folders(extra: Sequence[str] = ()) -> list[Path]:
    """The shipped ``data/`` folder, then each user folder (which must exist)."""
    for folder in extra:
        if not Path(folder).is_dir():
            raise ParleyError(f"--kb {folder}: not a directory")
    return [DATA, *map(Path, extra)]


def data_files(name: str, extra: Sequence[str] = ()) -> list[Path]:
    """The file ``name`` of each knowledge-base folder that has it, the shipped one first:
    later files add to and replace what earlier ones say."""
    if name not in FILES:
        raise ValueError(f"{name!r} is not a knowledge-base file (see parley.kb.FILES)")
    shipped = MODELS / name.removeprefix("models/") if name.startswith("models/") else DATA / name
    users = [Path(folder) / name for folder in kb_folders(extra)[1:]]
    return [path for path in (shipped, *users) if path.is_file()]


@dataclass(frozen=True, slots=True)
class Role:
    office: str
    of: str
    title: str
    start: date | None
    end: date | None

    def held_on(self, day: date) -> bool:
        return self.overlaps(day, day)

    def overlaps(self, first: date, last: date) -> bool:
        """Whether the role was held on some day of [first, last]."""
        begun = self.start is None or self.start <= last
        return begun and (self.end is None or first <= self.end)


@dataclass(frozen=True, slots=True)
class Record:
    """One knowledge-base actor or place."""

    id: str
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    wikidata: str | None = None
    gender: str | None = None
    aliases: tuple[str, ...] = ()
    surnames: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    capital: str | None = None
    roles: tuple[Role, ...] = ()
    lat: float | None = None
    lon: float | None = None
    status: str | None = None  # states: un_member, observer, territory, …

    def role_on(self, day: date | None) -> Role | None:
        """The role held on ``day`` (the latest-starting one if several); None if unknown."""
        if day is None or not self.roles:
            return None
        held = [r for r in self.roles if r.held_on(day)]
        return max(held, key=lambda r: r.start or date.min) if held else None


def _record(raw: dict[str, Any], kind: str) -> Record:
    roles = tuple(
        Role(
            office=r.get("office", "other"),
            of=r.get("of", ""),
            title=r.get("title", ""),
            start=parse_day(r.get("start")),
            end=parse_day(r.get("end"), end=True),
        )
        for r in raw.get("roles", ())
    )
    country = raw.get("country") or raw.get("iso3")
    return Record(
        id=raw["id"],
        name=raw["name"],
        kind=raw.get("kind", kind),
        country=country,
        sector=raw.get("sector") or ("GOV" if kind == "state" else None),
        wikidata=raw.get("wikidata"),
        gender=raw.get("gender"),
        aliases=tuple(raw.get("aliases", ())),
        surnames=tuple(raw.get("surnames", ())),
        demonyms=tuple(raw.get("demonyms", ())),
        metonyms=tuple(raw.get("metonyms", ())),
        capital=raw.get("capital"),
        roles=roles,
        lat=raw.get("lat", raw.get("capital_lat")),
        lon=raw.get("lon", raw.get("capital_lon")),
        status=raw.get("status"),
    )


def _capital_places(raw: dict[str, Any]) -> list[Record]:
    if not raw.get("capital"):
        return []
    return [
        Record(
            id="place:"
            + raw["capital"].lower().replace(" ", "-").replace(",", "").replace(".", ""),
            name=raw["capital"],
            kind="place",
            country=raw.get("iso3"),
            aliases=tuple(raw.get("capital_aliases", ())),
            lat=raw.get("capital_lat"),
            lon=raw.get("capital_lon"),
        )
    ]


@dataclass
class KB:
    records: dict[str, Record] = field(default_factory=dict)
    capitals: dict[str, str] = field(default_factory=dict)  # capital name/alias -> state id
    capital_place: dict[str, str] = field(default_factory=dict)  # state id -> place id
    by_iso3: dict[str, str] = field(default_factory=dict)
    offices: dict[tuple[str, str], list[tuple[Record, Role]]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def add(self, raw: dict[str, Any], kind: str) -> None:
        rec = _record(raw, kind)
        self.records[rec.id] = rec
        if kind == "state":
            self.by_iso3[rec.country or ""] = rec.id
            for place in _capital_places(raw):
                self.records.setdefault(place.id, place)
                self.capital_place[rec.id] = place.id
                for name in (place.name, *place.aliases):
                    self.capitals[name] = rec.id

    def finish(self) -> KB:
        self.offices.clear()
        for rec in self.records.values():
            for role in rec.roles:
                self.offices[(role.office, role.of)].append((rec, role))
        return self

    def get(self, kb_id: str) -> Record | None:
        return self.records.get(kb_id)

    def state(self, iso3: str | None) -> Record | None:
        return self.records.get(self.by_iso3.get(iso3 or "", ""))

    def holders(self, office: str, of: str, day: date | None) -> list[Record]:
        """Who held ``office`` of ``of`` on ``day`` (all holders ever when day is None)."""
        return [
            rec
            for rec, role in self.offices.get((office, of), ())
            if day is None or role.held_on(day)
        ]


def read_records(path: Path, key: str = "id") -> list[dict[str, Any]]:
    """A knowledge-base data file: a JSON list of objects that each have ``key``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ParleyError(f"knowledge-base file {path} cannot be read: {exc}") from None
    if not isinstance(data, list) or not all(isinstance(r, dict) and key in r for r in data):
        raise ParleyError(f"knowledge-base file {path} must be a JSON list of records with {key!r}")
    return data


def read_lexicon(path: Path, what: str, listing: str | None = None) -> dict[str, Any]:
    """A lexicon file: one JSON object; ``listing``, when given, names a key that must hold
    a list. ``what`` names the file in the one-line error ("cue lexicon", ...)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ParleyError(f"{what} {path} cannot be read: {exc}") from None
    if not isinstance(data, dict) or (listing and not isinstance(data.get(listing, []), list)):
        shape = f" with a list {listing!r}" if listing else ""
        raise ParleyError(f"{what} {path} must be an object{shape}")
    return data


def load_kb(extra: Sequence[str] = ()) -> KB:
    """The shipped knowledge base plus the user's folders (``parley.resources`` keeps the
    one copy a process uses)."""
    kb = KB()
    for folder in kb_folders(extra):  # the shipped files first, then each user folder
        for stem in ACTOR_FILES:
            path = folder / f"{stem}.json"
            if path.is_file():
                for raw in read_records(path):
                    kb.add(raw, KIND_OF_FILE.get(stem, "organization"))
    return kb.finish()
