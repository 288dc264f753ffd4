"""Values of expressions that name a calendar unit: dates, months, years, decades, quarters,
halves, seasons and holidays ("March 3", "in March", "the third quarter", "last fall").

Each function maps a match of the rule of the same name in ``patterns`` to ``(type, value)``,
or None when the match turns out not to be a temporal expression.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from parley.extract.timex import calendar as cal
from parley.extract.timex.values import (
    Context,
    Result,
    day_number,
    month_number,
    norm,
    pick_year,
    safe_date,
    spoken_year,
    tense_direction,
)
from parley.extract.timex.words import DECADE_WORDS, HOLIDAYS, ORDINALS, SEASONS

_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


def date_full(m: re.Match, ctx: Context) -> Result:
    if m["iy"]:
        d = safe_date(int(m["iy"]), int(m["im"]), int(m["id"]))
    elif m["sy"]:
        d = safe_date(int(m["sy"]), int(m["sm"]), int(m["sd"]))
    else:
        month_, day_, year_ = (
            (m["month"], m["day"], m["year"]) if m["month"] else m.group("month2", "day2", "year2")
        )
        d = safe_date(int(year_), month_number(month_), day_number(day_))
    return ("DATE", cal.day(d)) if d else None


def month_day(m: re.Match, ctx: Context) -> Result:
    month_, day_ = (m["month"], m["day"]) if m["month"] else (m["month2"], m["day2"])
    mo, dy = month_number(month_), day_number(day_)
    if safe_date(2000, mo, dy) is None:
        return None
    if ctx.anchor is None:
        return "DATE", f"XXXX-{mo:02d}-{dy:02d}"

    def make(y: int) -> date:
        return safe_date(y, mo, dy) or date(y, mo, 28)

    return "DATE", cal.day(pick_year(ctx.anchor, make, tense_direction(ctx), _slack(ctx)))


def day_coord(m: re.Match, ctx: Context) -> Result:
    """The second day of "June 11 and 12": the first day's month and year."""
    mo, first, second = month_number(m["month"]), day_number(m["d1"]), day_number(m["span"])
    if second <= first or safe_date(2000, mo, second) is None:
        return None
    if ctx.anchor is None:
        return "DATE", f"XXXX-{mo:02d}-{second:02d}"
    parsed = cal.parse(ctx.last)  # the first day, valued just before
    if parsed is None or parsed[1] != "D" or parsed[0].month != mo:
        return None
    d = safe_date(parsed[0].year, mo, second)
    return ("DATE", cal.day(d)) if d else None


def _slack(ctx: Context) -> int:
    """How many days nearer the side the tense points to counts: a future verb is trusted,
    a past one less ("was moved to Oct. 9" names a date ahead)."""
    return 366 if ctx.tense == "FUTURE" else 250


def month_year(m: re.Match, ctx: Context) -> Result:
    y = int(m["year"]) if m["year"] else spoken_year(m["yword"])
    return "DATE", cal.month(y, month_number(m["month"]))


def month_name(m: re.Match, ctx: Context) -> Result:
    mo = month_number(m["month"])
    rel, ryear = norm(m["rel"]), norm(m["ryear"])
    if ctx.anchor is None:
        return "DATE", f"XXXX-{mo:02d}"
    a = ctx.anchor
    if ryear:
        return "DATE", cal.month(a.year + {"last": -1, "this": 0, "next": 1}[ryear], mo)
    if rel == "that" and (ref := cal.parse(ctx.last)):
        return "DATE", cal.month(ref[0].year, mo)
    if rel in ("last", "this past", "the past", "the previous"):
        return "DATE", cal.month(a.year if mo < a.month else a.year - 1, mo)
    if rel in ("next", "this coming", "the coming", "the following"):
        return "DATE", cal.month(a.year if mo > a.month else a.year + 1, mo)
    if rel == "this":
        return "DATE", cal.month(a.year, mo)
    chosen = pick_year(a, lambda y: date(y, mo, 15), tense_direction(ctx), _slack(ctx))
    return "DATE", cal.month(chosen.year, mo)


def year(m: re.Match, ctx: Context) -> Result:
    if m["yword"]:
        return "DATE", str(spoken_year(m["yword"]))
    return "DATE", m["year"]


