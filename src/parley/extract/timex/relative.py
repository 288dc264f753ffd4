"""Values of expressions read against the anchor or an earlier mention: weekdays,
"yesterday", "last week", "two weeks ago", "the following year", durations, sets, clock
times and the PAST_REF / PRESENT_REF / FUTURE_REF references.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from parley.extract.timex import calendar as cal
from parley.extract.timex.values import (
    Context,
    Result,
    calendar_unit,
    day_number,
    duration,
    month_number,
    norm,
    number,
    pick_year,
    safe_date,
)
from parley.extract.timex.words import (
    FREQUENCIES,
    PARTS_OF_DAY,
    REFERENCES,
    SEASONS,
    WEEKDAYS,
)

_BACK = ("last", "this past", "the past", "the previous", "the preceding", "the last", "past")
_BACK += ("previous",)
_FORWARD = ("next", "the coming", "the following", "the next", "coming", "following")
_ANAPHORIC = ("the following", "the previous", "the preceding", "the same", "that")
_ANAPHORIC += ("following",)


def weekday_date(ctx: Context, wd: int, rel: str) -> date:
    a = ctx.anchor
    assert a is not None
    if rel in ("last", "this past", "past"):
        return cal.nearest_weekday(a - timedelta(days=1), wd, -1)
    if rel in ("next", "this coming", "coming"):
        return cal.nearest_weekday(a + timedelta(days=1), wd, 1)
    if rel.startswith("the "):  # "the previous Friday": before the day the text is at
        parsed = cal.parse(ctx.last)
        base = parsed[0] if parsed is not None and parsed[1] == "D" else a
        if rel in ("the previous", "the preceding"):
            return cal.nearest_weekday(base - timedelta(days=1), wd, -1)
        return cal.nearest_weekday(base + timedelta(days=1), wd, 1)
    return cal.nearest_weekday(a, wd, ctx.direction())


def weekday(m: re.Match, ctx: Context) -> Result:
    wd = WEEKDAYS[norm(m["weekday"])]
    pod = norm(m["pod"])
    suffix = f"T{PARTS_OF_DAY[pod]}" if pod else ""
    if m["plural"]:  # "flights leave on Tuesday nights": every Tuesday night
        return "SET", f"XXXX-WXX-{wd}{suffix}"
    if ctx.anchor is None:
        return "DATE", f"XXXX-WXX-{wd}{suffix}"
    return "DATE", cal.day(weekday_date(ctx, wd, norm(m["rel"]))) + suffix


def deictic(m: re.Match, ctx: Context) -> Result:
    word = norm(m["word"] or m["prel"] or m["word2"])  # "mid-afternoon" alone: the anchor's
    pod = norm(m["pod"] or m["pod2"] or m["pod3"])
    if word == "tonight":
        pod = "night"
    offset = {
        "the day before yesterday": -2,
        "yesterday": -1,
        "last": -1,
        "tomorrow": 1,
        "the day after tomorrow": 2,
    }.get(word, 0)
    if word == "last" and pod != "night":
        return None  # "last morning" is not said
    kind = "TIME" if pod else "DATE"
    suffix = f"T{PARTS_OF_DAY[pod]}" if pod else ""
    if ctx.anchor is None:
        return kind, "XXXX-XX-XX" + suffix
    return kind, cal.day(ctx.anchor + timedelta(days=offset)) + suffix


def relative(m: re.Match, ctx: Context) -> Result:
    rel, unit = norm(m["rel"]), norm(m["unit"])
    if rel in ("the past", "the last", "past") and unit in ("decade", "century"):
        return "DURATION", duration(1, unit)
    offset = -1 if rel in _BACK else 1 if rel in _FORWARD else 0
    base: date | None = ctx.anchor
    base_gran = None
    if rel in _ANAPHORIC or unit == "day":
        parsed = cal.parse(ctx.last)
        if parsed is not None:
            base, base_gran = parsed[0], parsed[1]
        elif unit == "day":
            return None
    if unit == "weekend":
        if base is None:
            return "DATE", "XXXX-WXX-WE"
        saturday = cal.nearest_weekday(base, 6, -1) + timedelta(weeks=offset)
        if offset == 0 and base.isoweekday() < 6 and ctx.direction() == 1:
            saturday += timedelta(weeks=1)
        return "DATE", cal.week(saturday) + "-WE"
    if base is None:
        return "DATE", cal.UNRESOLVED.get({"fortnight": "W"}.get(unit, unit[0].upper()), "XXXX")
    if unit == "day":
        if base_gran != "D":
            return None
        return "DATE", cal.day(base + timedelta(days=offset))
    if unit == "decade":
        return "DATE", f"{base.year // 10 + offset:03d}"
    if unit == "century":
        return "DATE", f"{base.year // 100 + offset:02d}"
    if unit == "week" and rel in ("the past", "the last") and base_gran is None and base:
        # the seven days before the anchor, dated by the week that holds most of them
        return "DATE", cal.week(base - timedelta(days=3))
    letter = {"week": "W", "fortnight": "W", "month": "M", "year": "Y"}[unit]
    return "DATE", cal.fmt(
        cal.move(base, offset * (2 if unit == "fortnight" else 1), letter), letter
    )


def the_weekend(m: re.Match, ctx: Context) -> Result:
    if ctx.anchor is None:
        return "DATE", "XXXX-WXX-WE"
    a = ctx.anchor
    if a.isoweekday() >= 6:
        return "DATE", cal.week(a) + "-WE"
    saturday = cal.nearest_weekday(a, 6, ctx.direction())
    return "DATE", cal.week(saturday) + "-WE"


def the_year(m: re.Match, ctx: Context) -> Result:
    """ "the year" (ended March 31), "the week", "year-end", "the end of the month"."""
    unit = norm(m["unit"] or m["unit2"] or "year")
    if m["wmonth"]:  # the week of May 12
        mo, dy = month_number(m["wmonth"]), day_number(m["wday"])
        if ctx.anchor is None or safe_date(2000, mo, dy) is None:
            return "DATE", "XXXX-WXX"
        d = pick_year(ctx.anchor, lambda y: safe_date(y, mo, dy) or date(y, mo, 28), None)
        return "DATE", cal.week(d)
    if m["ended"] is not None:
        return "DURATION", duration(1, unit)
    if m["det"] and norm(m["det"]) == "that":
        parsed = cal.parse(ctx.last)
        return ("DATE", cal.fmt(parsed[0], unit[0].upper())) if parsed else None
    if ctx.anchor is None:
        return "DATE", cal.UNRESOLVED[unit[0].upper()] if unit != "day" else "XXXX-XX-XX"
    if unit == "day":
        return None
    return "DATE", cal.fmt(ctx.anchor, unit[0].upper())


def ago(m: re.Match, ctx: Context) -> Result:
    """ "two weeks ago" (from the anchor), "a year earlier" (from the last date mentioned)."""
    n = number(m["q"])
    direction = norm(m["dir"])
    sign = 1 if direction in ("later", "from now", "hence") else -1
    if n is None:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
    unit, size = calendar_unit(m["unit"])
    steps = int(round(n * size))
    gran = "D" if unit == "W" else unit  # "two weeks ago" is a day
    anaphoric = direction in ("earlier", "later")
    if ctx.anchor is None and not anaphoric:
        return "DATE", cal.UNRESOLVED[gran]
    if not size:  # "two hours ago"
        return "DATE", cal.day(ctx.anchor) if ctx.anchor else "XXXX-XX-XX"
    # "down 6% from a year ago": in a report on a quarter, the same quarter a year before
    if unit == "Y" and steps == 1 and ctx.last_quarter:
        return "DATE", cal.shift(ctx.last_quarter, sign, "Y")
    if anaphoric and unit != "Y" and (moved := cal.shift(ctx.last, sign * steps, unit)):
        return "DATE", moved
    if ctx.anchor is None:
        return "DATE", cal.UNRESOLVED[gran]
    return "DATE", cal.fmt(cal.move(ctx.anchor, sign * steps, unit), gran)


def duration_rule(m: re.Match, ctx: Context) -> Result:
    if m["hunit"]:
        q = norm(m["hq"])
        n = 0.5 if q == "half" else 1.5 if q == "one-and-a-half" else number(q)
        return "DURATION", duration(n, m["hunit"])
    if m["hh"]:
        return "DURATION", duration(0.5, m["hhunit"])
    if m["long"]:
        parts = norm(m["long"]).split("-")  # several-year, day-long, decades-long
        if parts[0] in ("several", "many"):
            return "DURATION", duration(None, parts[1])
        return "DURATION", duration(None if parts[0].endswith("s") else 1, parts[0])
    n = number(m["q"])
    if n is not None and m["half"]:
        n += 0.5
    return "DURATION", duration(n, m["unit"])


def vague(m: re.Match, ctx: Context) -> Result:
    if m["while"]:
        return "DURATION", "PXX"
    mod, q, unit = norm(m["mod"]), norm(m["q"]), norm(m["unit"])
    if m["ahead"]:
        return "DURATION", duration(None, unit)
    if mod in ("recent", "past") and (unit == "years" or mod == "past"):
        return "DATE", "PAST_REF"
    if mod in ("future", "coming"):
        return "DATE", "FUTURE_REF"
    if q == "the" and not mod:
        return None
    return "DURATION", duration(None, unit)


def set_rule(m: re.Match, ctx: Context) -> Result:
    if m["freq"]:
        return "SET", FREQUENCIES[norm(m["freq"])]
    if m["weekday"] or m["weekdays"]:
        day = norm(m["weekday"] or m["weekdays"])
        day = day if day in WEEKDAYS else day.removesuffix("s")  # "Thursdays"
        if day not in WEEKDAYS:
            return None
        return "SET", f"XXXX-WXX-{WEEKDAYS[day]}"
    if m["month"]:
        return "SET", f"XXXX-{month_number(m['month']):02d}"
    if m["season"]:
        return "SET", f"XXXX-{SEASONS[norm(m['season'])]}"
    unit = m["unit"] or m["tunit"] or m["perunit"]
    n = number(m["q"]) if m["q"] else 1
    return "SET", duration(n, unit)


def reference(m: re.Match, ctx: Context) -> Result:
    return "DATE", REFERENCES[norm(m["ref"])]


def time(m: re.Match, ctx: Context) -> Result:
    hour = m["h"] or m["h24"] or m["hw"]
    if m["named"]:
        clock, day_word = PARTS_OF_DAY[norm(m["named"])], m["day2"]
    else:
        h = int(hour) if hour.isdigit() else int(number(hour) or 0)
        minute = m["m"] or m["m24"] or "00"
        ampm = norm(m["ampm"])
        pod = norm(m["pod"])
        if (ampm.startswith("p") or pod in ("afternoon", "evening", "night")) and h < 12:
            h += 12
        elif ampm.startswith("a") and h == 12:
            h = 0
        if h > 24:
            return None
        clock, day_word = f"{h:02d}:{minute}", m["day"]
        if m["tmonth"]:
            mo, dy = month_number(m["tmonth"]), day_number(m["tday"])
            if ctx.anchor is None or safe_date(2000, mo, dy) is None:
                return "TIME", f"XXXX-{mo:02d}-{dy:02d}T{clock}"
            d = pick_year(ctx.anchor, lambda y: safe_date(y, mo, dy) or date(y, mo, 28), None)
            return "TIME", f"{cal.day(d)}T{clock}"
    word = norm(day_word)
    if ctx.anchor is None:
        day_part = f"XXXX-WXX-{WEEKDAYS[word]}" if word in WEEKDAYS else "XXXX-XX-XX"
        return "TIME", f"{day_part}T{clock}"
    base = ctx.anchor
    if word in WEEKDAYS:
        base = weekday_date(ctx, WEEKDAYS[word], "")
    elif word in ("yesterday", "tomorrow"):
        base += timedelta(days=-1 if word == "yesterday" else 1)
    elif (ref := cal.parse(ctx.last)) and ref[1] == "D":
        base = ref[0]
    return "TIME", f"{cal.day(base)}T{clock}"
