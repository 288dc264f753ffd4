"""Search that knows the actors: a query naming a known person searches every spelling.

``parley search Zelensky`` also finds "Zelenskyy", "ZELENSKYY" (case is ignored anyway) and
"Zelenskiy": the query names a person when it is, whole, a name, alias or surname of a
person in the knowledge base (``persons.json``, shipped files), or a spelling the store has
seen for a person (its entity index, ``actor_names``). The search then matches any spelling
of that person: the knowledge base's name, aliases and surnames and every spelling stored.
Only plain words are expanded (no quotes, ``OR``, ``NOT``, ``*``), and only people: a
state's metonyms ("Kyiv" for Ukraine) are another question than its name.
"""

from __future__ import annotations

import functools
import re
import sqlite3
from dataclasses import dataclass
from typing import Any

from parley.store.filters import in_list

MAX_SPELLINGS = 24
_PLAIN = re.compile(r"[^\W\d_][\w'’.-]*(?: [^\W\d_][\w'’.-]*){0,4}")
_OPERATORS = {"OR", "AND", "NOT", "NEAR"}


@dataclass(frozen=True, slots=True)
class Expansion:
    """A query read as naming ``actors``: the spellings searched and the FTS5 query."""

    query: str
    actors: tuple[str, ...]
    spellings: tuple[str, ...]
    fts: str

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "actors": list(self.actors), "spellings": list(self.spellings)}

    def describe(self) -> str:
        others = [s for s in self.spellings if s.casefold() != self.query.casefold()]
        return (
            f"{self.query!r} names {', '.join(self.actors)}: also searched "
            f"{', '.join(others)} (--exact: only {self.query!r})"
        )


@functools.cache
def kb_people() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Every name, alias and surname of a knowledge-base person (casefolded) -> (its id,
    (its name, its aliases and surnames)); read once from the shipped ``persons.json``."""
    from parley.kb import data_files, read_records

    index: dict[str, tuple[str, tuple[str, ...]]] = {}
    for path in data_files("persons.json"):
        for raw in read_records(path):
            forms = (raw["name"], *raw.get("aliases", ()), *raw.get("surnames", ()))
            for form in forms:
                index.setdefault(form.casefold(), (raw["id"], tuple(forms)))
    return index


def _store_people(conn: sqlite3.Connection, text: str, kb_ids: set[str]) -> list[int]:
    rows = conn.execute(
        "SELECT DISTINCT ac.pk FROM actors ac LEFT JOIN actor_names n ON n.actor = ac.pk "
        "WHERE ac.kind = 'person' AND (n.name = ? OR ac.name = ? COLLATE NOCASE "
        f"OR ac.kb_id IN ({','.join('?' * len(kb_ids)) or 'NULL'}))",
        (text, text, *sorted(kb_ids)),
    ).fetchall()
    return [r[0] for r in rows]


def _minimal(spellings: list[str]) -> list[str]:
    """Spellings without those that hold a shorter one as whole words ("Volodymyr Zelensky"
    when "Zelensky" is searched anyway), case-insensitively unique, shortest first."""
    seen: dict[str, str] = {}
    for s in sorted({" ".join(s.split()) for s in spellings if s.strip()}, key=len):
        key = s.casefold()
        if key in seen or any(re.search(rf"(?<!\w){re.escape(k)}(?!\w)", key) for k in seen):
            continue
        seen[key] = s
    return list(seen.values())


def expand(conn: sqlite3.Connection, text: str) -> Expansion | None:
    """The expansion of a search text that names a person, else None."""
    query = " ".join(text.split())
    if not _PLAIN.fullmatch(query) or set(query.split()) & _OPERATORS:
        return None
    known = kb_people().get(query.casefold())
    kb_ids = {known[0]} if known else set()
    spellings = list(known[1]) if known else []
    pks = _store_people(conn, query, kb_ids)
    names: list[str] = [known[1][0]] if known else []
    if pks:
        for name, kb_id in conn.execute(
            f"SELECT name, kb_id FROM actors WHERE pk IN {in_list(pks)} ORDER BY pk"
        ):
            if kb_id not in kb_ids or not names:
                names.append(name)
        spellings += [
            r[0]
            for r in conn.execute(
                f"SELECT name FROM actor_names WHERE actor IN {in_list(pks)} ORDER BY name"
            )
        ]
    spellings = _minimal([query, *spellings])[:MAX_SPELLINGS]
    if not names or len(spellings) < 2:
        return None
    fts = " OR ".join('"' + s.replace('"', '""') + '"' for s in spellings)
    return Expansion(query, tuple(dict.fromkeys(names)), tuple(spellings), fts)
