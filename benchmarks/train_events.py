"""Train the event decision (``src/parley/kb/models/events.json``) and cross-validate it.

    python benchmarks/train_events.py                 # retrain on all the data, write the model
    python benchmarks/train_events.py --cv [--json F] # cross-validate only; writes no model

The lexicon proposes candidates (``parley.extract.events.coder.event_candidates``: every
draft of the patterns and rules, with its features); the model decides, per trigger word,
whether it is a reported event and of which of its candidate types
(``parley.extract.events.decide``). Training data:

* **news-gold** (``../shared/data/news-gold/dev.jsonl``, 32 whole articles of
  ``ukraine-news``, analysed with their publication dates). The shared scorer
  ``score_news.py`` matches a prediction to a gold event of its sentence whose type or one
  of whose ``alt`` types it has, and the decision keeps one event per type and sentence: a
  candidate whose sentence holds a required gold event of its type is positive; one whose
  sentence holds only an optional one, or that lies in an ignore region, is left out (the
  scorer neither rewards nor punishes it there); every other is negative.
* **extra articles** (``benchmarks/data/news_extra.jsonl``, 12 further ``ukraine-news``
  articles annotated for events and quotes, and ``benchmarks/data/news_events.jsonl``,
  further articles annotated for events only; both with the news-gold scheme, offsets and
  hashes only; see ``benchmarks/data/README.md``), labelled as news-gold; used when the
  files exist, left out with ``--no-extra``.
* **PLOVER GSR dev** (``../shared/data/plover-gsr/dev.json``, 161 one-sentence records,
  no publication date): a candidate of the record's type (old labels mapped) is positive,
  every other negative.

The model is a logistic regression (scikit-learn, liblinear, L2; features seen fewer than
``MIN_COUNT`` times are dropped). The probability a candidate needs is chosen inside the
training data by an inner cross-validation (the threshold that maximises the F1 of the
labelled candidates, decided per mention as at run time; precision first: the highest
threshold whose F1 is within ``SLACK`` of the best).

``--cv`` measures, and writes nothing: the lexicon rules alone (every candidate kept, the
coder without a model), the model fitted on everything and scored on what it was fitted on
(in-sample), and **5-fold cross-validation**: by article on news-gold dev (each fold fitted
on the other dev articles, all the extra articles and all PLOVER records: comparable with
the numbers of a model trained without the extra articles), by article over dev and the
extra articles together (folds of both; each fitted on the other articles and all PLOVER
records), and by record on PLOVER (each fold fitted on the other records and all the
articles). Each fold's held-out predictions are whole
``parley.analysis/1`` records, scored together with the shared scorers (``score_news.py``,
``score_events.py``). Without ``--cv`` the model is refitted on all the data and written
with the command, the date, the data digests and these numbers.

Needs scikit-learn (training and cross-validation only: parley reads the weights with plain
Python). Retrain whenever the candidates or the features change: the weights are tied to
the feature names.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import io
import json
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from scoring import SHARED_DATA, data_digest, import_parley, load_tool  # noqa: E402

NEWS_GOLD = SHARED_DATA / "news-gold" / "dev.jsonl"
ARTICLES = SHARED_DATA / "ukraine-news" / "articles"
PLOVER = SHARED_DATA / "plover-gsr" / "dev.json"
MODEL = HERE.parent / "src" / "parley" / "kb" / "models" / "events.json"
EXTRA = HERE / "data" / "news_extra.jsonl"
EVENTS_EXTRA = HERE / "data" / "news_events.jsonl"  # events only, no quotes
DATA = ["../shared/data/news-gold/dev.jsonl", "../shared/data/plover-gsr/dev.json"]
FOLDS = 5
C = 0.3
MIN_COUNT = 2
THRESHOLDS = [t / 100 for t in range(20, 75, 5)]
SLACK = 0.01  # precision first: F1 within this of the best, the highest threshold
LABELS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT", "INVESTIGATE": "ACCUSE"}


@dataclass
class Item:
    """One document (an article or a PLOVER record) with its candidates and their labels
    (1, 0, or None: left out of training)."""

    key: str
    corpus: str  # "news" or "plover"
    record: dict[str, Any]  # the parley.analysis/1 fields but events
    candidates: list[Any]
    labels: list[int | None] = field(default_factory=list)
    n_gold: int = 0  # required gold events (news) or 1 (a PLOVER record)


# --- candidates ----------------------------------------------------------------------------


def collect(articles, res) -> list[tuple[Any, dict[str, Any], list[Any]]]:
    """(article, analysis record without events, candidates) per article, through the
    stages before the event stage and the coder's candidates."""
    from parley.extract.events.coder import event_candidates
    from parley.model import Analysis
    from parley.nlp import forget, pipe
    from parley.pipeline import State, anchor_date, prepare, run_stages, select_stages

    stages = select_stages(["sentences", "times", "quotes"])
    ready = [prepare(a) for a in articles]
    out = []
    for doc, article in pipe(res.nlp, ((a.text, a) for a in ready), 64):
        doc.user_data["parley.text"] = article.text
        state = State(doc=doc, article=article, res=res, day=anchor_date(article.published))
        run_stages(state, stages)
        cands = event_candidates(
            doc, state.entities, state.quotes, state.times, state.day, res=state.res
        )
        forget(doc)
        record = Analysis(
            article=article,
            sentences=state.sentences,
            entities=tuple(state.entities),
            quotes=tuple(state.quotes),
            meta={"input": article.input},
        ).to_dict()
        out.append((article, record, cands))
    return out


