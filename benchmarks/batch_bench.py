"""Batch throughput and memory on the ukraine-news articles (issue 7's numbers).

    python benchmarks/batch_bench.py [--only ratio,speedup,memory,table] [--sample N]
        [--articles N] [--rounds R] [--batch-size B] [--chunk-size C] [--exclude FILE]
        [--json FILE] [--no-fail]

Parts (``--only`` picks some; default all, in this order):

ratio    parley's full analysis (``analyze_batch``) vs bare spaCy ``nlp.pipe`` on the same
         texts, in this process (target >= 0.8x);
speedup  ``parley batch`` end to end (read JSONL, analyse, write Parquet) with
         ``--processes 2`` vs 1 (target >= 1.6x) and on a 2-worker Dask LocalCluster vs 1
         local process (target >= 1.5x), over ``--sample`` articles (default the corpus, ~400;
         more repeats it), with ``parley batch``'s default chunk and part sizes unless
         ``--chunk-size`` says otherwise;
memory   a 2-process run over ``--articles`` (default 10,000: the corpus repeated, each repeat
         given a distinct closing line so new strings keep coming): peak RSS per worker
         (psutil, sampled; target <= 700 MB) and growth of the RSS each worker reports after
         each chunk from the first 1k articles to the last 1k (target <= 10%; with fewer than
         3k articles the window is a third of the run);
table    articles/day per core for 600-word articles (by wall clock, and by the CPU seconds
         the run's processes used: robust to other load) and cores for 1M articles/day
         (from the CPU-time rate), from the rates measured in this run (runs ``ratio`` if
         neither it nor ``speedup`` was asked for).

Engines are started (models loaded) before timing; start-up is reported apart. On a shared
machine the wall-clock ratios only show the CPU that was free: CPU seconds per process are
reported too, with the speed-up they imply on idle cores. ``--exclude FILE`` (a JSON list of
article file names) leaves articles out.

Each target is printed with ``met`` or ``MISSED``, and the missed ones again at the end: a
missed target exits with status 1 (after every part has run and the JSON is written), so a
run that prints a target and misses it never looks like a pass. ``--no-fail`` exits 0 anyway
(a look on a busy machine, where wall-clock ratios only show the CPU that was free).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import psutil

from parley.batch import BatchOptions, run_batch
from parley.batch.dask_engine import DaskEngine
from parley.batch.local import Engine, LocalEngine
from parley.batch.worker import WorkOptions
from parley.model import Article
from parley.nlp import load_pipeline
from parley.pipeline import analyze_batch
from ukraine_news import read_corpus

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "ukraine-news"
WORDS_PER_ARTICLE, DAY, TARGET_PER_DAY = 600, 86_400, 1_000_000
MB = 1024 * 1024
MISSED: list[str] = []  # targets missed in this run (exit 1 if any, unless ``--no-fail``)


def verdict(name: str, value: float | None, bound: float, at_least: bool = True) -> str:
    """``met`` or ``MISSED`` for a target (``value >= bound``, or ``<=``), remembered."""
    ok = value is not None and (value >= bound if at_least else value <= bound)
    if not ok:
        MISSED.append(f"{name}: {value} (target {'>=' if at_least else '<='} {bound})")
    return "met" if ok else "MISSED"


def exit_status(missed: list[str], no_fail: bool = False) -> int:
    """1 when a target was missed (listed once more), unless ``no_fail``; else 0."""
    if not missed:
        return 0
    print("targets missed: " + "; ".join(missed))
    return 0 if no_fail else 1


def fail(message: str) -> None:
    print(f"batch_bench: {message}", file=sys.stderr)
    raise SystemExit(1)


def load(data: Path, exclude: set[str]) -> list[dict[str, Any]]:
    """The corpus as JSON Lines objects (``text``, ``published``), empty files left out."""
    return [
        {"text": text, "published": entry["published"]}
        for entry, text in read_corpus(data, fail)
        if entry["file"] not in exclude and text.strip()
    ]


def repeat(corpus: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    out = []
    for i in range(n):
        row = dict(corpus[i % len(corpus)])
        if i >= len(corpus):  # a distinct text: new ids and strings, as in a real stream
            row["text"] += f"\nFiled as report {i} by correspondent Q{i * 7919 % 100_003}."
        out.append(row)
    return out


def write_jsonl(rows: list[dict[str, Any]], path: Path) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return str(path)


def words(rows: list[dict[str, Any]]) -> int:
    return sum(len(r["text"].split()) for r in rows)


def in_process(rows: list[dict[str, Any]], rounds: int, batch: int) -> dict[str, float]:
    """(a): best seconds (wall and CPU) of bare ``nlp.pipe`` and ``analyze_batch``,
    alternating."""
    nlp = load_pipeline()
    texts = [r["text"] for r in rows]
    articles = [Article(text=r["text"], published=r["published"]) for r in rows]
    list(analyze_batch(articles[:5]))  # warm-up
    runs: dict[str, list[tuple[float, float]]] = {"bare": [], "parley": []}

    def bare() -> None:
        for _doc in nlp.pipe(texts, batch_size=batch):
            pass

    def parley() -> None:
        for _analysis in analyze_batch(articles, batch_size=batch):
            pass

    for _ in range(rounds):
        for name, work in (("bare", bare), ("parley", parley)):
            wall, cpu = time.perf_counter(), time.process_time()
            work()
            runs[name].append((time.perf_counter() - wall, time.process_time() - cpu))
    best = {name: min(times) for name, times in runs.items()}
    return {
        "bare_seconds": best["bare"][0],
        "bare_cpu_seconds": best["bare"][1],
        "parley_seconds": best["parley"][0],
        "parley_cpu_seconds": best["parley"][1],
    }


class Sampler(threading.Thread):
    """Peak RSS of given processes, sampled every ``every`` seconds."""

    def __init__(self, pids: set[int], every: float = 0.25) -> None:
        super().__init__(daemon=True)
        self.procs = [psutil.Process(p) for p in pids]
        self.peak: dict[int, int] = {p: 0 for p in pids}
        self.every, self.stopped = every, threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(self.every):
            for proc in self.procs:
                with contextlib.suppress(psutil.Error):
                    self.peak[proc.pid] = max(self.peak[proc.pid], proc.memory_info().rss)


def cpu_seconds(pids: set[int]) -> dict[int, float]:
    """User + system CPU seconds each process has used so far."""
    out = {}
    for pid in pids:
        with contextlib.suppress(psutil.Error):
            times = psutil.Process(pid).cpu_times()
            out[pid] = times.user + times.system
    return out


def batch_run(engine: Engine, source: str, out: str, opts: BatchOptions) -> dict[str, Any]:
    """One timed run on a started engine, with memory sampled and reported per chunk."""
    trace: list[tuple[int, int, int]] = []  # (articles done, worker pid, rss)
    done = [0]

    def observe(chunk: Any, result: Any) -> None:
        done[0] += len(result.articles)
        trace.append((done[0], result.pid, result.rss))

    pids = getattr(engine, "pids", set()) or {os.getpid()}
    sampler = Sampler(pids)
    watched = pids | {os.getpid()}
    cpu_before = cpu_seconds(watched)
    sampler.start()
    summary = run_batch([source], replace(opts, out=out), engine=engine, observe=observe)
    sampler.stopped.set()
    sampler.join()
    cpu_after = cpu_seconds(watched)
    used = {p: cpu_after[p] - cpu_before[p] for p in cpu_after if p in cpu_before}
    return {
        "seconds": summary.seconds,
        "write_seconds": round(summary.write_seconds, 2),
        "articles": summary.articles,
        "words": summary.words,
        "errors": len(summary.errors),
        "peak_rss_mb": {str(p): round(v / MB) for p, v in sampler.peak.items()},
        "cpu_seconds": {
            ("main" if p == os.getpid() else str(p)): round(v, 1) for p, v in used.items()
        },  # fmt: skip
        "trace": trace,
    }


def growth(trace: list[tuple[int, int, int]], window: int = 1000) -> dict[str, Any]:
    """Mean worker RSS over chunks ending in the first and the last ``window`` articles,
    and over each tenth of the run (the shape: a plateau, or a steady climb)."""
    total = trace[-1][0] if trace else 0
    first = [rss for n, _, rss in trace if n <= window]
    last = [rss for n, _, rss in trace if n > total - window]
    if not first or not last or total < 2 * window:
        return {"articles": total, "growth_pct": None}
    a, b = statistics.mean(first), statistics.mean(last)
    tenths = [
        [rss for n, _, rss in trace if total * k / 10 < n <= total * (k + 1) / 10]
        for k in range(10)
    ]
    return {
        "articles": total,
        "first_mb": round(a / MB),
        "last_mb": round(b / MB),
        "growth_pct": round(100 * (b - a) / a, 1),
        "mb_by_tenth": [round(statistics.mean(t) / MB) if t else None for t in tenths],
    }


def timed(make: Any, source: str, tmp: Path, name: str, opts: BatchOptions) -> dict[str, Any]:
    start = time.perf_counter()
    with make() as engine:
        startup = time.perf_counter() - start
        result = batch_run(engine, source, str(tmp / name), opts)
    result["startup_seconds"] = round(startup, 2)
    print(
        f"  {name}: {result['articles']} articles in {result['seconds']:.1f} s, of which "
        f"{result['write_seconds']:.1f} s writing (start-up {startup:.1f} s); CPU seconds "
        f"{result['cpu_seconds']}",
        file=sys.stderr,
    )
    return result


def cpu_estimate(one: dict[str, Any], many: dict[str, Any]) -> float:
    """The speed-up the CPU seconds imply on otherwise idle cores: one process's CPU time
    over the busiest worker's CPU time plus the writing (done in the main process)."""
    workers = [v for k, v in many["cpu_seconds"].items() if k != "main"]
    single = one["cpu_seconds"].get("main", one["seconds"])
    return round(single / (max(workers) + many["write_seconds"]), 3) if workers else 0.0


