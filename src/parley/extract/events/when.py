"""When an event happened: the time expression that governs its trigger, else the article date.

A time expression governs an event when, climbing the dependency tree from the expression,
one reaches the trigger or one of the words between the trigger and its clause's verb
without passing through another verb ("talks in Istanbul … in 2012", "arrested … on
Saturday"). Only dates and times with a calendar value count ("2025-12-21", "2022-03",
"2012"); durations ("six months") and vague references ("recently") do not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc, Token

from parley.model import TimeExpr, When

VALUE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:T.*)?$")
MAX_CLIMB = 7
BOUNDS = {"since", "until", "till", "before", "after"}
HISTORICAL_GAP = timedelta(days=365)
# an event before the war going on now is background once it is this old
BEFORE_PERIOD_GAP = timedelta(days=90)
PAST_AUX = {"had", "'d", "was", "were", "has", "have"}
OUTER_CLAUSES = 2  # clauses above a past event's own whose year or month may date it


@dataclass(frozen=True, slots=True)
class Anchored:
    root: Token
    when: When
    last_day: date


def _parse(value: str) -> tuple[str, str, date] | None:
    m = VALUE.match(value)
    if not m:
        return None
    year, month, day = m.group(1), m.group(2), m.group(3)
    try:
        if day:
            d = date(int(year), int(month), int(day))
            return f"{year}-{month}-{day}", "day", d
        if month:
            nxt = date(int(year) + (month == "12"), int(month) % 12 + 1, 1)
            return f"{year}-{month}", "month", nxt - timedelta(days=1)
        return year, "year", date(int(year), 12, 31)
    except ValueError:
        return None


def anchored_times(doc: Doc, times: list[TimeExpr] | tuple[TimeExpr, ...]) -> list[Anchored]:
    """The calendar-valued time expressions, each with its syntactic root token."""
    out = []
    for t in times:
        if t.type not in ("DATE", "TIME"):
            continue
        parsed = _parse(t.value)
        if parsed is None:
            continue
        span = doc.char_span(t.span.start, t.span.end, alignment_mode="expand")
        if span is None:
            continue
        value, precision, last = parsed
        out.append(Anchored(span.root, When(value, precision, t.span), last))
    return out


def _path(trigger: Token, anchor: Token) -> dict[int, int]:
    """Tokens from the trigger up to its clause's verb (inclusive), with their distance."""
    path = {}
    for start in (trigger, anchor):
        t, d = start, 0
        for _ in range(8):
            path.setdefault(t.i, d)
            if t.pos_ in ("VERB", "AUX") and t.i != trigger.i or t.head.i == t.i:
                break
            t, d = t.head, d + 1
    return path


def governing_time(
    trigger: Token, anchor: Token, candidates: list[Anchored], sent: tuple[int, int]
) -> Anchored | None:
    """The time expression of sentence ``sent`` (token bounds) that governs the event: its
    own, else the year or month of the past clause around it (``_outer_period``)."""
    own = _own_time(trigger, anchor, candidates, sent)
    return own if own is not None else _outer_period(anchor, candidates, sent)


def _own_time(
    trigger: Token, anchor: Token, candidates: list[Anchored], sent: tuple[int, int]
) -> Anchored | None:
    path = _path(trigger, anchor)
    best: tuple[int, Anchored] | None = None
    for cand in candidates:
        r = cand.root
        if not (sent[0] <= r.i < sent[1]):
            continue
        t, climbed = r, 0
        while climbed <= MAX_CLIMB:
            if t.i in path:
                score = climbed + path[t.i]
                if best is None or score < best[0]:
                    best = (score, cand)
                break
            if t.head.i == t.i or (t.i != r.i and t.pos_ in ("VERB", "AUX")):
                break
            if t.lower_ in BOUNDS and t.dep_ in ("prep", "mark"):
                break  # "since 2012, no talks": a start, not the date of the event
            t, climbed = t.head, climbed + 1
    return best[1] if best else None


def _past(verb: Token) -> bool:
    """A verb in the past tense or the past perfect ("attacked", "was stopped", "had led")."""
    if verb.tag_ == "VBD":
        return True
    return verb.tag_ == "VBN" and any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in PAST_AUX for c in verb.children
    )


def _clause_verb(tok: Token) -> Token | None:
    t = tok
    for _ in range(MAX_CLIMB):
        if t.pos_ in ("VERB", "AUX"):
            return t
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def _outer_period(
    anchor: Token, candidates: list[Anchored], sent: tuple[int, int]
) -> Anchored | None:
    """A year or month that governs the clause around a past event's own clause: "In 2019,
    the elections were postponed because the fighting resumed", "In March 2020 we sent a
    mission to the capital". Only a year or a month counts (a period, not the day of another act),
    and only when every clause on the way is in the past."""
    verb = _clause_verb(anchor)
    if verb is None or not (_past(verb) or verb.tag_ in ("VB", "VBG")):
        return None
    periods = [c for c in candidates if c.when.precision in ("year", "month")]
    if not periods:
        return None
    if verb.dep_ == "relcl" and _past(verb):  # "the 2020 election, which sparked protests"
        found = _own_time(verb.head, verb.head, periods, sent)
        if found is not None:
            return found
    outer = verb
    for _ in range(OUTER_CLAUSES):
        if outer.head.i == outer.i:
            return None
        up = _clause_verb(outer.head)
        if up is None or up.i == outer.i or not _past(up):
            return None
        found = _own_time(up, up, periods, sent)
        if found is not None:
            return found
        outer = up
    return None


def is_historical(found: Anchored, anchor: date | None, period: date | None = None) -> bool:
    """Whether the event ``found`` dates is background to an article of ``anchor``: over
    ``HISTORICAL_GAP`` old, or before ``period`` (the start of the war the article is set
    in, ``known.current_period``) and over ``BEFORE_PERIOD_GAP`` old."""
    if anchor is None:
        return False
    last = found.last_day
    if last < anchor - HISTORICAL_GAP:
        return True
    return period is not None and last < period and last < anchor - BEFORE_PERIOD_GAP


def is_ahead(found: Anchored, anchor: date | None) -> bool:
    """Whether the day or month ``found`` names lies wholly after the publication date
    ``anchor`` ("on Wednesday", "in June" in an April article): what is dated there has not
    happened. A year is too wide to say so ("as the 2024 campaign begins")."""
    if anchor is None or found.when.precision not in ("day", "month"):
        return False
    last = found.last_day
    first = last if found.when.precision == "day" else last.replace(day=1)
    return first > anchor


def publication(anchor: date | None) -> When | None:
    return When(anchor.isoformat(), "day", None, "published") if anchor is not None else None