def news_items(res, gold_path: Path = NEWS_GOLD, articles: Path = ARTICLES) -> list[Item]:
    from eval_news import gold_rows, read_article
    from parley.model import Article

    rows = gold_rows(gold_path)
    batch = [
        Article(
            text=read_article(articles, row["file"]),
            published=(row.get("published") or "")[:10] or None,
            input=row["file"],
        )
        for row in rows
    ]
    items = []
    for row, (_, record, cands) in zip(rows, collect(batch, res), strict=True):
        item = Item(row["file"], "news", record, cands)
        item.labels = label_news(cands, row)
        item.n_gold = sum(not e.get("optional") for e in row["events"])
        items.append(item)
    return items


def plover_items(res, path: Path = PLOVER) -> list[Item]:
    from parley.model import Article

    records = load_tool("plover_to_txt").load_records(str(path))
    batch = [Article(text=r["text"], input=f"{key}.txt") for key, r in records]
    items = []
    for (key, r), (_, record, cands) in zip(records, collect(batch, res), strict=True):
        gold = LABELS.get(r["event"], r["event"])
        item = Item(key, "plover", record, cands, n_gold=1)
        item.labels = [int(c.event.type == gold) for c in cands]
        item.record["_gold"] = gold
        items.append(item)
    return items


def label_news(cands: list[Any], row: dict[str, Any]) -> list[int | None]:
    """Per candidate: 1 when its sentence holds a required gold event of its type (or an
    ``alt`` type), None when it holds only an optional one (or the candidate lies in an
    ignore region: the scorer neither rewards nor punishes it there), else 0. The scorer
    matches by sentence and type, and the decision keeps one event per type and sentence:
    every candidate that could be that event is a positive example."""
    events = row["events"]
    ignore = row.get("ignore") or []
    labels: list[int | None] = []
    for c in cands:
        start = c.event.trigger.start
        if any(g["start"] <= start < g["end"] for g in ignore):
            labels.append(None)
            continue
        found: int | None = 0
        for e in events:
            if not e["sent_start"] <= start < e["sent_end"]:
                continue
            types = {e["type"], *(a["type"] for a in e.get("alt", []))}
            if c.event.type in types:
                if not e.get("optional"):
                    found = 1
                    break
                found = None
        labels.append(found)
    return labels


# --- fitting -------------------------------------------------------------------------------


