"""``date_conflict`` for titles: "President X" when X did not hold that office then.

A title written before a knowledge-base person's name ("President Joe Biden", "Foreign
Minister Dmytro Kuleba") is checked against the person's dated roles on the day the
sentence speaks of: a date that opens the sentence ("In 2015, President Zelensky ..."), or
a day close to publication ("President Biden said on Monday"). A sentence that names no
time is not judged. "former", "ex-",
"then", "late", "acting" and "outgoing" before the title make it a past or qualified one and
are left alone, and so is a person the knowledge base gives no role of that office at all
(the gap is the knowledge base's, not the article's).
"""

from __future__ import annotations

import re
from datetime import date

from parley.check.dates import YEAR, SentenceAt, opens_sentence, period_of
from parley.kb import KB, Record
from parley.model import Entity, Flag, Sentence, Span, TimeExpr

RECENT_DAYS = 14
OFFICES = {
    "president": ("president",),
    "prime minister": ("prime_minister",),
    "premier": ("prime_minister",),
    "chancellor": ("chancellor",),
    "foreign minister": ("foreign_minister", "secretary_of_state"),
    "foreign secretary": ("foreign_minister",),
    "secretary of state": ("secretary_of_state", "foreign_minister"),
    "defence minister": ("defence_minister",),
    "defense minister": ("defence_minister",),
    "defense secretary": ("defence_minister",),
    "defence secretary": ("defence_minister",),
    "secretary-general": ("secretary_general",),
    "secretary general": ("secretary_general",),
}
_TITLE = re.compile(
    r"(?P<qualifier>\b(?:former|ex-|then-?|late|acting|outgoing|incoming|interim|future)\s*)?"
    r"\b(?:[A-Z][\w.'’-]*\s+)??"  # "Ukrainian", "U.S.", "Russia's"
    r"(?P<title>" + "|".join(sorted(OFFICES, key=len, reverse=True)) + r")\s+$",
    re.I,
)


def _day_of(
    mention: Span,
    text: str,
    sentence_at: SentenceAt,
    times: list[TimeExpr],
    anchor: date | None,
) -> tuple[tuple[date, date], str] | None:
    """The days the mention's sentence speaks of: a date stated in the mention's clause, else
    a recent day it names ("said on Monday"); None when it names no time (a title in a
    sentence about the past is too often written without "former" to judge)."""
    sent = sentence_at(mention.start)
    if sent is None:
        return None
    for t in times:
        if t.type != "DATE" or not sent.start <= t.span.start < sent.end:
            continue
        period = period_of(t.value[:10])
        if period is None:
            continue
        # "In 2015, President X ...": a date that opens the sentence dates all of it; one
        # further on may date something else ("... said the invasion began in 2014")
        fronted = t.span.end <= mention.start and opens_sentence(text, sent, t.span)
        recent = anchor is not None and abs((period[0] - anchor).days) <= RECENT_DAYS
        if (YEAR.search(t.span.text) and fronted) or recent:
            return period, f"“{t.span.text}” ({t.value})"
    return None


def _held(person: Record, offices: tuple[str, ...], first: date, last: date) -> bool | None:
    """Whether a role of ``offices`` overlaps [first, last]; None when there is none at all."""
    roles = [r for r in person.roles if r.office in offices]
    if not roles:
        return None
    return any(r.overlaps(first, last) for r in roles)


def title_conflicts(
    text: str,
    sentences: tuple[Sentence, ...],
    entities: list[Entity],
    times: list[TimeExpr],
    kb: KB,
    anchor: date | None,
) -> list[Flag]:
    flags = []
    sentence_at = SentenceAt(sentences)
    for e in entities:
        person = kb.get(e.kb_id) if e.kind == "person" and e.kb_id else None
        if person is None:
            continue
        for m in e.mentions:
            found = _TITLE.search(text, max(0, m.start - 40), m.start)
            if found is None or found["qualifier"] or found.end() != m.start:
                continue
            when = _day_of(m, text, sentence_at, times, anchor)
            if when is None:
                continue
            period, stated = when
            offices = OFFICES[found["title"].lower()]
            if _held(person, offices, *period) is not False:
                continue
            roles = [r for r in person.roles if r.office in offices]
            terms = "; ".join(
                f"{r.title or r.office} {r.start or '?'} to {r.end or 'now'}" for r in roles
            )
            title = Span.of(text, found.start("title"), m.end)
            flags.append(
                Flag(
                    kind="date_conflict",
                    severity="warning",
                    message=f"“{title.text}”: {person.name} did not hold that office at "
                    f"{stated} ({terms})",
                    spans=(title,),
                    evidence={
                        "person": person.id,
                        "title": found["title"].lower(),
                        "roles": [r.title or r.office for r in roles],
                    },  # fmt: skip
                )
            )
            break  # one flag per person is enough
    return flags
