"""What every command that reads articles shares: the input options, the inputs read and
analysed with their failures collected, and the wrapper that turns errors into exit codes.

``parley analyze`` (``parley.cli``), ``parley ingest`` (``parley.store.cli``) and ``parley
batch`` (``parley.batch.cli``) import it; it imports none of them.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
from collections.abc import Iterator
from typing import Any

from parley.batch.read import is_batch_output, read_batch_output
from parley.days import not_a_date, parse_date
from parley.errors import InputError, ParleyError
from parley.ingest import read_inputs
from parley.model import Analysis, Article
from parley.pipeline import analyze_batch


class UsageError(ParleyError):
    """Options that do not go together (found after parsing): exit 2, as argparse's errors."""


def iso_date(value: str) -> str:
    """An argparse type: an ISO 8601 date or datetime, kept as given."""
    try:
        parse_date(value)
    except ValueError:
        raise argparse.ArgumentTypeError(not_a_date(value)) from None
    return value


def kb_dir(value: str) -> str:
    """An argparse type: a knowledge-base folder that exists (else a usage error, exit 2)."""
    if not os.path.isdir(value):
        why = "no such folder" if not os.path.exists(value) else "not a folder"
        raise argparse.ArgumentTypeError(f"{value}: {why}")
    return value


def installed_pipeline(name: str) -> bool:
    """Whether ``name`` is an installed spaCy pipeline package or a pipeline folder."""
    if os.path.isdir(name):
        return os.path.isfile(os.path.join(name, "config.cfg"))
    try:
        return name.isidentifier() and importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def model_name(value: str) -> str:
    """An argparse type: an installed spaCy pipeline (else a usage error, exit 2)."""
    if not installed_pipeline(value):
        raise argparse.ArgumentTypeError(
            f"no spaCy pipeline {value!r} is installed (a package name such as "
            "en_core_web_sm, or a pipeline folder); parley's own is installed by `make install`"
        )
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
    p.add_argument(
        "--kb",
        action="append",
        default=[],
        type=kb_dir,
        metavar="DIR",
        help="a folder of your own knowledge-base files (repeatable)",
    )
    p.add_argument(
        "--model",
        type=model_name,
        metavar="NAME",
        help="installed spaCy pipeline to use instead of the default",
    )


class Inputs:
    """The articles named by a command's inputs, analysed; failures are collected.

    Iterate ``analyses()`` for the results, then call ``finish()`` for the exit code: it
    reports failed inputs on stderr (and to ``--errors FILE``). With ``batch_output``, the
    ``parley batch`` output folders among the inputs are not read as articles: ``stored()``
    gives the analyses they hold.
    """

    def __init__(self, args: argparse.Namespace, *, batch_output: bool = False) -> None:
        self.args = args
        self.errors: list[InputError] = []
        self.seen = 0
        self.folders = [n for n in args.inputs if is_batch_output(n)] if batch_output else []
        self.names: list[str] = [n for n in args.inputs if n not in self.folders]

    def stored(self) -> Iterator[Iterator[dict[str, Any]]]:
        """For each ``parley batch`` output folder among the inputs, its analyses."""
        for folder in self.folders:
            yield read_batch_output(folder)

    def articles(self) -> Iterator[Article]:
        a = self.args
        for item in read_inputs(
            self.names,
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


def run(args: argparse.Namespace, interrupted: str = "interrupted") -> int:
    """Run the parsed command: a ``ParleyError`` is one line on stderr and exit 1 (a
    ``UsageError`` exit 2), never a traceback; Ctrl-C exits 130 with ``interrupted`` said; a
    closed pipe ends quietly."""
    try:
        return args.func(args)
    except UsageError as exc:
        print(f"parley: {exc}", file=sys.stderr)
        return 2
    except ParleyError as exc:
        print(f"parley: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"parley: {interrupted}", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