def fit(items: list[Item], c: float = C) -> dict[str, float]:
    """Logistic weights over the labelled candidates of ``items``."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = {}
    for item in items:
        for cand, lab in zip(item.candidates, item.labels, strict=True):
            if lab is not None:
                for f in cand.features:
                    counts[f] = counts.get(f, 0) + 1
    keep = {f for f, n in counts.items() if n >= MIN_COUNT and f != "bias"}
    x, y = [], []
    for item in items:
        for cand, lab in zip(item.candidates, item.labels, strict=True):
            if lab is not None:
                x.append({f: 1 for f in cand.features if f in keep})
                y.append(lab)
    vec = DictVectorizer()
    matrix = vec.fit_transform(x).tocsr()
    matrix.indices = matrix.indices.astype("int32")  # liblinear takes 32-bit indices only
    matrix.indptr = matrix.indptr.astype("int32")
    model = LogisticRegression(C=c, max_iter=2000, solver="liblinear", random_state=0)
    model.fit(matrix, y)
    weights = {
        f: float(w) for f, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)
    }
    weights["bias"] = float(model.intercept_[0])
    return {f: round(w, 4) for f, w in weights.items() if abs(w) >= 1e-4}


def folds(items: list[Item], k: int = FOLDS) -> list[list[Item]]:
    """``k`` folds of the items in their order (item ``i`` in fold ``i % k``)."""
    return [items[i::k] for i in range(k)]


def proxy_counts(items: list[Item], weights: dict[str, float], threshold: float):
    """(true, false, gold) of the labelled candidates decided as at run time."""
    from parley.extract.events.decide import decide
    from parley.kb.models import EventModel

    model = EventModel(weights, threshold)
    tp = fp = gold = 0
    for item in items:
        label = {
            (c.event.trigger.start, c.event.type): lab
            for c, lab in zip(item.candidates, item.labels, strict=True)
        }
        for event, _ in decide(item.candidates, model):
            lab = label.get((event.trigger.start, event.type))
            tp += lab == 1
            fp += lab == 0
        gold += item.n_gold
    return tp, fp, gold


def choose_threshold(items: list[Item], c: float = C, k: int = 4) -> float:
    """The threshold with the best F1 of the labelled candidates over an inner ``k``-fold
    cross-validation of ``items`` (by document), or a higher one whose F1 is within
    ``SLACK`` of it: F1 is flat over a wide range of thresholds, and precision is what the
    lexicon rules lack."""
    parts = folds(items, k)
    fitted = [
        (part, fit([x for j, p in enumerate(parts) if j != i for x in p], c))
        for i, part in enumerate(parts)
    ]
    scores = {}
    for threshold in THRESHOLDS:
        tp = fp = gold = 0
        for part, weights in fitted:
            a, b, g = proxy_counts(part, weights, threshold)
            tp, fp, gold = tp + a, fp + b, gold + g
        scores[threshold] = 2 * tp / (2 * tp + fp + (gold - tp)) if tp else 0.0
    # precision first: the highest threshold whose F1 is within SLACK of the best
    best = max(scores.values())
    return max(t for t, f1 in scores.items() if f1 >= best - SLACK)


def train(items: list[Item], c: float = C) -> tuple[dict[str, float], float]:
    """Weights fitted on all ``items`` and the threshold chosen inside them."""
    return fit(items, c), choose_threshold(items, c)


# --- predicting and scoring ------------------------------------------------------------------


def predict(item: Item, weights: dict[str, float] | None, threshold: float) -> dict[str, Any]:
    """The item's ``parley.analysis/1`` record with the events the model decides (all the
    candidates when ``weights`` is None)."""
    from parley.extract.events.coder import number
    from parley.extract.events.decide import decide
    from parley.kb.models import EventModel

    model = EventModel(weights, threshold) if weights is not None else None
    events = [e for e, _ in number(decide(item.candidates, model))]
    record = {k: v for k, v in item.record.items() if not k.startswith("_")}
    record["events"] = [e.to_dict() for e in events]
    return record


def _write(records: list[dict[str, Any]], path: Path) -> Path:
    with open(path, "w", encoding="utf-8") as handle:
        for r in records:
            handle.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path


def score_news(records: list[dict[str, Any]], gold: Path = NEWS_GOLD) -> dict[str, Any]:
    """``score_news.py``'s event numbers for these records."""
    tool = load_tool("score_news")
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(records, Path(tmp) / "news.jsonl")
        with contextlib.redirect_stdout(io.StringIO()):
            res = tool.run(str(gold), str(path))
    ev = res["events"]
    return {k: ev[k] for k in ("P", "R", "F1", "tp", "fp", "pred", "gold", "actor_acc",
                               "status_acc", "absorbed_by_optional")}  # fmt: skip


