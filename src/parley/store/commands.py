"""Handlers of the store's commands: open the store, query, print (see ``cli.py``)."""

from __future__ import annotations

import argparse
import functools
import os
import sqlite3
import sys
from collections.abc import Callable

from parley.errors import ParleyError
from parley.report import BASIS, report_width
from parley.store import queries, render
from parley.store import stories as story_queries
from parley.store.db import NotFound, QueryError, connect, db_path
from parley.store.entities import entity
from parley.store.export import (
    is_folder_target,
    write_csv,
    write_jsonl,
    write_parquet,
    write_parquet_folder,
    write_plover,
)
from parley.store.results import EventRow, QuoteRow
from parley.store.summary import summary, summary_lines
from parley.store.views import show_entity, show_story

Handler = Callable[[sqlite3.Connection, argparse.Namespace], None]


def _fmt(args: argparse.Namespace) -> str:
    return "json" if args.json else "csv" if getattr(args, "csv", False) else "table"


def _page_args(args: argparse.Namespace) -> dict:
    return {"limit": args.limit, "offset": args.offset}


def query(handler: Handler) -> Callable[[argparse.Namespace], int]:
    """Open the store, run ``handler``; bad filters exit 2, missing records exit 1."""

    @functools.wraps(handler)
    def run(args: argparse.Namespace) -> int:
        conn = connect(args.db)
        try:
            handler(conn, args)
        except QueryError as exc:
            print(f"parley: {exc}", file=sys.stderr)
            return 2
        except NotFound as exc:
            print(f"parley: {exc}", file=sys.stderr)
            return 1
        except sqlite3.Error as exc:
            print(f"parley: database error: {exc}", file=sys.stderr)
            return 1
        finally:
            conn.close()
        return 0

    return run


@query
def run_search(conn: sqlite3.Connection, a: argparse.Namespace) -> None:
    fmt = _fmt(a)
    marks = render.TABLE_MARKS if fmt == "table" else render.TEXT_MARKS
    page = queries.search(
        conn,
        a.text,
        a.actor,
        a.since,
        a.until,
        a.source,
        **_page_args(a),
        include_duplicates=a.include_duplicates,
        marks=marks,
        expand=not a.exact,
    )
    expanded = getattr(page, "expanded", None)
    if expanded is not None and fmt != "json":  # JSON carries it as "expanded"
        print(expanded.describe(), file=sys.stdout if fmt == "table" else sys.stderr)
    cols = [
        ("date", lambda h: (h.published or "")[:10]),
        ("source", lambda h: h.source),
        ("title", lambda h: h.title),
        ("snippet", lambda h: render.marked(h.snippet)),
        ("id", lambda h: h.id[7:19]),
    ]
    render.print_page(page, cols, "articles", fmt)


@query
def run_articles(conn: sqlite3.Connection, a: argparse.Namespace) -> None:
    page = queries.articles(
        conn,
        a.since,
        a.until,
        a.source,
        a.actor,
        **_page_args(a),
        include_duplicates=a.include_duplicates,
    )
    cols = [
        ("date", lambda r: (r.published or "")[:10]),
        ("source", lambda r: r.source),
        ("title", lambda r: r.title),
        ("entities", lambda r: r.entities),
        ("quotes", lambda r: r.quotes),
        ("events", lambda r: r.events),
        ("flags", lambda r: r.flags),
        ("id", lambda r: r.id[7:19]),
    ]
    render.print_page(page, cols, "articles", _fmt(a))


@query
def run_article(conn: sqlite3.Connection, a: argparse.Namespace) -> None:
    render.print_json(queries.article(conn, a.id))


def _speaker(q: QuoteRow) -> str:
    return q.speaker_name or q.speaker or ("(anonymous)" if q.anonymous else "")


def _quote_columns() -> list[render.Column]:
    return [
        ("date", lambda q: (q.published or "")[:10]),
        ("speaker", _speaker),
        ("cue", lambda q: q.cue),
        ("quote", lambda q: q.content),
        ("article", lambda q: q.article_id[7:19]),
    ]


@query
def run_quotes(conn: sqlite3.Connection, a: argparse.Namespace) -> None:
    page = queries.quotes(
        conn,
        a.speaker,
        a.about,
        a.since,
        a.until,
        a.source,
        True if a.anonymous else None,
        None,
        **_page_args(a),
        include_duplicates=a.include_duplicates,
    )
    render.print_page(page, _quote_columns(), "quotes", _fmt(a), QuoteRow.columns())


def _when(e: EventRow) -> str:
    """The event's date as the text states it, or "assumed" (the publication date)."""
    if e.when_basis == "published":
        return BASIS["published"]
    return f"{e.when} ({BASIS['stated']})" if e.when and e.when_basis else e.when or ""


