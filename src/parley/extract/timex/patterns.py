"""Where temporal expressions are: one regular expression per kind of expression.

Each rule names its parts (``(?P<month>…)``) so that ``normalise`` can turn a match into a
TimeML value; a part named ``span``, when a rule has one, is the expression and the rest of
the match only its context. Month and weekday names must be capitalised; everything else
ignores case.
Modifiers that do not change the value ("early", "the end of", "more than", "or so") are
added around a match afterwards, so that the rules themselves stay short.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from dataclasses import dataclass

from parley.extract.timex.words import (
    DECADE_WORDS,
    FREQUENCIES,
    HOLIDAYS,
    ORDINALS,
    REFERENCES,
    SEASONS,
)


def _alt(words) -> str:
    """Alternation of words, longest first, spaces matching any whitespace."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


MONTH_FULL = (
    r"(?-i:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER"
    r"|DECEMBER)"
)
MONTH = (
    rf"(?:{MONTH_FULL}|(?-i:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
    r"|(?-i:Sept|Jan|Feb|Aug|Oct|Nov|Dec)\b)"
)
WEEKDAY = r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
WEEKDAY_ANY = rf"(?:{WEEKDAY}|(?-i:Mon|Tues?|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.)"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
YEAR = r"(?:1[0-9]\d\d|20\d\d)(?![\d,]\d)"
SPOKEN_YEAR = (
    r"(?:(?:nineteen|eighteen)[\s-]+(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty"
    r"|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve"
    r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred)\b"
    r"|two\s+thousand(?:\s+and\s+(?:one|two|three|four|five|six|seven|eight|nine|ten))?)"
    r"(?![\s-]+(?:years?|days?|months?|weeks?|hours?|people|dollars|miles)\b)"
)
_SMALL = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    "|fifteen|sixteen|seventeen|eighteen|nineteen"
)
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
NUMBER_WORD = (
    rf"(?:(?:{_TENS})(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine)\b)?"
    rf"|(?:{_SMALL}))(?:\s+hundred)?|(?:a|one)\s+(?:hundred|thousand)"
)
DIGITS = r"\d+(?:,\d{3})*(?:\.\d+)?(?:\s+\d/\d)?"
QUANTITY = (
    rf"(?:(?:{DIGITS}|{NUMBER_WORD})\s+and\s+a\s+half|{DIGITS}|{NUMBER_WORD}"
    r"|a\s+couple\s+of|a\s+couple|couple\s+of|a\s+few|several|few|some|many|a\s+dozen"
    r"|dozens\s+of|a\s+number\s+of|an?|one\s+and\s+a\s+half|a\s+half)"
)
UNIT = (
    r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?|months?"
    r"|quarters?|years?|decades?|century|centuries|millennium|millennia)"
)
UNIT_PLURAL = r"(?:seconds|minutes|hours|days|nights|weeks|months|quarters|years|decades|centuries)"
SEASON = _alt(SEASONS)
POD = r"(?:morning|afternoon|evening|night)"
ORDINAL = _alt(k for k in ORDINALS if ORDINALS[k] > 0)
QUARTER_NUMBER = r"(?:first|second|third|fourth|1st|2nd|3rd|4th|final|last)"