def decade(m: re.Match, ctx: Context) -> Result:
    if m["decade"]:  # TimeML writes a decade as its first three digits
        return "DATE", m["decade"]
    digit = m["short"] or str(DECADE_WORDS[norm(m["word"])])
    century = (ctx.anchor.year // 100) if ctx.anchor else 19
    if m["cword"]:  # "the nineteen nineties"
        century = 18 if norm(m["cword"]) == "eighteen" else 19
    elif ctx.anchor and int(f"{century}{digit}0") > ctx.anchor.year:
        century -= 1
    return "DATE", f"{century}{digit}"


def century(m: re.Match, ctx: Context) -> Result:
    n = int(m["cn"]) if m["cn"] else ORDINALS[norm(m["cw"])]
    return "DATE", f"{n - 1:02d}"


def _quarter_year(ctx: Context, q: int) -> int | None:
    a = ctx.anchor
    if a is None:
        return None
    if date(a.year, 3 * q - 2, 1) <= a:
        return a.year
    return a.year if ctx.direction() == 1 else a.year - 1


def quarter(m: re.Match, ctx: Context) -> Result:
    word = norm(m["q"])
    q = ORDINALS.get(word) or int(word[0])
    if q == -1:
        q = 4
    rel = norm(m["qrel"] or m["qrel2"])
    if m["qyear"] or m["qyear2"]:
        y = int(m["qyear"] or m["qyear2"])
    elif rel and ctx.anchor:
        y = ctx.anchor.year + {"last": -1, "this": 0, "next": 1}[rel]
    elif m["qsame"] and (ref := cal.parse(ctx.last)):
        y = ref[0].year - (m["qsame"].lower() == "previous")
    else:
        y = _quarter_year(ctx, q)
        if y is not None and m["qago"] and "year" in m["qago"].lower():
            y -= 1
    return "DATE", f"{y:04d}-Q{q}" if y is not None else f"XXXX-Q{q}"


def _current_quarter(ctx: Context, offset: int) -> str | None:
    if ctx.anchor is None:
        return None
    y, q = cal.quarter_of(ctx.anchor)
    return cal.shift(f"{y:04d}-Q{q}", offset, "Q")


def quarter_ref(m: re.Match, ctx: Context) -> Result:
    det = norm(m["det"])
    is_period = norm(m["unit"]) == "period"
    ago = bool(m["plast"] or m["pago"]) or "year" in det
    if m["pyear"]:
        q = cal.parse(ctx.last_quarter)
        return "DATE", f"{m['pyear']}-Q{cal.quarter_of(q[0])[1]}" if q else m["pyear"]
    if det == "this" and not is_period:
        value = ctx.last_quarter or _current_quarter(ctx, 0)
    elif det == "the current" and not is_period:
        value = _current_quarter(ctx, 0)
    elif det in ("last", "the previous") and not ago:
        value = _current_quarter(ctx, -1)
    elif det == "next":
        value = _current_quarter(ctx, 1)
    elif is_period and det in ("the", "that", "the same") and not ago:
        return None  # "the period" alone is too vague
    else:
        value = ctx.last_quarter or _current_quarter(ctx, -1)
    if value is None:
        return "DATE", "XXXX-QX"
    if ago:
        value = cal.shift(value, -1, "Y")
    return "DATE", value


def year_ago_adj(m: re.Match, ctx: Context) -> Result:
    if ctx.last_quarter:
        return "DATE", cal.shift(ctx.last_quarter, -1, "Y")
    return "DATE", f"{ctx.anchor.year - 1:04d}" if ctx.anchor else "XXXX"


def half(m: re.Match, ctx: Context) -> Result:
    h = 1 if norm(m["h"]) == "first" else 2
    if m["hyear"]:
        return "DATE", f"{m['hyear']}-H{h}"
    if ctx.anchor is None:
        return "DATE", f"XXXX-H{h}"
    offset = {"last": -1, "next": 1}.get(norm(m["hrel"]), 0)
    return "DATE", f"{ctx.anchor.year + offset:04d}-H{h}"


def season(m: re.Match, ctx: Context) -> Result:
    code = SEASONS[norm(m["season"])]
    rel = norm(m["rel"])
    if m["year"] or m["yword"]:
        return "DATE", f"{m['year'] or spoken_year(m['yword'])}-{code}"
    if ctx.anchor is None:
        return "DATE", f"XXXX-{code}"
    a = ctx.anchor
    first, last = _SEASON_MONTHS[code]
    # the season of the anchor's year that has started, or the one of the year before
    started = a.year if a.month >= first else a.year - 1
    current = a.month >= first and a.month <= last or (code == "WI" and a.month <= 2)
    if code == "WI" and a.month <= 2:
        started = a.year - 1
    if rel == "this past":
        y = started - 1 if current else started
    elif rel == "last":
        y = a.year - 1
    elif rel in ("next", "this coming"):
        y = started + 1
    elif rel == "this":
        y = a.year - (code == "WI" and a.month <= 2)
    elif current or ctx.direction() == -1:
        y = started
    else:
        y = started + 1
    return "DATE", f"{y:04d}-{code}"


def holiday(m: re.Match, ctx: Context) -> Result:
    rule = HOLIDAYS[norm(m["name"])]

    def make(y: int) -> date:
        if isinstance(rule, tuple):
            return date(y, *rule)
        if rule == "thanksgiving":
            return cal.nth_weekday(y, 11, 4, 4)
        if rule == "labor":
            return cal.nth_weekday(y, 9, 1, 1)
        if rule == "memorial":
            return cal.nth_weekday(y, 5, 1, -1)
        if rule == "election":
            return cal.nth_weekday(y, 11, 1, 1) + timedelta(days=1)
        return cal.easter(y)

    if m["year"]:
        return "DATE", cal.day(make(int(m["year"])))
    if ctx.anchor is None:
        fixed = isinstance(rule, tuple)
        return "DATE", f"XXXX-{rule[0]:02d}-{rule[1]:02d}" if fixed else "XXXX-XX-XX"
    rel = norm(m["rel"])
    direction = -1 if rel == "last" else 1 if rel == "next" else ctx.direction()
    return "DATE", cal.day(pick_year(ctx.anchor, make, direction))
