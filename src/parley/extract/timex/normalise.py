"""TimeML values of matched expressions, against the anchor (publication date) and the
expressions met earlier in the document.

One function per rule of ``patterns``: ``(match, context) -> (type, value)`` or None when
the match is not a temporal expression after all. Deictic expressions ("last year",
"Sunday") need the anchor; without it they keep an underspecified value ("XXXX",
"XXXX-WXX-7"). Anaphoric ones ("a year earlier", "the quarter", "the following day") are
read against the last date the document mentioned, falling back on the anchor.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from parley.extract.timex import dates, relative
from parley.extract.timex.values import Context, Result

__all__ = ["HANDLERS", "Context"]

HANDLERS: dict[str, Callable[[re.Match, Context], Result]] = {
    "date_full": dates.date_full,
    "month_day": dates.month_day,
    "day_coord": dates.day_coord,
    "month_year": dates.month_year,
    "month": dates.month_name,
    "year": dates.year,
    "decade": dates.decade,
    "century": dates.century,
    "quarter": dates.quarter,
    "quarter_ref": dates.quarter_ref,
    "year_ago_adj": dates.year_ago_adj,
    "half": dates.half,
    "season": dates.season,
    "holiday": dates.holiday,
    "weekday": relative.weekday,
    "deictic": relative.deictic,
    "relative": relative.relative,
    "the_weekend": relative.the_weekend,
    "the_year": relative.the_year,
    "ago": relative.ago,
    "duration": relative.duration_rule,
    "vague": relative.vague,
    "set": relative.set_rule,
    "reference": relative.reference,
    "time": relative.time,
}
