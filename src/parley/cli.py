"""The ``parley`` command: a thin layer that parses options, calls the API and prints.

Exit codes: 0 when every input was analysed, 1 when some input failed (each reported on
stderr, ``--errors FILE`` as JSON Lines) or nothing could be analysed, 2 for usage errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from contextlib import contextmanager
from datetime import date
from typing import TextIO

from parley import __version__
from parley.errors import InputError, ParleyError
from parley.ingest import read_inputs
from parley.model import Analysis, Article
from parley.pipeline import analyze_batch
from parley.report import render


def _iso_date(value: str) -> str:
    try:
        date.fromisoformat(value[:10])
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not an ISO 8601 date (YYYY-MM-DD)"
        ) from None
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="parley",
        description="Who said what, who did what to whom, when and where — from news text.",
    )
    parser.add_argument("--version", action="version", version=f"parley {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    a = sub.add_parser(
        "analyze",
        help="analyse articles and print a report or JSON",
        description="Analyse articles: plain text, HTML, JSON Lines, RSS/Atom, WARC, URLs, "
        "directories (recursively) or - for standard input.",
    )
    a.add_argument("inputs", nargs="+", metavar="PATH", help="file, directory, URL or -")
    out = a.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="one JSON object (a list if several)")
    out.add_argument("--jsonl", action="store_true", help="one JSON object per line")
    a.add_argument("-o", "--output", metavar="FILE", help="write the output to FILE")
    a.add_argument("--published", type=_iso_date, help="publication date (anchors 'on Sunday')")
    a.add_argument("--title", help="headline, overriding what the input says")
    a.add_argument("--source", help="outlet name, overriding what the input says")
    a.add_argument("--encoding", help="decode text files with this encoding (default UTF-8)")
    a.add_argument("--follow", action="store_true", help="fetch the pages feed entries link to")
    a.add_argument("--errors", metavar="FILE", help="write failed inputs as JSON Lines")
    a.add_argument("--kb", action="append", default=[], metavar="DIR", help="extra knowledge base")
    a.add_argument("--model", help="installed spaCy pipeline to use instead of the default")
    return parser


@contextmanager
def _output(path: str | None):
    if path is None:
        yield sys.stdout
        return
    try:
        handle = open(path, "w", encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        raise ParleyError(f"cannot write {path}: {exc.strerror}") from None
    with handle:
        yield handle


def _write(results: list[Analysis], stream: TextIO, args: argparse.Namespace) -> None:
    if args.jsonl:
        for r in results:
            stream.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
    elif args.json:
        records = [r.to_dict() for r in results]
        body = records[0] if len(records) == 1 else records
        stream.write(json.dumps(body, ensure_ascii=False, indent=2) + "\n")
    else:
        render(results, stream)


def _report_errors(errors: list[InputError], total: int, path: str | None) -> None:
    if len(errors) == 1 and total == 1:
        print(f"parley: {errors[0]}", file=sys.stderr)
    elif errors:
        print(f"parley: {len(errors)} of {total} inputs failed:", file=sys.stderr)
        for err in errors:
            print(f"  {err}", file=sys.stderr)
    if path:
        with open(path, "w", encoding="utf-8") as fh:
            for err in errors:
                fh.write(json.dumps(err.to_dict(), ensure_ascii=False) + "\n")


def run_analyze(args: argparse.Namespace) -> int:
    errors: list[InputError] = []
    seen = 0

    def articles():
        nonlocal seen
        for item in read_inputs(
            args.inputs,
            encoding=args.encoding,
            follow=args.follow,
            title=args.title,
            source=args.source,
            published=args.published,
        ):
            seen += 1
            if isinstance(item, InputError):
                errors.append(item)
            else:
                yield item

    def failed(article: Article, exc: ParleyError) -> None:
        errors.append(InputError(article.input or "<text>", str(exc)))

    with _output(args.output) as stream:
        # stream results as they come, except for --json which is one document
        results = analyze_batch(
            articles(), kb_dirs=tuple(args.kb), model=args.model, on_error=failed
        )
        if args.json:
            _write(list(results), stream, args)
        else:
            for result in results:
                _write([result], stream, args)
                stream.flush()
    _report_errors(errors, seen, args.errors)
    return 1 if errors or seen == 0 else 0


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return run_analyze(args)
    except ParleyError as exc:
        print(f"parley: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("parley: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
