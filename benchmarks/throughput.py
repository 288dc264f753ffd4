"""Throughput of parley next to bare spaCy on the ukraine-news articles.

    python benchmarks/throughput.py [--limit N] [--data DIR] [--json FILE]

In one process: load the pipeline through ``parley.nlp.load_pipeline()``, warm up, then time
bare ``nlp.pipe`` and ``parley.analyze_batch`` over the same texts, alternating
(bare, parley, bare, parley) and keeping the better run of each. Finally time
``parley.analyze`` on one typical (~600-word) article, median of 5 calls.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ukraine_news import read_corpus

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "data" / "ukraine-news"
BATCH_SIZE = 64
ROUNDS = 2
SINGLE_CALLS = 5
TYPICAL_WORDS = 600


def fail(message: str) -> None:
    print(f"throughput: {message}", file=sys.stderr)
    raise SystemExit(1)


def import_parley() -> Any:
    """Import parley, falling back to this checkout's ``src/`` if it is not installed."""
    try:
        import parley
    except ImportError:
        sys.path.insert(0, str(REPO_ROOT / "src"))
        try:
            import parley
        except ImportError as exc:
            fail(f"cannot import parley ({exc}); install it with `pip install -e .`")
    try:
        import parley.model
        import parley.nlp
    except ImportError as exc:
        fail(f"cannot import part of parley ({exc})")
    for name in ("analyze", "analyze_batch"):
        if not callable(getattr(parley, name, None)):
            fail(f"parley.{name} is missing: this benchmark needs parley's public API")
    return parley


def load_articles(data: Path, limit: int | None) -> list[tuple[str, str | None]]:
    """``(text, published)`` of each non-empty article, in ``index.jsonl`` order."""
    articles = []
    for entry, text in read_corpus(data, fail):
        if text.strip():
            articles.append((text, entry.get("published")))
        if limit is not None and len(articles) >= limit:
            break
    if not articles:
        fail(f"no non-empty articles in {data}")
    return articles


def timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, help="use only the first N non-empty articles")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="ukraine-news folder")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the numbers here")
    args = parser.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        fail("--limit must be at least 1")

    rows = load_articles(args.data, args.limit)
    parley = import_parley()
    from parley.model import Article
    from parley.nlp import load_pipeline

    texts = [text for text, _ in rows]
    articles = [Article(text=text, published=published) for text, published in rows]
    words = sum(len(text.split()) for text in texts)

    # bare spaCy: the same installed pipeline, loaded plainly, without parley's component
    import spacy

    model_name = load_pipeline().meta.get("lang", "") + "_" + load_pipeline().meta["name"]
    nlp = spacy.load(model_name)
    model = f"{model_name} {nlp.meta.get('version', '')}"
    list(nlp.pipe(texts[:8], batch_size=BATCH_SIZE))  # warm-up
    list(parley.analyze_batch(articles[:8]))  # warm-up (knowledge base, lazy loads)

    runs: dict[str, list[float]] = {"bare": [], "parley": []}
    for _ in range(ROUNDS):
        runs["bare"].append(timed(lambda: list(nlp.pipe(texts, batch_size=BATCH_SIZE))))
        runs["parley"].append(timed(lambda: list(parley.analyze_batch(articles))))
    best = {name: min(times) for name, times in runs.items()}

    typical, published = min(rows, key=lambda r: abs(len(r[0].split()) - TYPICAL_WORDS))
    single = [
        timed(lambda: parley.analyze(typical, published=published)) for _ in range(SINGLE_CALLS)
    ]

    results = {
        "articles": len(texts),
        "words": words,
        "batch_size": BATCH_SIZE,
        "bare": {"seconds": best["bare"], "words_per_second": words / best["bare"]},
        "parley": {"seconds": best["parley"], "words_per_second": words / best["parley"]},
        "throughput_ratio": best["bare"] / best["parley"],
        "runs": runs,
        "single_article": {
            "words": len(typical.split()),
            "median_seconds": statistics.median(single),
            "runs": single,
        },
        "model": model,
        "parley_version": getattr(parley, "__version__", None),
        "python": platform.python_version(),
        "data": str(args.data),
    }

    print(f"{len(texts)} articles, {words:,} words from {args.data}")
    print(f"model {model}, parley {results['parley_version']}, best of {ROUNDS} runs each\n")
    print(f"{'':<12}{'words':>12}{'seconds':>10}{'words/s':>12}")
    for name, label in (("bare", "bare spaCy"), ("parley", "parley")):
        r = results[name]
        print(f"{label:<12}{words:>12,}{r['seconds']:>10.2f}{r['words_per_second']:>12,.0f}")
    print(f"{'parley/bare throughput':<34}{results['throughput_ratio']:>12.2f}x")
    one = results["single_article"]
    print(
        f"\none article ({one['words']} words): {one['median_seconds'] * 1000:.0f} ms "
        f"(median of {SINGLE_CALLS} parley.analyze calls)"
    )

    results["cli_wall_seconds"] = cli_wall(typical)
    print(f"parley analyze FILE, whole command: {results['cli_wall_seconds']:.2f} s wall")

    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        print(f"numbers written to {args.json}")
    return 0


def cli_wall(text: str) -> float:
    """Wall time of one `parley analyze FILE --json` command, interpreter start included."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "article.txt"
        path.write_text(text, encoding="utf-8")
        cmd = [sys.executable, "-m", "parley.cli", "analyze", str(path), "--json", "-o", os.devnull]
        return timed(lambda: subprocess.run(cmd, check=True, capture_output=True))


if __name__ == "__main__":
    sys.exit(main())
