"""Terminal views of one entity and one story (rich), for ``parley entity`` and ``story``."""

from __future__ import annotations

from rich.table import Table

from parley.store.render import cell, console, widths
from parley.store.results import EntityProfile, StoryDetail


def show_entity(p: EntityProfile) -> None:
    out = console()
    out.print(f"[bold]{p.name}[/bold]  ({p.kind or 'unknown kind'})")
    facts = [("KB id", p.kb_id), ("Wikidata", p.wikidata), ("country", p.country),
             ("sector", p.sector), ("roles", p.roles), ("spellings", p.variants),
             ("articles", p.articles), ("mentions", p.mentions),
             ("seen", f"{p.first_seen or '?'} … {p.last_seen or '?'}"), ("quotes", p.quotes),
             ("events", f"{p.events_as_actor} as actor, {p.events_as_recipient} as recipient"),
             ("often with", [r["name"] for r in p.related[:6]])]  # fmt: skip
    for label, value in facts:
        if value not in (None, [], ""):
            out.print(f"  {label:<11} {cell(value)}")
    if p.others:
        names = [f"{o['name']} ({o['kind'] or '?'})" for o in p.others]
        out.print(f"  also named so: {cell(names)}")
    if p.events_by_month:
        table = Table(title="events by month", title_justify="left")
        for header in ("month", "events", "by type"):
            table.add_column(header)
        for m in p.events_by_month:
            kinds = ", ".join(f"{k} {n}" for k, n in sorted(m.by_type.items(), key=lambda x: -x[1]))
            table.add_row(m.month, str(m.events), kinds)
        out.print(table)
    if p.recent_quotes:
        table = Table(title="recent quotes", title_justify="left")
        for header in ("date", "cue", "quote"):
            table.add_column(header, overflow="fold")
        for q in p.recent_quotes:
            table.add_row((q.published or "")[:10], q.cue or "", q.content)
        out.print(table)


def span_of_days(first: str | None, last: str | None) -> str:
    """ "2024-06-11 … 2024-06-12", one day once, or "undated" when no article has a date."""
    if not first and not last:
        return "undated"
    if first == last or not last or not first:
        return first or last or ""
    return f"{first} … {last}"


def show_story(d: StoryDetail) -> None:
    out = console()
    s = d.story
    out.print(f"[bold]story {s.id}[/bold]: {s.title or ''}")
    n = f"{s.articles} article" + ("" if s.articles == 1 else "s")
    out.print(f"  {span_of_days(s.first_day, s.last_day)}, {n}"
              + (f" (+{s.duplicates} near-duplicates)" if s.duplicates else ""))  # fmt: skip
    out.print(f"  actors: {cell(s.actors)}")
    out.print(f"  terms:  {cell(s.terms)}")
    table = Table(title="timeline", title_justify="left")
    headers = ["day", "source", "title", "article", "note"]
    rows = [
        [t.day or "", t.source or "", t.title or "", t.article_id[7:19],
         f"copy of {t.duplicate_of[7:19]}" if t.duplicate_of else ""]
        for t in d.timeline
    ]  # fmt: skip
    for header, width in zip(headers, widths(headers, rows, out.width), strict=True):
        table.add_column(header, width=width, overflow="ellipsis", no_wrap=True)
    for row in rows:
        table.add_row(*row)
    out.print(table)
