"""``name_variant``: one actor spelled several ways in one article ("Zelensky" and
"Zelenskyy", "Kiev" and "Kyiv").

Different *names* for one actor ("Russia", "Moscow", "the Kremlin") are not variants; two
forms are spelling variants when their last words differ but are alike letter by letter.
"""

from __future__ import annotations

from collections import Counter

from rapidfuzz.distance import JaroWinkler

from parley.extract.entities import fold
from parley.model import Entity, Flag

SIMILARITY = 0.75  # Jaro-Winkler similarity of the folded, lowercased last words


def _key(form: str) -> str:
    words = form.replace("’s", "").replace("'s", "").split()
    return words[-1] if words else form


def _alike(a: str, b: str) -> bool:
    """Spelling variants: "Zelensky"/"Zelenskyy", "Kiev"/"Kyiv"; not acronyms ("US"/"USA")."""
    if min(len(a), len(b)) < 4 or a.isupper() or b.isupper():
        return False
    x, y = fold(a).lower(), fold(b).lower()
    return x != y and x[:1] == y[:1] and JaroWinkler.similarity(x, y) >= SIMILARITY


def name_variants(entities: list[Entity]) -> list[Flag]:
    flags = []
    for e in entities:
        counts = Counter(_key(m.text) for m in e.mentions)
        forms = [f for f in counts if any(_key(v) == f for v in e.variants)]
        spelled = sorted({f for f in forms for g in forms if _alike(f, g)})
        if len(spelled) < 2:
            continue
        spans = tuple(m for m in e.mentions if _key(m.text) in spelled)
        listing = ", ".join(f"“{f}” ({counts[f]}×)" for f in spelled)
        flags.append(
            Flag(
                kind="name_variant",
                severity="info",
                message=f"{e.name} is spelled {len(spelled)} ways in this article: {listing}",
                spans=spans,
                evidence={"entity": e.id, "kb_id": e.kb_id, "forms": dict(counts)},
            )
        )
    return flags
