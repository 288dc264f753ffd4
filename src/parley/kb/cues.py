"""The reporting-cue lexicon: which words report speech, writing or belief.

``data/cues.json`` ships with parley; ``load_cues(extra)`` adds the ``cues.json`` of each
user folder (a cue whose lemma and part of speech already exist is replaced; lists are
extended).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parley.errors import ParleyError
from parley.kb import data_files, read_lexicon

LISTS = ("channels", "addressees", "vague_sources", "anonymity")


@dataclass(frozen=True, slots=True)
class Cue:
    lemma: str  # "say", or "point out": a head word and the word(s) it takes
    pos: str  # VERB, NOUN, ADP
    belief: bool = False
    denial: bool = False
    question: bool = False
    stance: bool = False
    channel: bool = False
    speaker: str = "subject"  # or "object": "according to X", "quoted X"

    @property
    def head(self) -> str:
        return self.lemma.split()[0]

    @property
    def rest(self) -> tuple[str, ...]:
        return tuple(self.lemma.split()[1:])


@dataclass(frozen=True)
class Lexicon:
    cues: dict[tuple[str, str], Cue]  # (lemma, pos) -> cue
    by_head: dict[str, tuple[Cue, ...]]  # head word -> cues (any part of speech)
    channels: frozenset[str]
    addressees: frozenset[str]
    vague_sources: frozenset[str]
    anonymity: tuple[str, ...]

    def lookup(self, lemma: str, pos: str) -> Cue | None:
        return self.cues.get((lemma, pos))

    @functools.cached_property
    def anonymity_words(self) -> frozenset[str]:
        """Every word of the anonymity phrases ("asked", "declined", "speaking", …)."""
        return frozenset(w for phrase in self.anonymity for w in phrase.split())


def _cue(raw: Any, path: Path) -> Cue:
    if not isinstance(raw, dict) or not isinstance(raw.get("lemma"), str):
        raise ParleyError(f"cue lexicon {path}: every cue needs a 'lemma' string ({raw!r})")
    return Cue(
        lemma=" ".join(raw["lemma"].lower().split()),
        pos=str(raw.get("pos", "VERB")).upper(),
        belief=bool(raw.get("belief", False)),
        denial=bool(raw.get("denial", False)),
        question=bool(raw.get("question", False)),
        stance=bool(raw.get("stance", False)),
        channel=bool(raw.get("channel", False)),
        speaker=str(raw.get("speaker", "subject")),
    )


def load_cues(extra: Sequence[str] = ()) -> Lexicon:
    """The shipped lexicon plus ``cues.json`` from each user folder in ``extra``."""
    cues: dict[tuple[str, str], Cue] = {}
    lists: dict[str, list[str]] = {name: [] for name in LISTS}
    for path in data_files("cues.json", extra):
        data = read_lexicon(path, "cue lexicon", "cues")
        for raw in data.get("cues", []):
            cue = _cue(raw, path)
            cues[(cue.lemma, cue.pos)] = cue
        for name in LISTS:
            lists[name] += [str(x) for x in data.get(name, [])]
    by_head: dict[str, list[Cue]] = {}
    for cue in cues.values():
        by_head.setdefault(cue.head, []).append(cue)
    return Lexicon(
        cues=cues,
        by_head={k: tuple(v) for k, v in by_head.items()},
        channels=frozenset(s.lower() for s in lists["channels"]),
        addressees=frozenset(s.lower() for s in lists["addressees"]),
        vague_sources=frozenset(s.lower() for s in lists["vague_sources"]),
        anonymity=tuple(s.lower() for s in lists["anonymity"]),
    )
