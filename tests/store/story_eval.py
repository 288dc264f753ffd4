"""Pairwise precision and recall of story grouping against the hand annotation in
``fixtures/ukraine_stories.json`` (articles of ../shared/data/ukraine-news).

A pair of distinct sample texts is positive when the annotation puts them in one story; the
system's pair is positive when ``compute_stories`` does. Identical files count once (they are
one article in the store).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import sqlite3
from pathlib import Path

from parley.store.stories import compute_stories

GOLD = Path(__file__).resolve().parent / "fixtures" / "ukraine_stories.json"


def article_id(path: Path) -> str:
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


def gold_labels(data: Path) -> dict[str, int]:
    """Story label of every sample article id (singletons get labels of their own)."""
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    lo, hi = gold["window"]
    labels: dict[str, int] = {}
    for i, story in enumerate(gold["stories"]):
        for name in story["files"]:
            labels[article_id(data / "articles" / name)] = i
    for line in (data / "index.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        if lo <= entry["published"][:10] <= hi:
            labels.setdefault(article_id(data / "articles" / entry["file"]), 1000 + len(labels))
    return labels


def evaluate(conn: sqlite3.Connection, data: Path, **params: float) -> dict[str, float]:
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
