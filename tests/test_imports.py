"""The import graph of ``parley``: no cycle, and the layers point one way.

The graph is read from the source with ``ast`` (nothing is imported): an edge for every
``import``/``from … import`` at module level, also inside ``if`` (``TYPE_CHECKING`` too),
``try`` and ``with`` blocks; ``from parley.x import name`` leads to ``parley.x.name`` when that
is a module, else to ``parley.x`` (so a package's ``__init__`` re-exports count). Imports
inside functions are not edges. Importing ``parley.x.y`` also runs ``parley/x/__init__.py``;
that implicit step is not an edge, or every package that re-exports its modules would be a
cycle.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def _modules() -> dict[str, tuple[Path, bool]]:
    """Every module of ``parley``: dotted name -> (file, is a package)."""
    found = {}
    for path in sorted((SRC / "parley").rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        package = parts[-1] == "__init__"
        found[".".join(parts[:-1] if package else parts)] = (path, package)
    return found


def _module_level(body: list[ast.stmt]) -> Iterator[ast.Import | ast.ImportFrom]:
    for node in body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If):
            yield from _module_level(node.body)
            yield from _module_level(node.orelse)
        elif isinstance(node, ast.Try):
            for block in (node.body, node.orelse, node.finalbody, *(h.body for h in node.handlers)):
                yield from _module_level(block)
        elif isinstance(node, ast.With):
            yield from _module_level(node.body)


def import_graph() -> dict[str, set[str]]:
    """Module -> the ``parley`` modules it imports at module level."""
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for name, (path, package) in modules.items():
        here = name if package else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in _module_level(ast.parse(path.read_text(encoding="utf-8")).body):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
                continue
            base = node.module or ""
            if node.level:  # relative: from . import x, from ..y import z
                parts = here.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                targets.add(sub if sub in modules else base)
        graph[name] = {t for t in targets if t in modules and t != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle (a → … → a) through each strongly connected group of modules."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[set[str]] = []

    def visit(v: str) -> None:  # Tarjan
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = set()
            while True:
                w = stack.pop()
                group.add(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(group)

    for v in sorted(graph):
        if v not in index:
            visit(v)
    found = []
    for group in groups:  # shortest way back to the group's first module
        start = min(group)
        paths = {start: [start]}
        todo = [start]
        while todo and start not in graph[todo[0]]:
            v = todo.pop(0)
            for w in sorted(graph[v] & group):
                if w not in paths:
                    paths[w] = [*paths[v], w]
                    todo.append(w)
        found.append([*paths[todo[0]], start])
    return found


def test_the_graph_sees_the_imports_it_must():
    graph = import_graph()
    assert "parley.pipeline" in graph["parley"]  # a re-export of a package
    assert "parley.inputs" in graph["parley.cli"]
    assert "parley.store.writer" in graph["parley.store"]


def test_no_import_cycle():
    found = cycles(import_graph())
    assert not found, "import cycles:\n" + "\n".join(" → ".join(c) for c in found)


def test_the_store_knows_neither_the_command_line_nor_the_batch_runner():
    bad = [
        f"{module} imports {target}"
        for module, targets in import_graph().items()
        if module == "parley.store" or module.startswith("parley.store.")
        for target in sorted(targets)
        if target == "parley.cli" or target == "parley.batch" or target.startswith("parley.batch.")
    ]
    assert not bad, "\n".join(bad)


def test_nothing_imports_the_command_line():
    """``parley.cli`` loads the modules of ``COMMANDS`` by name: a module that imported it
    back would close a cycle that the graph cannot see. They share ``parley.inputs``."""
    bad = [module for module, targets in import_graph().items() if "parley.cli" in targets]
    assert not bad, bad
