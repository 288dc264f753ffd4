"""Quotation marks: which stretches of the text are inside quotes.

Handles curly (“…”, „…“), straight ("…"), doubled apostrophes (''…'', as some newspapers
print them), backticks (``…''), guillemets («…», and »…« as German prints them) and single
curly quotes (‘…’) where they are clearly paired. A quote left open runs to the end of its
paragraph, unless the next paragraph opens with a quote mark: that is the convention for a
quotation over several paragraphs. Unbalanced marks never make a quote run past that.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

# a mark and the roles it can play
_DOUBLE = re.compile(r"''|``|[\"“”„‟«»]")
_OPENERS = {"“", "„", "‟", "«", "``"}
_CLOSERS = {"”", "»"}
_SINGLE = re.compile(r"[‘’]")
_PARAGRAPH = re.compile(r"[^\n]+")
_BEFORE_OPEN = set(" \t\n([{—–-/:;,")


@dataclass(frozen=True, slots=True)
class Quoted:
    """A quoted stretch: ``start``/``end`` include the marks, ``inner_*`` exclude them."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool  # False when the closing mark was missing and the quote was capped

    def contains(self, pos: int) -> bool:
        return self.start <= pos < self.end


def _role(text: str, pos: int, mark: str) -> str:
    """'open', 'close' or 'either' for the mark at ``pos``."""
    if mark in _OPENERS:
        return "open"
    if mark in _CLOSERS:
        return "close"
    before = text[pos - 1] if pos > 0 else "\n"
    after = text[pos + len(mark)] if pos + len(mark) < len(text) else "\n"
    if (before in _BEFORE_OPEN or before.isspace()) and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or not after.isalnum()):
        return "close"
    return "either"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]


def _opens_with_mark(text: str, start: int, end: int) -> str | None:
    s, _ = _trim(text, start, end)
    m = _DOUBLE.match(text, s)
    if m and _role(text, s, m.group()) != "close":
        return m.group()
    return None


def _german(marks: list[tuple[int, str]]) -> bool:
    """»…« order: the first guillemet of the text is »."""
    for _, mark in marks:
        if mark in ("«", "»"):
            return mark == "»"
    return False


def find_quoted(text: str) -> list[Quoted]:
    """Every top-level quoted stretch of ``text``, in order."""
    found: list[Quoted] = []
    marks = [(m.start(), m.group()) for m in _DOUBLE.finditer(text)]
    swap = _german(marks)
    paragraphs = _paragraphs(text)
    k = 0
    open_at: tuple[int, str] | None = None
    for n, (p_start, p_end) in enumerate(paragraphs):
        continued = open_at is not None
        while k < len(marks) and marks[k][0] < p_start:
            k += 1
        first = True
        while k < len(marks) and marks[k][0] < p_end:
            pos, mark = marks[k]
            k += 1
            if swap and mark in ("«", "»"):
                mark = "«" if mark == "»" else "»"
            role = _role(text, pos, mark)
            if continued and first and role != "close":
                first = False  # the mark that reopens a continued quotation
                continue
            first = False
            if open_at is None:
                if role != "close":
                    open_at = (pos, mark)
                continue
            if role == "open" and mark in _OPENERS and open_at[1] in _OPENERS:
                # a second opener before any closer: the first quote was never closed
                found.append(_capped(text, open_at, pos))
                open_at = (pos, mark)
                continue
            if role == "open" and mark not in _OPENERS and _pair(open_at[1]) != mark:
                continue
            found.append(_closed(text, open_at, pos, mark))
            open_at = None
        if open_at is not None:
            nxt = paragraphs[n + 1] if n + 1 < len(paragraphs) else None
            if nxt is None or _opens_with_mark(text, *nxt) is None:
                found.append(_capped(text, open_at, p_end))
                open_at = None
    if open_at is not None:
        found.append(_capped(text, open_at, len(text)))
    found += _single_quoted(text, found, paragraphs)
    return sorted(found, key=lambda q: q.start)


def _pair(opener: str) -> str:
    return {"“": "”", "„": "“", "«": "»", "``": "''", "'": "'"}.get(opener, opener)


def _closed(text: str, open_at: tuple[int, str], pos: int, mark: str) -> Quoted:
    start, opener = open_at
    inner_start, inner_end = _trim(text, start + len(opener), pos)
    return Quoted(start, pos + len(mark), inner_start, inner_end, True)


def _capped(text: str, open_at: tuple[int, str], limit: int) -> Quoted:
    start, opener = open_at
    inner_start, inner_end = _trim(text, start + len(opener), limit)
    return Quoted(start, max(inner_end, start + len(opener)), inner_start, inner_end, False)


def _single_quoted(text: str, double: list[Quoted], paragraphs) -> list[Quoted]:
    """‘…’ pairs outside double quotes, within one paragraph (apostrophes are skipped)."""
    out = []
    # the double quotes by start, and the longest: a mark is tested only against the
    # quotes that can hold it
    spans = sorted((q.start, q.end) for q in double)
    longest = max((end - start for start, end in spans), default=0)
    for p_start, p_end in paragraphs:
        open_pos = None
        for m in _SINGLE.finditer(text, p_start, p_end):
            pos = m.start()
            lo = bisect_left(spans, (pos - longest, pos))
            near = spans[lo : bisect_left(spans, (pos + 1, -1))]
            if any(start <= pos < end for start, end in near):
                continue
            before = text[pos - 1] if pos > p_start else " "
            after = text[pos + 1] if pos + 1 < p_end else " "
            if m.group() == "‘" and (before.isspace() or before in _BEFORE_OPEN):
                open_pos = pos
            elif m.group() == "’" and open_pos is not None and not after.isalpha():
                inner_start, inner_end = _trim(text, open_pos + 1, pos)
                out.append(Quoted(open_pos, pos + 1, inner_start, inner_end, True))
                open_pos = None
    return out