def score_plover(records: list[dict[str, Any]], gold: Path = PLOVER) -> dict[str, Any]:
    """``score_events.py``'s numbers for these records."""
    tool = load_tool("score_events")
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(records, Path(tmp) / "plover.jsonl")
        out = Path(tmp) / "score.json"
        with contextlib.redirect_stdout(io.StringIO()):
            tool.main(["--gold", str(gold), "--pred", str(path), "--json", str(out)])
        res = json.loads(out.read_text(encoding="utf-8"))
    return {k: res[k] for k in ("macro_f1", "micro_f1", "type_acc", "event_p", "actor_acc",
                                "events")}  # fmt: skip


def cross_validate(
    held: list[Item], always: list[Item], c: float = C, k: int = FOLDS
) -> list[dict[str, Any]]:
    """Every item of ``held`` predicted by a model fitted on the other folds of ``held``
    and all of ``always``."""
    out: dict[str, dict[str, Any]] = {}
    for part in folds(held, k):
        inside = {id(x) for x in part}
        weights, threshold = train([x for x in held if id(x) not in inside] + always, c)
        for item in part:
            out[item.key] = predict(item, weights, threshold)
    return [out[item.key] for item in held]


def measure(
    news: list[Item],
    plover: list[Item],
    extra: list[Item] | None = None,
    c: float = C,
    k: int = FOLDS,
) -> dict:
    """Rules alone, in-sample and cross-validated numbers on both data sets. ``news`` is
    news-gold dev, ``extra`` the further annotated articles (always in training for the
    dev-only cross-validation, ``news``; folded with dev for ``news_all``)."""
    started = time.perf_counter()
    extra = extra or []
    weights, threshold = train(news + extra + plover, c)
    result = {
        "news": {
            "rules": score_news([predict(x, None, 0.0) for x in news]),
            "in_sample": score_news([predict(x, weights, threshold) for x in news]),
            "cv": score_news(cross_validate(news, extra + plover, c, k)),
        },
        "plover": {
            "rules": score_plover([predict(x, None, 0.0) for x in plover]),
            "in_sample": score_plover([predict(x, weights, threshold) for x in plover]),
            "cv": score_plover(cross_validate(plover, news + extra, c, k)),
        },
        "extra_articles": len(extra),
        "threshold": threshold,
        "c": c,
        "folds": k,
    }
    if extra:
        with tempfile.TemporaryDirectory() as tmp:
            both = Path(tmp) / "gold.jsonl"
            more = Path(tmp) / "extra.jsonl"
            lines = "".join(f.read_text(encoding="utf-8") for f in extra_files())
            more.write_text(lines, encoding="utf-8")
            both.write_text(NEWS_GOLD.read_text(encoding="utf-8") + lines, encoding="utf-8")
            articles = news + extra
            held = cross_validate(articles, plover, c, k)
            result["news_all"] = {
                "rules": score_news([predict(x, None, 0.0) for x in articles], both),
                "in_sample": score_news([predict(x, weights, threshold) for x in articles], both),
                "cv": score_news(held, both),
            }
            result["extra"] = {
                "rules": score_news([predict(x, None, 0.0) for x in extra], more),
                "in_sample": score_news([predict(x, weights, threshold) for x in extra], more),
                "cv": score_news(held[len(news) :], more),
            }
    result["seconds"] = round(time.perf_counter() - started, 1)
    return result


def load_items(res=None, extra: bool = True) -> tuple[list[Item], list[Item], list[Item]]:
    """The news-gold dev, PLOVER and extra-article items with their candidates and labels
    (the shared resources with no event model: the candidates do not depend on it). The
    extra items (``extra_files``) are empty when ``extra`` is false or neither file
    exists."""
    import_parley()
    from parley.resources import load_resources

    res = res or load_resources()
    res.warm()
    more = [x for f in extra_files() for x in news_items(res, f)] if extra else []
    return news_items(res), plover_items(res), more


def extra_files() -> list[Path]:
    """The files of further annotated articles that exist, in a fixed order."""
    return [f for f in (EXTRA, EVENTS_EXTRA) if f.exists()]


