"""The PLOVER pattern lexicon: verb and noun patterns, grammar word lists and mode words.

``data/plover.json`` ships with parley; ``load_lexicon(extra)`` adds the ``plover.json``
of each user folder (the same shape; user word lists extend the shipped ones, and a user
pattern whose ``id`` is a shipped pattern's replaces it). For each word the more specific
patterns are tried first (those naming an argument, then a preposition), then the more
confident; among equals a user's pattern comes first. Indexed by lemma so that finding
triggers is one dictionary look-up per token.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parley.errors import ParleyError
from parley.kb import data_files, read_lexicon
from parley.vocab import EVENT_TYPES as TYPES

POS = {"VERB", "NOUN", "ADJ"}
# grammar lists named role_nouns_<kind>_<sector>: nouns for an actor of that kind and sector
ROLE_KINDS = ("person", "organization", "media", "group")


def _check_list_name(name: str, path: Path) -> None:
    if not name.startswith("role_nouns_"):
        return
    kind, _, sector = name.removeprefix("role_nouns_").rpartition("_")
    if kind not in ROLE_KINDS or not sector:
        raise ParleyError(
            f"event lexicon {path}: grammar list {name!r} must be named role_nouns_<kind>_"
            f"<sector> with a kind among {', '.join(ROLE_KINDS)}"
        )


@dataclass(frozen=True, slots=True)
class Pattern:
    """One lexicon entry; ``type`` None blocks the reading (``strike a tone``)."""

    id: str
    lemma: str
    pos: str | None
    type: str | None
    mode: str | None = None
    prep: frozenset[str] = frozenset()
    not_prep: frozenset[str] = frozenset()
    with_: frozenset[str] = frozenset()
    not_with: frozenset[str] = frozenset()
    text: frozenset[str] = frozenset()
    needs_obj: bool = False
    comp: frozenset[str] = frozenset()
    conf: float = 0.75
    of: str = "recipient"
    between: str = "actor"
    symmetric: bool = False
    control: str = "subject"
    keep: bool = False
    yield_to: frozenset[str] = frozenset()
    intent: bool = False
    bare: bool = True
    joint: str | None = None

    @property
    def specificity(self) -> int:
        return 2 * bool(self.with_) + bool(self.prep) + bool(self.text) + bool(self.comp)


@dataclass(frozen=True)
class Lexicon:
    by_lemma: dict[str, tuple[Pattern, ...]]
    words: dict[str, frozenset[str]]  # grammar word lists
    status_words: dict[str, frozenset[str]]
    modes: dict[str, tuple[tuple[str, frozenset[str]], ...]]
    complement_modes: dict[str, dict[str, str]]
    coerce_threat_modes: dict[str, str]
    lemmas_for_comp: frozenset[str] = field(default=frozenset())

    def patterns(self, lemma: str) -> tuple[Pattern, ...]:
        return self.by_lemma.get(lemma, ())

    @functools.cached_property
    def lemmas(self) -> frozenset[str]:
        """Every word a pattern is keyed by."""
        return frozenset(self.by_lemma)

    def has(self, name: str, word: str) -> bool:
        return word in self.words.get(name, frozenset())


def _words(raw: Any) -> frozenset[str]:
    if raw is None:
        return frozenset()
    if isinstance(raw, str):
        raw = [raw]
    return frozenset(str(w).lower() for w in raw)


def _pattern(raw: Any, path: Path, n: int) -> Pattern:
    if not isinstance(raw, dict) or not isinstance(raw.get("lemma"), str):
        raise ParleyError(f"event lexicon {path}: pattern {n} needs a 'lemma' string")
    kind = raw.get("type")
    if kind is not None and kind not in TYPES:
        raise ParleyError(f"event lexicon {path}: pattern {n} has unknown type {kind!r}")
    pos = raw.get("pos")
    if pos is not None and str(pos).upper() not in POS:
        raise ParleyError(f"event lexicon {path}: pattern {n} has unknown pos {pos!r}")
    lemma = raw["lemma"].lower().strip()
    pid = raw.get("id") or f"{path.stem}:{lemma}/{(pos or '*').lower()}/{kind or 'none'}#{n}"
    return Pattern(
        id=pid,
        lemma=lemma,
        pos=str(pos).upper() if pos else None,
        type=kind,
        mode=raw.get("mode"),
        prep=_words(raw.get("prep")),
        not_prep=_words(raw.get("not_prep")),
        with_=_words(raw.get("with")),
        not_with=_words(raw.get("not_with")),
        text=_words(raw.get("text")),
        needs_obj=bool(raw.get("needs_obj", False)),
        comp=frozenset(raw.get("comp", ())),
        conf=float(raw.get("conf", 0.75)),
        of=str(raw.get("of", "recipient")),
        between=str(raw.get("between", "actor")),
        symmetric=bool(raw.get("symmetric", False)),
        control=str(raw.get("control", "subject")),
        keep=bool(raw.get("keep", False)),
        yield_to=frozenset(raw.get("yield_to", ())),
        intent=bool(raw.get("intent", False)),
        bare=bool(raw.get("bare", True)),
        joint=raw.get("joint"),
    )


def load_lexicon(extra: Sequence[str] = ()) -> Lexicon:
    """The shipped patterns plus ``plover.json`` from each user folder in ``extra``."""
    files = data_files("plover.json", extra)
    replaced: set[str] = set()
    by_lemma: dict[str, list[Pattern]] = {}
    words: dict[str, set[str]] = {}
    status: dict[str, set[str]] = {}
    modes: dict[str, list[tuple[str, frozenset[str]]]] = {}
    comp_modes: dict[str, dict[str, str]] = {}
    threat_modes: dict[str, str] = {}
    for path in reversed(files):  # user files first: their patterns win ties
        data = read_lexicon(path, "event lexicon", "patterns")
        for n, raw in enumerate(data.get("patterns", [])):
            pat = _pattern(raw, path, n)
            if pat.id in replaced:
                continue  # a later file gave a pattern this id: it replaces this one
            if raw.get("id"):
                replaced.add(pat.id)
            by_lemma.setdefault(pat.lemma, []).append(pat)
        grammar = data.get("grammar", {})
        for name, value in grammar.items():
            if name == "status_words":
                for status_name, items in value.items():
                    status.setdefault(status_name, set()).update(_words(items))
            else:
                _check_list_name(name, path)
                words.setdefault(name, set()).update(_words(value))
        for kind, table in data.get("modes", {}).items():
            modes.setdefault(kind, []).extend((m, _words(ws)) for m, ws in table)
        for kind, table in data.get("complement_modes", {}).items():
            comp_modes.setdefault(kind, {}).update(table)
        threat_modes.update(data.get("coerce_threat_modes", {}))
    # order: more specific patterns first, then by confidence; stable for user-first order
    index = {
        lemma: tuple(sorted(pats, key=lambda p: (-p.specificity, -p.conf)))
        for lemma, pats in by_lemma.items()
    }
    # words also stored upper-case for the type lists
    words["cooperative"] = {w.upper() for w in words.get("cooperative", ())}
    words["material_conflict"] = {w.upper() for w in words.get("material_conflict", ())}
    return Lexicon(
        by_lemma=index,
        words={k: frozenset(v) for k, v in words.items()},
        status_words={k: frozenset(v) for k, v in status.items()},
        modes={k: tuple(v) for k, v in modes.items()},
        complement_modes=comp_modes,
        coerce_threat_modes=threat_modes,
        lemmas_for_comp=frozenset(p.lemma for ps in index.values() for p in ps if p.comp),
    )
