"""``internal_inconsistency``: two statements of one article that cannot both hold.

Two kinds are checked, both about time, where a contradiction can be shown rather than
guessed:

* When something last happened. "the first direct negotiations in six months" says the
  last ones were about six months before publication; "since the collapse of talks in
  Istanbul in 2022, no direct negotiations have taken place" says they were in 2022. Both
  statements are read for the same kind of thing (talks, meetings, visits, calls,
  exchanges); their dates of the last occurrence are compared, with a tolerance.
* One known event of a month or less given two dates that do not overlap ("the Minsk II
  agreement of 2015" and later "the Minsk II agreement of 2017"); a war may rightly be
  dated by its start in one place and by its end in another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from parley.check.dates import Attachment, period_of
from parley.model import Flag, Sentence, Span, TimeExpr

# the kinds of happening compared, each with the words that name it
KINDS = {
    "talks": ("talks", "negotiations", "negotiation", "round", "round of talks", "dialogue"),
    "meeting": ("meeting", "meetings", "summit", "summits", "encounter"),
    "visit": ("visit", "visits", "trip"),
    "call": ("call", "calls", "phone call", "conversation"),
    "exchange": ("exchange", "exchanges", "swap", "prisoner exchange"),
}
_NOUN = "|".join(sorted({w for ws in KINDS.values() for w in ws}, key=len, reverse=True))
_NUMBER = {
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18,
}  # fmt: skip
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30.44, "year": 365.25}
# "the first direct negotiations in six months", "first meeting in over a year"
_FIRST_IN = re.compile(
    rf"\bfirst\s+(?:[\w-]+,?\s+){{0,3}}?(?P<noun>{_NOUN})\b[^.;]{{0,40}}?\b(?:in|for)\s+"
    r"(?:(?:more\s+than|over|almost|nearly|about)\s+)?(?P<n>\d+|[a-z]+)\s+"
    r"(?P<unit>day|week|month|year)s?\b",
    re.I,
)
# "Since X, no direct negotiations have taken place", "no talks have been held since X"
_NONE_SINCE = re.compile(
    rf"\b[Ss]ince\s+(?P<since>[^;.]{{3,160}}?),\s+no\s+(?:[\w-]+,?\s+){{0,4}}?(?P<noun>{_NOUN})"
    r"\s+ha(?:ve|s)\s+(?:taken\s+place|been\s+held|happened|occurred)"
    rf"|\bno\s+(?:[\w-]+,?\s+){{0,4}}?(?P<noun2>{_NOUN})\s+ha(?:ve|s)\s+(?:taken\s+place|been"
    r"\s+held|happened|occurred)\s+since\s+(?P<since2>[^;.]{3,160})",
    re.I,
)
TOLERANCE_DAYS = 92  # a quarter: "in six months" is read loosely
TOLERANCE_SHARE = 0.34  # or a third of the longer gap


@dataclass(frozen=True)
class LastTime:
    """A statement of when something of ``kind`` last happened (``last``: at the latest)."""

    kind: str
    last: date
    span: Span
    how: str


def _kind(noun: str) -> str:
    noun = noun.lower()
    return next(k for k, words in KINDS.items() if noun in words)


def _first_in(text: str, sent: Sentence, anchor: date) -> list[LastTime]:
    out = []
    for m in _FIRST_IN.finditer(text, sent.start, sent.end):
        n = m["n"].lower()
        count = int(n) if n.isdigit() else _NUMBER.get(n)
        if count is None:
            continue
        days = count * _UNIT_DAYS[m["unit"].lower()]
        last = anchor - timedelta(days=round(days))
        how = f"about {count} {m['unit'].lower()}(s) before publication"
        out.append(LastTime(_kind(m["noun"]), last, Span.of(text, m.start(), m.end()), how))
    return out


def _since_date(
    lo: int, hi: int, times: list[TimeExpr], attached: list[Attachment]
) -> tuple[date, str] | None:
    """The latest day the "since ..." phrase between ``lo`` and ``hi`` can mean: a date it
    states, else the end of the known event it names."""
    for a in attached:
        if lo <= a.expr.span.start < hi:
            return a.period[1], f"since {a.expr.span.text}"
    for t in times:
        if lo <= t.span.start < hi and re.match(r"^\d{4}", t.value):
            period = period_of(t.value[:10])
            if period:
                return period[1], f"since {t.span.text}"
    return None


def _none_since(
    text: str, sent: Sentence, times: list[TimeExpr], attached: list[Attachment]
) -> list[LastTime]:
    out = []
    for m in _NONE_SINCE.finditer(text, sent.start, sent.end):
        group = "since" if m["since"] else "since2"
        found = _since_date(m.start(group), m.end(group), times, attached)
        if found is None:
            continue
        noun = m["noun"] or m["noun2"]
        out.append(LastTime(_kind(noun), found[0], Span.of(text, m.start(), m.end()), found[1]))
    return out


def _apart(a: LastTime, b: LastTime, anchor: date) -> bool:
    gap = abs((a.last - b.last).days)
    longer = max((anchor - a.last).days, (anchor - b.last).days, 1)
    return gap > TOLERANCE_DAYS and gap > TOLERANCE_SHARE * longer


def _recency(statements: list[LastTime], anchor: date) -> list[Flag]:
    flags = []
    for i, a in enumerate(statements):
        for b in statements[i + 1 :]:
            if a.kind != b.kind or a.how[:5] == b.how[:5] or not _apart(a, b, anchor):
                continue
            first, second = sorted((a, b), key=lambda s: s.span.start)
            flags.append(
                Flag(
                    kind="internal_inconsistency",
                    severity="warning",
                    message=(
                        f"“{first.span.text}” and “{second.span.text}” disagree on when the "
                        f"last {a.kind} took place ({first.how}: {first.last.isoformat()[:7]};"
                        f" {second.how}: {second.last.isoformat()[:7]})"
                    ),
                    spans=(first.span, second.span),
                    evidence={
                        "kind": a.kind,
                        "statements": [
                            {"text": s.span.text, "last": s.last.isoformat(), "reading": s.how}
                            for s in (first, second)
                        ],
                    },
                )
            )
    return flags


def _brief(fact) -> bool:
    """An event of a month or less: two stated dates for it that do not meet disagree."""
    return fact.start is not None and fact.end is not None and (fact.end - fact.start).days <= 31


def _same_event_two_dates(attached: list[Attachment]) -> list[Flag]:
    flags = []
    seen: dict[str, Attachment] = {}
    for a in attached:
        for fact in a.deciding:
            if not _brief(fact):
                continue  # a war is rightly dated by its start and by its end
            before = seen.get(fact.id)
            if before is None:
                seen[fact.id] = a
                continue
            (s1, e1), (s2, e2) = before.period, a.period
            if e1 < s2 or e2 < s1:
                flags.append(
                    Flag(
                        kind="internal_inconsistency",
                        severity="warning",
                        message=(
                            f"{fact.name} is dated “{before.expr.span.text}” and later "
                            f"“{a.expr.span.text}” in this article"
                        ),
                        spans=(before.expr.span, a.expr.span),
                        evidence={
                            "fact": fact.describe(),
                            "stated": [before.expr.value, a.expr.value],
                        },  # fmt: skip
                    )
                )
    return flags


def inconsistencies(
    sentences: tuple[Sentence, ...],
    text: str,
    times: list[TimeExpr],
    attached: list[Attachment],
    anchor: date | None,
) -> list[Flag]:
    flags = _same_event_two_dates(attached)
    if anchor is None:
        return flags  # "in six months" needs the publication date
    statements: list[LastTime] = []
    for sent in sentences:
        statements += _first_in(text, sent, anchor)
        statements += _none_since(text, sent, times, attached)
    return flags + _recency(statements, anchor)