RULES: dict[str, str] = {
    # Tuesday, Oct. 14, 2003 / 3 March 2022 / 2003-10-14 / 10/14/2003
    "date_full": (
        rf"(?:{WEEKDAY_ANY},?\s+)?(?:(?P<month>{MONTH})\s+(?P<day>{DAY})"
        rf"(?:\s*(?:-|–|and)\s*{DAY})?,?\s+(?P<year>{YEAR})"
        rf"|(?:the\s+)?(?P<day2>{DAY})\s+(?:of\s+)?(?P<month2>{MONTH}),?\s+(?P<year2>{YEAR}))"
        r"|(?P<iy>1\d\d\d|20\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)(?!\d)"
        r"|(?P<sm>[01]?\d)/(?P<sd>[0-3]?\d)/(?P<sy>(?:19|20)\d\d)(?!\d)"
    ),
    # March 3 / Wednesday, May 7 / the 3rd of March
    "month_day": (
        rf"(?:{WEEKDAY_ANY},?\s+)?(?:(?P<month>{MONTH})\s+(?P<day>{DAY})"
        rf"|(?:the\s+)?(?P<day2>{DAY})\s+(?:of\s+)?(?P<month2>{MONTH}))"
    ),
    # the second day of "June 11 and 12", "March 3-4": the expression is that day alone
    "day_coord": (
        rf"(?P<month>{MONTH})\s+(?P<d1>{DAY})\s*(?:and|or|-|–)\s*(?P<span>{DAY})"
        r"(?=\s*(?:[.,;:)\"”]|$)|\s+(?:in|at|on|when|with|to|for|and)\b)"
    ),
    "month_year": (
        rf"(?P<month>{MONTH}),?\s+(?:of\s+)?(?:(?P<year>{YEAR})|(?P<yword>{SPOKEN_YEAR}))"
    ),
    "month": (
        r"(?:(?P<rel>last|this|next|this\s+past|this\s+coming|the\s+past|the\s+previous"
        rf"|the\s+coming|the\s+following|that)\s+)?(?P<month>{MONTH_FULL})"
        r"(?:,?\s+(?P<ryear>this|last|next)\s+year)?"
    ),
    "year": (
        r"(?:(?:the\s+)?(?:fiscal|calendar|financial|model)\s+(?:year\s+)?|the\s+year\s+)?"
        rf"(?P<year>{YEAR})(?!\s*(?:%|percent|-\d|\.\d))"
        rf"|(?:the\s+year\s+)?(?P<yword>{SPOKEN_YEAR})"
    ),
    "decade": (
        r"(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?:(?P<decade>1\d\d|20\d)0'?s"
        r"|'(?P<short>\d)0'?s|(?:(?P<cword>eighteen|nineteen)[\s-]+)?"
        rf"(?P<word>{_alt(DECADE_WORDS)}))(?!\w)"
    ),
    "century": rf"(?:the\s+)?(?:(?P<cn>\d\d?)(?:st|nd|rd|th)|(?P<cw>{ORDINAL}))[\s-]+century",
    "quarter": (
        rf"(?:the\s+)?(?:(?P<qyear>{YEAR})\s+|(?P<qrel>this|last|next)\s+year's\s+"
        r"|(?P<qago>(?:the\s+)?(?:comparable\s+)?year-(?:ago|earlier))\s+)?"
        rf"(?:fiscal\s+)?(?P<q>{QUARTER_NUMBER})[\s-]+(?:fiscal\s+)?quarter(?!s)"
        rf"(?:,?\s+(?:of\s+)?(?:(?:fiscal\s+)?(?P<qyear2>{YEAR})|(?P<qrel2>this|last|next)"
        r"\s+year|the\s+(?P<qsame>same|previous)\s+year))?"
    ),
    "quarter_ref": (
        r"(?P<det>the\s+latest|the\s+current|the\s+previous|the\s+most\s+recent|the\s+same"
        r"|the\s+just-ended|the\s+recent|this|that|last|next|the"
        r"|(?:the\s+)?(?:comparable\s+)?year-(?:ago|earlier)|the\s+comparable"
        rf"|last\s+year's|the\s+(?P<pyear>{YEAR}))\s+(?:fiscal\s+)?(?P<unit>quarter|period)"
        r"(?!s)(?P<pago>\s+(?:a\s+year\s+(?:ago|earlier)|last\s+year|of\s+last\s+year))?"
        r"|the\s+(?:corresponding|same|comparable)\s+(?:period|quarter)\s+(?P<plast>last\s+year"
        r"|a\s+year\s+(?:ago|earlier)|of\s+(?:last|the\s+previous)\s+year)"
    ),
    "year_ago_adj": r"year-(?:ago|earlier)",
    "half": (
        r"(?:the\s+)?(?P<h>first|second|latter|last)\s+half\s+of\s+(?:(?P<hyear>"
        rf"{YEAR})|(?P<hrel>this|last|next)\s+year|the\s+year)"
    ),
    "season": (
        r"(?:(?P<rel>this\s+past|this\s+coming|this|last|next|the|early|late|mid|mid-)\s+)?"
        rf"(?P<season>{SEASON})(?:\s+(?:of\s+)?(?:(?P<year>{YEAR})|(?P<yword>{SPOKEN_YEAR})))?"
    ),
    "weekday": (
        r"(?:(?P<rel>last|this|next|this\s+past|this\s+coming|coming|past"
        r"|the\s+(?:previous|preceding|following|next))\s+)?"
        rf"(?P<weekday>{WEEKDAY})(?!s\b)(?:\s+(?P<pod>{POD})(?P<plural>s\b)?)?"
    ),
    "deictic": (
        r"(?P<word>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|yesterday"
        rf"|tomorrow|tonight)(?:\s+(?P<pod>{POD}))?"
        rf"|(?P<prel>this|last|tomorrow|yesterday)\s+(?P<pod2>{POD})"
        r"|mid[-\s]?(?P<pod3>morning|afternoon)(?:\s+(?P<word2>yesterday|today|tomorrow))?"
    ),
    "relative": (
        r"(?P<rel>this|last|next|this\s+past|the\s+past|the\s+coming|the\s+previous"
        r"|the\s+current|the\s+following|the\s+next|the\s+preceding|the\s+same|the\s+last"
        r"|that|coming|past|previous|current|following)\s+(?:fiscal\s+)?"
        r"(?P<unit>week|month|year|decade|century|weekend|fortnight|day)(?!-)"
    ),
    "the_weekend": r"the\s+weekend",
    "the_year": (
        r"(?P<det>the|this|that)\s+(?:full\s+|fiscal\s+|entire\s+|whole\s+)?"
        r"(?P<unit>year|week)(?P<ended>(?=\s+end(?:ed|ing)\b))?"
        rf"(?:\s+of\s+(?P<wmonth>{MONTH})\s+(?P<wday>{DAY}))?"
        r"|(?P<end>(?:the\s+)?(?:end|close|beginning|start|middle|rest|remainder)\s+of\s+the\s+"
        r"|(?:earlier|later)\s+in\s+the\s+)(?P<unit2>year|month|week|quarter|day)"
        r"|(?P<yearend>year[\s-]end|year's\s+end)"
    ),
    "ago": (
        rf"(?P<q>{QUANTITY})\s+(?P<unit>{UNIT})(?:\s+or\s+so)?\s+(?P<dir>ago|from\s+now|hence"
        r"|back(?!\s+(?:to|in|on|at|from|into|home)\b)|(?:earlier|later)(?!\s+than\b))"
    ),
    "duration": (
        r"(?:the\s+)?(?:(?P<mod>past|last|next|first|coming|previous|final|latest|initial"
        r"|remaining|following|preceding|other|full|entire|whole)\s+)?"
        rf"(?P<q>{QUANTITY})\s+(?:more\s+|additional\s+|full\s+|straight\s+|consecutive\s+"
        r"|trading\s+|business\s+|working\s+|calendar\s+)?"
        rf"(?P<unit>{UNIT})(?P<half>\s+and\s+a\s+half)?"
        rf"|(?P<hq>\d+(?:\.\d+)?|{NUMBER_WORD}|half|one-and-a-half)-(?P<hunit>second|minute"
        r"|hour|day|night|week|month|year|decade|century)(?:-(?:old|long))?(?![\w-])"
        r"|(?P<hh>half)\s+an?\s+(?P<hhunit>hour|day|year|century|decade)"
        r"|(?P<long>(?:several|many)-(?:day|week|month|year)|(?:day|week|month|year|decade)s?-long)"
    ),
    "vague": (
        r"(?:(?P<mod>the\s+past|the\s+last|the\s+next|the\s+coming|the\s+first|the\s+final"
        r"|recent|coming|past|future)\s+)?(?:(?P<q>several|a\s+few|few|many|the)\s+)?"
        rf"(?P<unit>{UNIT_PLURAL})(?![\w-])(?:\s+(?P<ahead>ahead))?"
        r"|(?P<while>a\s+while|a\s+long\s+time)"
    ),
    "set": (
        r"(?:every|each|per)\s+(?:other\s+)?(?:(?P<q>\d+|"
        rf"{NUMBER_WORD})\s+)?(?:(?P<unit>{UNIT})|(?P<weekday>{WEEKDAY})|(?P<month>"
        rf"{MONTH_FULL})|(?P<season>{SEASON}))"
        rf"|(?P<freq>{_alt(FREQUENCIES)})"
        r"|(?P<times>once|twice|(?:\d+|three|four|five|six|several)\s+times)\s+(?:a|an|per"
        r"|each|every)\s+(?P<tunit>year|month|week|day|hour|quarter)"
        rf"|(?P<weekdays>{WEEKDAY})s\b"
        r"|per\s+(?P<perunit>year|month|week|day|hour|quarter)"
    ),
    "reference": rf"(?P<ref>{_alt(REFERENCES)})",
    "time": (
        r"(?P<h>[01]?\d)(?::(?P<m>[0-5]\d))?\s*(?P<ampm>a\.m\.?|p\.m\.?|am\b|pm\b)"
        r"(?:\s+(?P<tz>(?-i:[A-Z]{2,4}\b)|local\s+time))?"
        rf"(?:,?\s+(?:on\s+)?(?:(?P<day>{WEEKDAY}|today|yesterday|tomorrow)"
        rf"|(?P<tmonth>{MONTH})\s+(?P<tday>{DAY})))?"
        r"|(?P<h24>[01]\d|2[0-3]):(?P<m24>[0-5]\d)(?:\s+(?P<tz2>(?-i:GMT|UTC|[A-Z]ST|[A-Z]DT)))?"
        rf"|(?P<named>noon|midnight|midday)(?:\s+(?P<day2>{WEEKDAY}|today|yesterday|tomorrow))?"
        rf"|(?P<hw>[01]?\d|{_SMALL})\s+(?:o'clock|in\s+the\s+(?P<pod>{POD}))"
    ),
    "holiday": (
        r"(?:(?P<rel>last|this|next)\s+)?(?-i:(?P<name>"
        + "|".join(
            sorted(
                (re.escape(h.title()).replace(r"\ ", r"\s+") for h in HOLIDAYS),
                key=len,
                reverse=True,
            )
        ).replace("'S", "'s")
        + rf"))(?:\s+(?P<year>{YEAR}))?"
    ),
}

