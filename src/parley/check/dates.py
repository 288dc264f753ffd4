"""``date_conflict``: a year or date the text attaches to a known event that the timeline
contradicts ("the collapse of talks in Istanbul during the early weeks of the war in 2012").

A fact is *cued* in the clause of the date (the stretch of its sentence between commas,
semicolons, colons, dashes or brackets) by one of its names ("the Istanbul talks"), or by its place
together with a word for its kind ("talks in Istanbul"), or — for wars — by the word "war"
when the article's actors include the war's parties. An explicit date in that sentence
conflicts when it fits none of the cued facts. A date that fits any of them is left alone:
a correct date is never flagged.
"""

from __future__ import annotations

import functools
import re
from datetime import date

from parley.kb import parse_day
from parley.kb.facts import KIND_WORDS, Fact
from parley.model import Entity, Flag, Sentence, Span, TimeExpr

_CLAUSE_BREAK = re.compile(r"[,;:()\u2014\u2013]|\s-\s")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_VALUE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
CUE_THRESHOLD = 2


def _period(value: str) -> tuple[date, date] | None:
    """First and last day of a TIMEX3 DATE value with an explicit year."""
    if not _VALUE.match(value):
        return None
    return parse_day(value), parse_day(value, end=True)


@functools.cache
def _phrases(phrases: tuple[str, ...]) -> re.Pattern | None:
    """One compiled pattern for any of the phrases as whole words, case-insensitive."""
    if not phrases:
        return None
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(r"(?<!\w)(?:" + alternatives + r")(?!\w)", re.I)


def _has(clause: str, phrases: tuple[str, ...]) -> bool:
    pattern = _phrases(phrases)
    return pattern is not None and pattern.search(clause) is not None


def _cue(fact: Fact, clause: str, parties: set[str]) -> int:
    """How strongly the clause points at the fact (0: not at all)."""
    if _has(clause, tuple(a for a in fact.aliases if len(a) > 3)):
        return 3
    if not _has(clause, tuple(KIND_WORDS.get(fact.kind, ()))):
        return 0
    if _has(clause, tuple(p for p in fact.places if len(p) > 2)):
        return 2
    if fact.kind in ("war", "war_phase", "invasion") and set(fact.participants) <= parties:
        return 2 if len(fact.participants) >= 2 else 0
    return 0


def _clause(text: str, sent: Sentence, span: Span) -> str:
    """The part of the sentence around ``span`` not cut by clause punctuation."""
    before = text[sent.start : span.start]
    after = text[span.end : sent.end]
    cuts = list(_CLAUSE_BREAK.finditer(before))
    start = cuts[-1].end() if cuts else 0
    cut = _CLAUSE_BREAK.search(after)
    end = cut.start() if cut else len(after)
    return before[start:] + span.text + after[:end]


def _message(expr: TimeExpr, facts: list[Fact]) -> str:
    parts = []
    for f in facts[:3]:
        if f.end_text is None:
            parts.append(f"{f.name} began on {f.start_text}")
        elif f.end_text == f.start_text:
            parts.append(f"{f.name} took place on {f.start_text}")
        else:
            parts.append(f"{f.name} ran from {f.start_text} to {f.end_text}")
    return f"“{expr.span.text}” does not fit the known timeline: " + "; ".join(parts)


def date_conflicts(
    sentences: tuple[Sentence, ...],
    text: str,
    times: list[TimeExpr],
    entities: list[Entity],
    facts: tuple[Fact, ...],
    anchor: date | None,
) -> list[Flag]:
    parties = {f"state:{e.country.lower()}" for e in entities if e.kind == "state" and e.country}
    parties |= {e.kb_id for e in entities if e.kb_id}
    flags = []
    for expr in times:
        if expr.type != "DATE" or not _YEAR.search(expr.span.text):
            continue  # only dates the text states, not "last year"
        period = _period(expr.value)
        sent = next((s for s in sentences if s.start <= expr.span.start < s.end), None)
        if period is None or sent is None:
            continue
        clause = _clause(text, sent, expr.span)
        cued = [(f, c) for f in facts if (c := _cue(f, clause, parties)) >= CUE_THRESHOLD]
        if not cued or any(f.overlaps(*period, today=anchor) for f, _ in cued):
            continue
        cued.sort(key=lambda fc: (-fc[1], fc[0].start or date.min))
        evidence_facts = [f for f, _ in cued]
        flags.append(
            Flag(
                kind="date_conflict",
                severity="warning",
                message=_message(expr, evidence_facts),
                spans=(expr.span, Span.of(text, sent.start, sent.end)),
                evidence={
                    "stated": expr.value,
                    "facts": [f.describe() for f in evidence_facts[:5]],
                },
            )
        )
    return flags
