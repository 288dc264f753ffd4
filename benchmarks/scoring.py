"""What every quality measurement shares: P/R/F1, the shared scorers, data digests, the baseline.

* ``prf`` is the one precision / recall / F1 of the benchmarks.
* ``load_tool("score_news")`` loads a scorer of ``../shared/tools`` by its path (never from
  ``sys.path``); a missing tool or data folder is one ``SharedMissing`` message.
* ``data_digest(patterns)`` is the sha256 over the gold files a metric reads, so a change of
  data shows in the baseline.
* ``tests/quality/baseline.json`` holds every gated metric: its floor (or ceiling), the last
  measured value, the noise margin, the data digest and the command that measures it.
  ``metric(name)`` reads one entry; ``value_at(result, key)`` picks the measured number out of
  a benchmark's result. ``benchmarks/pin.py`` (``make eval-pin``) rewrites it.

Standard library only, so the tests and ``pin.py`` import it without the analysis.
"""

from __future__ import annotations

import glob
import hashlib
import importlib.util
import json
import math
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED = REPO_ROOT.parent / "shared"
SHARED_DATA = SHARED / "data"
TOOLS = SHARED / "tools"
BASELINE = REPO_ROOT / "tests" / "quality" / "baseline.json"


class SharedMissing(FileNotFoundError):
    """A scorer of ``../shared/tools`` or a gold file of ``../shared/data`` is not there."""


def prf(tp: int, n_pred: int, n_gold: int, digits: int | None = None) -> dict[str, Any]:
    """Precision ``tp / n_pred``, recall ``tp / n_gold`` and their harmonic mean (0 when a
    denominator is 0), with the counts; rounded to ``digits`` when given."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    if digits is not None:
        p, r, f = round(p, digits), round(r, digits), round(f, digits)
    return {"precision": p, "recall": r, "f1": f, "tp": tp, "pred": n_pred, "gold": n_gold}


def import_parley() -> ModuleType:
    """Import parley (and ``parley.nlp``), from this checkout's ``src/`` if not installed."""
    try:
        import parley
    except ImportError:
        sys.path.insert(0, str(REPO_ROOT / "src"))
        import parley
    import parley.nlp

    return parley


def load_tool(name: str, tools: Path = TOOLS) -> ModuleType:
    """The scorer ``tools/<name>.py`` as a module, loaded by its path (once per process)."""
    path = tools / f"{name}.py"
    key = f"shared_tools.{name}"
    if key in sys.modules:
        return sys.modules[key]
    if not path.is_file():
        raise SharedMissing(
            f"scorer {path} is missing: the scorers are read from ../shared/tools next to this "
            "repository"
        )
    spec = importlib.util.spec_from_file_location(key, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[key] = module  # dataclasses and pickling look the module up there
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[key]
        raise
    return module


def data_files(patterns: Iterable[str], root: Path = REPO_ROOT) -> list[Path]:
    """The files matched by ``patterns`` (globs relative to ``root``; ``../shared/data/...``
    for gold data), sorted; a pattern matching nothing raises ``SharedMissing``."""
    files: set[Path] = set()
    for pattern in patterns:
        found = [Path(p) for p in glob.glob(str(root / pattern), recursive=True)]
        found = [p for p in found if p.is_file()]
        if not found:
            raise SharedMissing(f"no file matches {pattern} (under {root})")
        files.update(found)
    return sorted(files)


def data_digest(patterns: Iterable[str], root: Path = REPO_ROOT) -> str:
    """``sha256:<hex>`` over the relative path and the bytes of every file ``patterns`` match:
    the same files with the same content give the same digest, on any machine."""
    outer = hashlib.sha256()
    for path in data_files(patterns, root):
        rel = Path(os.path.relpath(path, root)).as_posix()
        inner = hashlib.sha256(path.read_bytes()).hexdigest()
        outer.update(f"{rel}\0{inner}\n".encode())
    return "sha256:" + outer.hexdigest()


def read_baseline(path: Path = BASELINE) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SharedMissing(f"the quality baseline {path} is missing") from None


def metric(name: str, path: Path = BASELINE) -> dict[str, Any]:
    """The baseline entry of one metric (``name``, ``floor`` or ``ceiling``, ``measured``, ...)."""
    for entry in read_baseline(path)["metrics"]:
        if entry["name"] == name:
            return entry
    raise KeyError(f"no metric {name!r} in {path}")


def metrics(prefix: str = "", path: Path = BASELINE) -> list[dict[str, Any]]:
    """Every baseline entry whose name starts with ``prefix``, in file order."""
    return [m for m in read_baseline(path)["metrics"] if m["name"].startswith(prefix)]


def value_at(result: dict[str, Any], key: str) -> float:
    """The number at the dotted ``key`` of a benchmark result ("parley.overall.f1")."""
    node: Any = result
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            raise KeyError(f"the result has no {key!r} (stopped at {part!r})")
        node = node[part]
    if isinstance(node, bool) or not isinstance(node, int | float):
        raise TypeError(f"{key!r} is {node!r}, not a number")
    return node


def bound(entry: dict[str, Any]) -> tuple[str, float]:
    """``("floor", x)`` for a higher-is-better metric, ``("ceiling", x)`` otherwise."""
    if "floor" in entry:
        return "floor", entry["floor"]
    return "ceiling", entry["ceiling"]


def holds(entry: dict[str, Any], value: float) -> bool:
    kind, limit = bound(entry)
    return value >= limit if kind == "floor" else value <= limit


def failure(entry: dict[str, Any], value: float) -> str:
    """The message of a metric outside its bound."""
    kind, limit = bound(entry)
    side = "<" if kind == "floor" else ">"
    return (
        f"{entry['name']} = {value:.4f} {side} {kind} {limit} (last measured "
        f"{entry['measured']}; measured by `{entry['command']}`): "
        + entry.get("hint", "a regression to fix, never a bound to move")
    )


def round_down(x: float, decimals: int = 3) -> float:
    scale = 10**decimals
    return math.floor(x * scale + 1e-9) / scale


def round_up(x: float, decimals: int = 3) -> float:
    scale = 10**decimals
    return math.ceil(x * scale - 1e-9) / scale


def check(entry: dict[str, Any], result: dict[str, Any]) -> str | None:
    """None when the value of ``entry`` in a benchmark ``result`` keeps its bound, else why."""
    value = value_at(result, entry["key"])
    return None if holds(entry, value) else failure(entry, value)
