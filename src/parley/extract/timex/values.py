"""What every value computation shares: the context of an expression and small readers of
numbers, units and years.

``Context`` carries the anchor (the publication date), the tense of the verb governing the
expression, and the last calendar values the document stated, which anaphoric expressions
("a year earlier", "the quarter") are read against.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from parley.extract.timex import calendar as cal
from parley.extract.timex.words import MONTHS, NUMBERS, UNITS, VAGUE

Result = tuple[str, str] | None


@dataclass
class Context:
    """What a value may depend on besides the expression itself."""

    anchor: date | None
    tense: str | None = None  # PAST, PRESENT or FUTURE: of the verb governing the expression
    last: str | None = None  # the last calendar value the document mentioned
    last_quarter: str | None = None

    def remember(self, value: str) -> None:
        """Note a calendar value the text stated, as the reference of later anaphora."""
        parsed = cal.parse(value.split("T")[0])
        if parsed is None:
            return
        self.last = value.split("T")[0]
        # "the quarter" means the last quarter talked about that is over by the anchor
        if parsed[1] == "Q" and (self.anchor is None or cal.move(parsed[0], 1, "Q") <= self.anchor):
            self.last_quarter = value

    def direction(self, default: int = -1) -> int:
        """+1 when the expression points forward in time (future tense), else ``default``."""
        if self.tense == "FUTURE":
            return 1
        if self.tense == "PAST":
            return -1
        return default


def norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", (text or "").lower().strip())


def number(text: str) -> float | None:
    """3, "3.5", "1,000", "5 1/2", "twenty-four", "a hundred", "a couple of"; None if vague."""
    text = norm(text).replace("-", " ").removesuffix(" of")
    text = re.sub(r"^an? (?=couple|dozen|few|half)", "", text)
    if text.endswith(" and a half"):
        whole = number(text.removesuffix(" and a half"))
        return whole + 0.5 if whole is not None else None
    if text in VAGUE or text in ("few", "dozens"):
        return None
    digits = re.fullmatch(r"([\d,]+(?:\.\d+)?)(?: (\d)/(\d))?", text)
    if digits:
        value = float(digits[1].replace(",", ""))
        return value + (int(digits[2]) / int(digits[3]) if digits[2] else 0)
    total = 0.0
    for part in text.split():
        if part in ("hundred", "thousand"):
            total = max(total, 1) * NUMBERS[part]
        elif part in NUMBERS:
            total += NUMBERS[part]
        elif part != "and":
            return None
    return total or None


def unit_of(text: str) -> tuple[str, int, bool]:
    word = norm(text)
    for form in (word, word[:-1], word[:-1] + "um", word[:-3] + "y"):
        if form in UNITS:
            return UNITS[form]
    raise KeyError(text)


def duration(n: float | None, unit_text: str) -> str:
    """P6M, PT5H30M, P2Y6M, P10Y (a decade), PXY (several years)."""
    letter, size, is_time = unit_of(unit_text)
    t = "T" if is_time else ""
    if n is None:
        return f"P{t}X{'Y' if size >= 10 else letter}"
    n *= size
    if letter == "Q":
        return f"P{n:g}Q" if n == int(n) else f"P{n * 3:g}M"
    whole = int(n)
    rest = n - whole
    if not rest:
        return f"P{t}{whole}{letter}"
    finer = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24)}
    if is_time:
        finer = {"H": ("M", 60), "M": ("S", 60)}
    small, per = finer.get(letter, ("S", 1))
    t2 = "T" if (is_time or letter == "D") else ""
    head = f"{whole}{letter}" if whole else ""
    return f"P{t}{head}{t2 if not t else ''}{round(rest * per)}{small}"


def calendar_unit(unit_text: str) -> tuple[str, int]:
    letter, size, is_time = unit_of(unit_text)
    if is_time:
        return "D", 0
    if letter == "Y" and size > 1:
        return "Y", size
    return letter, size


def month_number(text: str) -> int:
    return MONTHS[norm(text).rstrip(".")]


def day_number(text: str) -> int:
    """3 for "3", "3rd" or "03"."""
    return int(re.sub(r"\D", "", text))


def pick_year(
    anchor: date, make: Callable[[int], date], direction: int | None, slack: int = 366
) -> date:
    """The date ``make(year)`` nearest the anchor, with the side the tense points to
    (``direction`` -1 for the past, +1 for the future) ``slack`` days nearer."""

    def distance(d: date) -> int:
        days = (d - anchor).days
        against = direction is not None and days * direction < 0
        return abs(days) + (slack if against else 0)

    return min((make(anchor.year + k) for k in (-1, 0, 1)), key=distance)


def tense_direction(ctx: Context) -> int | None:
    return {"FUTURE": 1, "PAST": -1}.get(ctx.tense or "")


def safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def spoken_year(text: str) -> int:
    """1986 for "nineteen eighty-six", 2005 for "two thousand and five"."""
    words = norm(text).replace("-", " ").split()
    if words[0] == "two":
        return 2000 + int(number(" ".join(words[3:])) or 0)
    rest = number(" ".join(words[1:])) if words[1] != "hundred" else 0
    return NUMBERS[words[0]] * 100 + int(rest or 0)
