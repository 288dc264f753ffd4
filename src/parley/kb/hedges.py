"""The hedge lexicon (``hedges.json``): phrases that weaken certainty ("reportedly", "to my
knowledge"), each with its kind. Users add theirs in a ``hedges.json`` of a ``--kb`` folder;
the same phrase replaces the shipped record."""

from __future__ import annotations

from collections.abc import Sequence

from parley.kb import data_files, read_records


def load_hedges(extra: Sequence[str] = ()) -> dict[str, str]:
    """Lower-cased phrase -> kind of hedge."""
    out: dict[str, str] = {}
    for path in data_files("hedges.json", extra):
        for r in read_records(path, key="phrase"):
            out[r["phrase"].lower()] = r.get("kind", "hedge")
    return out
