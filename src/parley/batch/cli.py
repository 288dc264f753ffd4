"""``parley batch``: analyse many articles into a resumable Parquet or JSONL output directory.

Registered into ``parley`` through ``parley.cli.COMMANDS``; also runs on its own as
``python -m parley.batch.cli INPUT... --out DIR [options]``. Exit codes as for ``parley
analyze``: 0 all inputs analysed, 1 some input failed (listed in ``DIR/_errors.jsonl``) or
the run stopped, 2 usage errors, 130 interrupted (a rerun resumes).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from typing import TYPE_CHECKING, Any

from parley.batch.options import (
    CHUNK_SIZE,
    ENGINES,
    FORMATS,
    PART_SECONDS,
    PART_SIZE,
    BatchOptions,
    ReadOptions,
)
from parley.inputs import UsageError, add_input_options
from parley.inputs import run as run_command

if TYPE_CHECKING:
    from parley.batch.runner import Summary

SHOWN_FAILURES = 20  # failed inputs listed on stderr; all of them are in DIR/_errors.jsonl

DESCRIPTION = """\
Analyse articles (files, directories, JSON Lines, WARC, feeds, URLs, -) in batches into DIR:
Parquet (or JSON Lines) partitioned by publication day, one row per article
(DIR/articles/published=YYYY-MM-DD/part-NNNNN.parquet) plus flat entities, quotes and events
tables. A rerun into the same DIR skips what is done: after a crash it finishes the rest.
Failed inputs are listed in DIR/_errors.jsonl."""


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of at least 1")
    return number


def _seconds(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = 0.0
    if not 0 < number < float("inf"):
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds above 0")
    return number


def register(sub: Any) -> None:
    """Add the ``batch`` command to ``parley``'s sub-commands."""
    p = sub.add_parser(
        "batch",
        help="analyse many articles into Parquet/JSONL files (parallel, resumable)",
        description=DESCRIPTION,
    )
    add_input_options(p)
    p.add_argument("--out", required=True, metavar="DIR", help="output directory")
    p.add_argument("--format", choices=FORMATS, default="parquet", help="default parquet")
    p.add_argument(
        "--processes",
        type=_positive,
        default=1,
        metavar="N",
        help="local worker processes (default 1)",
    )
    p.add_argument(
        "--batch-size",
        type=_positive,
        default=16,
        metavar="N",
        help="texts per spaCy nlp.pipe batch (default 16; larger costs memory)",
    )
    p.add_argument(
        "--chunk-size",
        type=_positive,
        default=CHUNK_SIZE,
        metavar="N",
        help=f"articles per worker task (default {CHUNK_SIZE})",
    )
    p.add_argument(
        "--part-size",
        type=_positive,
        default=PART_SIZE,
        metavar="N",
        help=f"at most N articles per committed part (default {PART_SIZE})",
    )
    p.add_argument(
        "--part-seconds",
        type=_seconds,
        default=PART_SECONDS,
        metavar="S",
        help=f"commit a part once S seconds of work are done (default {PART_SECONDS:g})",
    )
    p.add_argument(
        "--recycle",
        type=int,
        default=0,
        metavar="K",
        help="replace a local worker after K chunks (default never)",
    )
    p.add_argument("--engine", choices=ENGINES, default=None, help="local (default) or dask")
    p.add_argument(
        "--scheduler", metavar="ADDRESS", help="Dask scheduler address (implies --engine dask)"
    )
    p.add_argument(
        "--workers",
        type=_positive,
        metavar="N",
        help="workers of the Dask LocalCluster (default --processes)",
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    p.set_defaults(func=run)


def options(args: argparse.Namespace) -> BatchOptions:
    """Batch options from parsed arguments."""
    engine = args.engine or ("dask" if args.scheduler else "local")
    if args.scheduler and engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    read = ReadOptions(args.encoding, args.follow, args.title, args.source, args.published)
    return BatchOptions(
        out=args.out,
        format=args.format,
        engine=engine,
        processes=args.processes,
        workers=args.workers,
        scheduler=args.scheduler,
        batch_size=args.batch_size,
        chunk_size=args.chunk_size,
        part_size=args.part_size,
        part_seconds=args.part_seconds,
        recycle=max(0, args.recycle),
        model=args.model,
        kb_dirs=tuple(args.kb),
        read=read,
        progress=not args.quiet,
    )


def _report(summary: Summary, out: str, kept: bool) -> None:
    done = f" ({summary.skipped} inputs already done)" if summary.skipped else ""
    where = f"→ {out}" if kept else f"(nothing to keep: {out} not created)"
    print(
        f"parley: {summary.articles:,} articles, {summary.words:,} words in "
        f"{summary.parts} parts, {summary.seconds:.1f} s{done} {where}",
        file=sys.stderr,
    )


def report_failures(errors: list[dict[str, Any]], out: str | None) -> None:
    """Each failed input with its reason on stderr (the first ``SHOWN_FAILURES``; all of them
    are in ``DIR/_errors.jsonl``, or only in ``--errors FILE`` when nothing was kept)."""
    from parley.batch.manifest import ERRORS

    if not errors:
        return
    where = f" (all in {os.path.join(out, ERRORS)})" if out else ""
    print(f"parley: {len(errors):,} inputs failed{where}:", file=sys.stderr)
    for err in errors[:SHOWN_FAILURES]:
        print(f"  {err['input']}: {err['reason']}", file=sys.stderr)
    if len(errors) > SHOWN_FAILURES:
        print(f"  … and {len(errors) - SHOWN_FAILURES:,} more", file=sys.stderr)


def _fresh(out: str) -> bool:
    """Whether ``out`` is absent or an empty folder (a run may remove it again)."""
    return not os.path.exists(out) or (os.path.isdir(out) and not os.listdir(out))


def _holds_output(out: str) -> bool:
    """Whether ``out`` holds any file besides the run's bookkeeping (manifest, errors, lock)."""
    from parley.batch.manifest import ERRORS, MANIFEST

    bookkeeping = {MANIFEST, ERRORS, "_lock"}
    for root, _, files in os.walk(out):
        if any(root != out or name not in bookkeeping for name in files):
            return True
    return False


def _remove_if_empty(out: str) -> bool:
    """Remove the output folder this run created when it holds no article (True if done)."""
    if not os.path.isdir(out) or _holds_output(out):
        return False
    shutil.rmtree(out, ignore_errors=True)
    return not os.path.exists(out)


def run(args: argparse.Namespace) -> int:
    """Run ``parley batch``; the exit code. A run that keeps no article removes the output
    folder it created (so a failed run leaves no empty ``out/`` behind)."""
    from parley.batch.runner import run_batch  # here: pyarrow and Dask load only when run

    opts = options(args)
    fresh = _fresh(opts.out)
    kept = True
    try:
        summary = run_batch(args.inputs, opts)
    finally:
        if fresh:
            kept = not _remove_if_empty(opts.out)
    if not args.quiet:
        _report(summary, opts.out, kept)
    report_failures(summary.errors, opts.out if kept else None)
    if args.errors:
        with open(args.errors, "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(e, ensure_ascii=False) + "\n" for e in summary.errors)
    return 1 if summary.errors else 0


def main(argv: list[str] | None = None) -> int:
    """``python -m parley.batch.cli``: the ``batch`` command alone."""
    parser = argparse.ArgumentParser(prog="parley")
    sub = parser.add_subparsers(dest="command", required=True)
    register(sub)
    args = parser.parse_args(["batch", *(sys.argv[1:] if argv is None else argv)])
    return run_command(args, "interrupted; rerun the same command to resume")


if __name__ == "__main__":
    sys.exit(main())
