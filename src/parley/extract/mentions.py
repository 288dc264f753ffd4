"""Mentions: where in the text an actor or place is named, and which one it is.

A ``Mention`` is the unit the entity resolver works with: a character span, the key of the
actor (a knowledge-base id, or ``new:<kind>:<name>`` for one the knowledge base does not
know) and how it was recognised.
"""

from __future__ import annotations

from dataclasses import dataclass

# how -> rank when two candidate mentions overlap (lower wins at equal length)
RANK = {
    "title": 0,
    "name": 1,
    "metonym": 2,
    "demonym": 2,
    "capital": 3,
    "surname": 3,
    "fuzzy": 4,
    "ner": 5,
    "pronoun": 6,
}
NAME_LIKE = {"name", "surname", "fuzzy", "ner", "metonym", "capital"}


@dataclass(frozen=True, slots=True)
class Mention:
    start: int  # character offsets into the article text
    end: int
    key: str
    how: str
    kind: str
    tokens: tuple[int, int]  # token start, end in the Doc

    @property
    def is_new(self) -> bool:
        return self.key.startswith("new:")


def new_key(kind: str, name: str) -> str:
    return f"new:{kind}:{name}"


def select(candidates: list[Mention]) -> list[Mention]:
    """Non-overlapping mentions: longest first, then by how reliable the recognition is."""
    chosen: list[Mention] = []
    taken: set[int] = set()
    order = sorted(candidates, key=lambda m: (-(m.end - m.start), RANK.get(m.how, 9), m.start))
    for m in order:
        span = set(range(m.start, m.end))
        if span & taken:
            continue
        taken |= span
        chosen.append(m)
    return sorted(chosen, key=lambda m: m.start)
