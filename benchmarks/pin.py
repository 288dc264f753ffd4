"""Measure every gated metric and rewrite ``tests/quality/baseline.json`` (``make eval-pin``).

    python benchmarks/pin.py [--only GROUP,...] [--dry-run] [--baseline FILE]

Each distinct ``command`` of the baseline runs once (with ``--json FILE`` appended, ``python``
meaning this interpreter, from the repository root); every metric's value is read at its
``key`` in that JSON. Then, per metric:

* ``measured`` and ``digest`` (sha256 over its ``data`` files) are rewritten;
* a floor is raised to ``measured - margin`` (rounded down to ``decimals``, 3 by default) when
  that is higher; a ceiling is lowered to ``measured + margin`` (rounded up) when that is
  lower; a new metric (``floor``/``ceiling`` null) gets its first bound this way;
* a floor is never lowered, nor a ceiling raised. A value below its floor (above its
  ceiling), a floor lower than the one committed at ``HEAD`` or a metric gated at ``HEAD``
  and gone from the file makes the run refuse: it exits with status 1 and one line per
  metric, and writes nothing. A regression is fixed in
  the code; a bound is moved down only by hand, in a reviewed commit that says why.

``--only quotes,events`` measures those groups (the part of a metric name before the first
dot); ``--dry-run`` prints what would change without writing.
"""

from __future__ import annotations

import argparse
import copy
import datetime
import json
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from scoring import (
    BASELINE,
    REPO_ROOT,
    SharedMissing,
    data_digest,
    read_baseline,
    round_down,
    round_up,
    value_at,
)


class Refused(Exception):
    """The measurements would lower a floor (or raise a ceiling): nothing is written."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("\n".join(reasons))
        self.reasons = reasons


def _number(x: float, decimals: int) -> float | int:
    return int(round(x)) if decimals == 0 else round(x, decimals)


def new_bound(entry: dict[str, Any], value: float) -> float | int:
    """The bound ``value`` and the entry's margin give: measured minus (plus) the margin."""
    decimals = entry.get("decimals", 3)
    if "floor" in entry:
        return _number(round_down(value - entry["margin"], decimals), decimals)
    return _number(round_up(value + entry["margin"], decimals), decimals)


def pin(
    baseline: dict[str, Any],
    measured: dict[str, float],
    digests: dict[str, str],
    committed: dict[str, Any] | None = None,
    today: str | None = None,
) -> tuple[dict[str, Any], list[str]]:
    """The baseline with ``measured`` (metric name -> value) and ``digests`` written in and
    the bounds moved up to them, and one line per change; raises ``Refused`` when a value
    breaks its bound or a bound is looser than the ``committed`` baseline's."""
    out = copy.deepcopy(baseline)
    before = {m["name"]: m for m in (committed or {}).get("metrics", [])}
    notes: list[str] = []
    refusals: list[str] = []
    for entry in out["metrics"]:
        name = entry["name"]
        kind = "floor" if "floor" in entry else "ceiling"
        if kind == "ceiling" and "ceiling" not in entry:
            raise ValueError(f"{name}: neither a floor nor a ceiling")
        limit = entry[kind]
        old = before.get(name, {}).get(kind)
        known = limit is not None and old is not None
        if known and ((kind == "floor" and limit < old) or (kind == "ceiling" and limit > old)):
            refusals.append(
                f"{name}: {kind} {limit} in the file is looser than {old} committed at "
                "HEAD; a bound is never moved to make a run pass"
            )
        if name not in measured:
            continue
        value = measured[name]
        if limit is not None:
            if kind == "floor" and value < limit:
                refusals.append(
                    f"{name}: measured {value:.4f} < floor {limit}: a regression; fix the code, "
                    "the floor is never lowered"
                )
                continue
            if kind == "ceiling" and value > limit:
                refusals.append(
                    f"{name}: measured {value:.4f} > ceiling {limit}: a regression; fix the "
                    "code, the ceiling is never raised"
                )
                continue
        target = new_bound(entry, value)
        if limit is None:
            entry[kind] = target
            notes.append(f"{name}: new {kind} {target} (measured {value:.4f})")
        elif (kind == "floor" and target > limit) or (kind == "ceiling" and target < limit):
            entry[kind] = target
            notes.append(f"{name}: {kind} {limit} -> {target} (measured {value:.4f})")
        if entry.get("measured") != _number(value, 4):
            notes.append(f"{name}: measured {entry.get('measured')} -> {_number(value, 4)}")
        entry["measured"] = _number(value, 4)
        if name in digests and entry.get("digest") != digests[name]:
            if entry.get("digest"):
                notes.append(f"{name}: the gold data changed (digest {digests[name][:19]}...)")
            entry["digest"] = digests[name]
        entry["pinned"] = today or datetime.date.today().isoformat()
    kept = {m["name"] for m in out["metrics"]}
    refusals += [f"{name}: gated at HEAD, missing from the file" for name in before.keys() - kept]
    if refusals:
        raise Refused(refusals)
    return out, notes