def print_table(result: dict[str, Any], out: Callable[[str], Any] = print) -> None:
    n = result.get("extra_articles", 0)
    trained = f" (trained with the {n} extra articles)" if n else ""
    blocks = [("news", f"news-gold dev events (32 articles){trained}", "dev folds")]
    if "news_all" in result:
        blocks += [("news_all", f"news-gold dev + {n} extra articles", "folds of both"),
                   ("extra", f"the {n} extra articles alone", "folds of both")]  # fmt: skip
    for key, title, folded in blocks:
        out(f"{title:<46}{'P':>7}{'R':>7}{'F1':>7}{'actor':>7}{'status':>7}")
        cv = f"model, {result['folds']}-fold CV by article, {folded}"
        for name, label in (("rules", "lexicon rules alone"), ("in_sample", "model, in-sample"),
                            ("cv", cv)):  # fmt: skip
            s = result[key][name]
            out(f"  {label:<44}{s['P']:>7.3f}{s['R']:>7.3f}{s['F1']:>7.3f}"
                f"{s['actor_acc']:>7.3f}{s['status_acc']:>7.3f}")  # fmt: skip
    out(f"{'PLOVER GSR dev (161 records)':<46}{'macro':>7}{'micro':>7}{'typeacc':>8}{'ev_p':>7}"
        f"{'actor':>7}")  # fmt: skip
    for name, label in (("rules", "lexicon rules alone"), ("in_sample", "model, in-sample"),
                        ("cv", f"model, {result['folds']}-fold CV by record")):  # fmt: skip
        s = result["plover"][name]
        out(f"  {label:<44}{s['macro_f1']:>7.3f}{s['micro_f1']:>7.3f}{s['type_acc']:>8.3f}"
            f"{s['event_p']:>7.3f}{s['actor_acc']:>7.3f}")  # fmt: skip
    out(f"threshold {result['threshold']} (chosen by inner CV), C {result['c']}; "
        f"{result['seconds']} s")  # fmt: skip


def write_model(weights, threshold, result, c: float, path: Path = MODEL, extra: int = 0) -> None:
    import sklearn

    trained_on = "news-gold dev (32 ukraine-news articles)"
    files = [str(f.relative_to(HERE.parent)) for f in extra_files()] if extra else []
    if extra:
        trained_on += f", {extra} further annotated ukraine-news articles ({', '.join(files)})"
    data = DATA + files

    model = {
        "about": "Logistic weights of parley's event decision: per candidate of the PLOVER "
        "lexicon, the probability that it is a reported event of its type; features in "
        "parley.extract.events.features. Retrain with the command below.",
        "version": 1,
        "command": "python benchmarks/train_events.py",
        "trained_on": trained_on + " and PLOVER GSR dev (161 records)",
        "data": {p: data_digest([p]) for p in data},
        "date": datetime.date.today().isoformat(),
        "sklearn": sklearn.__version__,
        "c": c,
        "threshold": threshold,
        "scores": {
            corpus: {
                name: {k: round(v, 4) for k, v in s.items() if isinstance(v, float)}
                for name, s in result[corpus].items()
            }
            for corpus in ("news", "news_all", "extra", "plover")
            if corpus in result
        },
        "weights": dict(sorted(weights.items())),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(model, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cv", action="store_true", help="measure only; write no model")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the numbers here")
    parser.add_argument("--c", type=float, default=C, help="inverse L2 strength")
    parser.add_argument(
        "--no-extra",
        action="store_true",
        help=f"leave out {EXTRA.name} and {EVENTS_EXTRA.name} (dev and PLOVER only)",
    )
    parser.add_argument("--out", type=Path, default=MODEL, help="where to write the model")
    args = parser.parse_args(argv)
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print("train_events: needs scikit-learn (pip install scikit-learn)", file=sys.stderr)
        return 1
    news, plover, extra = load_items(extra=not args.no_extra)
    result = measure(news, plover, extra, args.c)
    print_table(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    if not args.cv:
        weights, threshold = train(news + extra + plover, args.c)
        write_model(weights, threshold, result, args.c, args.out, len(extra))
        print(f"{len(weights)} weights, threshold {threshold} -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
