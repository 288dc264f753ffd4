"""Cost of one article against its length: seconds per 1,000 characters from 5 KB to 1 MB.

    python benchmarks/article_cost.py [--sizes 5000,50000,200000,1000000] [--data DIR]
                                      [--json FILE]

Builds synthetic articles of each size by joining the ukraine-news articles in index order
(blank line between them, cut back to a paragraph end), times ``parley.analyze`` on each
(model loaded and warmed up first; the best of a few calls for the small sizes, one call for
the large ones) and prints wall-clock and CPU seconds, both per 1,000 characters, and the
process's peak memory so far, then the ratio of the largest size's cost per character to the
smallest's. Cost linear in length gives a flat column and a ratio near 1 (target: at most
1.5). The verdict reads the CPU ratio, which other work on the machine does not inflate.

As a baseline, bare spaCy (``parley.nlp.pipe``, the same pieces and model) is timed on the
same text in the same process: its own CPU cost per character is not flat either (longer
pieces cost more per character), so the cost of parley's stages alone (parley minus bare
spaCy) is printed with its own ratio, and the verdict is given for both.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import sys
import time
from pathlib import Path
from typing import Any

from scoring import import_parley
from ukraine_news import read_corpus

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "data" / "ukraine-news"
DEFAULT_SIZES = (5_000, 50_000, 200_000, 1_000_000)
TARGET_RATIO = 1.5
SMALL = 100_000  # sizes below this are timed several times, the best call kept
SMALL_CALLS = 3


def fail(message: str) -> None:
    print(f"article_cost: {message}", file=sys.stderr)
    raise SystemExit(1)


def synthetic(texts: list[str], size: int) -> str:
    """About ``size`` characters of the articles joined in order, ending at a paragraph end
    when one falls in the last tenth."""
    parts: list[str] = []
    total = 0
    for t in texts:
        parts.append(t)
        total += len(t) + 2
        if total >= size:
            break
    if total < size:
        fail(f"the articles hold {total:,} characters, fewer than {size:,}")
    text = "\n\n".join(parts)[:size]
    cut = text.rfind("\n\n")
    return text[:cut] if cut >= size * 0.9 else text


def peak_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


def measure(parley: Any, text: str, published: str | None) -> list[tuple[float, float]]:
    """``(wall seconds, CPU seconds)`` of each call."""
    runs = []
    for _ in range(SMALL_CALLS if len(text) < SMALL else 1):
        t0, c0 = time.perf_counter(), time.process_time()
        parley.analyze(text, published=published)
        runs.append((time.perf_counter() - t0, time.process_time() - c0))
    return runs


def spacy_cpu(text: str, calls: int) -> float:
    """CPU seconds of bare spaCy on ``text`` (the best of ``calls``), as parley parses it."""
    from parley.nlp import load_pipeline, pipe

    nlp, best = load_pipeline(), float("inf")
    for _ in range(calls):
        c0 = time.process_time()
        for _doc in pipe(nlp, [(text, None)], 16):
            pass
        best = min(best, time.process_time() - c0)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="ukraine-news folder")
    ap.add_argument(
        "--sizes",
        default=",".join(str(s) for s in DEFAULT_SIZES),
        help="article sizes in characters, comma separated",
    )
    ap.add_argument("--json", type=Path, metavar="FILE", help="also write the numbers here")
    args = ap.parse_args(argv)
    try:
        sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    except ValueError:
        fail(f"--sizes takes whole numbers separated by commas, not {args.sizes!r}")
    if not sizes or sizes[0] <= 0:
        fail("--sizes needs at least one size above 0")

    corpus = list(read_corpus(args.data, fail))
    texts = [t.strip() for _, t in corpus if t.strip()]
    published = next((e.get("published") for e, t in corpus if t.strip()), None)
    parley = import_parley()
    parley.analyze(texts[0], published=published)  # load the model and resources

    rows = []
    print(
        f"{'characters':>11} {'seconds':>9} {'s/1,000 chars':>14} "
        f"{'CPU s':>9} {'CPU s/1,000':>12} {'spaCy CPU/1,000':>16} {'stages CPU/1,000':>17} "
        f"{'peak MB':>8}"
    )
    for size in sizes:
        text = synthetic(texts, size)
        runs = measure(parley, text, published)
        wall, cpu = min(r[0] for r in runs), min(r[1] for r in runs)
        bare = spacy_cpu(text, len(runs))
        kilo = len(text) / 1000
        rows.append(
            {
                "size": size,
                "characters": len(text),
                "seconds": round(wall, 3),
                "seconds_per_1000_chars": round(wall / kilo, 5),
                "cpu_seconds": round(cpu, 3),
                "cpu_seconds_per_1000_chars": round(cpu / kilo, 5),
                "spacy_cpu_seconds_per_1000_chars": round(bare / kilo, 5),
                "stages_cpu_seconds_per_1000_chars": round((cpu - bare) / kilo, 5),
                "runs": [[round(w, 3), round(c, 3)] for w, c in runs],
                "peak_mb": round(peak_mb(), 1),
            }
        )
        print(
            f"{len(text):>11,} {wall:>9.2f} {wall / kilo:>14.4f} "
            f"{cpu:>9.2f} {cpu / kilo:>12.4f} {bare / kilo:>16.4f} {(cpu - bare) / kilo:>17.4f} "
            f"{peak_mb():>8.0f}",
            flush=True,
        )
    first, last = rows[0], rows[-1]
    ratio = last["seconds_per_1000_chars"] / first["seconds_per_1000_chars"]
    cpu_ratio = last["cpu_seconds_per_1000_chars"] / first["cpu_seconds_per_1000_chars"]
    key = "stages_cpu_seconds_per_1000_chars"
    stages_ratio = last[key] / first[key] if first[key] > 0 else float("inf")
    spacy_ratio = (
        last["spacy_cpu_seconds_per_1000_chars"] / first["spacy_cpu_seconds_per_1000_chars"]
    )

    def verdict(r: float) -> str:
        return "flat" if r <= TARGET_RATIO else "grows with length"

    print(
        f"ratio largest/smallest: {ratio:.2f} wall, {cpu_ratio:.2f} CPU "
        f"(target <= {TARGET_RATIO}: {verdict(cpu_ratio)}); bare spaCy alone {spacy_ratio:.2f}; "
        f"parley's stages alone {stages_ratio:.2f} ({verdict(stages_ratio)})"
    )
    if args.json:
        out = {
            "benchmark": "article_cost",
            "rows": rows,
            "ratio": round(ratio, 3),
            "cpu_ratio": round(cpu_ratio, 3),
            "spacy_cpu_ratio": round(spacy_ratio, 3),
            "stages_cpu_ratio": round(stages_ratio, 3),
            "target_ratio": TARGET_RATIO,
            "parley": getattr(parley, "__version__", None),
            "python": platform.python_version(),
            "machine": platform.machine(),
        }
        args.json.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
