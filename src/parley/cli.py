"""The ``parley`` command: a thin layer that parses options, calls the API and prints.

Exit codes: 0 when every input was analysed, 1 when some input failed (each reported on
stderr, ``--errors FILE`` as JSON Lines) or nothing could be analysed, 2 for usage errors.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import TextIO

from parley import __version__
from parley.errors import InputError, ParleyError
from parley.ingest import read_inputs
from parley.model import Analysis, Article
from parley.pipeline import analyze_batch
from parley.report import render

# modules that add their own sub-commands: each has register(subparsers), and each command
# sets `func` (args -> exit code) with set_defaults
COMMANDS: tuple[str, ...] = ("parley.store.cli", "parley.batch.cli", "parley.web.cli")


def iso_date(value: str) -> str:
    try:
        date.fromisoformat(value[:10])
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not an ISO 8601 date (YYYY-MM-DD)"
        ) from None
    return value


def add_input_options(p: argparse.ArgumentParser) -> None:
    """The inputs and the options every command that reads articles takes."""
    p.add_argument("inputs", nargs="+", metavar="PATH", help="file, directory, URL or -")
    p.add_argument("--published", type=iso_date, help="publication date (anchors 'on Sunday')")
    p.add_argument("--title", help="headline, overriding what the input says")
    p.add_argument("--source", help="outlet name, overriding what the input says")
    p.add_argument("--encoding", help="decode text files with this encoding (default UTF-8)")
    p.add_argument("--follow", action="store_true", help="fetch the pages feed entries link to")
    p.add_argument("--errors", metavar="FILE", help="write failed inputs as JSON Lines")
    p.add_argument("--kb", action="append", default=[], metavar="DIR", help="extra knowledge base")
    p.add_argument("--model", help="installed spaCy pipeline to use instead of the default")


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
    add_input_options(a)
    out = a.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="one JSON object (a list if several)")
    out.add_argument("--jsonl", action="store_true", help="one JSON object per line")
    a.add_argument("-o", "--output", metavar="FILE", help="write the output to FILE")
    a.set_defaults(func=run_analyze)
    for name in COMMANDS:
        importlib.import_module(name).register(sub)
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


class Inputs:
    """The articles named by a command's inputs, analysed; failures are collected.

    Iterate ``analyses()`` for the results, then call ``finish()`` for the exit code: it
    reports failed inputs on stderr (and to ``--errors FILE``).
    """

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.errors: list[InputError] = []
        self.seen = 0

    def articles(self) -> Iterator[Article]:
        a = self.args
        for item in read_inputs(
            a.inputs,
            encoding=a.encoding,
            follow=a.follow,
            title=a.title,
            source=a.source,
            published=a.published,
        ):
            self.seen += 1
            if isinstance(item, InputError):
                self.errors.append(item)
            else:
                yield item

    def _failed(self, article: Article, exc: ParleyError) -> None:
        self.errors.append(InputError(article.input or "<text>", str(exc)))

    def analyses(self) -> Iterator[Analysis]:
        return analyze_batch(
            self.articles(),
            kb_dirs=tuple(self.args.kb),
            model=self.args.model,
            on_error=self._failed,
        )

    def finish(self) -> int:
        errors, total = self.errors, self.seen
        if len(errors) == 1 and total == 1:
            print(f"parley: {errors[0]}", file=sys.stderr)
        elif errors:
            print(f"parley: {len(errors)} of {total} inputs failed:", file=sys.stderr)
            for err in errors:
                print(f"  {err}", file=sys.stderr)
        if self.args.errors:
            with open(self.args.errors, "w", encoding="utf-8") as fh:
                for err in errors:
                    fh.write(json.dumps(err.to_dict(), ensure_ascii=False) + "\n")
        return 1 if errors or total == 0 else 0


def run_analyze(args: argparse.Namespace) -> int:
    inputs = Inputs(args)
    with _output(args.output) as stream:
        results = inputs.analyses()
        if args.json:  # one document: collect first
            _write(list(results), stream, args)
        else:  # stream results as they come
            for result in results:
                _write([result], stream, args)
                stream.flush()
    return inputs.finish()


def run(args: argparse.Namespace, interrupted: str = "interrupted") -> int:
    """Run the parsed command: a ``ParleyError`` is one line on stderr and exit 1, never
    a traceback; Ctrl-C exits 130 with ``interrupted`` said; a closed pipe ends quietly."""
    try:
        return args.func(args)
    except ParleyError as exc:
        print(f"parley: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"parley: {interrupted}", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def main(argv: list[str] | None = None) -> int:
    return run(build_parser().parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
