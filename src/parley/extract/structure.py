"""Plain-text structure: the title, subheadings and the sentences of an article.

A heading is a short line without closing punctuation that is followed by more text, like
the seed's "The Russian position: No serious initiatives". Offsets index ``Article.text``
exactly as decoded; nothing is normalised.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from parley.model import Section, Sentence, Span
from parley.nlp import doc_sents, doc_text

MAX_HEADING_CHARS = 120
MAX_HEADING_WORDS = 14
_CLOSING = tuple(".!?;,:…\"”’'»)]")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r|$)")


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line's content, line breaks excluded."""
    out = []
    for m in _LINE.finditer(text):
        if m.start() == len(text) and m.group() == "":
            break
        content = m.group().rstrip("\r\n")
        out.append((m.start(), m.start() + len(content)))
    return out


def _heading_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    line = text[start:end]
    stripped = line.strip()
    if not stripped:
        return None
    lead = len(line) - len(line.lstrip())
    s, e = start + lead, start + lead + len(stripped)
    if stripped.startswith("#"):  # markdown heading: the words after the hashes
        words = stripped.lstrip("#").strip()
        if not words:
            return None
        return e - len(words), e
    if len(stripped) > MAX_HEADING_CHARS or len(stripped.split()) > MAX_HEADING_WORDS:
        return None
    if stripped.endswith(_CLOSING) or not (stripped[0].isupper() or stripped[0].isdigit()):
        return None
    if sum(ch.isalpha() for ch in stripped) < 3:
        return None
    return s, e


def find_sections(text: str) -> tuple[str | None, tuple[Section, ...]]:
    """The detected title (a heading on the first non-empty line) and every section."""
    lines = [ln for ln in _lines(text) if text[ln[0] : ln[1]].strip()]
    headings: list[tuple[int, int]] = []
    for k, (start, end) in enumerate(lines[:-1]):  # a heading needs a body after it
        span = _heading_span(text, start, end)
        if span is None:
            continue
        if k + 1 < len(lines) and _heading_span(text, *lines[k + 1]) is not None and k > 0:
            # two short lines in a row inside the body (a list, a dateline) are not headings
            continue
        headings.append(span)
    sections = []
    for n, (hs, he) in enumerate(headings):
        body_end = headings[n + 1][0] if n + 1 < len(headings) else len(text)
        body_start = he
        while body_start < body_end and text[body_start].isspace():
            body_start += 1
        while body_end > body_start and text[body_end - 1].isspace():
            body_end -= 1
        sections.append(Section(Span.of(text, hs, he), body_start, body_end))
    first = lines[0] if lines else None
    on_first_line = bool(headings) and first is not None and first[0] <= headings[0][0] < first[1]
    title = text[headings[0][0] : headings[0][1]] if on_first_line else None
    return title, tuple(sections)


def sentences(doc: Doc) -> tuple[Sentence, ...]:
    """Sentences with surrounding whitespace trimmed; whitespace-only ones dropped."""
    out: list[Sentence] = []
    text = doc_text(doc)
    for sent in doc_sents(doc):
        start, end = sent.start_char, sent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append(Sentence(len(out), start, end))
    return tuple(out)
