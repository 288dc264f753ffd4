"""Story grouping scored pairwise against a hand annotation of ukraine-news articles.

    python benchmarks/eval_stories.py [--data DIR] [--json FILE]

Every article of ``../shared/data/ukraine-news`` (402 articles: the background the term and
actor weights are learnt from) is analysed and stored in a temporary SQLite store, then the
pairs of the annotated sample are scored: the articles published in the annotation's
``window`` (``tests/store/fixtures/ukraine_stories.json``; GDELT dates 2022-02-10 to
2022-02-19, the run-up to the invasion: one crisis, many happenings).

A pair of distinct sample texts is positive in the gold when the annotation puts them in one
story (an article it does not list is a story of its own); the system's pair is positive
when ``parley.store.stories.compute_stories`` does. Identical files count once (they are one
article in the store). Reported: pairwise precision and recall, gold and predicted pairs.
The grouping parameters (window, threshold, actor weight) were chosen on this same sample:
there is no held-out set, so the numbers are optimistic for other text.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from scoring import REPO_ROOT, SHARED_DATA
from ukraine_news import read_corpus

DEFAULT_DATA = SHARED_DATA / "ukraine-news"
GOLD = REPO_ROOT / "tests" / "store" / "fixtures" / "ukraine_stories.json"


def fail(message: str) -> None:
    print(f"eval_stories: {message}", file=sys.stderr)
    raise SystemExit(1)


def article_id(path: Path) -> str:
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


def gold_labels(data: Path, gold: Path = GOLD) -> dict[str, int]:
    """Story label of every sample article id (singletons get labels of their own)."""
    annotation = json.loads(gold.read_text(encoding="utf-8"))
    lo, hi = annotation["window"]
    labels: dict[str, int] = {}
    for i, story in enumerate(annotation["stories"]):
        for name in story["files"]:
            labels[article_id(data / "articles" / name)] = i
    for line in (data / "index.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        if lo <= entry["published"][:10] <= hi:
            labels.setdefault(article_id(data / "articles" / entry["file"]), 1000 + len(labels))
    return labels


def score(conn: sqlite3.Connection, data: Path, **params: float) -> dict[str, Any]:
    """Pairwise scores of the stories of a store holding the corpus (``params`` go to
    ``compute_stories``, for trying other settings)."""
    from parley.store.stories import compute_stories

    labels = gold_labels(data)
    ids = dict(conn.execute("SELECT pk, id FROM articles").fetchall())
    predicted: dict[str, int] = {}
    for n, story in enumerate(compute_stories(conn, **params)):
        for pk, _ in story.members:
            predicted[ids[pk]] = n
    tp = fp = fn = 0
    for a, b in itertools.combinations(sorted(labels), 2):
        same_gold = labels[a] == labels[b]
        same = a in predicted and predicted.get(a) == predicted.get(b)
        tp += same_gold and same
        fp += same and not same_gold
        fn += same_gold and not same
    return {
        "articles": len(labels),
        "gold_pairs": tp + fn,
        "predicted_pairs": tp + fp,
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
    }


def store_corpus(data: Path, path: Path) -> sqlite3.Connection:
    """A new store at ``path`` holding the analyses of every article of ``data``."""
    import parley
    from parley.model import Article
    from parley.store import connect, store_analyses

    articles = [
        Article(text, published=entry["published"], input=entry["file"])
        for entry, text in read_corpus(data, fail)
    ]
    conn = connect(path, create=True)
    store_analyses(conn, parley.analyze_batch(articles, on_error=lambda a, e: None))
    return conn


def evaluate(data: Path | None = None) -> dict[str, Any]:
    """Analyse and store the corpus in a temporary folder, then score its stories."""
    data = data or DEFAULT_DATA
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="parley-stories-") as tmp:
        conn = store_corpus(data, Path(tmp) / "stories.db")
        try:
            result = score(conn, data)
        finally:
            conn.close()
    result["seconds"] = round(time.perf_counter() - started, 1)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="ukraine-news folder")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the numbers here")
    args = parser.parse_args(argv)
    result = evaluate(args.data)
    print(
        f"{result['articles']} sample articles, {result['gold_pairs']} gold pairs, "
        f"{result['predicted_pairs']} predicted pairs: precision {result['precision']:.3f}, "
        f"recall {result['recall']:.3f} ({result['seconds']} s)"
    )
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
