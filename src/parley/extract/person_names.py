"""Person names within one article: spelling folded for comparison, and the short forms of a
name ("Jordan" after "Maria Jordan", "D. Cameron" beside "David Cameron") joined to the
person named in full."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from parley.extract.mentions import NAME_LIKE, Mention
from parley.kb import KB

_FOLD = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "ß": "ss", "ı": "i"})


def fold(name: str) -> str:
    """Latin letters without diacritics: "Zełenski" -> "Zelenski", "Erdoğan" -> "Erdogan"."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_FOLD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def merge_surnames(mentions: list[Mention], text: str) -> list[Mention]:
    """A person named in full and then by surname alone is one person — whatever else the
    lone surname was taken for (the tagger often calls it an ORG; "Jordan" after "Maria
    Jordan" is not the country). This holds for a person the knowledge base knows as well
    when the base does not take the surname alone (a common one: "Johnson" after "Boris
    Johnson"), unless two persons of the article share it."""
    full: dict[str, str] = {}
    for m in mentions:
        if m.is_new and m.kind == "person" and " " in m.key:
            full.setdefault(m.key.rsplit(" ", 1)[1], m.key)
    known: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        words = text[m.start : m.end].split()
        if not m.is_new and m.kind == "person" and m.how in ("name", "fuzzy") and len(words) > 1:
            known[words[-1]].add(m.key)
    for surname, keys in known.items():
        if len(keys) == 1 and surname not in full:
            full[surname] = next(iter(keys))
    first: dict[str, int] = {}  # where each key is first mentioned
    for m in mentions:
        first[m.key] = min(first.get(m.key, m.start), m.start)
    out = []
    for m in mentions:
        key = full.get(text[m.start : m.end]) if m.how in ("ner", "name", "fuzzy") else None
        if key and " " not in text[m.start : m.end] and m.start >= first[key]:
            m = Mention(m.start, m.end, key, m.how, "person", m.tokens)
        out.append(m)
    return out


_INITIALS = re.compile(r"^((?:[A-Z]\.\s?-?\s?)+)\s*(\S.*)$")  # "D. Cameron", "J.-C. Juncker"


def _initialled(form: str) -> tuple[str, str] | None:
    """(first initial, folded surname) of a name written with initials, else None."""
    hit = _INITIALS.match(form)
    if hit is None or not hit.group(2)[:1].isupper():
        return None
    return hit.group(1)[0], fold(hit.group(2)).lower()


def merge_initials(mentions: list[Mention], text: str, kb: KB) -> list[Mention]:
    """A person written with an initial ("D. Cameron") is the person of the same article
    named in full with that surname and a first name of that initial ("David Cameron"),
    when there is exactly one such person."""
    initialled = {}
    for m in mentions:
        if m.kind in ("person", "organization") and m.how in NAME_LIKE:
            found = _initialled(text[m.start : m.end])
            if found is not None:
                initialled[m.start] = found
    if not initialled:
        return mentions
    full: dict[tuple[str, str], set[str]] = defaultdict(set)
    for m in mentions:
        if m.kind != "person" or m.start in initialled:
            continue
        rec = kb.get(m.key)
        forms = (rec.name, *rec.aliases) if rec is not None else (text[m.start : m.end],)
        for form in forms:
            words = form.split()
            if len(words) >= 2 and len(words[0]) > 2 and words[0][:1].isupper():
                full[(words[0][0], fold(words[-1]).lower())].add(m.key)
    out = []
    for m in mentions:
        keys = full.get(initialled.get(m.start, ("", "")), set())
        if len(keys) == 1 and m.key not in keys:
            m = Mention(m.start, m.end, next(iter(keys)), m.how, "person", m.tokens)
        out.append(m)
    return out