@query
def run_events(conn: sqlite3.Connection, a: argparse.Namespace) -> None:
    page = queries.events(
        conn,
        a.type,
        a.actor,
        a.recipient,
        a.status,
        a.since,
        a.until,
        a.source,
        None,
        **_page_args(a),
        include_duplicates=a.include_duplicates,
    )
    cols = [
        ("day", lambda e: e.day),
        ("when", _when),
        ("type", lambda e: e.type),
        ("actors", lambda e: e.actors),
        ("recipients", lambda e: e.recipients),
        ("status", lambda e: e.status),
        ("trigger", lambda e: e.trigger),
        ("article", lambda e: e.article_id[7:19]),
    ]
    render.print_page(page, cols, "events", _fmt(a), EventRow.columns())


@query
def run_flags(conn: sqlite3.Connection, a: argparse.Namespace) -> None:
    page = queries.flags(
        conn,
        a.kind,
        a.severity,
        a.since,
        a.until,
        a.source,
        None,
        **_page_args(a),
        include_duplicates=a.include_duplicates,
    )
    cols = [
        ("date", lambda f: (f.published or "")[:10]),
        ("kind", lambda f: f.kind),
        ("severity", lambda f: f.severity),
        ("message", lambda f: f.message),
        ("article", lambda f: f.article_id[7:19]),
    ]
    render.print_page(page, cols, "flags", _fmt(a))


@query
def run_entity(conn: sqlite3.Connection, a: argparse.Namespace) -> None:
    profile = entity(conn, a.name, quotes_limit=a.quotes)
    fmt = _fmt(a)
    if fmt == "json":
        render.print_json(profile)
    elif fmt == "csv":
        render.print_csv(
            [m.to_dict() | {"by_type": m.by_type} for m in profile.events_by_month],
            ["month", "events", "by_type"],
        )
    else:
        show_entity(profile)


@query
def run_stories(conn: sqlite3.Connection, a: argparse.Namespace) -> None:
    if a.rebuild or story_queries.is_stale(conn):
        story_queries.rebuild(conn)
    page = story_queries.stories(conn, a.since, a.until, a.actor, a.min_articles, **_page_args(a))
    cols = [
        ("id", lambda s: s.id),
        ("from", lambda s: s.first_day),
        ("to", lambda s: s.last_day),
        ("articles", lambda s: s.articles),
        ("actors", lambda s: s.actors[:4]),
        ("terms", lambda s: s.terms[:6]),
        ("title", lambda s: s.title),
    ]
    fmt = _fmt(a)
    render.print_page(page, cols, "stories", fmt)
    if a.min_articles > 1 and fmt != "json":
        everything = story_queries.stories(conn, a.since, a.until, a.actor, 1, limit=1)
        hidden = everything.total - page.total
        if hidden:
            small = (
                "single-article stories"
                if a.min_articles == 2
                else f"stories of fewer than {a.min_articles} articles"
            )
            print(
                f"{hidden} {small} hidden: --min-articles 1 shows them",
                file=sys.stdout if fmt == "table" else sys.stderr,
            )


@query
def run_summary(conn: sqlite3.Connection, a: argparse.Namespace) -> None:
    if a.json:
        render.print_json(summary(conn))
        return
    width = report_width(sys.stdout)
    for line in summary_lines(summary(conn), str(db_path(a.db)), width):
        print(line)


@query
def run_story(conn: sqlite3.Connection, a: argparse.Namespace) -> None:
    detail = story_queries.story(conn, a.id)
    fmt = _fmt(a)
    if fmt == "json":
        render.print_json(detail)
    elif fmt == "csv":
        render.print_csv(detail.timeline)
    else:
        show_story(detail)


def _same_file(a: str, b: os.PathLike[str]) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


@query
def run_export(conn: sqlite3.Connection, a: argparse.Namespace) -> None:
    filters = {"since": a.since, "until": a.until, "include_duplicates": a.include_duplicates}
    if a.output and _same_file(a.output, db_path(a.db)):
        raise QueryError(f"-o {a.output} is the store itself; name another file")
    if a.table and a.format in ("jsonl", "plover"):
        what = "whole records" if a.format == "jsonl" else "the events"
        raise QueryError(f"--table is for csv and parquet; {a.format} exports {what}")
    if a.format == "parquet":
        if not a.output:
            raise QueryError("parquet export needs -o DIR (every table) or -o FILE.parquet")
        if is_folder_target(a.output):
            counts = write_parquet_folder(conn, a.output, [a.table] if a.table else None, **filters)
            done = ", ".join(f"{n} {table}" for table, n in counts.items())
            print(f"exported {done} → {a.output}", file=sys.stderr)
            return
        n = write_parquet(conn, a.output, a.table or "articles", **filters)
    else:
        try:
            out = open(a.output, "w", encoding="utf-8", newline="") if a.output else sys.stdout  # noqa: SIM115
        except OSError as exc:
            raise ParleyError(f"cannot write {a.output}: {exc.strerror}") from None
        try:
            if a.format == "csv":
                n = write_csv(conn, out, a.table or "articles", **filters)
            elif a.format == "jsonl":
                n = write_jsonl(conn, out, **filters)
            else:
                n = write_plover(conn, out, **filters)
        finally:
            if out is not sys.stdout:
                out.close()
    what = "events" if a.format == "plover" else a.table or "articles"
    print(f"exported {n} {what}", file=sys.stderr)
