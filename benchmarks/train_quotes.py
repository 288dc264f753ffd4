"""Retrain the quote scorer (``src/parley/kb/models/quotes.json``) on PolNeAR train.

    python benchmarks/train_quotes.py [--data DIR] [--cache DIR] [--c 0.3] [--dev]

Every article of ``../shared/data/polnear/train`` goes through parley's pipeline and entity
stage; every quote candidate parley proposes (``parley.extract.quotes.candidates``) becomes
one example, labelled positive when its content overlaps a gold attribution's content by at
least 0.3 of their union (and its cue, when both have one, overlaps the gold cue). A logistic
regression (scikit-learn, L2) is fitted on the first 85 % of the articles; the decision
threshold is chosen on the remaining 15 % with the same selection and matching as the
scorer; then the model is refitted on all of train and written as a JSON table of weights.
``--dev`` also prints the dev score (``eval_quotes.evaluate``). CI never runs this script.

Needs scikit-learn (training only: parley reads the weights with plain Python).
"""

from __future__ import annotations

import argparse
import datetime
import json
import pickle
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import eval_quotes as ev  # noqa: E402

MODEL = HERE.parent / "src" / "parley" / "kb" / "models" / "quotes.json"
HELD_OUT = 0.15
MIN_COUNT = 2  # features seen fewer times in train are dropped


def parse(articles: list[ev.GoldArticle], cache: Path | None):
    """(doc, entities) per article, through parley's own pipeline; cached when asked."""
    from spacy.tokens import DocBin

    from parley.extract.entities import extract_entities
    from parley.nlp import load_pipeline, pipe
    from parley.pipeline import anchor_date

    nlp = load_pipeline()
    if cache is not None and (cache / "train.spacy").exists():
        docs = list(DocBin().from_disk(cache / "train.spacy").get_docs(nlp.vocab))
        entities = pickle.loads((cache / "train.entities.pkl").read_bytes())
        if len(docs) == len(articles):
            return list(zip(docs, entities, strict=True))
    out = []
    for doc, article in pipe(nlp, ((a.text, a) for a in articles), 64):
        out.append((doc, extract_entities(doc, anchor_date(article.published))))
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        bin_ = DocBin()
        for doc, _ in out:
            bin_.add(doc)
        bin_.to_disk(cache / "train.spacy")
        (cache / "train.entities.pkl").write_bytes(pickle.dumps([e for _, e in out]))
    return out


def _chars(span: tuple[int, int]) -> frozenset[int]:
    return frozenset(range(*span))


def label(cand, gold: list[ev.Gold]) -> int:
    """1 when ``cand`` overlaps a gold content by at least 0.3 of their union and shares its
    cue (or either side has no cue)."""
    content = _chars(cand.content)
    cue = _chars((cand.cue.idx, cand.cue.idx + len(cand.cue))) if cand.cue is not None else None
    for g in gold:
        inter = len(content & g.content)
        if not inter or inter / len(content | g.content) < ev.MIN_OVERLAP:
            continue
        if cue is None or not g.cue or cue & g.cue:
            return 1
    return 0


def examples(articles, parsed):
    """Per article: the candidate list (with features) and their labels."""
    from parley.extract.quotes import candidates

    out = []
    for article, (doc, entities) in zip(articles, parsed, strict=True):
        scored = candidates(doc, entities)
        labels = [label(c, article.attributions) for c, _, _ in scored]
        out.append((scored, labels, entities, doc))
    return out


def fit(rows, c: float):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = {}
    for scored, _, _, _ in rows:
        for cand, _, _ in scored:
            for f in cand.features:
                counts[f] = counts.get(f, 0) + 1
    keep = {f for f, n in counts.items() if n >= MIN_COUNT}
    x, y = [], []
    for scored, labels, _, _ in rows:
        for (cand, _, _), lab in zip(scored, labels, strict=True):
            x.append({f: 1 for f in cand.features if f in keep and f != "bias"})
            y.append(lab)
    vec = DictVectorizer()
    matrix = vec.fit_transform(x).tocsr()
    matrix.indices = matrix.indices.astype("int32")  # liblinear takes 32-bit indices only
    matrix.indptr = matrix.indptr.astype("int32")
    model = LogisticRegression(C=c, max_iter=2000, solver="liblinear")
    model.fit(matrix, y)
    weights = {
        f: float(w) for f, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)
    }
    weights["bias"] = float(model.intercept_[0])
    return {f: round(w, 4) for f, w in weights.items() if abs(w) >= 1e-4}


def select_score(rows, articles, weights: dict[str, float], threshold: float) -> dict:
    """The scorer's numbers for ``rows`` when candidates are scored with ``weights``."""
    from parley.extract.quotes import build_quotes
    from parley.extract.quotes.scoring import probability

    preds = []
    for scored, _, entities, doc in rows:
        for cand, _, _ in scored:
            cand.score = probability(cand.features, weights)
        preds.append((build_quotes(doc, scored, threshold), entities))
    return ev.score(articles, preds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ev.DATA)
    parser.add_argument("--cache", type=Path, help="keep the parsed train split here")
    parser.add_argument("--c", type=float, default=0.3, help="inverse L2 strength")
    parser.add_argument("--out", type=Path, default=MODEL)
    parser.add_argument("--dev", action="store_true", help="print the dev score at the end")
    args = parser.parse_args(argv)
    try:
        import sklearn
    except ImportError:
        print("train_quotes: needs scikit-learn (pip install scikit-learn)", file=sys.stderr)
        return 1
    try:
        articles = ev.load_split("train", data=args.data)
    except ev.DataMissing as exc:
        print(f"train_quotes: {exc}", file=sys.stderr)
        return 1
    parsed = parse(articles, args.cache)
    rows = examples(articles, parsed)
    cut = int(len(rows) * (1 - HELD_OUT))
    weights = fit(rows[:cut], args.c)
    best = (0.0, 0.5)
    for step in range(20, 75, 5):
        threshold = step / 100
        f1 = select_score(rows[cut:], articles[cut:], weights, threshold)["content"]["f1"]
        print(f"held-out threshold {threshold:.2f}: content F1 {f1:.3f}")
        best = max(best, (f1, threshold))
    threshold = best[1]
    weights = fit(rows, args.c)
    model = {
        "about": "Logistic weights of parley's quote scorer; features in parley.extract.quotes."
        "scoring.features. Retrain with benchmarks/train_quotes.py.",
        "version": 1,
        "trained_on": "PolNeAR train (networkdynamics/PolNeAR c3eee83), first annotator",
        "date": datetime.date.today().isoformat(),
        "sklearn": sklearn.__version__,
        "c": args.c,
        "threshold": threshold,
        "weights": dict(sorted(weights.items())),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(
        f"{len(weights)} weights, threshold {threshold} (held-out F1 {best[0]:.3f}) -> {args.out}"
    )
    if args.dev:
        from parley.resources import forget_resources

        forget_resources()  # read the weights just written
        result = ev.evaluate("dev", data=args.data)
        print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
