"""Score parley's quote attribution against PolNeAR gold attributions.

    python benchmarks/eval_quotes.py [--split dev|train] [--limit N] [--json FILE]
    python benchmarks/eval_quotes.py --news-cv [--json FILE] [--out PRED.jsonl]

Reads ``../shared/data/polnear/<split>/{text,attributions}`` (brat standoff), runs parley on
each article (``analyze_batch`` with ``published`` = the date in the file name) and matches
predicted quotes to gold attributions one to one: greedily, best overlap first, a pair being
allowed when their content spans (as sets of characters; discontinuous gold spans are the
union of their pieces) overlap by at least 0.3 of their union.

Reported: content precision, recall and F1; speaker accuracy among matched pairs (the
predicted speaker span overlaps the gold Source, or one of the mentions of the predicted
``speaker_entity`` does; a gold attribution without a Source is right only when parley gives
no speaker either); end-to-end F1 (matched and speaker right). Articles annotated by several
annotators are scored against the first annotator file in sorted order.

PolNeAR annotates every attribution, parley quotes only speech, writing and stated belief
(the cue classes of ``parley.kb.cues.QUOTE_CLASSES``). ``communication`` reports the same
numbers against the gold attributions whose cue is of such a class (a gold cue, parsed on its
own, has a word that is a cue of a quote class in parley's lexicon, or is only punctuation:
"NAME:", a dash); a prediction that matches
only a left-out attribution counts neither way, and ``left_out`` says how many were left out.

``--news-cv`` re-runs the by-article cross-validation of the quote scorer on
``../shared/data/news-gold/dev.jsonl`` without refitting: each of the five fold models kept
in ``quotes_cv_folds.json`` (written by ``train_quotes.py``, fitted without its fold)
scores its held-out articles, and the shared ``score_news.py`` scores the pooled folds.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from scoring import SHARED_DATA, prf

DATA = SHARED_DATA / "polnear"
NEWS_FOLDS = Path(__file__).resolve().parent / "quotes_cv_folds.json"
FOLDS = 5  # news-gold article k (in file order) is in fold k mod FOLDS
MIN_OVERLAP = 0.3
_RECORD = re.compile(r"\n(?=[TE]\d+\t)")
_DATE = re.compile(r"_(\d{4}-\d{2}-\d{2})_")

Chars = frozenset[int]


class DataMissing(Exception):
    pass


@dataclass(frozen=True)
class Gold:
    """One gold attribution: content and source as sets of character offsets."""

    content: Chars
    source: Chars  # empty when the attribution has no source
    cue: Chars


@dataclass
class GoldArticle:
    name: str
    text: str
    published: str | None
    attributions: list[Gold] = field(default_factory=list)


def _chars(ranges: str) -> Chars:
    """ "12 20;25 30" -> the set of offsets 12..19 and 25..29."""
    out: set[int] = set()
    for piece in ranges.split(";"):
        start, end = piece.split()
        out.update(range(int(start), int(end)))
    return frozenset(out)


def parse_ann(raw: str) -> list[Gold]:
    """The attribution relations of one brat ``.ann`` file (records may span lines)."""
    spans: dict[str, Chars] = {}
    relations: list[dict[str, str]] = []
    for record in _RECORD.split(raw.strip("\n")):
        if not record.strip():
            continue
        key, _, rest = record.partition("\t")
        if key.startswith("T"):
            head = rest.split("\t", 1)[0]
            _label, _, ranges = head.partition(" ")
            spans[key] = _chars(ranges)
        elif key.startswith("E"):
            roles = {}
            for arg in rest.split():
                role, _, target = arg.partition(":")
                roles[role] = target
            relations.append(roles)
    out = []
    for roles in relations:
        if "Content" not in roles:
            continue
        content = spans.get(roles["Content"], frozenset())
        if "Content2" in roles:
            content = content | spans.get(roles["Content2"], frozenset())
        source = spans.get(roles.get("Source", ""), frozenset())
        cue = spans.get(roles.get("Cue", ""), frozenset())
        if content:
            out.append(Gold(content, source, cue))
    return out


def load_split(
    split: str = "dev", limit: int | None = None, data: Path = DATA
) -> list[GoldArticle]:
    """Gold articles of one split, sorted by name; raises ``DataMissing`` when absent."""
    texts = data / split / "text"
    anns = data / split / "attributions"
    if not texts.is_dir() or not anns.is_dir():
        raise DataMissing(f"PolNeAR {split} split not found under {data}")
    by_article: dict[str, list[Path]] = {}
    for path in sorted(anns.glob("*.ann")):
        by_article.setdefault(path.stem.rsplit("_", 1)[0], []).append(path)
    articles = []
    for path in sorted(texts.glob("*.txt")):
        files = by_article.get(path.stem)
        if not files:
            continue
        text = path.read_text(encoding="utf-8")
        date = _DATE.search(path.name)
        gold = parse_ann(files[0].read_text(encoding="utf-8"))
        articles.append(GoldArticle(path.stem, text, date.group(1) if date else None, gold))
        if limit is not None and len(articles) >= limit:
            break
    if not articles:
        raise DataMissing(f"no annotated articles in {data / split}")
    return articles


def _quotes_wired() -> bool:
    """Whether ``analyze_batch`` runs the quote stage (it may not be wired in yet)."""
    from parley import pipeline

    return hasattr(pipeline, "extract_quotes") or hasattr(pipeline, "quotes")


def predict(articles: list[GoldArticle]) -> Iterator[tuple[list, list]]:
    """(quotes, entities) per article, in order."""
    from parley.model import Article

    batch = [Article(text=a.text, published=a.published, input=a.name) for a in articles]
    if _quotes_wired():
        import parley

        for analysis in parley.analyze_batch(batch):
            yield list(analysis.quotes), list(analysis.entities)
        return
    # until the pipeline calls the quote stage: the same stages, run here in the same order
    from parley.extract.entities import extract_entities
    from parley.extract.quotes import extract_quotes
    from parley.nlp import load_pipeline, pipe
    from parley.pipeline import anchor_date

    nlp = load_pipeline()
    for doc, article in pipe(nlp, ((a.text, a) for a in batch), 64):
        entities = extract_entities(doc, anchor_date(article.published))
        yield extract_quotes(doc, entities, text=article.text), entities


def _span_chars(span) -> Chars:
    return frozenset(range(span.start, span.end)) if span is not None else frozenset()


def match(pred: list[Chars], gold: list[Chars]) -> list[tuple[int, int]]:
    """One-to-one pairs (pred index, gold index), best overlap first, overlap >= 0.3."""
    candidates = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            inter = len(p & g)
            if inter:
                score = inter / len(p | g)
                if score >= MIN_OVERLAP:
                    candidates.append((score, i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _score, i, j in candidates:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        pairs.append((i, j))
    return pairs


def speaker_right(quote, gold: Gold, entities: dict[str, object]) -> bool:
    if not gold.source:
        return quote.speaker is None
    if _span_chars(quote.speaker) & gold.source:
        return True
    entity = entities.get(quote.speaker_entity) if quote.speaker_entity else None
    return entity is not None and any(_span_chars(m) & gold.source for m in entity.mentions)


def score(
    articles: Iterable[GoldArticle],
    predictions: Iterable[tuple[list, list]],
    kept: Callable[[Gold], bool] | None = None,
) -> dict:
    """The numbers of the module docstring; with ``kept``, against the gold attributions it
    keeps (a prediction that matches only a left-out one is not counted)."""
    n_pred = n_gold = matched = speaker_ok = left_out = 0
    for article, (quotes, entities) in zip(articles, predictions, strict=True):
        by_id = {e.id: e for e in entities}
        pred = [_span_chars(q.content) for q in quotes]
        golds = [g for g in article.attributions if kept is None or kept(g)]
        others = [g.content for g in article.attributions if kept is not None and not kept(g)]
        gold = [g.content for g in golds]
        pairs = match(pred, gold)
        used = {i for i, _ in pairs}
        rest = [k for k in range(len(pred)) if k not in used]
        absorbed = len(match([pred[k] for k in rest], others)) if others else 0
        n_pred += len(pred) - absorbed
        n_gold += len(gold)
        left_out += len(others)
        for i, j in pairs:
            matched += 1
            speaker_ok += speaker_right(quotes[i], golds[j], by_id)
    content = prf(matched, n_pred, n_gold, digits=4)
    end_to_end = prf(speaker_ok, n_pred, n_gold, digits=4)
    return {
        "predicted": n_pred,
        "gold": n_gold,
        "matched": matched,
        "content": content,
        "speaker_accuracy": round(speaker_ok / matched, 4) if matched else 0.0,
        "end_to_end": end_to_end,
        "left_out": left_out,
    }


def communication_cues(articles: list[GoldArticle]) -> Callable[[Gold], bool]:
    """Whether a gold attribution's cue reports speech, writing or stated belief (see the
    module docstring); an attribution without a cue is kept."""
    from parley.extract.quotes.classes import cue_of
    from parley.resources import load_resources

    res = load_resources()
    words: dict[Chars, str] = {}
    for article in articles:
        for g in article.attributions:
            if g.cue:
                words[g.cue] = " ".join(article.text[min(g.cue) : max(g.cue) + 1].split())
    texts = sorted(set(words.values()))
    classes = {}
    for text, doc in zip(texts, res.nlp.pipe(texts), strict=True):
        cues = [cue_of(t, res.cues) for t in doc]
        punctuation = not any(ch.isalpha() for ch in text)  # "NAME:", a dash: quote forms
        classes[text] = punctuation or any(c is not None and c.quotes for c in cues)
    return lambda g: not g.cue or classes[words[g.cue]]


def evaluate(split: str = "dev", limit: int | None = None, data: Path = DATA) -> dict:
    """Scores of parley on one PolNeAR split (see the module docstring)."""
    articles = load_split(split, limit, data)
    start = time.perf_counter()
    predicted = list(predict(articles))
    seconds = time.perf_counter() - start
    result = score(articles, predicted)
    result["communication"] = score(articles, predicted, communication_cues(articles))
    result.update(
        split=split,
        articles=len(articles),
        seconds=round(seconds, 2),
    )
    return result


def news_cv(folds: Path = NEWS_FOLDS, out: Path | None = None) -> dict:
    """The by-article cross-validated quote numbers on news-gold (module docstring): P, R,
    F1 and speaker accuracy at overlap 0.3 of ``score_news.py``, the folds pooled."""
    import tempfile

    from eval_news import ARTICLES, GOLD, analyses, gold_rows
    from parley.resources import Resources
    from scoring import load_tool, prf

    if not GOLD.is_file():
        raise DataMissing(f"no news-gold file at {GOLD}")
    models = json.loads(folds.read_text(encoding="utf-8"))["models"]
    rows = gold_rows(GOLD)
    records = []
    for k, model in enumerate(models):
        held = [row for i, row in enumerate(rows) if i % len(models) == k]
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "models").mkdir()
            (Path(tmp) / "models" / "quotes.json").write_text(json.dumps(model), encoding="utf-8")
            records += list(analyses(held, ARTICLES, resources=Resources(kb_dirs=(tmp,))))
    if out is not None:  # the held-out predictions, for news_errors.py
        lines = [json.dumps(r, ensure_ascii=False) + "\n" for r in records]
        out.write_text("".join(lines), encoding="utf-8")
    score_news = load_tool("score_news")
    gold = {score_news.ek.doc_key(r["file"]): r for r in rows}
    recs = {score_news.ek.doc_key(r["meta"]["input"]): r for r in records}
    counts = score_news.score(gold, recs)[2][0.3]
    out = prf(counts["tp"], counts["pred"], counts["gold"], digits=4)
    speaker = counts["spk_ok"] / counts["spk_n"] if counts["spk_n"] else 0.0
    return {"quotes": out, "speaker_accuracy": round(speaker, 4), "folds": len(models)}


def _report(result: dict) -> None:
    c, e = result["content"], result["end_to_end"]
    print(f"{result['gold']} gold attributions, {result['predicted']} predicted quotes,", end=" ")
    print(f"{result['matched']} matched")
    print(f"{'':<12}{'P':>8}{'R':>8}{'F1':>8}")
    print(f"{'content':<12}{c['precision']:>8.3f}{c['recall']:>8.3f}{c['f1']:>8.3f}")
    print(f"{'end-to-end':<12}{e['precision']:>8.3f}{e['recall']:>8.3f}{e['f1']:>8.3f}")
    print(f"speaker accuracy among matched: {result['speaker_accuracy']:.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    parser.add_argument("--limit", type=int, help="score only the first N articles")
    parser.add_argument("--data", type=Path, default=DATA, help="the polnear folder")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the numbers here")
    parser.add_argument(
        "--news-cv", action="store_true", help="the cross-validated numbers on news-gold"
    )
    parser.add_argument("--out", type=Path, help="with --news-cv: keep the predictions here")
    args = parser.parse_args(argv)
    if args.news_cv:
        try:
            result = news_cv(out=args.out)
        except DataMissing as exc:
            print(f"eval_quotes: {exc}", file=sys.stderr)
            return 1
        q = result["quotes"]
        print(f"news-gold quotes, cross-validated by article ({result['folds']} folds):")
        print(f"P {q['precision']:.3f}  R {q['recall']:.3f}  F1 {q['f1']:.3f}", end="  ")
        print(f"speaker accuracy {result['speaker_accuracy']:.3f}")
        if args.json:
            args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        return 0
    if args.limit is not None and args.limit < 1:
        print("eval_quotes: --limit must be at least 1", file=sys.stderr)
        return 1
    try:
        result = evaluate(args.split, args.limit, args.data)
    except DataMissing as exc:
        print(f"eval_quotes: {exc} (the gold data lives in ../shared/data)", file=sys.stderr)
        return 1
    print(f"PolNeAR {result['split']}: {result['articles']} articles")
    _report(result)
    comm = result["communication"]
    print(f"\nagainst the attributions with a communication cue ({comm['left_out']} left out):")
    _report(comm)
    print(f"{result['seconds']:.1f} s")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
