"""Entity mentions of parley next to bare spaCy, scored on the CoNLL-2003 English dev set.

    python benchmarks/eval_entities.py [--limit N] [--data FILE] [--json FILE] [--errors N]

Reads ``eng.testa`` (IOB2, one token a line, a blank line between sentences; default
``../shared/data/conll2003/eng.testa``), joins each sentence's tokens with single spaces and
groups every 20 consecutive sentences into one pseudo-article (sentences joined by "\\n").

* parley: ``parley.analyze_batch`` (no publication date); every mention of every entity,
  typed by the entity's kind: person -> PER; organization, media, group -> ORG;
  place, state -> LOC; any other kind is skipped.
* bare spaCy: the same pipeline (``parley.nlp.load_pipeline()``) on the same texts,
  ``doc.ents`` typed PERSON -> PER, ORG -> ORG, GPE/LOC/FAC -> LOC; NORP and the rest skipped.

Both systems' spans go through the same normalisation: a leading "the "/"The " is trimmed
(CoNLL never includes the article), then a span is dropped if it is a pronoun ("he", "his")
or starts with a lowercase word ("ex-England", "defence ministry"; name particles such as
"de", "van" or "al-" do not count as lowercase words). Spans a demonym heads ("Russian side",
"Israeli government") overlap a gold MISC entity and are ignored like every prediction that
overlaps gold MISC: MISC is neither gold nor penalised.

Scores are exact span and type (micro precision, recall, F1 per type and over PER+ORG+LOC),
plus untyped exact-span F1.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scoring import SHARED_DATA, import_parley, prf

DEFAULT_DATA = SHARED_DATA / "conll2003" / "eng.testa"
SENTENCES_PER_ARTICLE = 20
BATCH_SIZE = 64
TYPES = ("PER", "ORG", "LOC")

PARLEY_TYPE = {
    "person": "PER",
    "organization": "ORG",
    "media": "ORG",
    "group": "ORG",
    "place": "LOC",
    "state": "LOC",
}
SPACY_TYPE = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
PRONOUNS = {
    "i", "me", "my", "mine", "myself", "you", "your", "yours", "yourself", "yourselves",
    "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself",
    "we", "us", "our", "ours", "ourselves", "they", "them", "their", "theirs", "themselves",
}  # fmt: skip
# lowercase particles that begin real names ("de Silva", "van Schalkwyk", "al-Aqsa")
NAME_PARTICLES = {
    "al", "el", "ad", "as", "bin", "ibn", "abu", "da", "de", "del", "della", "der", "des",
    "di", "do", "dos", "du", "la", "le", "van", "von", "ter", "ten", "y",
}  # fmt: skip

Key = tuple[int, int, int]  # article index, start char, end char


class DataMissing(Exception):
    """The CoNLL file is not where it was looked for."""


@dataclass
class Corpus:
    texts: list[str] = field(default_factory=list)
    gold: dict[Key, str] = field(default_factory=dict)  # PER/ORG/LOC spans
    misc: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # per article
    sentences: int = 0
    tokens: int = 0


def read_sentences(path: Path, limit: int | None = None) -> list[list[tuple[str, str]]]:
    """``[(token, NER tag), ...]`` per sentence, the first ``limit`` sentences."""
    if not path.is_file():
        raise DataMissing(
            f"no CoNLL-2003 data at {path}; it is read from ../shared/data/conll2003 next to "
            "this repository (pass --data FILE to point at eng.testa elsewhere)"
        )
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if current:
                sentences.append(current)
                current = []
                if limit is not None and len(sentences) >= limit:
                    return sentences
            continue
        if line.startswith("-DOCSTART-"):
            continue
        cols = line.split()
        current.append((cols[0], cols[-1]))
    if current and (limit is None or len(sentences) < limit):
        sentences.append(current)
    if not sentences:
        raise DataMissing(f"{path} holds no sentences")
    return sentences


def build_corpus(
    sentences: list[list[tuple[str, str]]], per: int = SENTENCES_PER_ARTICLE
) -> Corpus:
    """Pseudo-articles of ``per`` sentences with gold spans as character offsets."""
    corpus = Corpus(sentences=len(sentences))
    for a, first in enumerate(range(0, len(sentences), per)):
        parts: list[str] = []
        offset = 0
        corpus.misc[a] = []
        for sentence in sentences[first : first + per]:
            if parts:
                parts.append("\n")
                offset += 1
            open_: tuple[int, str] | None = None  # start char, type of the entity being read
            end = offset
            for k, (token, tag) in enumerate(sentence):
                if k:
                    parts.append(" ")
                    offset += 1
                start = offset
                parts.append(token)
                offset += len(token)
                corpus.tokens += 1
                kind = tag[2:] if tag != "O" else None
                continues = tag.startswith("I-") and open_ is not None and open_[1] == kind
                if open_ is not None and not continues:
                    _close(corpus, a, open_, end)
                    open_ = None
                if kind is not None and not continues:
                    open_ = (start, kind)
                end = offset
            if open_ is not None:
                _close(corpus, a, open_, end)
        corpus.texts.append("".join(parts))
    return corpus


def _close(corpus: Corpus, article: int, open_: tuple[int, str], end: int) -> None:
    start, kind = open_
    if kind == "MISC":
        corpus.misc[article].append((start, end))
    else:
        corpus.gold[(article, start, end)] = kind


def normalise(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span scored for a predicted mention, or None when it is not a name."""
    if text.strip().lower() in PRONOUNS:
        return None
    if text[:4] in ("the ", "The "):
        start, text = start + 4, text[4:]
    words = text.split()
    if not words:
        return None
    first = words[0]
    if first[:1].islower() and first.split("-")[0] not in NAME_PARTICLES:
        return None
    return start, end


