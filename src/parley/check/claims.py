"""``claims``: the checkable statements of an article, ranked by how much they deserve a check.

Every sentence that states something a fact-checker could verify becomes a claim of one kind:

* ``temporal``: a date the sentence attaches to a known event of the timeline;
* ``numeric``: a count, amount or share ("killed 12 people", "$9.1 billion", "40%");
* ``causal``: one thing said to cause another ("because", "led to", "in response to");
* ``attribution``: what a named or unnamed source is reported to have said.

``checkworthy`` (0–1) adds up what makes a statement worth checking: a number, an explicit
date, a named actor, a coded event, a cause; a hedge, a question or a headline lowers it.
The verdict is ``conflicts`` when a check flagged the sentence (a date against the timeline,
two statements that disagree), ``consistent`` when its date fits the known event it names,
and ``unverified`` otherwise; ``evidence`` says why.
"""

from __future__ import annotations

import bisect
import re
from datetime import date

from spacy.tokens import Doc

from parley.check.dates import Attachment, fits
from parley.model import Claim, Entity, Event, Flag, Quote, Sentence, Span

NUMERIC_LABELS = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY"}
_CAUSAL = re.compile(
    r"\b(?:because|due\s+to|as\s+a\s+result\s+of|led\s+to|leads\s+to|caused|causing"
    r"|in\s+response\s+to|resulted\s+in|triggered|prompted|owing\s+to|thanks\s+to)\b",
    re.I,
)
_COUNT = re.compile(r"\d|hundred|thousand|million|billion|dozens", re.I)
CONFLICT_KINDS = {"date_conflict", "internal_inconsistency"}
MIN_WORTH = 0.3  # statements below this are not listed


def _sentence_of(starts: list[int], offset: int) -> int:
    return max(0, bisect.bisect_right(starts, offset) - 1)


def _numbers(doc: Doc) -> list[int]:
    """Start offsets of numbers that count something (not years, not ordinals)."""
    return [
        e.start_char
        for e in doc.ents
        if e.label_ in NUMERIC_LABELS
        and not re.fullmatch(r"(?:19|20)\d\d", e.text)
        and (e.label_ != "CARDINAL" or _COUNT.search(e.text))  # not "the two countries"
    ]


def _score(has: dict[str, bool]) -> float:
    score = 0.1
    score += 0.3 if has["number"] else 0.0
    score += 0.25 if has["date"] else 0.0
    score += 0.15 if has["actor"] else 0.0
    score += 0.15 if has["event"] else 0.0
    score += 0.1 if has["cause"] else 0.0
    score -= 0.15 if has["hedged"] else 0.0
    score -= 0.3 if has["question"] or has["headline"] else 0.0
    return round(min(1.0, max(0.0, score)), 2)


def find_claims(
    doc: Doc,
    text: str,
    sentences: tuple[Sentence, ...],
    entities: list[Entity],
    quotes: list[Quote],
    events: list[Event],
    attached: list[Attachment],
    flags: list[Flag],
    anchor: date | None,
) -> list[Claim]:
    starts = [s.start for s in sentences]
    per: dict[int, dict] = {}

    def mark(offset: int, key: str, value=True) -> None:
        row = per.setdefault(_sentence_of(starts, offset), {})
        row.setdefault(key, []).append(value)

    for start in _numbers(doc):
        mark(start, "number")
    for a in attached:
        mark(a.expr.span.start, "date", a)
    for e in entities:
        if e.kind in ("state", "person", "organization", "group", "government"):
            for m in e.mentions:
                mark(m.start, "actor")
    for ev in events:
        mark(ev.trigger.start, "event", ev)
    for q in quotes:
        mark(q.content.start, "quote", q)
    for f in flags:
        for s in f.spans[:2]:
            mark(s.start, f.kind, f)
    claims: list[Claim] = []
    for i, sent in enumerate(sentences):
        row = per.get(i, {})
        body = text[sent.start : sent.end]
        has = {
            "number": "number" in row,
            "date": any(a.deciding for a in row.get("date", ())),
            "actor": "actor" in row,
            "event": "event" in row,
            "cause": _CAUSAL.search(body) is not None,
            "hedged": "hedge" in row,
            "question": body.rstrip().endswith("?"),
            "headline": not body.rstrip().endswith((".", "!", "?", '"', "”", "’", "'")),
        }
        kind = (
            "temporal" if has["date"]
            else "numeric" if has["number"]
            else "causal" if has["cause"]
            else "attribution" if "quote" in row
            else None
        )  # fmt: skip
        if kind is None:
            continue
        worth = _score(has)
        if worth < MIN_WORTH:
            continue
        verdict, evidence = _verdict(row, anchor)
        span = Span.of(text, sent.start, sent.end)
        claims.append(Claim(f"C{len(claims) + 1}", span, kind, worth, verdict, evidence))
    return claims


def _verdict(row: dict, anchor: date | None) -> tuple[str, tuple]:
    conflicts = [f for kind in CONFLICT_KINDS for f in row.get(kind, ())]
    if conflicts:
        return "conflicts", tuple({"flag": f.kind, "message": f.message} for f in conflicts)
    fitting = [
        {"stated": a.expr.value, "fact": f.describe()}
        for a in row.get("date", ())
        for f in a.deciding
        if fits(f, a.period, anchor)
    ]
    if fitting:
        return "consistent", tuple(fitting)
    quotes = row.get("quote", ())
    if quotes:
        return "unverified", tuple({"quote": q.id} for q in quotes)
    return "unverified", ()
