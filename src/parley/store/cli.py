"""The store's commands. Enable them by adding ``"parley.store.cli"`` to ``parley.cli.COMMANDS``.

``parley ingest`` analyses and stores; ``search``, ``articles``, ``article``, ``quotes``,
``events``, ``entity``, ``flags``, ``stories`` and ``story`` query; ``export`` writes files.
Every command takes ``--db`` (else ``$PARLEY_DB``, else ``./parley.db``). Query commands print
a table, or ``--json``/``--csv``. Exit codes: 0 done, 1 a failed input or a missing database
or record, 2 a bad option or filter value.
"""

from __future__ import annotations

import argparse

from parley.inputs import add_input_options, iso_date
from parley.store.commands import (
    run_article,
    run_articles,
    run_entity,
    run_events,
    run_export,
    run_flags,
    run_quotes,
    run_search,
    run_stories,
    run_story,
    run_summary,
)
from parley.store.export import FORMATS, TABLES
from parley.store.filters import MAX_LIMIT
from parley.store.ingest import BATCH_SECONDS, BATCH_SIZE, run_ingest
from parley.vocab import EVENT_STATUSES, EVENT_TYPES, FLAG_KINDS, FLAG_SEVERITIES


def _limit(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if not 1 <= n <= MAX_LIMIT:
        raise argparse.ArgumentTypeError(f"must be a whole number from 1 to {MAX_LIMIT}")
    return n


def _seconds(value: str) -> float:
    try:
        n = float(value)
    except ValueError:
        n = 0.0
    if not 0 < n < float("inf"):
        raise argparse.ArgumentTypeError("must be a number of seconds above 0")
    return n


def _offset(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError("must be a whole number, 0 or more")
    return int(value)


def _db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="FILE", help="the store (default: $PARLEY_DB or ./parley.db)")


def _query_options(p: argparse.ArgumentParser, dates: bool = True, page: bool = True) -> None:
    _db(p)
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print JSON")
    out.add_argument("--csv", action="store_true", help="print CSV")
    if page:
        p.add_argument("--limit", type=_limit, default=20, help="rows to show (default 20)")
        p.add_argument("--offset", type=_offset, default=0, help="rows to skip")
        p.add_argument(
            "--include-duplicates", action="store_true", help="count near-duplicates too"
        )
    if dates:
        p.add_argument("--since", type=iso_date, metavar="DATE", help="from this day on")
        p.add_argument("--until", type=iso_date, metavar="DATE", help="up to this day")


def register(sub: argparse._SubParsersAction) -> None:
    """Add the store's commands to the ``parley`` parser."""
    p = sub.add_parser(
        "ingest",
        help="analyse articles and store them",
        description="Analyse articles (the inputs of `parley analyze`) and "
        "store them; articles already stored are skipped, near-duplicates linked.",
    )
    add_input_options(p)
    _db(p)
    p.add_argument("--progress", action="store_true", help="show progress even if not a terminal")
    p.add_argument("--no-stories", action="store_true", help="do not regroup stories afterwards")
    p.add_argument(
        "--batch-size",
        type=_limit,
        default=BATCH_SIZE,
        help=f"at most N articles per transaction (default {BATCH_SIZE})",
    )
    p.add_argument(
        "--batch-seconds",
        type=_seconds,
        default=BATCH_SECONDS,
        metavar="S",
        help=f"also commit once S seconds of work are done (default {BATCH_SECONDS:g})",
    )
    p.set_defaults(func=run_ingest)

    p = sub.add_parser(
        "search",
        help="full-text search, best match first",
        description="Full-text search. A text naming a known person also matches the "
        "person's other spellings (Zelensky: Zelenskyy, Zelenskiy …); --exact turns it off.",
    )
    p.add_argument("text", help='words, "a phrase", OR, NOT, prefix*')
    p.add_argument(
        "--exact", action="store_true", help="only the words given, not an actor's other spellings"
    )
    p.add_argument("--actor", help="only articles naming this actor")
    p.add_argument("--source", help="only articles from this outlet")
    _query_options(p)
    p.set_defaults(func=run_search)

    p = sub.add_parser("articles", help="stored articles, newest first")
    p.add_argument("--actor", help="only articles naming this actor")
    p.add_argument("--source", help="only articles from this outlet")
    _query_options(p)
    p.set_defaults(func=run_articles)

    p = sub.add_parser("article", help="one stored article's full record as JSON")
    p.add_argument("id", help="article id (sha256:… or its first 8+ hex digits)")
    _db(p)
    p.set_defaults(func=run_article)

    p = sub.add_parser("quotes", help="who said what")
    p.add_argument("--speaker", metavar="NAME", help="an actor's name, KB id or spelling")
    p.add_argument("--about", metavar="TEXT", help="words in what was said")
    p.add_argument("--anonymous", action="store_true", help="only unnamed sources")
    p.add_argument("--source", help="only articles from this outlet")
    _query_options(p)
    p.set_defaults(func=run_quotes)

    p = sub.add_parser("events", help="who did what to whom (PLOVER)")
    p.add_argument(
        "--type",
        type=str.upper,
        choices=sorted(EVENT_TYPES),
        metavar="TYPE",
        help="PLOVER event type: " + ", ".join(sorted(EVENT_TYPES)),
    )
    p.add_argument("--actor", help="who acts")
    p.add_argument("--recipient", help="who is acted on")
    p.add_argument("--status", type=str.lower, choices=sorted(EVENT_STATUSES))
    p.add_argument("--source", help="only articles from this outlet")
    _query_options(p)
    p.set_defaults(func=run_events)

    p = sub.add_parser("entity", help="who an actor is: mentions, quotes, events over time")
    p.add_argument("name", help="name, spelling seen in the text, or KB id")
    p.add_argument("--quotes", type=_limit, default=5, help="recent quotes to show")
    _query_options(p, dates=False, page=False)
    p.set_defaults(func=run_entity)

    p = sub.add_parser("flags", help="what a careful reader should know")
    p.add_argument("--kind", help="flag kind: " + ", ".join(FLAG_KINDS))
    p.add_argument("--severity", type=str.lower, choices=FLAG_SEVERITIES)
    p.add_argument("--source", help="only articles from this outlet")
    _query_options(p)
    p.set_defaults(func=run_flags)

    p = sub.add_parser("stories", help="articles grouped by the happening they report")
    p.add_argument("--actor", help="only stories with an article naming this actor")
    p.add_argument("--min-articles", type=_limit, default=2, help="smallest story shown")
    p.add_argument("--rebuild", action="store_true", help="regroup all articles first")
    _query_options(p)
    p.set_defaults(func=run_stories)

    p = sub.add_parser("story", help="one story's timeline")
    p.add_argument("id", type=int, help="story id (see `parley stories`)")
    _query_options(p, dates=False, page=False)
    p.set_defaults(func=run_story)

    p = sub.add_parser("summary", help="what the store holds: counts, top actors, top flags")
    p.add_argument("--json", action="store_true", help="print JSON")
    _db(p)
    p.set_defaults(func=run_summary)

    p = sub.add_parser("export", help="write the store as JSONL, CSV, Parquet or PLOVER JSON")
    p.add_argument("--format", choices=FORMATS, default="jsonl")
    p.add_argument(
        "--table",
        choices=list(TABLES),
        help="the table for csv (default articles) and parquet (default: every table with "
        "-o DIR, articles with -o FILE)",
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help="write to this file (default stdout); parquet: a folder (one file per table) "
        "or a FILE.parquet",
    )
    p.add_argument("--include-duplicates", action="store_true", help="near-duplicates too")
    p.add_argument("--since", type=iso_date, metavar="DATE")
    p.add_argument("--until", type=iso_date, metavar="DATE")
    _db(p)
    p.set_defaults(func=run_export)
