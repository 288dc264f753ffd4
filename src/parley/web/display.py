"""How text and dates are shown on the dashboard: an article's lead sentence when it has no
title, excerpts cut at a word boundary with an ellipsis, readable dates.

Pure functions of strings; the templates use them as filters.
"""

from __future__ import annotations

import re
from datetime import datetime

ELLIPSIS = "…"
LEAD_CHARS = 140  # a lead sentence shown as a title is cut here
MIN_WORDS = 5  # a shorter paragraph is a dateline, a byline or a heading, not a lead

_SENTENCE_END = re.compile(r"""[.!?]["”’')\]]*(?=\s+["“‘(\[]?[A-Z0-9])""")
#: words whose full stop does not end a sentence ("Mr. Smith", "Gen. Milley", "U.S. troops")
_ABBREVIATIONS = frozenset(("mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt",
    "adm", "sen", "rep", "gov", "pres", "prof", "st", "jr", "sr", "rev", "no", "vs", "etc",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc",
    "corp", "ltd", "co"))  # fmt: skip
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip


def excerpt(text: str | None, limit: int) -> str:
    """``text`` on one line, cut at the last word boundary before ``limit`` characters and
    marked with an ellipsis when something was cut."""
    flat = " ".join((text or "").split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit + 1]
    space = cut.rfind(" ")
    head = cut[:space] if space > limit // 2 else flat[:limit]
    return head.rstrip(" ,;:–—-") + ELLIPSIS


def lead(text: str | None, limit: int = LEAD_CHARS) -> str:
    """The first sentence of the first paragraph that reads as prose (``MIN_WORDS`` words or
    more), so that a dateline ("CNN —"), a byline or a short heading is passed over; cut
    with an ellipsis past ``limit`` characters. Empty for an empty text."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\n", text or "") if p.strip()]
    prose = next((p for p in paragraphs if len(p.split()) >= MIN_WORDS), None)
    if prose is None:
        prose = paragraphs[0] if paragraphs else ""
    return excerpt(first_sentence(prose).lstrip("-–—•*· ").rstrip(" –—-"), limit)


def first_sentence(text: str) -> str:
    """``text`` up to the end of its first sentence: a full stop, question or exclamation
    mark before a capital, not after an abbreviation or an initial, after three words."""
    for end in _SENTENCE_END.finditer(text):
        before = text[: end.start()]
        word = before.rsplit(None, 1)[-1] if before.split() else ""
        if len(before.split()) < 3 or "." in word or len(word) == 1:
            continue  # "U.S.", "J. Smith", or too short to be a sentence
        if text[end.start()] == "." and word.lower().strip("\"'“‘(") in _ABBREVIATIONS:
            continue
        return text[: end.end()]
    return text


def shown_title(title: str | None, text: str | None) -> str:
    """What names an article on a page: its title, else its lead sentence."""
    if title and title.strip():
        return " ".join(title.split())
    return lead(text) or "(empty article)"


_QUOTED = re.compile(r"“([^“”]{8,})”")


def mend_cuts(message: str | None, text: str) -> str:
    """A flag message with each quoted passage that was cut inside a word (“… newly
    developed mi”) cut back to the word boundary before it and marked with an ellipsis;
    a passage that is not found in ``text`` (the article) is left as it is."""

    def mend(match: re.Match[str]) -> str:
        passage = match.group(1)
        at = text.find(passage)
        follows = text[at + len(passage) : at + len(passage) + 1] if at >= 0 else ""
        if not (follows.isalnum() and passage[-1].isalnum() and " " in passage):
            return match.group(0)
        return "“" + passage[: passage.rfind(" ")].rstrip(" ,;:–—-") + ELLIPSIS + "”"

    return _QUOTED.sub(mend, message or "")


def _parse(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def human_date(value: str | None) -> str:
    """``2024-04-22`` → ``22 April 2024``; ``2024-04-22T08:30:00Z`` → ``22 April 2024,
    08:30 UTC`` (other offsets shown as ``+02:00``; midnight as the day alone); a value
    that is not an ISO date is shown as it is, none as "undated"."""
    if not value:
        return "undated"
    parsed = _parse(value.strip())
    if parsed is None:
        return value
    day = f"{parsed.day} {_MONTHS[parsed.month - 1]} {parsed.year}"
    if len(value.strip()) <= 10 or (parsed.hour, parsed.minute, parsed.second) == (0, 0, 0):
        return day  # a time of midnight is a date given as a timestamp
    clock = f"{parsed.hour:02d}:{parsed.minute:02d}"
    if parsed.tzinfo is None:
        return f"{day}, {clock}"
    offset = parsed.utcoffset()
    if offset is not None and not offset:
        return f"{day}, {clock} UTC"
    return f"{day}, {clock} {parsed.strftime('%z')[:3]}:{parsed.strftime('%z')[3:]}"
