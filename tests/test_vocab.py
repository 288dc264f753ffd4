"""``parley.vocab`` lists the closed vocabularies once: the JSON Schema's enums are the same
lists, and the checks emit only the flag kinds it names."""

from __future__ import annotations

import ast
import json
from pathlib import Path

from parley import vocab

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "schema" / "parley.analysis-1.schema.json"
CHECKS = ROOT / "src" / "parley" / "check"


def _enums(node: object, path: tuple[str, ...] = ()) -> dict[tuple[str, ...], list]:
    """Every ``enum`` of a JSON Schema, by the path of keys that leads to it."""
    found: dict[tuple[str, ...], list] = {}
    if isinstance(node, dict):
        if "enum" in node:
            found[path] = node["enum"]
        for key, value in node.items():
            found |= _enums(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found |= _enums(value, (*path, str(i)))
    return found


def test_every_schema_enum_is_a_vocabulary_list_in_the_same_order():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    enums = _enums(schema)
    expected = {
        ("$defs", record, "properties", prop): list(values)
        for (record, prop), values in vocab.SCHEMA_ENUMS.items()
    }
    assert enums == expected


def _flag_kinds_emitted() -> set[str]:
    """The ``kind=`` string constants of ``Flag(...)`` calls in the check modules."""
    kinds: set[str] = set()
    for path in sorted(CHECKS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Flag":
                for kw in node.keywords:
                    if kw.arg == "kind" and isinstance(kw.value, ast.Constant):
                        kinds.add(kw.value.value)
    return kinds


def test_the_checks_emit_exactly_the_flag_kinds_of_the_vocabulary():
    assert _flag_kinds_emitted() == set(vocab.FLAG_KINDS)
