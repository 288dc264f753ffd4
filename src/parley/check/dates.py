"""``date_conflict``: a year or date the text attaches to a known event that the timeline
contradicts ("the collapse of talks in Istanbul during the early weeks of the war in 2012").

A fact is *cued* in the clause of the date (the stretch of its sentence between commas,
semicolons, colons, dashes or brackets) by one of its names ("the Istanbul talks") or by its
place together with a word for its kind ("talks in Istanbul"). Only such cues decide; "war"
when the article names the war's parties adds evidence but never raises a flag alone.
A date conflicts when it fits none of the facts cued by name, unless words between the
event and the date make it another date of the event's story ("renewed in 2017", "until
2013, prior to the annexation"). A date that fits any of them is left alone: a correct date
is never flagged.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

from parley.check.cues import (
    ALIAS_CUE,
    ROUND_CUE,
    Cue,
    capitals,
    cue,
    heads,
    shared_names,
    told,
    withdrawals,
)
from parley.check.timeline import Match, event_facts, fits_start, named_codes
from parley.days import parse_day
from parley.kb.facts import Fact
from parley.model import Entity, Event, Flag, Sentence, Span, TimeExpr
from parley.resources import Resources, load_resources

EXCUSING = (ALIAS_CUE, ROUND_CUE)  # cue levels whose fact, if its date fits, excuses a date
_FRONTED = re.compile(r"\s*(?:On|In|By|During|At|Back in)\s")
_CLAUSE_BREAK = re.compile(r"[,;:()\u2014\u2013]|\s-\s")
# a clause that describes the noun before it ("the invasion, launched in 2014", "the deal,
# which was signed in 2015"): the date is that noun's
_DESCRIBING = re.compile(
    r"\s*(?:(?:which|that|who)\b|\w+ed\b|began\b|begun\b|held\b|fought\b|broke\b"
    r"|took\b|struck\b|won\b|signed\b|(?:back\s+)?(?:in|on)?\s*$)",
    re.I,
)  # or a bare date set off after it ("the invasion, in February 2022,", "(24 February)")
_SINCE = re.compile(r"\bsince\b", re.I)
# a noun of another event that governs the one named after it ("withdrawal from", "the
# anniversary of", "the suspension of")
_GOVERNED = re.compile(
    r"\b(?:withdr\w*|exit|quit\w*|suspen\w*|extension|renewal|ratif\w*|expir\w*|anniversary"
    r"|termination|denunciation|revival)\s+(?:of|from|to)\s+(?:the\s+)?(?:\w+(?:'s|’s)?\s+)?$",
    re.I,
)
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")  # a date the text states, not "last year"
_VALUE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
MAX_WORDS_APART = 10
# a year followed directly by a word qualifies that word ("2024 contender", "2014 invasion")
_ATTRIBUTIVE = re.compile(
    r" (?!(?:and|or|to|in|on|at|when|after|before|as|the|a|an|was"
    r"|were|is|had|has)\b)[A-Za-z]"
)
_COORDINATED = re.compile(
    r"\b(?:and|but|then|while|whereas)\s+(?:then\s+)?(?:in|on|since|by|from)\s*$", re.I
)
_SPAN_END = {"to", "through", "thru"}
_PREPOSITIONS = {"in", "on", "of", "since", "by", "during", "from", "until", "till", "at"}
_RELATION = re.compile(
    r"\b(?:until|till|before|after|prior|following|ahead|anniversary|extend\w*|extension"
    r"|expir\w*|renew\w*|suspen\w*|ratif\w*|laps\w*|withdr\w*|ended|ends|end|later"
    r"|earlier|ago|not|never|n't|coming|upcoming|preparation|planned|expected)\b",
    re.I,
)


class SentenceAt:
    """The sentence holding a character offset, found by bisection (the sentences are in
    text order and do not overlap), so a look-up per mention or date stays cheap."""

    def __init__(self, sentences: tuple[Sentence, ...]) -> None:
        self.sentences = sentences
        self.starts = [s.start for s in sentences]

    def __call__(self, offset: int) -> Sentence | None:
        k = bisect_right(self.starts, offset) - 1
        if k >= 0 and offset < self.sentences[k].end:
            return self.sentences[k]
        return None


def period_of(value: str) -> tuple[date, date] | None:
    """First and last day of a TIMEX3 DATE value with an explicit year."""
    if not _VALUE.match(value):
        return None
    return parse_day(value), parse_day(value, end=True)


def fits(fact: Fact, period: tuple[date, date], anchor: date | None) -> bool:
    """An invasion is the day it began ("the 2024 invasion" is wrong even while the war
    goes on); other facts run from start to end, ongoing ones to the publication date."""
    if fact.kind == "invasion" and fact.end is None and fact.start is not None:
        return fits_start(fact, period)
    return fact.overlaps(*period, today=anchor)


def _related(clause: str, cue: Cue, at: int, end: int) -> bool:
    """Whether the date is another date of the event's story, or of something else:
    words between them say so ("renewed in 2017", "until 2013, prior to the annexation",
    "did not start ... in 2014"), they lie more than ten words apart, or a bare year
    qualifies another noun ("the Republican 2024 contender", "the March 2022 Kyiv strike")."""
    lo, hi = (cue.end, at) if cue.end <= at else (end, cue.start)
    between = clause[lo:hi]
    if cue.end <= at and _GOVERNED.search(clause[: cue.start]):
        return True  # "the withdrawal from the Iran deal in 2018": the withdrawal's date
    if _RELATION.search(between) or len(between.split()) > MAX_WORDS_APART:
        return True
    if cue.end <= at and _COORDINATED.search(between):
        return True  # "occupied Crimea in 2014 and in 2022 started a war": another predicate
    before = clause[:at].split()[-1:]
    if before and before[0].lower() in _SPAN_END:
        return True  # "from the start of the invasion to May 2023": the end of a span
    if before and before[0].lower() in _PREPOSITIONS:
        return False  # "in 2014 Russia annexed ...": the year is the time of the clause
    modified = _ATTRIBUTIVE.match(clause[end:])
    return modified is not None and not end <= cue.start <= end + 1


def opens_sentence(text: str, sent: Sentence, span: Span) -> bool:
    """Whether ``span`` stands in the adverbial that opens its sentence ("On February 24,
    2014, ..."): it then dates the whole sentence, not only its own clause."""
    before = text[sent.start : span.start]
    return _FRONTED.match(before) is not None and not _CLAUSE_BREAK.search(before)


def _clause(text: str, sent: Sentence, span: Span) -> tuple[str, int]:
    """The part of the sentence around ``span`` not cut by clause punctuation, and where
    ``span`` starts in it."""
    before = text[sent.start : span.start]
    after = text[span.end : sent.end]
    cuts = list(_CLAUSE_BREAK.finditer(before))
    start = cuts[-1].end() if cuts else 0
    if cuts and cuts[-1].group(0) != ";" and _DESCRIBING.match(before[start:]):
        start = cuts[-2].end() if len(cuts) > 1 else 0  # the noun it describes
    cut = _CLAUSE_BREAK.search(after)
    end = cut.start() if cut else len(after)
    if cut and opens_sentence(text, sent, span):
        # "On February 24, 2014, Russia launched ...": the date is the next clause's
        following = _CLAUSE_BREAK.search(after, cut.end())
        end = following.start() if following else len(after)
    return before[start:] + span.text + after[:end], len(before) - start


def _start(fact: Fact) -> date:
    return fact.start or date.min


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


@dataclass(frozen=True)
class Attachment:
    """A stated date and the known events its clause names: ``deciding`` are the facts
    named outright whose date this is (no relation word, close, not qualifying another
    noun); ``cued`` adds the weaker cues."""

    expr: TimeExpr
    period: tuple[date, date]
    sentence: Sentence
    cued: list[tuple[Fact, Cue]]
    deciding: list[Fact]
    matched: tuple[Match, ...] = ()  # facts an event dated by this expression is told of


_WORDS = re.compile(r"\w+")


def demonym_states(res: Resources) -> dict[str, str]:
    """One-word demonyms, lower-cased, and the state each names ("finnish" -> state:fin)."""
    return {
        d.lower(): r.id
        for r in res.kb.records.values()
        if r.kind == "state"
        for d in r.demonyms
        if " " not in d
    }


def _within(entities: list[Entity], lo: int, hi: int) -> list[Entity]:
    """The entities named between two offsets."""
    return [e for e in entities if any(lo <= m.start and m.end <= hi for m in e.mentions)]


def _by_capital(entities: list[Entity], res: Resources) -> dict[str, str]:
    """Entity id -> place id of the states the text names by their capital ("Kabul fell")."""
    out = {}
    for e in entities:
        place = res.kb.capital_place.get(e.kb_id or "") if e.kind == "state" else None
        rec = res.kb.get(place) if place else None
        if rec is not None:
            names = {n.lower() for n in (rec.name, *rec.aliases)}
            if any(m.text.lower() in names for m in e.mentions):
                out[e.id] = place
    return out


def _dated_events(
    events: list[Event],
    entities: list[Entity],
    facts: list[Fact],
    text: str,
    res: Resources,
) -> dict[tuple[int, int], list[tuple[Event, list[Match]]]]:
    """Events dated by a stated expression, by the expression's span, with the facts they
    are accounts of."""
    by_id = {e.id: e for e in entities}
    by_name = {e.name: e for e in entities}
    named = named_codes(entities)
    places = [e for e in entities if e.kind == "place"]
    capital_place = _by_capital(entities, res)
    out: dict[tuple[int, int], list[tuple[Event, list[Match]]]] = {}
    for ev in events:
        when = ev.when
        if ev.negated or when is None or when.basis != "stated" or when.text is None:
            continue
        since = _SINCE.search(text, max(0, ev.trigger.start - 200), ev.trigger.start)
        since_here = since is not None and not _CLAUSE_BREAK.search(
            text, since.end(), ev.trigger.start
        )
        onset = since_here and when.text.start > ev.trigger.start
        lo, hi = min(ev.trigger.start, when.text.start), max(ev.trigger.end, when.text.end)
        between = [e for e in places if any(lo <= m.start and m.end <= hi for m in e.mentions)]
        joining = text[ev.trigger.end : when.text.start]  # empty when the date comes first
        modifiers = text[max(0, ev.trigger.start - 12) : ev.trigger.start]
        matches = event_facts(
            ev, facts, by_id, by_name, named, onset, between, joining, capital_place, modifiers
        )
        if matches:
            out.setdefault((when.text.start, when.text.end), []).append((ev, matches))
    return out


def attachments(
    sentences: tuple[Sentence, ...],
    text: str,
    times: list[TimeExpr],
    entities: list[Entity],
    anchor: date | None,
    *,
    events: list[Event] | None = None,
    res: Resources | None = None,
) -> list[Attachment]:
    """Every explicit past date whose clause names a known event (``res.facts``), or that
    dates an event told of a known one. A fact judges only articles written after it began,
    and a name several facts share only points at those whose participants or places the
    article names."""
    res = res or load_resources()
    names, shared = res.built(capitals), res.built(shared_names)
    demonyms = res.built(demonym_states)
    facts = [f for f in res.facts if anchor is None or f.start is None or f.start <= anchor]
    parties = {f"state:{e.country.lower()}" for e in entities if e.kind == "state" and e.country}
    parties |= {e.kb_id for e in entities if e.kb_id}
    article = named_codes(entities)
    dated = _dated_events(events or [], entities, facts, text, res)
    out = []
    sentence_at = SentenceAt(sentences)
    for expr in times:
        if expr.type != "DATE" or not YEAR.search(expr.span.text):
            continue  # only dates the text states, not "last year"
        period = period_of(expr.value)
        sent = sentence_at(expr.span.start)
        if period is None or sent is None or (anchor is not None and period[0] > anchor):
            continue  # a plan or forecast cannot contradict the timeline
        clause, at = _clause(text, sent, expr.span)
        end = at + len(expr.span.text)
        offset = expr.span.start - at  # where the clause starts in the text
        masked = clause[:at] + " " * (end - at) + clause[end:]
        words = set(_WORDS.findall(masked.lower()))
        every = set(_WORDS.findall(clause.lower()))
        maybe = [f for f in facts if heads(f) & every]  # a name or kind word can be there
        if maybe:
            here = named_codes(_within(entities, offset, offset + len(clause)))
            here |= {c for w in words if (c := demonyms.get(w))}  # "the Finnish accession"
            cued = [
                (f, c) for f in maybe if (c := cue(f, clause, words, parties, here, names, masked))
            ]
            cued = [(f, c) for f, c in cued if c.alias not in shared or told(f, article)]
            cued += withdrawals(cued, clause, facts, here)
        else:
            cued = []
        deciding = [f for f, c in cued if c.level == ALIAS_CUE and not _related(clause, c, at, end)]
        matched = tuple(
            m
            for ev, matches in dated.get((expr.span.start, expr.span.end), ())
            if offset <= ev.trigger.start
            and ev.trigger.end <= offset + len(clause)
            and not _related(
                clause, Cue(ALIAS_CUE, ev.trigger.start - offset, ev.trigger.end - offset), at, end
            )
            for m in matches
        )
        if cued or matched:
            out.append(Attachment(expr, period, sent, cued, deciding, matched))
    return out


def _fits_match(m: Match, period: tuple[date, date], anchor: date | None) -> bool:
    """An outbreak is dated by the fact's start, an invasion that ended by any day of it."""
    fact = m.fact
    if fact.kind == "invasion" and fact.end is not None:
        return fits(fact, period, anchor)
    if m.onset or fact.kind == "invasion":
        return fits_start(fact, period, strict=m.strict)
    return fits(fact, period, anchor)


def date_conflicts(attached: list[Attachment], text: str, anchor: date | None) -> list[Flag]:
    flags = []
    for a in attached:
        # a name decides between facts of its kind ("the full-scale invasion", not the one of
        # 2014); an event told of a fact says how strictly its date is meant ("invaded in
        # April")
        by_name = {f for f, c in a.cued if c.level == ALIAS_CUE and c.alias}
        kinds = {f.kind for f in by_name}
        matched = [m for m in a.matched if m.fact in by_name or m.fact.kind not in kinds]
        told_of = {m.fact for m in matched}
        # a named fact, or a round of talks only described, whose date fits excuses the date
        named = [f for f, c in a.cued if c.level in EXCUSING and f not in told_of]
        if not (a.deciding or matched) or any(fits(f, a.period, anchor) for f in named):
            continue
        if any(_fits_match(m, a.period, anchor) for m in matched):
            continue
        cued = sorted(a.cued, key=lambda fc: (-fc[1].level, fc[0].start or date.min))
        # the facts cued by name first, then those the dated event is told of, then a few
        # of the weaker ones ("the war")
        evidence_facts = [f for f, c in cued if c.level in EXCUSING][:4]
        told = sorted(told_of - set(evidence_facts), key=_start)
        evidence_facts += told[: max(0, 5 - len(evidence_facts))]
        weaker = [f for f, c in cued if c.level not in EXCUSING and f.start is not None]
        starts = [e.start for e in evidence_facts if e.start is not None] or [a.period[0]]
        weaker.sort(key=lambda f: min(abs((f.start - day).days) for day in starts))
        evidence_facts += weaker[:2]  # the war the named events belong to
        sent = a.sentence
        flags.append(
            Flag(
                kind="date_conflict",
                severity="warning",
                message=_message(a.expr, evidence_facts),
                spans=(a.expr.span, Span.of(text, sent.start, sent.end)),
                evidence={
                    "stated": a.expr.value,
                    "facts": [f.describe() for f in evidence_facts],
                },
            )
        )
    return flags
