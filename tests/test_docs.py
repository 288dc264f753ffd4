"""The README documents every command, every option of every command, and every
environment variable parley reads.

Commands and options are read from the real ``parley`` parser (sub-commands included, as
registered by ``parley.cli.COMMANDS``), environment variables from the code (``os.environ``
and ``os.getenv`` reads in ``src/parley`` and ``tests``), so that whatever is added later
without a line in the README fails here.

How the README documents an option: a table row whose first cell holds the option in
backticks (`` `--limit N` ``). The row applies to the commands named in backticks in its
middle cells (a "commands" column: `` `search`, `articles` ``; the last cell is the
meaning), else to the command its first cell names (`` `parley batch PATH… --out DIR` ``),
else to those named in backticks in the nearest heading above it (``### Lists: `search`,
`articles` ``); a heading that names no command holds the options of ``parley`` itself
(``--version``). A command is documented by a heading or a table row's first cell naming it
as `` `parley NAME …` ``.
"""

from __future__ import annotations

import argparse
import ast
import re
from collections import defaultdict
from pathlib import Path

import pytest

from parley.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
CODE = (ROOT / "src" / "parley", ROOT / "tests")

TOP = ""  # the commands' name for ``parley`` itself
_CODE_SPAN = re.compile(r"`([^`]+)`")
_OPTION = re.compile(r"(?<![\w-])(--?[A-Za-z][\w-]*)")
_HEADING = re.compile(r"^#{1,6}\s")


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    return {
        name: sub
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
        for name, sub in action.choices.items()
    }


def _options(parser: argparse.ArgumentParser) -> tuple[set[str], set[str]]:
    """The options to document (the long form of each, or its short form if it has none),
    and every option string the parser knows."""
    required: set[str] = set()
    known: set[str] = set()
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction) or not action.option_strings:
            continue
        long = [s for s in action.option_strings if s.startswith("--")]
        required.update(long or action.option_strings)
        known.update(action.option_strings)
    return required, known


def cli_options(known: bool = False) -> dict[str, set[str]]:
    """Command name (``TOP`` for ``parley`` itself) -> the options to document (``known``:
    every option string it accepts)."""
    parser = build_parser()
    found = {TOP: _options(parser)[known]}
    for name, sub in _subparsers(parser).items():
        assert not _subparsers(sub), f"{name}: nested sub-commands are not walked"
        found[name] = _options(sub)[known]
    return found


def _commands_in(text: str, commands: set[str], written_out: bool = False) -> list[str]:
    """Commands named in backticks: `` `articles` `` or `` `parley article ID` `` (only the
    latter if ``written_out``)."""
    named = []
    for span in _CODE_SPAN.findall(text):
        words = span.split()
        prefixed = bool(words) and words[0] == "parley"
        words = words[1:] if prefixed else words
        if words and words[0] in commands and (prefixed or not written_out):
            named.append(words[0])
    return named


def readme_documents(text: str, commands: set[str]) -> tuple[set[str], dict[str, set[str]]]:
    """The commands the README documents, and the options it documents for each command."""
    documented: set[str] = set()
    options: dict[str, set[str]] = defaultdict(set)
    scope = [TOP]
    fenced = False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        if fenced:
            continue
        if _HEADING.match(line):
            scope = _commands_in(line, commands) or [TOP]
            documented.update(_commands_in(line, commands, written_out=True))
            continue
        if not line.startswith("|") or set(line) <= set("|-: "):
            continue
        first, *rest = line.strip().strip("|").split("|")
        own = _commands_in(first, commands, written_out=True)
        documented.update(own)
        row_scope = _commands_in("|".join(rest[:-1]), commands) or own or scope
        for span in _CODE_SPAN.findall(first):
            for option in _OPTION.findall(span):
                for command in row_scope:
                    options[command].add(option)
    return documented, options


def test_every_command_and_option_is_in_the_readme():
    wanted = cli_options()
    commands = set(wanted) - {TOP}
    documented, options = readme_documents(README.read_text(encoding="utf-8"), commands)
    missing = [f"parley {c}" for c in sorted(commands - documented)]
    missing += [
        f"parley {command} {option}".replace("  ", " ")
        for command in sorted(wanted)
        for option in sorted(wanted[command] - options.get(command, set()))
    ]
    assert not missing, (
        "README.md does not document (a table row with the option in backticks in its first "
        "cell, under a heading or beside a cell naming the command; see tests/test_docs.py):\n  "
        + "\n  ".join(missing)
    )