# Words that may stand before an expression without changing its value.
DATE_PREFIX = re.compile(
    r"(?:\b(?:early|late|mid|earlier|later|(?:the\s+)?(?:end|beginning|start|middle|close"
    r"|turn)\s+of)[\s-]+|\bmid-)$",
    re.I,
)
# bounds are part of a duration ("more than six weeks"); hedges only of "… ago" and times
AMOUNT_PREFIX = re.compile(
    r"\b(?:more\s+than|less\s+than|fewer\s+than|up\s+to|at\s+least|at\s+most"
    r"|no\s+more\s+than|no\s+less\s+than|not\s+more\s+than|upwards\s+of|each\s+of)\s+$",
    re.I,
)
QUANTITY_PREFIX = re.compile(r"\b(?:over|under|well\s+over|just\s+over|just\s+under)\s+$", re.I)
HEDGE_PREFIX = re.compile(
    r"\b(?:nearly|almost|about|around|approximately|roughly|some|close\s+to)\s+$", re.I
)
LEADING_THE = re.compile(r"(?:the|past|last|next|coming)\b", re.I)
SUFFIX = re.compile(r"\s+or\s+(?:so|later|earlier|more|longer)\b", re.I)
DATE_PREFIX_RULES = {"year", "month", "month_year", "month_day", "relative", "deictic",
                     "season", "decade", "quarter", "century", "half"}  # fmt: skip
