"""``name_variant``: one actor spelled several ways in one article ("Zelensky" and
"Zelenskyy", "Kiev" and "Kyiv").

Different *names* for one actor ("Russia", "Moscow", "the Kremlin") are not variants; two
forms are spelling variants when their last words differ but are alike letter by letter.
Forms are compared within one entity, and across two entities that may be one actor the
linker kept apart: two people (unless the knowledge base knows them as two), a state named
by its capital and that capital as a place ("Kyiv insists" and "in Kiev"), or two places
(unless the knowledge base knows them as two). Across entities the spellings may differ
by two letters at most, so that "Austria" and "Australia" or "Scholz" and "Schroder" stay
apart. Acronyms, lower-case words and inflections ("Bushmaster"/"Bushmasters") are never
variants, unless the knowledge base lists both forms ("Donbas"/"Donbass"); nor are a name
with and without its article or particle ("Assad"/"al-Assad"), or a country and the word
for its people ("Korea"/"Koreans"). An initial stands for the first name ("J. Kirby" is
"John Kirby"); two people whose first names begin differently are two people, and one
person written with two different initials ("John Kirby", "A. Kirby") is a variant.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from itertools import combinations

from rapidfuzz.distance import JaroWinkler, Levenshtein

from parley.extract.entities import fold
from parley.kb import KB
from parley.model import Entity, Flag

SIMILARITY = 0.75  # Jaro-Winkler similarity of the folded, lowercased last words
KNOWN = 0.80  # two spellings the knowledge base lists, whatever their first letters
ACROSS_EDITS = 2  # letters two entities' spellings may differ by
# endings that make another form of the same word (English and Slavic), not a new spelling
INFLECTIONS = {"s", "es", "'s", "e", "a", "u", "i", "ie", "ia", "em", "om", "ow", "ego", "ach"}


# articles and particles joined to a name ("al-Assad", "d'Estaing", "ad-Dawla")
_PARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ud|ul|bin|ibn|abu|d)[-'’](?=\w)", re.I)
_INITIAL = re.compile(r"^[A-Z]\.?$")


def _key(form: str) -> str:
    words = form.replace("’s", "").replace("'s", "").split()
    return _PARTICLE.sub("", words[-1]) if words else form


def _initial(form: str) -> tuple[str, bool] | None:
    """The first letter of the first name of a form of two words or more, and whether the
    form gives only that letter ("J. Kirby")."""
    words = form.split()
    if len(words) < 2 or not words[0][:1].isupper():
        return None
    return _folded(words[0])[:1], bool(_INITIAL.match(words[0]))


@functools.lru_cache(maxsize=1 << 16)
def _folded(form: str) -> str:
    return fold(form).lower()


def _words(a: str, b: str) -> bool:
    """Both are words of four letters or more, not acronyms ("US", "U.S.")."""
    return min(len(a), len(b)) >= 4 and not (a.isupper() or b.isupper() or "." in a + b)


def _spelling_pair(a: str, b: str) -> bool:
    """Both look like names written two ways: capitalised words of four letters or more,
    not acronyms ("US"/"USA"), not a word and its inflection or compound ("Bushmaster"/
    "Bushmasters", "Biden"/"Biden-Putin")."""
    if not _words(a, b) or not (a[:1].isupper() and b[:1].isupper()) or "/" in a + b:
        return False
    x, y = sorted((_folded(a), _folded(b)), key=len)
    return x != y and not (y.startswith(x) and y[len(x) :] in INFLECTIONS or y.startswith(x + "-"))


def _alike(a: str, b: str) -> bool:
    """Spelling variants of one entity's name: "Zelensky"/"Zelenskyy", "Kiev"/"Kyiv"."""
    if not _spelling_pair(a, b):
        return False
    x, y = _folded(a), _folded(b)
    return (
        x[:1] == y[:1]
        and JaroWinkler.similarity(x, y) >= SIMILARITY
        and Levenshtein.distance(x, y) <= 3
    )


def _close(a: str, b: str) -> bool:
    """Between two entities only near-identical spellings count ("Lavrov"/"Lawrow",
    "Peskov"/"Peskow"), so that namesakes ("Scholz"/"Schroder") stay apart."""
    if not _spelling_pair(a, b) or min(len(a), len(b)) < 5:
        return False
    x, y = _folded(a), _folded(b)
    # a short name allows one letter ("Vulin" and "Vucic" are two people)
    edits = ACROSS_EDITS if min(len(x), len(y)) > 5 else 1
    return x[:1] == y[:1] and Levenshtein.distance(x, y) <= edits


def _known_spellings(e: Entity, kb: KB) -> set[str]:
    """Last words of the names the knowledge base gives the entity's record."""
    rec = kb.get(e.kb_id) if e.kb_id else None
    if rec is None:
        return set()
    return {_key(n) for n in (rec.name, *rec.aliases, *rec.surnames)}


def _transliterated(a: str, b: str, known: set[str]) -> bool:
    """Two spellings the knowledge base lists for one record may differ in their first
    letter ("Kharkiv"/"Charkiw") or by an ending ("Donbas"/"Donbass"), but must still be
    alike ("Vienna"/"Wien" are not)."""
    if a not in known or b not in known or not _words(a, b):
        return False
    x, y = _folded(a), _folded(b)
    return x != y and JaroWinkler.similarity(x, y) >= KNOWN