def test_the_readme_documents_no_option_that_does_not_exist():
    """A renamed or removed option leaves no stale row behind."""
    wanted = cli_options(known=True)
    _, options = readme_documents(README.read_text(encoding="utf-8"), set(wanted) - {TOP})
    stale = [
        f"parley {command} {option}".replace("  ", " ")
        for command in sorted(options)
        for option in sorted(options[command] - wanted.get(command, set()))
    ]
    assert not stale, "README.md documents options the parser does not have:\n  " + "\n  ".join(
        stale
    )


def _constants(trees: list[ast.Module]) -> dict[str, str]:
    """Module-level ``NAME = "text"`` assignments of all modules (names of variables)."""
    found: dict[str, str] = {}
    for tree in trees:
        for node in tree.body:
            if (
                isinstance(node, ast.Assign)
                and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)
            ):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        found[target.id] = node.value.value
    return found


def _is_environ(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "environ"


def _env_keys(tree: ast.Module) -> list[ast.expr]:
    """The keys read by ``os.environ.get(K)``, ``os.getenv(K)``, ``os.environ[K]``,
    ``K in os.environ``."""
    keys: list[ast.expr] = []
    for node in ast.walk(tree):
        match node:
            case ast.Call(func=ast.Attribute(attr="getenv"), args=[key, *_]):
                keys.append(key)
                continue
            case ast.Call(func=ast.Attribute(attr="get", value=env), args=[key, *_]):
                pass
            case ast.Subscript(value=env, slice=key, ctx=ast.Load()):
                pass
            case ast.Compare(left=key, ops=[ast.In() | ast.NotIn()], comparators=[env]):
                pass
            case _:
                continue
        if _is_environ(env):
            keys.append(key)
    return keys


def environment_variables() -> set[str]:
    """The environment variables the package and its tests read."""
    files = [p for folder in CODE for p in sorted(folder.rglob("*.py"))]
    trees = [ast.parse(p.read_text(encoding="utf-8"), str(p)) for p in files]
    constants = _constants(trees)
    found: set[str] = set()
    for path, tree in zip(files, trees, strict=True):
        for key in _env_keys(tree):
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                found.add(key.value)
            elif isinstance(key, ast.Name | ast.Attribute):
                name = key.id if isinstance(key, ast.Name) else key.attr
                if name not in constants:
                    pytest.fail(f"{path}: environment variable {name} is not a known constant")
                found.add(constants[name])
            else:
                pytest.fail(f"{path}:{key.lineno}: environment variable read by an expression")
    return found


def test_the_walkers_find_what_they_should():
    """The walkers themselves: options of a sub-command, names read from the environment."""
    assert {"--version"} <= cli_options()[TOP]
    assert {"--chunk-size", "--kb", "--model", "--out"} <= cli_options()["batch"]
    assert {"PARLEY_DB", "PARLEY_MODEL", "PARLEY_TOKEN"} <= environment_variables()


def test_every_environment_variable_is_in_the_readme():
    text = README.read_text(encoding="utf-8")
    missing = sorted(v for v in environment_variables() if not re.search(rf"\b{v}\b", text))
    assert not missing, "README.md does not mention the environment variables " + ", ".join(missing)


def test_repeatable_options_say_so_in_help():
    """An option that may be given several times (``--kb DIR --kb DIR2``) says
    "repeatable" in ``--help``, as the README does."""
    parser = build_parser()
    quiet = [
        f"parley {name} {action.option_strings[-1]}"
        for name, sub in _subparsers(parser).items()
        for action in sub._actions
        if isinstance(action, argparse._AppendAction) and "repeatable" not in (action.help or "")
    ]
    assert not quiet, "--help does not say these options are repeatable: " + ", ".join(quiet)


def test_every_make_target_is_in_the_readme():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    [phony] = re.findall(r"^\.PHONY:(.*)$", makefile, re.MULTILINE)
    text = README.read_text(encoding="utf-8")
    missing = [t for t in phony.split() if not re.search(rf"`make {re.escape(t)}`", text)]
    assert not missing, "README.md does not mention " + ", ".join(f"`make {t}`" for t in missing)
