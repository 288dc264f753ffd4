"""The reporting-cue lexicon: which words report speech, writing or belief.

``data/cues.json`` ships with parley; ``load_cues(extra)`` adds the ``cues.json`` of each
user folder (a cue whose lemma and part of speech already exist is replaced; lists are
extended). Besides the cues, the file holds named word lists: the four of ``LISTS`` at the
top level, and any others in a ``"lists"`` object (``{"source_nouns": ["official", …]}``),
read with ``lexicon.has(name, word)`` or ``lexicon.lists[name]``.

Every cue has a class (``"class"`` in the file): what kind of attribution it reports. Five
report speech, writing or stated belief and can introduce a quote (``QUOTE_CLASSES``):
``say`` (say, tell, write, announce, warn), ``according`` ("according to"), ``belief``
(believe, estimate, suggest, claim, find), ``directive`` (urge, call on, order), ``concern``
("expressed concern", worried), and ``judge``, the speech acts that judge someone (accuse,
condemn, praise). The others name an attitude that is not a statement and never introduce a
quote: ``perception`` (see, know, remember), ``emotion`` (hope, welcome), ``refusal``
(refuse, decline) and ``stance`` (want, support, oppose). A cue without a class is ``belief``
when flagged so, ``stance`` when flagged so, else ``say``.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parley.errors import ParleyError
from parley.kb import data_files, read_lexicon

LISTS = ("channels", "addressees", "vague_sources", "anonymity")
QUOTE_CLASSES = frozenset({"say", "according", "belief", "directive", "concern", "judge"})
CLASSES = QUOTE_CLASSES | {"perception", "emotion", "refusal", "stance"}


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
    cls: str = "say"  # one of CLASSES

    @property
    def quotes(self) -> bool:
        """The cue reports speech, writing or stated belief (its class is a quote class)."""
        return self.cls in QUOTE_CLASSES

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
    lists: dict[str, frozenset[str]] = field(default_factory=dict)  # every named list, lower case

    def lookup(self, lemma: str, pos: str) -> Cue | None:
        return self.cues.get((lemma, pos))

    def has(self, name: str, word: str) -> bool:
        """``word`` (lower case) is in the named list ``name``."""
        return word in self.lists.get(name, frozenset())

    @functools.cached_property
    def heads(self) -> frozenset[str]:
        """The first word of every cue."""
        return frozenset(self.by_head)

    @functools.cached_property
    def anonymity_words(self) -> frozenset[str]:
        """Every word of the anonymity phrases ("asked", "declined", "speaking", …)."""
        return frozenset(w for phrase in self.anonymity for w in phrase.split())


def _cue(raw: Any, path: Path) -> Cue:
    if not isinstance(raw, dict) or not isinstance(raw.get("lemma"), str):
        raise ParleyError(f"cue lexicon {path}: every cue needs a 'lemma' string ({raw!r})")
    default = "belief" if raw.get("belief") else "stance" if raw.get("stance") else "say"
    cls = raw.get("class", default)
    if cls not in CLASSES:
        raise ParleyError(
            f"cue lexicon {path}: the cue {raw['lemma']!r} has class {cls!r};"
            f" classes: {', '.join(sorted(CLASSES))}"
        )
    return Cue(
        lemma=" ".join(raw["lemma"].lower().split()),
        pos=str(raw.get("pos", "VERB")).upper(),
        belief=bool(raw.get("belief", False)),
        denial=bool(raw.get("denial", False)),
        question=bool(raw.get("question", False)),
        stance=bool(raw.get("stance", False)),
        channel=bool(raw.get("channel", False)),
        speaker=str(raw.get("speaker", "subject")),
        cls=cls,
    )


def _lists(data: dict[str, Any], path: Path) -> dict[str, list[str]]:
    """The named lists of one file: the top-level ones of ``LISTS`` and those of ``"lists"``."""
    named = data.get("lists", {})
    if not isinstance(named, dict):
        raise ParleyError(f"cue lexicon {path}: 'lists' must be an object of word lists")
    out: dict[str, list[str]] = {}
    for name, words in [*((n, data[n]) for n in LISTS if n in data), *named.items()]:
        if not isinstance(words, list):
            raise ParleyError(f"cue lexicon {path}: the list {name!r} must be a list of words")
        out.setdefault(name, []).extend(str(x) for x in words)
    return out


def load_cues(extra: Sequence[str] = ()) -> Lexicon:
    """The shipped lexicon plus ``cues.json`` from each user folder in ``extra``."""
    cues: dict[tuple[str, str], Cue] = {}
    lists: dict[str, list[str]] = {name: [] for name in LISTS}
    for path in data_files("cues.json", extra):
        data = read_lexicon(path, "cue lexicon", "cues")
        for raw in data.get("cues", []):
            cue = _cue(raw, path)
            cues[(cue.lemma, cue.pos)] = cue
        for name, words in _lists(data, path).items():
            lists.setdefault(name, []).extend(words)
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
        lists={name: frozenset(s.lower() for s in words) for name, words in lists.items()},
    )
