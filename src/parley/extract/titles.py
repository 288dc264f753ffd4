"""Title mentions: "the Ukrainian president", "Russia's foreign minister", "the Kremlin
spokesman", "the president of Ukraine" resolve to whoever held that office on the
publication date (or, without a date, to a holder the article names)."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from parley.extract.gazetteer import Match
from parley.extract.mentions import Mention
from parley.kb import KB

_FM = ("foreign_minister", "secretary_of_state")
OFFICES: dict[tuple[str, ...], tuple[str, ...]] = {
    ("president",): ("president",),
    ("vice", "president"): ("vice_president",),
    ("vice", "-", "president"): ("vice_president",),
    ("prime", "minister"): ("prime_minister",),
    ("premier",): ("prime_minister",),
    ("chancellor",): ("chancellor",),
    ("foreign", "minister"): _FM,
    ("foreign", "secretary"): _FM,
    ("foreign", "affairs", "minister"): _FM,
    ("top", "diplomat"): _FM,
    ("secretary", "of", "state"): ("secretary_of_state", "foreign_minister"),
    ("defence", "minister"): ("defence_minister",),
    ("defense", "minister"): ("defence_minister",),
    ("defence", "secretary"): ("defence_minister",),
    ("defense", "secretary"): ("defence_minister",),
    ("spokesman",): ("spokesperson",),
    ("spokeswoman",): ("spokesperson",),
    ("spokesperson",): ("spokesperson",),
    ("press", "secretary"): ("spokesperson",),
    ("national", "security", "adviser"): ("national_security_adviser",),
    ("national", "security", "advisor"): ("national_security_adviser",),
    ("secretary", "-", "general"): ("secretary_general",),
    ("secretary", "general"): ("secretary_general",),
    ("king",): ("king",),
    ("leader",): ("president", "prime_minister", "chancellor", "king", "supreme_leader"),
}
_LONGEST = max(len(k) for k in OFFICES)


def _office_at(lowers: list[str], i: int) -> tuple[int, tuple[str, ...]] | None:
    """(end token, offices) of the longest office phrase starting at token i."""
    for n in range(_LONGEST, 0, -1):
        words = tuple(lowers[i : i + n])
        if len(words) == n and words in OFFICES:
            return i + n, OFFICES[words]
    return None


def _owner(kb: KB, ids: tuple[str, ...]) -> str | None:
    rec = kb.get(ids[0])
    if rec is None:
        return None
    return rec.country if rec.kind == "state" else rec.id


def _resolve(kb: KB, offices: tuple[str, ...], of: str, day: date | None, named: set[str]):
    for office in offices:
        holders = kb.holders(office, of, day)
        in_text = [h for h in holders if h.id in named]
        if in_text:
            return in_text[0]
        if day is not None and len(holders) == 1 and len(offices) <= 2:
            return holders[0]
    return None


def _owner_then_office(lowers: list[str], i: int, owners: dict[int, Match]):
    """ "Ukrainian president", "Russia's foreign minister", "the Kremlin spokesman"."""
    owner = owners.get(i)
    if owner is None:
        return None
    j = owner.end + (owner.end < len(lowers) and lowers[owner.end] in ("'s", "’s"))
    office = _office_at(lowers, j)
    return (i, office[0], owner, office[1]) if office else None


def _office_of_owner(lowers: list[str], i: int, owners: dict[int, Match]):
    """ "the president of Ukraine"."""
    if lowers[i] != "the":
        return None
    office = _office_at(lowers, i + 1)
    if not office or office[0] >= len(lowers) or lowers[office[0]] != "of":
        return None
    owner = owners.get(office[0] + 1)
    if owner is None or owner.how == "demonym":
        return None
    return (i, owner.end, owner, office[1])


def find_titles(
    doc: Doc, matches: list[Match], kb: KB, day: date | None, named: set[str]
) -> list[Mention]:
    """Title mentions resolved to a knowledge-base person; ``named`` are persons named by name."""
    owners: dict[int, Match] = {}
    for m in matches:
        if m.how in ("name", "metonym", "demonym") and m.end - m.start > (
            owners[m.start].end - m.start if m.start in owners else 0
        ):
            owners[m.start] = m
    person_starts = {m.start for m in matches if m.ids[0].startswith("person:")}
    out = []
    lowers = [t.lower_ for t in doc]
    for i in range(len(doc)):
        if i not in owners and not (lowers[i] == "the" and _office_at(lowers, i + 1)):
            continue
        hit = _owner_then_office(lowers, i, owners) or _office_of_owner(lowers, i, owners)
        if hit is None:
            continue
        start, end, owner, offices = hit
        if end in person_starts:
            continue  # "Ukrainian President Volodymyr Zelensky": the name is the mention
        of = _owner(kb, owner.ids)
        person = _resolve(kb, offices, of, day, named) if of else None
        if person is None:
            continue
        if start > 0 and lowers[start - 1] == "the":
            start -= 1
        span = doc[start:end]
        out.append(
            Mention(span.start_char, span.end_char, person.id, "title", "person", (start, end))
        )
    return out