def predictions(
    corpus: Corpus, spans: list[list[tuple[int, int, str]]]
) -> tuple[dict[Key, str], int]:
    """Normalised predictions ``{key: type}`` and how many were ignored for touching MISC."""
    out: dict[Key, str] = {}
    ignored = 0
    for a, article in enumerate(spans):
        text = corpus.texts[a]
        for start, end, kind in article:
            span = normalise(text[start:end], start, end)
            if span is None:
                continue
            s, e = span
            if any(s < me and ms < e for ms, me in corpus.misc[a]):
                ignored += 1
                continue
            out[(a, s, e)] = kind
    return out, ignored


def score(gold: dict[Key, str], pred: dict[Key, str]) -> dict[str, Any]:
    """Exact span-and-type scores per type and overall, and untyped exact-span scores."""
    tp = Counter(t for k, t in pred.items() if gold.get(k) == t)
    n_pred = Counter(pred.values())
    n_gold = Counter(gold.values())
    result: dict[str, Any] = {t: prf(tp[t], n_pred[t], n_gold[t]) for t in TYPES}
    result["overall"] = prf(sum(tp.values()), len(pred), len(gold))
    result["untyped"] = prf(len(pred.keys() & gold.keys()), len(pred), len(gold))
    return result


def run_parley(parley: Any, texts: list[str]) -> list[list[tuple[int, int, str]]]:
    articles = [parley.Article(text=text) for text in texts]
    out = []
    for analysis in parley.analyze_batch(articles, batch_size=BATCH_SIZE):
        spans = []
        for entity in analysis.entities:
            kind = PARLEY_TYPE.get(entity.kind)
            if kind is not None:
                spans += [(m.start, m.end, kind) for m in entity.mentions]
        out.append(spans)
    return out


def run_spacy(parley: Any, texts: list[str]) -> list[list[tuple[int, int, str]]]:
    nlp = parley.nlp.load_pipeline()
    out = []
    for doc in nlp.pipe(texts, batch_size=BATCH_SIZE):
        spans = []
        for ent in doc.ents:
            kind = SPACY_TYPE.get(ent.label_)
            if kind is not None:
                spans.append((ent.start_char, ent.end_char, kind))
        out.append(spans)
    return out