def per_day(words_per_s: float) -> int:
    """600-word articles a day at a rate in words per second."""
    return round(words_per_s / WORDS_PER_ARTICLE * DAY)


def per_core_table(rates: dict[str, tuple[int, float, float]]) -> list[dict[str, Any]]:
    """Rows from ``name -> (words, wall seconds, CPU seconds)``, over all cores a run used.

    Per core by wall clock divides by the cores the run had (on a shared machine, less
    than that was free); per core by CPU time divides by the CPU seconds the run's processes
    used, which other work on the machine hardly changes: cores for 1M/day come from it."""
    rows = []
    for name, (n_words, wall, cpu) in rates.items():
        cores = 2 if name.endswith("-2") else 1
        by_cpu = per_day(n_words / cpu)
        rows.append(
            {
                "run": name,
                "words_per_s": round(n_words / wall),
                "cores": cores,
                "articles_per_day_per_core_wall": per_day(n_words / wall / cores),
                "articles_per_day_per_core_cpu": by_cpu,
                "cores_for_1M_per_day": math.ceil(TARGET_PER_DAY / by_cpu),
            }
        )
    return rows


PARTS = ("ratio", "speedup", "memory", "table")


def part_ratio(sample: list[dict[str, Any]], args: argparse.Namespace) -> dict[str, Any]:
    """(a) parley's full analysis vs bare spaCy, in this process."""
    n_words = words(sample)
    print(f"(a) in process: {len(sample)} articles, {n_words:,} words", file=sys.stderr)
    a = in_process(sample, args.rounds, args.batch_size)
    ratio = round(a["bare_seconds"] / a["parley_seconds"], 3)
    by_cpu = round(a["bare_cpu_seconds"] / a["parley_cpu_seconds"], 3)
    met = verdict("parley vs bare spaCy", ratio, 0.8)
    print(
        f"(a) parley vs bare spaCy:        {ratio:.2f}x  (target >= 0.8: {met}); "
        f"by CPU time {by_cpu:.2f}x"
    )
    return {**a, "words": n_words, "ratio_parley_vs_bare": ratio, "ratio_by_cpu": by_cpu}


