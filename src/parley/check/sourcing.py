"""``anonymous_source``: statements that rest on unnamed sources ("observers believe",
"a source said", "officials said"); ``unattributed_claim``: statements that rest on no
source at all ("it is believed that", "allegedly", "reports suggest")."""

from __future__ import annotations

import re

from parley.ingest.headlines import shorten
from parley.model import Flag, Quote, Sentence, Span


def anonymous_sources(quotes: list[Quote]) -> list[Flag]:
    flags = []
    for q in quotes:
        if not q.anonymous:
            continue
        source = q.speaker.text if q.speaker else "an unnamed source"
        spans = tuple(s for s in (q.speaker, q.cue, q.content) if s is not None)
        flags.append(
            Flag(
                kind="anonymous_source",
                severity="warning",
                message=f"“{shorten(q.content.text, 80)}” rests on an unnamed source ({source})",
                spans=spans,
                evidence={"quote": q.id, "source": source},
            )
        )
    return flags


# impersonal constructions that state a claim while naming no source at all
_IMPERSONAL = re.compile(
    r"\b(?:it\s+(?:is|was|has\s+been|had\s+been)\s+(?:widely\s+)?(?:believed|said|reported"
    r"|claimed|alleged|rumou?red|understood|thought|suggested)\s+that"
    r"|(?:is|are|was|were)\s+(?:widely\s+)?(?:said|believed|reported|alleged|rumou?red"
    r"|thought|understood)\s+to\s+(?:be|have)"
    r"|allegedly|purportedly|according\s+to\s+(?:rumou?rs|(?:some\s+)?reports(?!\s+(?:in|by|from)\s))"
    r"|reports\s+(?:suggest|say|indicate)|rumou?rs\s+(?:suggest|say|have\s+it))\b",
    re.I,
)


# a source named in the sentence itself
_SOURCED = re.compile(
    r"\b(?:report|statement|data|figures|estimates?|assessment)\s+(?:of|from|by)\s+(?:the\s+)?[A-Z]"
    r"|\baccording\s+to\s+(?:the\s+)?[A-Z]"
)


def unattributed_claims(
    text: str, sentences: tuple[Sentence, ...], quotes: list[Quote]
) -> list[Flag]:
    """Sentences that rest a claim on no source ("it is believed that", "allegedly",
    "reports suggest"), unless a named speaker's quote covers them."""
    named = [q for q in quotes if q.speaker is not None and not q.anonymous]
    flags = []
    for sent in sentences:
        if _SOURCED.search(text, sent.start, sent.end):
            continue  # "in the report of the General Staff, it was reported that ..."
        for m in _IMPERSONAL.finditer(text, sent.start, sent.end):
            if any(q.content.start <= m.start() < q.content.end for q in named):
                continue  # the speaker's own hedge: the source is the speaker
            phrase = Span.of(text, m.start(), m.end())
            flags.append(
                Flag(
                    kind="unattributed_claim",
                    severity="warning",
                    message=f"“{phrase.text}”: the claim names no source",
                    spans=(phrase, Span.of(text, sent.start, sent.end)),
                    evidence={"construction": phrase.text.lower(), "sentence": sent.i},
                )
            )
            break
    return flags