def evaluate(
    limit: int | None = None, data: Path | None = None, *, keep_predictions: bool = False
) -> dict[str, Any]:
    """Score parley and bare spaCy on the first ``limit`` sentences (all when None).

    Raises ``DataMissing`` when the data file is absent. With ``keep_predictions`` the result
    also holds the corpus and both systems' normalised predictions (under ``"_detail"``).
    """
    path = Path(data) if data is not None else DEFAULT_DATA
    corpus = build_corpus(read_sentences(path, limit))
    parley = import_parley()
    nlp = parley.nlp.load_pipeline()
    result: dict[str, Any] = {
        "data": str(path),
        "sentences": corpus.sentences,
        "tokens": corpus.tokens,
        "articles": len(corpus.texts),
        "gold": dict(Counter(corpus.gold.values())),
        "gold_misc": sum(len(v) for v in corpus.misc.values()),
        "model": parley.nlp.describe(nlp),
        "parley_version": getattr(parley, "__version__", None),
        "python": platform.python_version(),
        "seconds": {},
    }
    detail: dict[str, Any] = {"corpus": corpus}
    for name, run in (("spacy", run_spacy), ("parley", run_parley)):
        started = time.perf_counter()
        raw = run(parley, corpus.texts)
        result["seconds"][name] = round(time.perf_counter() - started, 2)
        pred, ignored = predictions(corpus, raw)
        result[name] = score(corpus.gold, pred)
        result[name]["ignored_misc_overlap"] = ignored
        detail[name] = pred
    if keep_predictions:
        result["_detail"] = detail
    return result


def print_table(result: dict[str, Any]) -> None:
    print(
        f"{result['sentences']:,} sentences, {result['tokens']:,} tokens, "
        f"{result['articles']} pseudo-articles from {result['data']}"
    )
    gold = ", ".join(f"{t} {result['gold'].get(t, 0):,}" for t in TYPES)
    print(f"gold: {gold} (MISC {result['gold_misc']:,} ignored); model {result['model']}\n")
    print(f"{'':<10}{'spaCy P':>9}{'R':>7}{'F1':>7}   {'parley P':>9}{'R':>7}{'F1':>7}{'dF1':>8}")
    for row in (*TYPES, "overall", "untyped"):
        cells = []
        for name in ("spacy", "parley"):
            s = result[name][row]
            cells.append(f"{s['precision']:>9.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}")
        diff = result["parley"][row]["f1"] - result["spacy"][row]["f1"]
        print(f"{row:<10}{cells[0]}   {cells[1]}{diff:>+8.3f}")
    secs = result["seconds"]
    print(f"\nseconds: bare spaCy {secs['spacy']:.1f}, parley {secs['parley']:.1f}")


def print_errors(result: dict[str, Any], n: int) -> None:
    """Up to ``n`` of parley's errors where bare spaCy was right, by kind of error."""
    detail = result["_detail"]
    corpus: Corpus = detail["corpus"]
    gold, parley, spacy = corpus.gold, detail["parley"], detail["spacy"]

    def show(key: Key) -> str:
        a, s, e = key
        text = corpus.texts[a]
        left = text.rfind("\n", 0, s) + 1
        right = text.find("\n", e)
        line = text[left : right if right >= 0 else len(text)]
        return f"{line[: s - left]}[{text[s:e]}]{line[e - left :]}"[:140]

    groups = {
        "parley wrong type, spaCy right": [
            k for k in parley if k in gold and parley[k] != gold[k] and spacy.get(k) == gold[k]
        ],
        "parley spurious span, spaCy silent or also wrong": [
            k for k in parley if k not in gold and k not in spacy
        ],
        "gold missed by parley, found by spaCy": [
            k for k in gold if spacy.get(k) == gold[k] and k not in parley
        ],
    }
    for title, keys in groups.items():
        print(f"\n{title}: {len(keys)}")
        for key in sorted(keys)[:n]:
            want = gold.get(key, "-")
            print(
                f"  gold {want:<4}parley {parley.get(key, '-'):<4}spaCy {spacy.get(key, '-'):<4}"
                f"{show(key)!r}"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, help="use only the first N sentences")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="path of eng.testa")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the numbers here")
    parser.add_argument(
        "--errors", type=int, default=0, metavar="N", help="print N examples of each error kind"
    )
    args = parser.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
    try:
        result = evaluate(args.limit, args.data, keep_predictions=args.errors > 0)
    except DataMissing as exc:
        print(f"eval_entities: {exc}", file=sys.stderr)
        return 1
    print_table(result)
    if args.errors:
        print_errors(result, args.errors)
    result.pop("_detail", None)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(f"numbers written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