def part_speedup(
    sample: list[dict[str, Any]], args: argparse.Namespace, tmp: Path
) -> dict[str, Any]:
    """(b) and (c): ``parley batch`` end to end with 1 process, 2 processes, Dask 2 workers."""
    defaults = BatchOptions(out="")
    chunk = args.chunk_size or defaults.chunk_size  # parley batch's default unless told
    opts = BatchOptions(out="", progress=False, chunk_size=chunk, batch_size=args.batch_size)
    work = WorkOptions(batch_size=args.batch_size)
    source = write_jsonl(sample, tmp / "sample.jsonl")
    print(
        f"(b, c) batch runs: {len(sample)} articles, chunk {chunk}, part {opts.part_size} "
        f"articles or {opts.part_seconds:g} s",
        file=sys.stderr,
    )
    one = timed(lambda: LocalEngine(work, 1), source, tmp, "local-1", opts)
    two = timed(lambda: LocalEngine(work, 2), source, tmp, "local-2", opts)
    dask = timed(lambda: DaskEngine(work, 2), source, tmp, "dask-2", opts)
    result = {
        "articles": len(sample),
        "words": words(sample),
        "chunk_size": chunk,
        "part_size": opts.part_size,
        "part_seconds": opts.part_seconds,
        "ratio_2_vs_1_processes": round(one["seconds"] / two["seconds"], 3),
        "ratio_dask2_vs_1_process": round(one["seconds"] / dask["seconds"], 3),
        "cpu_estimate_2_vs_1": cpu_estimate(one, two),
        "cpu_estimate_dask2_vs_1": cpu_estimate(one, dask),
        "runs": {
            name: {k: v for k, v in run.items() if k != "trace"}
            for name, run in (("local-1", one), ("local-2", two), ("dask-2", dask))
        },
    }
    two_met = verdict("--processes 2 vs 1", result["ratio_2_vs_1_processes"], 1.6)
    dask_met = verdict("Dask 2 workers vs 1 process", result["ratio_dask2_vs_1_process"], 1.5)
    print(
        f"(b) --processes 2 vs 1:          {result['ratio_2_vs_1_processes']:.2f}x  "
        f"(target >= 1.6: {two_met}); "
        f"CPU-time estimate on free cores: {result['cpu_estimate_2_vs_1']:.2f}x"
    )
    print(
        f"(c) Dask 2 workers vs 1 process: {result['ratio_dask2_vs_1_process']:.2f}x  "
        f"(target >= 1.5: {dask_met}); "
        f"CPU-time estimate on free cores: {result['cpu_estimate_dask2_vs_1']:.2f}x"
    )
    return result