def run_command(command: str, cwd: Path = REPO_ROOT) -> dict[str, Any]:
    """Run one measuring command with ``--json FILE`` appended; its JSON result."""
    argv = shlex.split(command)
    if argv and argv[0] == "python":
        argv[0] = sys.executable
    with tempfile.TemporaryDirectory(prefix="parley-pin-") as tmp:
        out = Path(tmp) / "result.json"
        print(f"$ {command}", flush=True)
        done = subprocess.run([*argv, "--json", str(out)], cwd=cwd, stdout=subprocess.DEVNULL)
        if done.returncode != 0 or not out.is_file():
            raise SystemExit(f"pin: `{command}` failed (exit status {done.returncode})")
        return json.loads(out.read_text(encoding="utf-8"))


def committed_baseline(path: Path) -> dict[str, Any] | None:
    """The baseline as committed at HEAD, or None when git has none."""
    try:
        rel = path.resolve().relative_to(REPO_ROOT)
    except ValueError:
        return None
    done = subprocess.run(
        ["git", "show", f"HEAD:{rel.as_posix()}"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout) if done.returncode == 0 else None


def measure(entries: list[dict[str, Any]]) -> tuple[dict[str, float], dict[str, str]]:
    """Values and data digests of ``entries``, each command run once."""
    results: dict[str, dict[str, Any]] = {}
    measured: dict[str, float] = {}
    digests: dict[str, str] = {}
    for entry in entries:
        command = entry["command"]
        if command not in results:
            results[command] = run_command(command)
        try:
            measured[entry["name"]] = value_at(results[command], entry["key"])
        except (KeyError, TypeError) as exc:
            raise SystemExit(f"pin: {entry['name']}: `{command}`: {exc}") from None
        digests[entry["name"]] = data_digest(entry["data"])
    return measured, digests


def write(path: Path, baseline: dict[str, Any]) -> None:
    path.write_text(json.dumps(baseline, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def table(baseline: dict[str, Any]) -> str:
    rows = [f"{'metric':<48}{'bound':>16}{'measured':>10}{'margin':>8}"]
    for m in baseline["metrics"]:
        kind = "floor" if "floor" in m else "ceiling"
        bound = f"{kind} {m[kind]}"
        rows.append(f"{m['name']:<48}{bound:>16}{m['measured']!s:>10}{m['margin']!s:>8}")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="", help="comma-separated groups (e.g. quotes,times)")
    parser.add_argument("--dry-run", action="store_true", help="print the changes, write nothing")
    parser.add_argument("--baseline", type=Path, default=BASELINE)
    args = parser.parse_args(argv)
    baseline = read_baseline(args.baseline)
    groups = {g for g in args.only.split(",") if g}
    known = {m["name"].split(".")[0] for m in baseline["metrics"]}
    if groups - known:
        unknown = ", ".join(sorted(groups - known))
        parser.error(f"unknown group(s) {unknown}; known: {', '.join(sorted(known))}")
    chosen = [m for m in baseline["metrics"] if not groups or m["name"].split(".")[0] in groups]
    try:
        measured, digests = measure(chosen)
        new, notes = pin(baseline, measured, digests, committed_baseline(args.baseline))
    except Refused as refused:
        print("pin: refused, nothing written:", file=sys.stderr)
        for reason in refused.reasons:
            print(f"  {reason}", file=sys.stderr)
        return 1
    except SharedMissing as exc:
        print(f"pin: {exc}", file=sys.stderr)
        return 1
    print("\n".join(notes) if notes else "no change")
    print(table(new))
    if not args.dry_run:
        write(args.baseline, new)
        print(f"written to {args.baseline}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