AMOUNT_PREFIX_RULES = {"duration", "ago", "vague"}
HEDGE_PREFIX_RULES = {"ago", "time"}
SUFFIX_RULES = {"duration", "relative", "year", "vague"}
PREFIXES = (
    (DATE_PREFIX_RULES, DATE_PREFIX),
    (AMOUNT_PREFIX_RULES, AMOUNT_PREFIX),
    (HEDGE_PREFIX_RULES, HEDGE_PREFIX),
    (AMOUNT_PREFIX_RULES, QUANTITY_PREFIX),
)

# a match starts a word or follows a word and a hyphen ("mid-2023", "May-July"), and ends a
# word, a possessive "'s" allowed
_START = r"(?:\b(?<![\w$£€'\-–])|(?<=[a-z][-–])|(?<![\w'])(?='))"  # \b first: fast scan
_END = r"(?!\w)(?!['’](?![sS]\b)\w)"
_COMPILED = [
    (name, re.compile(rf"{_START}(?:{pattern}){_END}", re.I)) for name, pattern in RULES.items()
]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A match of one rule; ``start``/``end`` may include a modifier around ``match``."""

    start: int
    end: int
    rule: str
    match: re.Match


def _widen(text: str, rule: str, m: re.Match) -> tuple[int, int]:
    start, end = m.start(), m.end()
    before = text[max(0, start - 40) : start]
    for rules, prefix in PREFIXES:
        if rule in rules and (p := prefix.search(before)):
            # "over" is a bound before a number ("over an hour"), not in "over the past year"
            if prefix is not QUANTITY_PREFIX or not LEADING_THE.match(m.group(0)):
                start -= len(p.group(0))
            break
    if rule == "quarter" and "-quarter" in m.group(0).lower():
        # "the first-quarter figures": the article belongs to the noun, not to the date
        start += len(re.match(r"(?:the\s+)?", text[start:], re.I).group(0))
    if rule in SUFFIX_RULES and (s := SUFFIX.match(text, end)):
        end = s.end()
    return start, end


# Every match of every rule contains one of these (a digit, a month, a unit, ...) and lies
# within REACH characters of it, so the rules only scan windows around them. A test checks
# on the gold data and the news corpus that this finds exactly what a whole-text scan finds.
# Each alternative starts with a digit, a capital (the case-sensitive names) or a word at a
# word boundary: the lookahead turns away every other position at once, without trying the
# whole alternation there (the matches are the same).
TRIGGER_START = r"(?=(?-i:[\dA-Z])|\b\w)"
TRIGGER_WORDS = (
    r"\d+|(?-i:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
    r"|(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)|"
    + "|".join(re.escape(h.title()).replace(r"\ ", r"\s+").replace("'S", "'s") for h in HOLIDAYS)
    + ")"
    r"|\b(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur"
    r"|millenni|period|today|yesterday|tomorrow|tonight|morning|afternoon|noon|midday|midnight"
    r"|evening|o'clock|nineteen|eighteen|thousand|while|long\s+time|"
    + "|".join(
        re.escape(w).replace(r"\ ", r"\s+")
        for w in sorted({*SEASONS, *FREQUENCIES, *REFERENCES, *DECADE_WORDS}, key=len, reverse=True)
    )
    + ")"
)
TRIGGER = re.compile(f"{TRIGGER_START}(?:{TRIGGER_WORDS})", re.I)
REACH = 40
_SPACE = re.compile(r"\s")


def windows(text: str) -> list[tuple[int, int]]:
    """Merged stretches of ``text`` around trigger words, each ending before a space."""
    spans: list[list[int]] = []
    for m in TRIGGER.finditer(text):
        start = max(0, m.start() - REACH)
        space = _SPACE.search(text, min(len(text), m.end() + REACH))
        end = space.start() if space else len(text)
        if spans and start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    return [(s, e) for s, e in spans]


_MON = r"(?-i:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG"
_MON += r"|SEP|OCT|NOV|DEC)"
_WD = r"(?-i:Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
_UNITS = r"second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur|millenni"
# what a window must hold for a rule to match in it (rules not listed are always tried)
NEEDS = {
    name: re.compile(pattern, re.I)
    for name, pattern in {
        "date_full": r"\d", "month_day": r"\d", "day_coord": r"\d", "month_year": _MON,
        "month": _MON,
        "year": r"\d|nineteen|eighteen|thousand", "decade": r"\d|ties", "century": "centur",
        "quarter": "quarter", "quarter_ref": "quarter|period", "year_ago_adj": "year-",
        "half": "half", "season": "spring|summer|fall|autumn|winter", "weekday": _WD,
        "deictic": "today|yesterday|tomorrow|tonight|morning|afternoon|evening|night",
        "relative": _UNITS + "|weekend", "the_weekend": "weekend",
        "the_year": "year|week|month|quarter|day", "ago": "ago|now|hence|back|earlier|later",
        "duration": _UNITS, "vague": _UNITS + "|while|time",
        "set": "every|each|per|once|twice|times|hourly|daily|nightly|weekly|monthly|quarterly"
        "|annually|yearly|" + _WD,
        "time": r"\d|noon|midnight|midday|o'clock",
    }.items()
}  # fmt: skip


def find_candidates(text: str, whole: bool = False) -> list[Candidate]:
    """Every match of every rule, overlaps kept (``choose`` picks among them).

    Only the windows around trigger words are scanned, unless ``whole`` (the reference the
    tests compare against).
    """
    found = []
    for start, end in [(0, len(text))] if whole else windows(text):
        for name, regex in _COMPILED:
            need = NEEDS.get(name)
            if not whole and need is not None and not need.search(text, start, end):
                continue
            for m in regex.finditer(text, start, end):
                if "span" in regex.groupindex:  # the rest of the match is context
                    found.append(Candidate(m.start("span"), m.end("span"), name, m))
                else:
                    found.append(Candidate(*_widen(text, name, m), name, m))
    return found


def choose(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates, longest first (earlier rules win ties), in text order."""
    order = {name: rank for rank, name in enumerate(RULES)}
    ranked = sorted(candidates, key=lambda c: (c.start - c.end, order[c.rule], c.start))
    taken: list[Candidate] = []
    # the taken spans by start, and the longest: a candidate is tested only against the
    # taken ones that can overlap it
    spans: list[tuple[int, int]] = []
    longest = 0
    for c in ranked:
        lo = bisect_left(spans, (c.start - longest, c.start))
        near = spans[lo : bisect_left(spans, (c.end, c.end))]
        if all(c.end <= start or c.start >= end for start, end in near):
            taken.append(c)
            insort(spans, (c.start, c.end))
            longest = max(longest, c.end - c.start)
    return sorted(taken, key=lambda c: c.start)
