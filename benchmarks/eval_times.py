"""Score parley's temporal-expression tagger on TempEval-3 (TimeBank + AQUAINT).

    python benchmarks/eval_times.py [--limit N] [--data DIR] [--json FILE] [--errors N]

Each ``.tml`` document's ``<TEXT>`` element is turned into plain text (tags stripped, XML
entities decoded) while the character offsets of every gold ``TIMEX3`` are recorded. The
document creation time (``DCT``) lies outside ``<TEXT>``: it is the anchor passed to
``extract_times`` and is neither analysed nor counted as gold. All texts go through the spaCy
pipeline in one ``nlp.pipe`` batch.

Scores, per corpus (TimeBank, AQUAINT) and overall, with predictions and gold paired one to
one (greedily, by equal value first, then by overlap):

* strict span P/R/F1 — same start and end;
* relaxed span P/R/F1 — any overlap;
* type accuracy — among relaxed-matched pairs, the share with the gold ``type``;
* value P/R/F1 — a prediction is correct when it overlaps its gold partner and has the gold
  ``value``; precision over all predictions, recall over all gold expressions. Values are
  compared as written except for ISO week numbers, which are read as numbers: the gold writes
  "2000-W7" in six places where ISO 8601 and the rest of the gold write "2000-W07".

``--errors N`` prints N missed gold expressions, N false positives and N wrong values.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from scoring import SHARED_DATA, prf

DEFAULT_DATA = SHARED_DATA / "tempeval3"
CORPORA = ("TimeBank", "AQUAINT")
BATCH_SIZE = 32

_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_DCT = re.compile(r"<DCT>\s*<TIMEX3\b[^>]*\bvalue=\"([^\"]+)\"", re.S)
_PIECE = re.compile(r"<[^>]*>|[^<]+")
_ATTR = re.compile(r"(\w+)=\"([^\"]*)\"")
_SHORT_WEEK = re.compile(r"-W(\d)(?!\d)")


def same_value(predicted: str, gold: str) -> bool:
    """Equal TimeML values; "2000-W7" is "2000-W07" (the only notation the gold varies)."""
    return _SHORT_WEEK.sub(r"-W0\1", predicted) == _SHORT_WEEK.sub(r"-W0\1", gold)


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class Document:
    name: str
    corpus: str
    anchor: date
    text: str
    gold: list[Gold] = field(default_factory=list)


def fail(message: str) -> None:
    print(f"eval_times: {message}", file=sys.stderr)
    raise SystemExit(1)


def parse_timeml(name: str, corpus: str, source: str) -> Document:
    """Plain text of ``<TEXT>`` and its gold TIMEX3 spans; the DCT value is the anchor."""
    dct = _DCT.search(source)
    body = _TEXT.search(source)
    if dct is None or body is None:
        raise ValueError(f"{name}: no DCT or no TEXT element")
    parts: list[str] = []
    length = 0
    gold: list[Gold] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    for piece in _PIECE.findall(body.group(1)):
        if piece.startswith("<"):
            if piece.startswith("<TIMEX3"):
                open_timex = (length, dict(_ATTR.findall(piece)))
            elif piece.startswith("</TIMEX3") and open_timex is not None:
                start, attrs = open_timex
                text = "".join(parts)[start:length]
                gold.append(Gold(start, length, text, attrs.get("type", ""), attrs["value"]))
                open_timex = None
            continue
        # Stray carriage returns (some AQUAINT files) become spaces: offsets stay put.
        plain = html.unescape(piece).replace("\r", " ")
        parts.append(plain)
        length += len(plain)
    anchor = date.fromisoformat(dct.group(1)[:10])
    return Document(name, corpus, anchor, "".join(parts), gold)


def load_documents(data: Path, limit: int | None = None) -> list[Document]:
    if not all((data / corpus).is_dir() for corpus in CORPORA):
        fail(
            f"no TempEval-3 data at {data} (expected {' and '.join(CORPORA)}/ with .tml "
            "files); pass --data DIR pointing at shared/data/tempeval3"
        )
    documents = []
    for corpus in CORPORA:
        for path in sorted((data / corpus).glob("*.tml")):
            # newline="" keeps every character, so offsets match the file exactly
            try:
                with path.open(encoding="utf-8", newline="") as handle:
                    documents.append(parse_timeml(path.stem, corpus, handle.read()))
            except (OSError, UnicodeDecodeError, ValueError, KeyError) as exc:
                fail(f"cannot read {path}: {exc}")
    if not documents:
        fail(f"no .tml files under {data}")
    if limit is not None:
        documents = documents[:: max(1, len(documents) // limit)][:limit]
    return documents


def _pair(predicted: list, gold: list[Gold]) -> list[tuple[Any, Gold]]:
    """One-to-one pairs of overlapping predictions and gold: equal value first, then overlap."""
    candidates = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            overlap = min(p.span.end, g.end) - max(p.span.start, g.start)
            if overlap > 0:
                candidates.append((same_value(p.value, g.value), overlap, -i, -j))
    candidates.sort(reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _same, _overlap, i, j in candidates:
        if -i in used_p or -j in used_g:
            continue
        used_p.add(-i)
        used_g.add(-j)
        pairs.append((predicted[-i], gold[-j]))
    return pairs


class Tally:
    def __init__(self) -> None:
        self.documents = self.gold = self.predicted = 0
        self.strict = self.relaxed = self.typed = self.valued = 0

    def add(self, predicted: list, gold: list[Gold]) -> list[tuple[Any, Gold]]:
        pairs = _pair(predicted, gold)
        self.documents += 1
        self.gold += len(gold)
        self.predicted += len(predicted)
        self.relaxed += len(pairs)
        gold_spans = {(g.start, g.end) for g in gold}
        self.strict += sum((p.span.start, p.span.end) in gold_spans for p in predicted)
        self.typed += sum(p.type == g.type for p, g in pairs)
        self.valued += sum(same_value(p.value, g.value) for p, g in pairs)
        return pairs

    def scores(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "gold": self.gold,
            "predicted": self.predicted,
            "strict": prf(self.strict, self.predicted, self.gold, digits=4),
            "relaxed": prf(self.relaxed, self.predicted, self.gold, digits=4),
            "type_accuracy": round(self.typed / self.relaxed, 4) if self.relaxed else 0.0,
            "value": prf(self.valued, self.predicted, self.gold, digits=4),
        }


def evaluate(
    limit: int | None = None, data: Path | None = None, errors: dict | None = None
) -> dict[str, Any]:
    """Scores of ``extract_times`` on TempEval-3; ``limit`` takes an even sample of documents.

    When ``errors`` is a dict, it is filled with lists ``missed``, ``spurious`` and
    ``wrong_value`` (one row per case, with document name and context).
    """
    from parley.extract.times import extract_times
    from parley.nlp import load_pipeline

    documents = load_documents(data or DEFAULT_DATA, limit)
    nlp = load_pipeline()
    started = time.perf_counter()
    tallies = {name: Tally() for name in (*CORPORA, "overall")}
    docs = nlp.pipe((d.text for d in documents), batch_size=BATCH_SIZE)
    for document, doc in zip(documents, docs, strict=True):
        predicted = extract_times(doc, document.anchor)
        for name in (document.corpus, "overall"):
            pairs = tallies[name].add(predicted, document.gold)
        if errors is not None:
            _collect(errors, document, predicted, pairs)
    result = {name: tally.scores() for name, tally in tallies.items()}
    result["seconds"] = round(time.perf_counter() - started, 1)
    return result


def _context(document: Document, start: int, end: int) -> str:
    text = document.text
    left = text[max(0, start - 50) : start].replace("\n", " ")
    right = text[end : end + 30].replace("\n", " ")
    return f"{left}[{text[start:end]}]{right}"


def _collect(errors: dict, document: Document, predicted: list, pairs: list) -> None:
    paired_p = {id(p) for p, _ in pairs}
    paired_g = {id(g) for _, g in pairs}
    head = f"{document.name} (anchor {document.anchor})"
    for g in document.gold:
        if id(g) not in paired_g:
            row = f"{head} {g.type} {g.value}: {_context(document, g.start, g.end)}"
            errors.setdefault("missed", []).append(row)
    for p in predicted:
        if id(p) not in paired_p:
            row = f"{head} {p.type} {p.value}: {_context(document, p.span.start, p.span.end)}"
            errors.setdefault("spurious", []).append(row)
    for p, g in pairs:
        if not same_value(p.value, g.value) or (p.span.start, p.span.end) != (g.start, g.end):
            row = (
                f"{head} gold {g.type} {g.value} {g.text!r} / got {p.type} {p.value} "
                f"{p.span.text!r}: {_context(document, g.start, g.end)}"
            )
            key = "wrong_span" if same_value(p.value, g.value) else "wrong_value"
            errors.setdefault(key, []).append(row)


def _print(result: dict[str, Any], timed: str = "spaCy pipeline and tagging") -> None:
    print(f"{'':10} {'docs':>5} {'gold':>5} {'pred':>5}  strict-F1 relaxed-F1  type-acc  value-P")
    for name in (*CORPORA, "overall"):
        s = result[name]
        print(
            f"{name:10} {s['documents']:5} {s['gold']:5} {s['predicted']:5}  "
            f"{s['strict']['f1']:9.3f} {s['relaxed']['f1']:10.3f} {s['type_accuracy']:9.3f}"
            f"  {s['value']['precision']:.3f} R {s['value']['recall']:.3f}"
            f" F1 {s['value']['f1']:.3f}"
        )
    print(f"{result['seconds']} s ({timed})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="tempeval3 folder")
    parser.add_argument("--limit", type=int, default=None, help="score N documents only")
    parser.add_argument("--json", type=Path, default=None, help="write the scores here")
    parser.add_argument("--errors", type=int, default=0, help="print N errors of each kind")
    args = parser.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        fail("--limit must be a positive number")
    try:
        import parley.extract.times  # noqa: F401
    except ImportError as exc:
        fail(f"cannot import parley ({exc}); install it with `pip install -e .`")
    errors: dict[str, list[str]] | None = {} if args.errors else None
    result = evaluate(args.limit, args.data, errors)
    if errors is not None:
        for kind in ("missed", "spurious", "wrong_value", "wrong_span"):
            rows = errors.get(kind, [])
            print(f"--- {kind} ({len(rows)})")
            for row in rows[: args.errors]:
                print(row)
    _print(result)
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
