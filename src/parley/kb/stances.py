"""The stance lexicon (``positions.json``): verbs that state a stance with how their issue
attaches, nouns an actor owns ("Kyiv's demand for …"), and the verbs of a relative clause
that list an issue's details. Users add a ``positions.json`` in a ``--kb`` folder; the same
key replaces the shipped one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from parley.errors import ParleyError
from parley.kb import data_files, read_lexicon


@dataclass(frozen=True)
class StanceWords:
    """The stance lexicon: verbs with how their issue attaches, owned nouns, list verbs."""

    verbs: dict[str, dict[str, Any]]
    nouns: dict[str, str]
    includes: frozenset[str]

    @cached_property
    def lemmas(self) -> frozenset[str]:
        """The words a position can start from ("red line" is found by "line")."""
        return frozenset(self.verbs) | frozenset(n.split()[-1] for n in self.nouns)


def load_stance_words(extra: Sequence[str] = ()) -> StanceWords:
    """The shipped lexicon plus ``positions.json`` from each user folder in ``extra``."""
    verbs: dict[str, dict[str, Any]] = {}
    nouns: dict[str, str] = {}
    includes: set[str] = set()
    for path in data_files("positions.json", extra):
        data = read_lexicon(path, "stance lexicon")
        if not isinstance(data.get("verbs", {}), dict):
            raise ParleyError(f"stance lexicon {path}: 'verbs' must be an object")
        verbs.update(data.get("verbs", {}))
        nouns.update(data.get("nouns", {}))
        includes.update(data.get("includes", ()))
    return StanceWords(verbs, nouns, frozenset(includes))
