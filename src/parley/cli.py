"""The ``parley`` command: a thin layer that parses options, calls the API and prints.

Exit codes: 0 when every input was analysed, 1 when some input failed (each reported on
stderr, ``--errors FILE`` as JSON Lines) or nothing could be analysed, 2 for usage errors.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from contextlib import contextmanager
from typing import TextIO

from parley.errors import ParleyError
from parley.inputs import Inputs, add_input_options, run
from parley.model import Analysis
from parley.report import render
from parley.version import __version__

# modules that add their own sub-commands: each has register(subparsers), and each command
# sets `func` (args -> exit code) with set_defaults; they share parley.inputs, never this module
COMMANDS: tuple[str, ...] = ("parley.store.cli", "parley.batch.cli", "parley.web.cli")


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
    view = a.add_mutually_exclusive_group()
    view.add_argument(
        "--full", action="store_true", help="the report as tables of every field of every record"
    )
    view.add_argument(
        "--explain", action="store_true", help="the report with the rule behind each event"
    )
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
        render(results, stream, full=args.full, explain=args.explain)


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


def main(argv: list[str] | None = None) -> int:
    return run(build_parser().parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
