"""Article text cut into segments, each carrying the annotations (entity mentions, quotes,
events, times, flags) that cover it, for the article page to mark up.

Annotations may nest or overlap (a name inside a quote, a flag on a date): the text is cut
at every annotation boundary and each piece lists every annotation over it. The pieces are
plain strings; the template escapes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

CONTEXT_CHARS = 60  # a flag span longer than this (after the first) is shown as context


@dataclass(frozen=True, slots=True)
class Note:
    """One annotation: what it is (``kind``), where, a one-line ``label`` and details."""

    id: int
    kind: str  # entity, quote, cue, event, time, flag, flagctx (the context of a flag)
    start: int
    end: int
    label: str
    css: str  # extra classes: the flag kind, the entity kind
    details: tuple[tuple[str, str], ...] = ()
    link: str | None = None


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    notes: tuple[Note, ...]

    @property
    def classes(self) -> str:
        seen: list[str] = []
        for n in self.notes:
            for c in (f"hl-{n.kind}", *n.css.split()):
                if c not in seen:
                    seen.append(c)
        return " ".join(["hl", *seen])

    @property
    def title(self) -> str:
        return "\n".join(n.label for n in self.notes)

    @property
    def ids(self) -> str:
        flagged = {n.label for n in self.notes if n.kind == "flag"}
        shown = [n for n in self.notes if not (n.kind == "flagctx" and n.label in flagged)]
        return " ".join(str(n.id) for n in shown)

    @property
    def flag_kinds(self) -> str:
        return " ".join(n.css for n in self.notes if n.kind == "flag")


def _span(s: Any) -> tuple[int, int] | None:
    if not isinstance(s, dict):
        return None
    start, end = s.get("start"), s.get("end")
    if isinstance(start, int) and isinstance(end, int) and start < end:
        return start, end
    return None


def _is_context(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    """A flag's later span is context (the sentence around it), not the point itself, when
    it holds another of the flag's spans or is long."""
    start, end = span
    holds = any(s != span and start <= s[0] and s[1] <= end for s in spans)
    return holds or end - start > CONTEXT_CHARS


def _names(ids: list[str], entities: dict[str, dict]) -> str:
    return ", ".join(entities[i]["name"] for i in ids if i in entities) or "?"


def notes_of(record: dict[str, Any]) -> list[Note]:
    """Every annotation of a ``parley.analysis/1`` record, in reading order."""
    raw: list[tuple[str, tuple[int, int], str, str, tuple, str | None]] = []
    entities = {e["id"]: e for e in record.get("entities", ())}
    for e in entities.values():
        label = f"{e['name']} ({e.get('kind') or '?'})" + (
            f" — {e['role']}" if e.get("role") else ""
        )
        details = (("kind", e.get("kind") or ""), ("role", e.get("role") or ""),
                   ("KB id", e.get("kb_id") or ""), ("Wikidata", e.get("wikidata") or ""),
                   ("country", e.get("country") or ""))  # fmt: skip
        for m in e.get("mentions", ()):
            if (span := _span(m)) is not None:
                raw.append(("entity", span, label, f"entity-{e.get('kind') or 'other'}",
                            details, e.get("kb_id") or e["name"]))  # fmt: skip
    for q in record.get("quotes", ()):
        speaker = (entities.get(q.get("speaker_entity") or "") or {}).get("name") or (
            (q.get("speaker") or {}).get("text")
            or ("anonymous source" if q.get("anonymous") else "unknown")
        )
        cue = (q.get("cue") or {}).get("text")
        label = f"Quote {q.get('id')} ({q.get('kind')}) by {speaker}" + (
            f", cue “{cue}”" if cue else ""
        )
        details = (("speaker", speaker), ("cue", cue or ""), ("channel", q.get("channel") or ""),
                   ("via", (q.get("via") or {}).get("text") or ""),
                   ("anonymous", "yes" if q.get("anonymous") else ""))  # fmt: skip
        said_by = entities.get(q.get("speaker_entity") or "")
        link = (said_by.get("kb_id") or said_by["name"]) if said_by else None
        if (span := _span(q.get("content"))) is not None:
            raw.append(("quote", span, label, "", details, link))
        if (span := _span(q.get("cue"))) is not None:
            raw.append(("cue", span, f"reporting cue of {q.get('id')}", "", (), None))
    for v in record.get("events", ()):
        who, whom = _names(v.get("actors", []), entities), _names(v.get("recipients", []), entities)
        when = (v.get("when") or {}).get("value")
        if when and (v.get("when") or {}).get("basis") == "published":
            when += " (no date in the text: publication date assumed)"
        label = f"Event {v.get('type')} ({v.get('status')}): {who} → {whom}" + (
            f", {when}" if when else ""
        )
        details = (("type", v.get("type") or ""), ("mode", v.get("mode") or ""),
                   ("status", v.get("status") or ""), ("actors", who), ("recipients", whom),
                   ("when", when or ""), ("where", (v.get("where") or {}).get("name") or ""),
                   ("negated", "yes" if v.get("negated") else ""))  # fmt: skip
        if (span := _span(v.get("trigger"))) is not None:
            raw.append(("event", span, label, f"event-{v.get('type', '').lower()}", details, None))
    for t in record.get("times", ()):
        if (span := _span(t.get("span"))) is not None:
            label = f"Time {t.get('type')}: {t.get('value')}"
            raw.append(("time", span, label, "", (("value", str(t.get("value"))),), None))
    for f in record.get("flags", ()):
        label = f"Flag {f.get('kind')} ({f.get('severity')}): {f.get('message')}"
        spans = [span for s in f.get("spans", ()) if (span := _span(s)) is not None]
        for i, span in enumerate(spans):
            kind = "flagctx" if i and _is_context(span, spans) else "flag"
            raw.append((kind, span, label, f"flag-{f.get('kind')}",
                        (("severity", f.get("severity") or ""),), None))  # fmt: skip
    raw.sort(key=lambda r: (r[1][0], -r[1][1]))
    return [
        Note(i, kind, s, e, label, css, tuple((k, v) for k, v in details if v), link)
        for i, (kind, (s, e), label, css, details, link) in enumerate(raw)
    ]


def segments(text: str, notes: list[Note]) -> list[Segment]:
    """``text`` cut at every note boundary; concatenating the pieces gives ``text`` back."""
    size = len(text)
    cuts = {0, size}
    kept = []
    for n in notes:
        start, end = max(0, min(n.start, size)), max(0, min(n.end, size))
        if start < end:
            kept.append((start, end, n))
            cuts.update((start, end))
    bounds = sorted(cuts)
    out: list[Segment] = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        over = tuple(n for s, e, n in kept if s <= a and b <= e)
        out.append(Segment(text[a:b], over))
    return out


def anchors(record: dict[str, Any], parts: list[Segment]) -> dict[int, str]:
    """Segment index → an anchor (``quote-Q1``, ``event-V2``) for the segment where that
    quote or event trigger starts, so that a list can link to the passage itself."""
    starts: dict[int, int] = {}
    offset = 0
    for i, part in enumerate(parts):
        starts.setdefault(offset, i)
        offset += len(part.text)
    out: dict[int, str] = {}
    for kind, items, field in (("quote", record.get("quotes", ()), "content"),
                               ("event", record.get("events", ()), "trigger")):  # fmt: skip
        for item in items:
            span = _span(item.get(field))
            ident = str(item.get("id") or "")
            if span is not None and span[0] in starts and ident:
                out.setdefault(starts[span[0]], f"{kind}-{ident}")
    return out
