"""Word lists of the lexicons, extended from a user's ``--kb`` folder: the quote stage reads
its lists from ``cues.json``, the event stage from the ``grammar`` of ``plover.json``, so
that a word a user adds changes the analysis. The sentences and words are invented."""

from __future__ import annotations

import json
from pathlib import Path

import parley

DAY = "2025-03-10"


def analyse(text: str, folder: Path | None = None, **files: object) -> dict:
    """The analysis of ``text``, with ``folder`` as a --kb folder holding ``files``
    (``cues_json=…`` is written as ``cues.json``)."""
    dirs = []
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in files.items():
            (folder / name.replace("_", ".")).write_text(json.dumps(content), encoding="utf-8")
        dirs = [str(folder)]
    return parley.analyze(text, published=DAY, kb_dirs=dirs).to_dict()


def sources(result: dict) -> list[tuple[str | None, str | None]]:
    """(speaker, intermediary) of every quote."""
    return [
        (q["speaker"] and q["speaker"]["text"], q["via"] and q["via"]["text"])
        for q in result["quotes"]
    ]


def test_cues_json_source_nouns_name_who_is_quoted(tmp_path):
    # "quoted X as saying": X is the source when it names someone; a harbourmaster is not a
    # shipped source noun, so the paper is taken for the source until the user adds it
    text = "The Coastal Herald quoted the harbourmaster as saying that the port would stay shut."
    before = analyse(text)
    lists = {"lists": {"source_nouns": ["harbourmaster"]}}
    after = analyse(text, tmp_path, cues_json=lists)
    assert ("the harbourmaster", "The Coastal Herald") not in sources(before)
    assert sources(after) == [("the harbourmaster", "The Coastal Herald")]
