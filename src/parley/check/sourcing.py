"""``anonymous_source``: statements that rest on unnamed sources ("observers believe",
"a source said", "officials said")."""

from __future__ import annotations

from parley.model import Flag, Quote


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
                message=f"“{q.content.text[:80]}” rests on an unnamed source ({source})",
                spans=spans,
                evidence={"quote": q.id, "source": source},
            )
        )
    return flags
