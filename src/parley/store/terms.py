"""Salient terms of an article: the most frequent content words, kept for story grouping."""

from __future__ import annotations

import re
from collections import Counter

TOP_TERMS = 80

_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]{3,}")

_STOPWORDS = """
    a about above across after again against ago ahead all almost along already also although
    always am among an and another any anyone anything are around as at away back be became
    because become been before being below between both but by came can cannot could did do
    does doing done down during each either else enough even ever every few first for former
    from further get gets getting give given go going gone got had has have having he her here
    hers herself him himself his how however i if in including instead into is it its itself
    just last later least less let like made make makes many may me might more most much must
    my myself near nearly need never new next no nor not now of off often on once one only or
    other others our ours out over own part per perhaps put rather really said same say saying
    says see seen several shall she should since so some something still such take taken than
    that the their theirs them themselves then there these they this those though three
    through thus to today told too toward towards two under until up upon us use used very via
    was way we well were what whatever when where whether which while who whole whom whose why
    will with within without would yet you your yours yourself
    according added advertisement article asked called cent continue continued copy day days
    did don’t don't email font further image including it's it’s many million month months
    monday tuesday wednesday thursday friday saturday sunday mr mrs ms news newsletter noted
    percent photo photograph read reported reports say spoke statement stated stressed think
    time times told video view want wanted week weeks whether year years yesterday
"""
STOPWORDS = frozenset(_STOPWORDS.split())


def salient_terms(text: str, top: int = TOP_TERMS) -> list[tuple[str, int]]:
    """``(term, count)`` for the ``top`` most frequent non-stopwords (ties: first seen)."""
    counts = Counter(
        word
        for raw in _WORD.findall(text.lower())
        if len(word := raw.replace("’", "'").removesuffix("'s")) >= 3 and word not in STOPWORDS
    )
    return counts.most_common(top)
