"""TimeML calendar values: formatting, parsing and moving them by whole units.

A value has a granularity: ``D`` (2025-12-21), ``W`` (2025-W52), ``M`` (2025-12), ``Q``
(2025-Q4), ``S`` (a season, 2025-SU), ``H`` (a half, 2025-H2), ``Y`` (2025). Moving
"2025-Q4" back one year gives "2024-Q4": a value keeps its granularity unless the unit it is
moved by is finer.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

ORDER = {"D": 0, "W": 1, "M": 2, "Q": 3, "S": 4, "H": 4, "Y": 5}
UNRESOLVED = {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "M": "XXXX-XX", "Q": "XXXX-QX", "Y": "XXXX"}
_SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

_VALUE = re.compile(
    r"^(?P<y>\d{4})(?:-(?:(?P<m>\d\d)(?:-(?P<d>\d\d))?|W(?P<w>\d\d)|Q(?P<q>[1-4])"
    r"|H(?P<h>[12])|(?P<s>SP|SU|FA|WI)))?$"
)


def day(d: date) -> str:
    return d.isoformat()


def month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def quarter_of(d: date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def add_months(d: date, n: int) -> date:
    k = d.year * 12 + d.month - 1 + n
    y, m = divmod(k, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def move(d: date, n: int, unit: str) -> date:
    """``d`` moved by ``n`` units (D, W, M, Q or Y)."""
    if unit == "D":
        return d + timedelta(days=n)
    if unit == "W":
        return d + timedelta(weeks=n)
    return add_months(d, n * {"M": 1, "Q": 3, "Y": 12}[unit])


def fmt(d: date, gran: str) -> str:
    if gran == "D":
        return day(d)
    if gran == "W":
        return week(d)
    if gran == "M":
        return month(d.year, d.month)
    if gran == "Q":
        return f"{d.year:04d}-Q{quarter_of(d)[1]}"
    return f"{d.year:04d}"


def parse(value: str | None) -> tuple[date, str, str] | None:
    """(first day, granularity, suffix) of a calendar value, None for anything else."""
    m = _VALUE.match(value or "")
    if not m:
        return None
    y = int(m["y"])
    try:
        if m["d"]:
            return date(y, int(m["m"]), int(m["d"])), "D", ""
        if m["m"]:
            return date(y, int(m["m"]), 1), "M", ""
        if m["w"]:
            return date.fromisocalendar(y, int(m["w"]), 1), "W", ""
    except ValueError:
        return None
    if m["q"]:
        return date(y, 3 * int(m["q"]) - 2, 1), "Q", ""
    if m["h"]:
        return date(y, 6 * int(m["h"]) - 5, 1), "H", m["h"]
    if m["s"]:
        return date(y, _SEASON_MONTH[m["s"]], 1), "S", m["s"]
    return date(y, 1, 1), "Y", ""


def shift(value: str | None, n: int, unit: str) -> str | None:
    """A calendar value moved by ``n`` units, at its own granularity or the unit's if finer."""
    parsed = parse(value)
    if parsed is None:
        return None
    start, gran, suffix = parsed
    moved = move(start, n, unit)
    if gran in ("S", "H"):
        if unit != "Y":
            return None
        return f"{moved.year:04d}-{'H' if gran == 'H' else ''}{suffix}"
    if ORDER[unit] < ORDER[gran]:
        gran = unit
    return fmt(moved, gran)


def nearest_weekday(anchor: date, weekday: int, direction: int) -> date:
    """The ``weekday`` (1-7) on or before ``anchor`` (direction -1) or on or after it (+1)."""
    delta = (weekday - anchor.isoweekday()) % 7
    if direction > 0:
        return anchor + timedelta(days=delta)
    return anchor - timedelta(days=(7 - delta) % 7)


def nth_weekday(y: int, m: int, weekday: int, n: int) -> date:
    """The ``n``-th (or with n=-1 the last) ``weekday`` (1-7) of a month."""
    if n > 0:
        first = date(y, m, 1)
        return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    last = date(y, m, calendar.monthrange(y, m)[1])
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)


def easter(y: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = divmod(b, 4)
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_shift = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday_shift) // 451
    month_, day_ = divmod(h + weekday_shift - 7 * m + 114, 31)
    return date(y, month_, day_ + 1)
