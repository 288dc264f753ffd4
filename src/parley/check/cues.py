"""What in a date's clause points at a known fact: one of its names, its place with a word
for its kind ("talks in Istanbul"), the words of a name in another order ("Finland's accession
to NATO" for "Finland's NATO accession"), or, for a fact that happens once between the same
parties (a war, an invasion, an annexation, an accession), a word for its kind with two of its
parties
("Russia's war on Ukraine", "Finland joined NATO"). "War" when only the article names the
war's parties is evidence, never a verdict.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from parley.kb.facts import KIND_WORDS, TRIGGER_WORDS, Fact
from parley.resources import Resources

ALIAS_CUE = 3  # a name of the event, or its place with a word for its kind
PARTIES_CUE = 2  # "war" when the article names the war's parties: evidence, not a verdict
ROUND_CUE = 1  # a round of talks described, its parties unnamed: it may excuse a date only


@dataclass(frozen=True, slots=True)
class Cue:
    level: int
    start: int  # where in the clause the event is named
    end: int
    alias: str = ""  # the name that cued it, lower-cased


def capitals(res: Resources) -> frozenset[str]:
    """Names of capitals and states: in "Moscow annexed ..." the city is the government and
    in "a referendum in Russia" the state is too wide to place an event."""
    kb = res.kb
    states = {n for r in kb.records.values() if r.kind == "state" for n in (r.name, *r.aliases)}
    return frozenset(kb.capitals) | states


@functools.cache
def _phrases(phrases: tuple[str, ...]) -> re.Pattern | None:
    """One compiled pattern for any of the phrases as whole words, case-insensitive."""
    if not phrases:
        return None
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(r"(?<!\w)(?:" + alternatives + r")(?!\w)", re.I)


def _find(clause: str, phrases: tuple[str, ...]) -> re.Match | None:
    pattern = _phrases(phrases)
    return pattern.search(clause) if pattern is not None else None


def _alias_usable(alias: str) -> bool:
    """Names long enough to mean the event: several words, or an acronym ("MH17"); a bare
    place name ("Bucha") names the place more often than the event."""
    if " " in alias.strip():
        return len(alias) > 3
    return any(ch.isdigit() for ch in alias) or sum(ch.isupper() for ch in alias) > 1


@functools.cache
def _aliases(fact: Fact) -> tuple[str, ...]:
    return tuple(a for a in (fact.name, *fact.aliases) if _alias_usable(a))


_WORDS = re.compile(r"\w+")
# words for a fact that happens once between the same parties, which its parties make as
# specific as a name ("Russia invaded Ukraine"; "invasion" does not name a war's later phase)
_ONCE_WORDS = {
    "war": ("war",),
    "war_phase": ("war",),
    "invasion": ("invasion", "invaded", "invade"),
    "annexation": ("annexation", "annexed"),
    "accession": ("accession", "joined"),
}
# words a name may drop or move when it is written another way
_GLUE = frozenset({"of", "the", "in", "on", "and", "s", "to", "a", "an", "for", "by", "with"})


@functools.cache
def heads(fact: Fact) -> frozenset[str]:
    """The first word of each name and kind word that can cue the fact: a clause holding
    none of them cannot cue it (a cheap test before the patterns)."""
    phrases = (*_aliases(fact), *_kind_words(fact.kind))
    return frozenset(m.group(0) for p in phrases if (m := _WORDS.search(p.lower())))


@functools.cache
def _name_words(fact: Fact) -> tuple[tuple[str, frozenset[str], frozenset[str]], ...]:
    """Each name of two words or more that matter, with those words and those of them
    written in lower case (a common noun, which a name in the text does not stand for:
    "war" is not the "War" of "World War II")."""
    out = []
    for a in _aliases(fact):
        found = [w for w in _WORDS.findall(a) if w.lower() not in _GLUE]
        words = frozenset(w.lower() for w in found)
        if len(words) >= 2 and not any(w.isdigit() for w in words):  # a year stays put
            out.append((a.lower(), words, frozenset(w for w in found if w.islower())))
    return tuple(out)


PLACE_WORDS_APART = 4  # "talks held in Istanbul", not "the war ... and Crimea"


def _near(clause: str, words: tuple[str, ...], place: re.Match) -> re.Match | None:
    """The kind word nearest to the place, if it is close."""
    best = None
    for m in _phrases(words).finditer(clause):
        lo, hi = (m.end(), place.start()) if m.end() <= place.start() else (place.end(), m.start())
        gap = len(clause[lo:hi].split())
        if gap <= PLACE_WORDS_APART and (best is None or gap < best[0]):
            best = (gap, m)
    return best[1] if best else None


def _common(clause: str, words: tuple[str, ...]) -> re.Match | None:
    """The first of the words written as a common noun or verb, not inside a name ("World
    War II", "the Georgia War")."""
    pattern = _phrases(words)
    return next((m for m in pattern.finditer(clause) if m.group(0).islower()), None)


def _reordered(fact: Fact, clause: str, words: set[str]) -> Cue | None:
    """The words of a name close together in another order ("accession of Finland to
    NATO"): the nearest occurrences of all of them within three words each."""
    tokens = None
    for alias, needed, common in _name_words(fact):
        if not needed <= words:
            continue
        if tokens is None:
            tokens = [(m.group(0), m.start(), m.end()) for m in _WORDS.finditer(clause)]
        at = {
            w: [i for i, t in enumerate(tokens) if (t[0] if w in common else t[0].lower()) == w]
            for w in needed
        }
        if not all(at.values()):
            continue
        for first in at[min(needed, key=lambda w: len(at[w]))]:
            lo = hi = first
            for w in needed:  # the occurrence of each word nearest to ``first``
                nearest = min(at[w], key=lambda i: abs(i - first))
                lo, hi = min(lo, nearest), max(hi, nearest)
            if hi - lo < 3 * len(needed):
                return Cue(ALIAS_CUE, tokens[lo][1], tokens[hi][2], alias)
    return None


# kinds that happen once at a place: any word for them with the place names one ("captured
# Bakhmut"); strikes and talks recur at one place
_ONCE_AT_PLACE = ("battle", "annexation")


@functools.cache
def _kind_words(kind: str) -> tuple[str, ...]:
    words = set(KIND_WORDS.get(kind, ()))
    if kind in _ONCE_AT_PLACE:
        words |= TRIGGER_WORDS.get(kind, set())
    return tuple(sorted(words))


# kinds held round after round in the same cities ("talks in Istanbul")
ROUNDS = frozenset({"talks", "talks_round"})


def _described(
    fact: Fact, clause: str, words: set[str], capitals: frozenset[str], masked: str | None
) -> Cue | None:
    """The fact described rather than named: its place beside a word for its kind ("talks
    in Istanbul" is as specific as a name; a capital stands for its government), or the words
    of a name in another order."""
    if _find(clause, _kind_words(fact.kind)) is not None:
        places = tuple(p for p in fact.places if len(p) > 2 and p not in capitals)
        if (m := _find(clause, places)) and (k := _near(clause, _kind_words(fact.kind), m)):
            return Cue(ALIAS_CUE, min(m.start(), k.start()), max(m.end(), k.end()))
    return _reordered(fact, masked or clause, words)


def cue(
    fact: Fact,
    clause: str,
    words: set[str],
    parties: set[str],
    here: frozenset[str],
    capitals: frozenset[str],
    masked: str | None = None,
) -> Cue | None:
    """How strongly the clause points at the fact, and where. ``words``: the clause's words,
    lower-cased, but for its date; ``parties``: codes the article names; ``here``: codes the
    clause names; ``masked``: the clause with its date blanked ("March" is not a march)."""
    if m := _find(clause, _aliases(fact)):
        return Cue(ALIAS_CUE, m.start(), m.end(), m.group(0).lower())
    if fact.kind in ROUNDS and not set(fact.participants) & here:
        # talks recur in one city: a round described, not named, with none of its parties
        # in the clause may excuse a date but not decide that it is wrong
        found = _described(fact, clause, words, capitals, masked)
        return Cue(ROUND_CUE, found.start, found.end, found.alias) if found else None
    kind = _find(clause, _kind_words(fact.kind))
    if kind is None:
        return _reordered(fact, masked or clause, words)
    # "talks in Istanbul" is as specific as a name; a capital stands for its government
    places = tuple(p for p in fact.places if len(p) > 2 and p not in capitals)
    if (m := _find(clause, places)) and (k := _near(clause, _kind_words(fact.kind), m)):
        return Cue(ALIAS_CUE, min(m.start(), k.start()), max(m.end(), k.end()))
    once = _ONCE_WORDS.get(fact.kind, ())
    if once and len(set(fact.participants) & here) >= 2 and (m := _common(clause, once)):
        return Cue(ALIAS_CUE, m.start(), m.end())  # "Russia's war on Ukraine"
    if found := _reordered(fact, masked or clause, words):
        return found
    war = fact.kind in ("war", "war_phase", "invasion") and len(fact.participants) >= 2
    if war and set(fact.participants) <= parties:
        return Cue(PARTIES_CUE, kind.start(), kind.end())
    return None


# leaving what a name names ("the US withdrew from the Iran nuclear deal", "the suspension of
# New START")
_LEAVING = re.compile(
    r"\b(?:withdr\w*|exit\w*|quit\w*|pull\w* out|suspen\w*)\s+(?:of|from)\s+(?:the\s+)?"
    r"(?:\w+(?:'s|’s)?\s+)?$",
    re.I,
)


def withdrawals(
    cued: list[tuple[Fact, Cue]], clause: str, facts: list[Fact], here: frozenset[str]
) -> list[tuple[Fact, Cue]]:
    """The withdrawals from a fact the clause names after a word for leaving it: the
    withdrawal facts among its parties whose side that leaves the clause names."""
    out = []
    for named, c in cued:
        if c.level != ALIAS_CUE or not c.alias:
            continue
        m = _LEAVING.search(clause, 0, c.start)
        if m is None:
            continue
        for f in facts:
            if (
                f.kind == "withdrawal"
                and set(f.participants) <= set(named.participants)
                and set(f.actors) & here
            ):
                out.append((f, Cue(ALIAS_CUE, m.start(), c.end, "")))
    return out


def shared_names(res: Resources) -> frozenset[str]:
    """Names that several facts go by ("Geneva talks", "Washington declaration")."""
    seen: dict[str, set[str]] = {}
    for f in res.facts:
        for a in _aliases(f):
            seen.setdefault(a.lower(), set()).add(f.id)
    return frozenset(a for a, ids in seen.items() if len(ids) > 1)


def told(fact: Fact, named: frozenset[str]) -> bool:
    """The article names one of the fact's participants (its place is in the shared name)."""
    return bool(named & set(fact.participants))
