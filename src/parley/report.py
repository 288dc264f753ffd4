"""The readable terminal report of ``parley analyze``.

The default view is compact: per article a header, the actors by mentions, then one line per
quote, event and flag, each cut to the width with an ellipsis::

    Russia → Ukraine   ASSAULT    asserted   2024-04-22 (stated) · “slammed into”

Actors show by name, never by id; an event's date says whether the text states it
(``stated``) or the publication date is assumed (``assumed``). ``explain`` adds, under each
event, the rule that found it; ``full`` prints every field of every record as tables instead.
The width is the terminal's, else ``$COLUMNS``, else ``DEFAULT_WIDTH``.
"""

from __future__ import annotations

import os
import shutil
import textwrap
from collections.abc import Iterable
from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from parley.ingest.headlines import is_headline, lead
from parley.model import Analysis, Entity, Event, Flag, Quote

DEFAULT_WIDTH = 100
MIN_WIDTH = 40
MAX_FORMS = 5
ARROW = " → "
BASIS = {"stated": "stated", "published": "assumed"}  # when.basis -> what the report says
ENV_COLUMNS = "COLUMNS"
NBSP = "\u00a0"


def report_width(stream: TextIO) -> int:
    """The terminal's width when ``stream`` is one, else ``$COLUMNS``, else 100."""
    try:
        if stream.isatty():
            return max(MIN_WIDTH, shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns)
    except (AttributeError, ValueError, OSError):
        pass
    value = os.environ.get(ENV_COLUMNS, "")
    return max(MIN_WIDTH, int(value)) if value.isdigit() else DEFAULT_WIDTH


def cut(text: str, width: int) -> str:
    """``text`` on one line (line breaks become spaces), at most ``width`` characters, with an
    ellipsis when cut."""
    flat = " ".join(text.splitlines())
    return flat if len(flat) <= width else flat[: max(0, width - 1)].rstrip() + "…"


def _name(a: Analysis) -> str:
    """The headline; else (none, or a dateline or byline) the first sentence, marked."""
    art = a.article
    if is_headline(art.title):
        return " ".join((art.title or "").split())
    first = lead(art.text, [(s.start, s.end) for s in a.sentences] or [(0, len(art.text))])
    return f"(no headline) {first}" if first else art.input or art.id[:19]


def _header(a: Analysis) -> Text:
    art = a.article
    name = _name(a)
    facts = [
        f"published {art.published}" if art.published else "no publication date",
        f"{len(art.text.split()):,} words",
        f"{len(a.sentences)} sentences",
    ]
    if art.source:
        facts.append(art.source)
    head = Text(name, style="bold")
    head.append("\n" + " · ".join(facts), style="dim")
    return head


# -- the compact view --------------------------------------------------------------------


def _names(a: Analysis) -> dict[str, str]:
    return {e.id: e.name for e in a.entities}


def _who(ids: Iterable[str], names: dict[str, str]) -> str:
    return ", ".join(names.get(i, i) for i in ids)


def event_line(v: Event, names: dict[str, str]) -> str:
    """ "Russia → Ukraine   ASSAULT    asserted   2024-04-22 (stated) · “slammed into”"."""
    who = _who(v.actors, names) or "?"
    if v.recipients:
        who += ARROW + _who(v.recipients, names)
    status = ("not " if v.negated else "") + v.status
    if v.when is None:
        day = "no date"
    else:
        day = f"{v.when.value} ({BASIS.get(v.when.basis, v.when.basis)})"
    return f"{who}\t{v.type:<10} {status:<12} {day} · “{v.trigger.text}”"


def quote_line(q: Quote, names: dict[str, str]) -> str:
    """ "Jens Stoltenberg   told reporters   “Allies will …”"."""
    if q.speaker_entity and q.speaker_entity in names:
        who = names[q.speaker_entity]
    elif q.speaker is not None:
        who = q.speaker.text
    else:
        who = "?"
    if q.anonymous:
        who += " (anonymous)"
    cue = q.cue.text if q.cue is not None else q.kind
    return f"{who}\t{cue} “{' '.join(q.content.text.split())}”"


def flag_line(f: Flag) -> str:
    return f"{f.severity:<8} {f.kind:<23} {' '.join(f.message.split())}"


