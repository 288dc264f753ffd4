"""Word lists of the lexicons, extended from a user's ``--kb`` folder: the quote stage reads
its lists from ``cues.json``, the event stage from the ``grammar`` of ``plover.json``, so
that a word a user adds changes the analysis. The sentences and words are invented."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import parley
from parley.errors import ParleyError
from parley.extract.actors import actor_words_of
from parley.kb.plover import load_lexicon

DAY = "2025-03-10"


def analyse(text: str, folder: Path | None = None, kb: dict[str, object] | None = None) -> dict:
    """The analysis of ``text``; with ``folder`` as a --kb folder holding ``kb`` (file name
    -> JSON content) when given."""
    dirs = []
    if folder is not None and kb is not None:
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in kb.items():
            (folder / name).write_text(json.dumps(content), encoding="utf-8")
        dirs = [str(folder)]
    return parley.analyze(text, published=DAY, kb_dirs=dirs).to_dict()


def sources(result: dict) -> list[tuple[str | None, str | None]]:
    """(speaker, intermediary) of every quote."""
    return [
        (q["speaker"] and q["speaker"]["text"], q["via"] and q["via"]["text"])
        for q in result["quotes"]
    ]


def actors(result: dict) -> list[tuple[str, list[tuple[str, str, str | None]]]]:
    """(type, [(name, kind, sector) of each actor]) of every event."""
    names = {e["id"]: (e["name"], e["kind"], e["sector"]) for e in result["entities"]}
    return [(e["type"], [names[a] for a in e["actors"]]) for e in result["events"]]


def test_cues_json_source_nouns_name_who_is_quoted(tmp_path):
    # "quoted X as saying": X is the source when it names someone; a harbourmaster is not a
    # shipped source noun, so the paper is taken for the source until the user adds it
    text = "The Coastal Herald quoted the harbourmaster as saying that the port would stay shut."
    before = analyse(text)
    lists = {"lists": {"source_nouns": ["harbourmaster"]}}
    after = analyse(text, tmp_path, {"cues.json": lists})
    assert ("the harbourmaster", "The Coastal Herald") not in sources(before)
    assert sources(after) == [("the harbourmaster", "The Coastal Herald")]


def test_plover_json_state_nouns_make_a_demonym_the_state(tmp_path):
    # a demonym before a noun of the state's apparatus names the state: the actor
    text = "Moldovan gendarmes detained three protesters in Chisinau on Sunday."
    before = analyse(text)
    grammar = {"grammar": {"state_nouns": ["gendarme"]}}
    after = analyse(text, tmp_path, {"plover.json": grammar})
    assert actors(before) == [("COERCE", [])]
    assert actors(after) == [("COERCE", [("Moldova", "state", "GOV")])]


def test_plover_json_group_nouns_by_sector_make_a_group(tmp_path):
    text = "Moldovan beekeepers blocked the main road to Chisinau on Sunday."
    before = analyse(text)
    grammar = {"grammar": {"group_nouns_agr": ["beekeeper"]}}
    after = analyse(text, tmp_path, {"plover.json": grammar})
    assert actors(before) == [("PROTEST", [])]
    assert actors(after) == [("PROTEST", [("Moldovan beekeepers", "group", "AGR")])]


def test_role_noun_lists_must_name_a_kind_and_a_sector(tmp_path):
    words = actor_words_of(load_lexicon())
    assert words.roles["journalist"] == ("person", "MED")
    assert words.groups["rebel"] == "REB"
    (tmp_path / "plover.json").write_text(
        json.dumps({"grammar": {"role_nouns_ferry_med": ["deckhand"]}}), encoding="utf-8"
    )
    with pytest.raises(ParleyError, match="role_nouns_ferry_med"):
        load_lexicon([str(tmp_path)])  # when the resources load, not at the first article
