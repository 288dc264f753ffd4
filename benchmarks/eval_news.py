"""Events and quotes on whole real war-news articles: parley against ``news-gold/dev.jsonl``.

    python benchmarks/eval_news.py [--gold FILE] [--articles DIR] [--out FILE] [--verbose]

Every article of the gold file is read from ``../shared/data/ukraine-news/articles`` exactly
as stored (UTF-8, ``newline=''``), analysed with its ``published`` date, and written as one
``parley.analysis/1`` line to ``--out`` (default: a temporary file); then the shared scorer
``../shared/tools/score_news.py`` scores that file and its report is printed as it prints it.
Its last line is machine-readable (``real_event_f1=… real_quote_f1=…``).

These numbers are in-sample for anything fitted or chosen on ``news-gold/dev.jsonl``; the
cross-validated numbers come from the training scripts that fit on it.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from scoring import SHARED_DATA, load_tool  # noqa: E402

GOLD = SHARED_DATA / "news-gold" / "dev.jsonl"
ARTICLES = SHARED_DATA / "ukraine-news" / "articles"


def gold_rows(gold: Path) -> list[dict[str, Any]]:
    """The gold file's rows, in file order."""
    return [
        json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def read_article(articles: Path, name: str) -> str:
    """One article's text exactly as the gold offsets index it."""
    with open(articles / name, encoding="utf-8", newline="") as handle:
        return handle.read()


def analyses(rows: Iterable[dict[str, Any]], articles: Path, **options) -> Iterator[dict[str, Any]]:
    """One ``parley.analysis/1`` dict per gold row, analysed with its publication date;
    ``options`` go to ``parley.analyze_batch`` (``kb_dirs``, ``resources``, …)."""
    from scoring import import_parley

    parley = import_parley()
    from parley.model import Article

    batch = [
        Article(
            text=read_article(articles, row["file"]),
            published=(row.get("published") or "")[:10] or None,
            input=row["file"],
        )
        for row in rows
    ]
    for analysis in parley.analyze_batch(batch, **options):
        yield analysis.to_dict()


def write_predictions(rows: list[dict[str, Any]], articles: Path, out: Path, **options) -> Path:
    """Analyse the gold articles and write them as JSONL to ``out``."""
    with open(out, "w", encoding="utf-8") as handle:
        for record in analyses(rows, articles, **options):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--articles", type=Path, default=ARTICLES)
    ap.add_argument("--out", type=Path, help="keep the predictions in this JSONL file")
    ap.add_argument("--json", type=Path, help="the scorer's full result as JSON")
    ap.add_argument("--verbose", action="store_true", help="the scorer's per-article table")
    args = ap.parse_args(argv)
    if not args.gold.is_file():
        print(f"eval_news: no gold file at {args.gold}", file=sys.stderr)
        return 2
    rows = gold_rows(args.gold)
    score_news = load_tool("score_news")
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp) / "news.jsonl"
        write_predictions(rows, args.articles, out)
        score_news.run(
            str(args.gold), str(out), verbose=args.verbose, out_json=args.json and str(args.json)
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
