"""What a reader sees as an article's name: its headline, else its first sentence.

A line that is a dateline ("Moscow CNN —", "KYIV, Ukraine (AP) —"), a byline ("By Jane Roe",
"Reporting by …") or page furniture ("Advertisement", "Sign up to …") is never a headline.
An article without a headline is shown by its lead: the first sentence that is none of these,
with a dateline in front of it cut off ("MINSK, 3 May (BelTA) – The talks …" → "The talks …"),
shortened to ``LEAD_CHARS`` with an ellipsis.

Pure functions of strings (no spaCy): the store, the lists and the dashboard use them; the
record's ``article.title`` stays the headline as the input or the text gives it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

LEAD_CHARS = 140
MIN_LEAD_WORDS = 3
# a label in capitals in front of a sentence: "EXCLUSIVE: …", "BREAKING - …", "WATCH: …"
_KICKER = re.compile(r"^[A-Z]{4,}(?: [A-Z]{2,})?\s*[:—–-]\s+(?=\S)")
_DASH = "—–-"
# a place (one to four capitalised words, commas allowed), then an outlet or a date, then a dash
_PLACE = r"[A-Z][\w.'’]*(?:[ ,]+[A-Z][\w.'’]*){0,4}"
_OUTLET = r"\(?[A-Z][\w.&]*(?: [A-Z][\w.&]*){0,2}\)?"
_DAY = r"\d{1,2} [A-Z][a-z]+|[A-Z][a-z]{2,8}\.? \d{1,2}"
_DATELINE = re.compile(
    rf"^(?:{_PLACE}(?:,? (?:{_DAY}))?(?:,? {_OUTLET})?|{_OUTLET})\s*[{_DASH}]{{1,2}}",
)
_WIRE = re.compile(rf"\(|\b[A-Z]{{3,}}\b|{_DAY}")
_BYLINE = re.compile(
    r"^(?:by|written by|reporting by|words by|story by|photos? by|edited by|updated|posted|"
    r"published|last updated)\b[ :]",
    re.IGNORECASE,
)
_FURNITURE = re.compile(
    r"^(?:advertisement|sponsored|newsletter|sign up|subscribe|follow us|share this|"
    r"listen to this article|read more|watch|video|photo|image|copyright|©)\b",
    re.IGNORECASE,
)


def is_dateline(text: str) -> bool:
    """A dateline alone on its line: "Moscow CNN —", "KYIV, Ukraine (AP) —", "(Reuters) -"."""
    line = text.strip()
    return bool(line) and line[-1] in _DASH and _DATELINE.match(line) is not None


def is_byline(text: str) -> bool:
    """ "By Jane Roe", "Reporting by …", "Updated 10:30 GMT", "Posted …"."""
    return _BYLINE.match(text.strip()) is not None


def is_headline(text: str | None) -> bool:
    """Whether ``text`` can be an article's headline: words, and no dateline, byline or page
    furniture."""
    if not text or sum(ch.isalpha() for ch in text) < 3:
        return False
    line = text.strip()
    return not (is_dateline(line) or is_byline(line) or _FURNITURE.match(line))


def strip_dateline(sentence: str) -> str:
    """The sentence without a dateline in front ("MINSK, 3 May (BelTA) – The talks…"); the
    dateline must name an outlet in brackets or capitals, or a day ("Biden — Putin talks"
    keeps its words)."""
    match = _DATELINE.match(sentence)
    if match is None or not _WIRE.search(match.group()):
        return sentence
    rest = sentence[match.end() :].lstrip(_DASH + " ")
    return rest if rest[:1].isupper() or rest[:1] in "\"“'‘" else sentence


def shorten(text: str, limit: int = LEAD_CHARS) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters with an
    ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:–—-") + "…"


def lead(text: str, sentences: Iterable[tuple[int, int]], skip: str | None = None) -> str | None:
    """The first sentence of ``text`` (given as ``(start, end)`` offsets) of at least
    ``MIN_LEAD_WORDS`` words that is no dateline, byline or page furniture and not ``skip``
    (the headline), without a label in capitals in front ("EXCLUSIVE: "), shortened."""
    for start, end in sentences:
        for line in text[start:end].splitlines():  # a dateline line glued to the first sentence
            line = _KICKER.sub("", strip_dateline(line.strip()))
            if not is_headline(line) or (skip and line == skip.strip()):
                continue
            if len(line.split()) < MIN_LEAD_WORDS:  # "EXCLUSIVE:", "Kyiv.": a label
                continue
            return shorten(line)
    return None


def display_title(record: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """(headline, lead) of a ``parley.analysis/1`` record: the headline when the article has
    a real one (else None), and the lead sentence."""
    article = record["article"]
    title = article.get("title")
    headline = title.strip() if is_headline(title) else None
    spans = [(s["start"], s["end"]) for s in record.get("sentences") or ()]
    if not spans:
        spans = [(0, len(article["text"]))]
    return headline, lead(article["text"], spans, skip=title)
