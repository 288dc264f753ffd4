"""The readable terminal report: one block per article, entities first, then every other
section of the analysis that has content."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from parley.model import Analysis, Entity

MAX_FORMS = 5


def _header(a: Analysis) -> Text:
    art = a.article
    name = art.title or art.input or art.id[:19]
    facts = [
        f"published {art.published}" if art.published else "no publication date",
        f"{len(art.text.split()):,} words",
        f"{len(a.sentences)} sentences",
        f"{len(art.sections)} sections",
        f"language {art.language}",
    ]
    head = Text(name, style="bold")
    head.append("\n" + " · ".join(facts), style="dim")
    if art.source:
        head.append(f" · {art.source}", style="dim")
    return head


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


def render(results: list[Analysis], stream: TextIO) -> None:
    console = Console(file=stream, width=None if stream.isatty() else 140, highlight=False)
    for a in results:
        console.rule()
        console.print(_header(a))
        console.print(_entities(a))
        for table in _other_sections(a):
            console.print(table)
    if results:
        console.print(Text("* not in the knowledge base", style="dim"))