def _aligned(lines: list[str], width: int, indent: str = "  ") -> list[str]:
    """Lines ``who\\trest``: the ``who`` parts padded to one column (at most a third of the
    width), every line cut to ``width``."""
    heads = [line.split("\t", 1)[0] for line in lines]
    col = min(max((len(h) for h in heads), default=0), width // 3)
    out = []
    for line in lines:
        head, _, rest = line.partition("\t")
        head = cut(head, col).ljust(col)
        out.append(cut(f"{indent}{head}  {rest}" if rest else f"{indent}{head}", width))
    return out


def _actors(a: Analysis, width: int) -> list[str]:
    def count(e: Entity) -> int:
        return len(e.mentions)

    ranked = sorted((e for e in a.entities if e.kind != "place"), key=lambda e: (-count(e), e.name))
    places = [e.name for e in a.entities if e.kind == "place"]
    # a name never breaks across lines: its spaces are no-break spaces while wrapping
    items = [f"{e.name}{'' if e.kb_id else '*'} ×{count(e)}".replace(" ", NBSP) for e in ranked]
    lines = textwrap.wrap(f"{NBSP}· ".join(items), width - 2, break_on_hyphens=False)
    out = [f"  {line}".replace(NBSP, " ") for line in lines]
    if places:
        out.append(cut("  places: " + ", ".join(places), width))
    return out


def _section(title: str, n: int, shown: int) -> Text:
    more = f" (first {shown})" if shown < n else ""
    return Text(f"{title} ({n}){more}", style="bold")


def compact(a: Analysis, width: int, explain: bool = False, limit: int | None = None) -> list:
    """The compact view of one analysis: rich ``Text`` lines and plain strings."""
    names = _names(a)
    out: list = [_header(a)]
    if a.entities:
        out += [_section("Actors", len(a.entities), len(a.entities)), *_actors(a, width)]
    for title, items, line in (
        ("Quotes", a.quotes, lambda q: quote_line(q, names)),
        ("Events", a.events, lambda v: event_line(v, names)),
    ):
        if not items:
            continue
        shown = list(items)[:limit] if limit else list(items)
        out.append(_section(title, len(items), len(shown)))
        lines = _aligned([line(x) for x in shown], width)
        if title == "Events" and explain:
            for text, v in zip(lines, shown, strict=True):
                out.append(text)
                why = v.explanation or "(no explanation)"
                out += [f"      {w}" for w in textwrap.wrap(why, max(20, width - 6))]
        else:
            out += lines
    if a.flags:
        out.append(_section("Flags", len(a.flags), len(a.flags)))
        out += [cut(f"  {flag_line(f)}", width) for f in a.flags]
    rest = [f"{len(x)} {n}" for n, x in (("times", a.times), ("positions", a.positions),
            ("claims", a.claims)) if x]  # fmt: skip
    if rest:
        out.append(Text(cut(f"also {', '.join(rest)}: see --full or --json", width), style="dim"))
    return out


# -- the full view: every field of every record, as tables ---------------------------------


def _forms(e: Entity) -> str:
    seen: list[str] = []
    for m in e.mentions:
        if m.text not in seen:
            seen.append(m.text)
    more = f" (+{len(seen) - MAX_FORMS})" if len(seen) > MAX_FORMS else ""
    return ", ".join(f"“{s}”" for s in seen[:MAX_FORMS]) + more


def _entities(a: Analysis) -> Table:
    table = Table(title=f"Entities ({len(a.entities)})", title_justify="left", expand=False)
    for col in ("id", "name", "kind", "country", "sector", "role", "n", "mentions"):
        table.add_column(col, overflow="fold")
    for e in a.entities:
        table.add_row(
            e.id,
            e.name + ("" if e.kb_id else " *"),
            e.kind,
            e.country or "",
            e.sector or "",
            e.role or "",
            str(len(e.mentions)),
            _forms(e),
        )
    return table


def _other_sections(a: Analysis) -> list[Table]:
    tables = []
    d = a.to_dict()
    for key in ("quotes", "events", "times", "positions", "claims", "flags"):
        rows = d[key]
        if not rows:
            continue
        table = Table(title=f"{key.capitalize()} ({len(rows)})", title_justify="left")
        cols = [c for c in rows[0] if c not in ("sentence",)]
        for col in cols:
            table.add_column(col, overflow="fold")
        for row in rows:
            table.add_row(*(_cell(row[c]) for c in cols))
        tables.append(table)
    return tables


def _cell(value) -> str:
    if isinstance(value, dict) and "text" in value and "start" in value:
        return value["text"]
    if isinstance(value, list):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={_cell(v)}" for k, v in value.items() if v is not None)
    return "" if value is None else str(value)


def render(
    results: list[Analysis],
    stream: TextIO,
    *,
    full: bool = False,
    explain: bool = False,
    width: int | None = None,
) -> None:
    """Print the report of ``results`` to ``stream``: compact, or ``full`` tables."""
    width = width or report_width(stream)
    console = Console(file=stream, width=width, highlight=False, soft_wrap=not full)
    for a in results:
        console.rule()
        if full:
            console.print(_header(a))
            console.print(_entities(a))
            for table in _other_sections(a):
                console.print(table)
            continue
        for line in compact(a, width, explain=explain):
            console.print(line, overflow="ellipsis", no_wrap=True, crop=True)
    if results:
        console.print(Text("* not in the knowledge base", style="dim"))