def _may_be_one(a: Entity, b: Entity, kb: KB):
    """How two entities' forms are compared to count as one actor's, or None."""
    if a.kind == b.kind and a.kind in ("person", "place"):
        if a.kb_id and b.kb_id or a.kind == "person" and _two_first_names(a, b):
            return None
        return _close
    for person, other in ((a, b), (b, a)):
        # the tagger calls an unknown spelling of a known surname an organisation ("Peskoff
        # said", "Sulliwan announced"): one word, linked to nothing
        lone = other.kb_id is None and len(other.name.split()) == 1
        known = person.kind == "person" and person.kb_id is not None
        if known and lone and other.kind in ("organization", "other"):
            return _close
    for state, place in ((a, b), (b, a)):
        capital = kb.capital_place.get(state.kb_id or "")
        if state.kind == "state" and place.kind == "place" and place.kb_id == capital:
            return _alike
    return None


def _first_letters(e: Entity) -> set[str]:
    return {i[0] for m in e.mentions if (i := _initial(m.text))}


def _two_first_names(a: Entity, b: Entity) -> bool:
    """Both are written with a first name or initial, and no two of them begin alike."""
    x, y = _first_letters(a), _first_letters(b)
    return bool(x and y and not x & y)


def _initials_differ(e: Entity) -> bool:
    """One person written with an initial that is not their first name's ("A. Kirby" beside
    "John Kirby"): the same surname, two first letters."""
    if e.kind != "person":
        return False
    found = [(_key(m.text), i) for m in e.mentions if (i := _initial(m.text))]
    for key in {k for k, _ in found}:
        letters = {letter for k, (letter, _) in found if k == key}
        if len(letters) > 1 and any(only for k, (_, only) in found if k == key):
            return True
    return False


_PEOPLE: dict[int, tuple[KB, frozenset[str]]] = {}


def _people_words(kb: KB) -> frozenset[str]:
    """Last words of the demonyms ("Korean") and their plurals, folded (made once a KB)."""
    made = _PEOPLE.get(id(kb))
    if made is None or made[0] is not kb:
        words = {_folded(d.split()[-1]) for r in kb.records.values() for d in r.demonyms if d}
        made = _PEOPLE[id(kb)] = (kb, frozenset(words | {w + "s" for w in words}))
    return made[1]


def _flag(entities: list[Entity], spelled: list[str], counts: Counter, key=_key) -> Flag:
    spans = tuple(
        sorted(
            (m for e in entities for m in e.mentions if key(m.text) in spelled),
            key=lambda m: m.start,
        )  # fmt: skip
    )
    listing = ", ".join(f"“{f}” ({counts[f]}×)" for f in spelled)
    name = entities[0].name
    return Flag(
        kind="name_variant",
        severity="info",
        message=f"{name} is spelled {len(spelled)} ways in this article: {listing}",
        spans=spans,
        evidence={
            "entity": entities[0].id,
            "entities": [e.id for e in entities],
            "kb_id": entities[0].kb_id,
            "forms": dict(counts),
        },
    )


def _own_forms(e: Entity) -> list[str]:
    counts = Counter(_key(m.text) for m in e.mentions)
    return [f for f in counts if any(_key(v) == f for v in e.variants)]


def _sharing_initials(entities: list[Entity]) -> list[tuple[Entity, Entity]]:
    """Pairs of entities with forms that start with the same folded letter, in the order
    ``combinations`` gives them: spellings compared across entities must (``_alike``,
    ``_close``), so no other pair can match. Entities are grouped by initial first, so the
    cost follows the pairs that share one, not every pair of the article."""
    by_initial: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(entities):
        for initial in {_folded(_key(m.text))[:1] for m in e.mentions} - {""}:
            by_initial[initial].append(i)
    pairs = {pair for ids in by_initial.values() for pair in combinations(ids, 2)}
    return [(entities[i], entities[j]) for i, j in sorted(pairs)]


def name_variants(entities: list[Entity], kb: KB) -> list[Flag]:
    flags = []
    flagged: set[str] = set()
    for e in entities:
        forms = _own_forms(e)
        known = _known_spellings(e, kb)
        people = _people_words(kb)
        spelled = sorted(
            {
                f
                for f in forms
                for g in forms
                if (_alike(f, g) or _transliterated(f, g, known))
                and not {_folded(f), _folded(g)} & people
            }
        )
        if len(spelled) < 2 and _initials_differ(e):
            written = Counter(m.text for m in e.mentions if _initial(m.text))
            flags.append(_flag([e], sorted(written), written, key=str))
            flagged.add(e.id)
        elif len(spelled) >= 2:
            flags.append(_flag([e], spelled, Counter(_key(m.text) for m in e.mentions)))
            flagged.add(e.id)
    forms: dict[str, set[str]] = {}  # entity id -> its forms, made once
    for a, b in _sharing_initials(entities):
        same = _may_be_one(a, b, kb)
        if same is None or a.id in flagged or b.id in flagged:
            continue
        for e in (a, b):
            if e.id not in forms:
                forms[e.id] = {_key(m.text) for m in e.mentions}
        people = _people_words(kb)
        pairs = [
            (f, g)
            for f in forms[a.id]
            for g in forms[b.id]
            if same(f, g) and not {_folded(f), _folded(g)} & people
        ]
        if not pairs:
            continue
        spelled = sorted({x for pair in pairs for x in pair})
        counts = Counter(_key(m.text) for e in (a, b) for m in e.mentions)
        flags.append(_flag([a, b], spelled, counts))
        flagged |= {a.id, b.id}
    return flags