def part_memory(
    corpus: list[dict[str, Any]], args: argparse.Namespace, tmp: Path
) -> dict[str, Any]:
    """(d) a 2-process run over ``--articles`` (the corpus repeated): RSS peak and growth."""
    n = args.articles
    window = min(1000, n // 3)
    print(f"(d) memory: 2 processes, {n:,} articles", file=sys.stderr)
    work = WorkOptions(batch_size=args.batch_size)
    chunk = max(4, min(64, n // 40))  # enough chunks in each window to average over
    opts = BatchOptions(out="", progress=False, chunk_size=chunk, batch_size=args.batch_size)
    long = write_jsonl(repeat(corpus, n), tmp / "long.jsonl")
    mem = timed(lambda: LocalEngine(work, 2), long, tmp, "local-2-long", opts)
    result = {
        "peak_rss_mb_per_worker": {
            pid: mb for pid, mb in mem["peak_rss_mb"].items() if int(pid) != os.getpid()
        },
        "window": window,
        **growth(mem["trace"], window),
        "run": {k: v for k, v in mem.items() if k != "trace"},
    }
    peaks = ", ".join(f"{v} MB" for v in result["peak_rss_mb_per_worker"].values())
    peak = max(result["peak_rss_mb_per_worker"].values(), default=None)
    peak_met = verdict("peak RSS per worker (MB)", peak, 700, at_least=False)
    growth_met = verdict("worker RSS growth (%)", result.get("growth_pct"), 10, at_least=False)
    print(
        f"(d) {n:,} articles, 2 processes: peak RSS per worker {peaks} (target <= 700 MB: "
        f"{peak_met}); growth first {window:,} -> last {window:,}: {result.get('growth_pct')}% "
        f"({result.get('first_mb')} -> {result.get('last_mb')} MB; target <= 10%: {growth_met})"
    )
    print(f"    mean worker RSS (MB) by tenth of the run: {result.get('mb_by_tenth')}")
    return result


def part_table(
    report: dict[str, Any], sample: list[dict[str, Any]], args: argparse.Namespace
) -> list[dict[str, Any]]:
    """Articles/day per core for 600-word articles, from the rates measured in this run."""
    if "ratio" not in report and "speedup" not in report:
        report["ratio"] = part_ratio(sample, args)
    rates: dict[str, tuple[int, float, float]] = {}
    if "ratio" in report:
        a = report["ratio"]
        rates["bare spaCy nlp.pipe"] = (a["words"], a["bare_seconds"], a["bare_cpu_seconds"])
        rates["parley analyze_batch"] = (a["words"], a["parley_seconds"], a["parley_cpu_seconds"])
    if "speedup" in report:
        s = report["speedup"]
        for name in ("local-1", "local-2", "dask-2"):
            run = s["runs"][name]
            rates[f"batch {name}"] = (s["words"], run["seconds"], sum(run["cpu_seconds"].values()))
    rows = per_core_table(rates)
    print(
        f"\n{'run':<24}{'words/s':>9}{'cores':>6}{'art/day/core wall':>19}"
        f"{'art/day/core CPU':>18}{'cores 1M/day':>14}"
    )
    for row in rows:
        print(
            f"{row['run']:<24}{row['words_per_s']:>9,}{row['cores']:>6}"
            f"{row['articles_per_day_per_core_wall']:>19,}"
            f"{row['articles_per_day_per_core_cpu']:>18,}{row['cores_for_1M_per_day']:>14}"
        )
    return rows


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", type=Path, default=DATA)
    p.add_argument(
        "--only",
        default=",".join(PARTS),
        help=f"comma-separated parts to run, of {', '.join(PARTS)} (default all)",
    )
    p.add_argument("--sample", type=int, help="articles for ratio/speedup (default the corpus)")
    p.add_argument("--articles", type=int, default=10_000, help="articles for memory")
    p.add_argument("--rounds", type=int, default=2, help="rounds of the ratio part, best kept")
    p.add_argument("--batch-size", type=int, default=16, help="nlp.pipe batch everywhere")
    p.add_argument(
        "--chunk-size", type=int, help="articles per worker task in speedup (default parley's)"
    )
    p.add_argument(
        "--no-fail",
        action="store_true",
        help="exit 0 even when a target is missed (they are still printed as MISSED)",
    )
    p.add_argument("--json", metavar="FILE", help="write every number as JSON")
    p.add_argument("--exclude", metavar="FILE", help="JSON list of article files to leave out")
    args = p.parse_args()
    args.parts = [part.strip() for part in args.only.split(",") if part.strip()]
    unknown = set(args.parts) - set(PARTS)
    if unknown or not args.parts:
        p.error(f"--only takes {', '.join(PARTS)} (got {args.only!r})")
    if args.articles < 30:
        p.error("--articles must be at least 30")
    return args


def main() -> None:
    args = parse_args()
    exclude = set(json.loads(Path(args.exclude).read_text())) if args.exclude else set()
    corpus = load(args.data, exclude)
    sample = repeat(corpus, args.sample) if args.sample else corpus
    report: dict[str, Any] = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "load_average_before": os.getloadavg(),
        "batch_size": args.batch_size,
        "excluded": sorted(exclude),
    }
    print(f"load average (1, 5, 15 min) before: {report['load_average_before']}")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        if "ratio" in args.parts:
            report["ratio"] = part_ratio(sample, args)
        if "speedup" in args.parts:
            report["speedup"] = part_speedup(sample, args, tmp)
        if "memory" in args.parts:
            report["memory"] = part_memory(corpus, args, tmp)
    if "table" in args.parts:
        report["per_core"] = part_table(report, sample, args)
    report["load_average_after"] = os.getloadavg()
    print(
        f"load average after: {report['load_average_after']} "
        "(other work on the machine skews wall-clock ratios; see the CPU-time estimates)"
    )
    report["missed"] = list(MISSED)
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    raise SystemExit(exit_status(MISSED, args.no_fail))


if __name__ == "__main__":
    main()
