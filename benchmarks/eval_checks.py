"""The checks measured: recall on injected errors, false alarms on untouched articles.

    python benchmarks/eval_checks.py [--data DIR] [--cases N] [--seed S] [--json FILE]
                                     [--show N] [--flags FILE]

Articles come from ``../shared/data/ukraine-news`` with their publication dates. Errors are
injected by rules that know nothing of how the checks work:

* ``date_conflict``: a year the text attaches to a known event of the timeline
  (``kb/data/facts.json``): the event is named by one of its aliases within eight words of
  the year with no clause punctuation between them, or the year opens the sentence ("On
  February 24, 2022, Russia launched the full-scale invasion") and the event is named in the
  clause that follows; and the year lies inside that event's span. The year is replaced by
  one 2 to 9 years outside the span of every fact the sentence names (and not after the
  publication year). Detected when a ``date_conflict`` flag covers the new year.
* ``name_variant``: a person of the knowledge base whose surname occurs at least twice, or a
  place written in the article under a name that has a spelling-variant alias in the
  knowledge base within two letters of it ("Kyiv"/"Kiev", not "Moscow"/"Moskva"). One
  later occurrence is re-spelled (a transliteration
  rule for surnames, the alias for places). Detected when a ``name_variant`` flag covers the
  re-spelled occurrence.

* ``forms`` (``inject_forms.py``): wrong years, months and days in background sentences
  written in the surface forms news uses for a past event (verb, passive, noun, demonym,
  attributive date, "since", appositive, sentence-initial date) about events of the
  generator's own list, not the knowledge base's; recall by form and by kind of wrong
  date, and false alarms on a right-date sentence inserted beside each.

Each case is one copy of one article with one injected error; the untouched original of
every date case is analysed too, and a ``date_conflict`` on the original year there is a
false alarm. Finally every untouched article is analysed and flags per article are counted
by kind; ``--flags FILE`` writes them all (with sentence context) for a hand check. The
flags of the kinds ``PRECISION_KINDS`` are scored against that hand check
(``tests/quality/checks_judged.json``): precision over the judged ones, and the number of
flags of every judged kind that nobody has checked yet.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import inject_forms
from scoring import REPO_ROOT, SHARED_DATA
from ukraine_news import read_corpus

DEFAULT_DATA = SHARED_DATA / "ukraine-news"
# the hand check of the flags on the untouched articles (see judged_precision)
JUDGED = REPO_ROOT / "tests" / "quality" / "checks_judged.json"
BATCH_SIZE = 32
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
_YEAR = re.compile(r"(?<![\w$€£-])(19[5-9]\d|20[0-2]\d)(?![\w%-])")
# transliteration variants a wire editor meets: (pattern, replacement), first that applies
RESPELL = (
    (r"yy$", "y"),
    (r"y$", "yy"),
    (r"sky$", "ski"),
    (r"ski$", "sky"),
    (r"ov$", "off"),
    (r"ev$", "yev"),
    (r"kh", "h"),
    (r"iy", "i"),
    (r"v", "w"),
    (r"ou", "u"),
)


@dataclass(frozen=True)
class Case:
    kind: str
    file: str
    text: str  # the article with the error injected
    published: str
    start: int  # the injected span in ``text``
    end: int
    original: str  # what stood there
    replacement: str
    note: str


def fail(message: str) -> None:
    print(f"eval_checks: {message}", file=sys.stderr)
    raise SystemExit(1)


def load_articles(data: Path) -> list[tuple[str, str, str]]:
    """(file, text, published date) of every article, in name order."""
    return [(row["file"], text, row["published"][:10]) for row, text in read_corpus(data, fail)]


def _alias_pattern(alias: str) -> re.Pattern:
    return re.compile(r"(?<!\w)" + re.escape(alias) + r"(?!\w)", re.I)


_BREAK = re.compile(r"[,;:()\u2014\u2013]|\s-\s")
# "On February 24, " / "In 2014 " / "Back in March " before the year, nothing else
_OPENER = re.compile(
    r"\s*(?:On|In|By|During|At|Back in)\s[^,;:()\u2014\u2013]*?"
    r"(?:\d{1,2},\s*)?$"
)


def _attached(sentence: str, year: re.Match, patterns: list[re.Pattern]) -> bool:
    """The event is named close to the year in its clause, or the year opens the sentence
    and the event is named in the next clause."""
    for p in patterns:
        for m in p.finditer(sentence):
            if m.end() <= year.start(1):
                between = sentence[m.end() : year.start(1)]
            else:
                between = sentence[year.end(1) : m.start()]
            if not _BREAK.search(between) and len(between.split()) <= 8:
                return True
            opens = m.start() > year.end(1) and _OPENER.match(sentence[: year.start(1)])
            if opens and len(_BREAK.findall(between)) == 1:
                return True
    return False


def date_cases(articles, facts, rng: random.Random) -> list[Case]:
    named = [(f, [_alias_pattern(a) for a in (f.name, *f.aliases) if len(a) > 3]) for f in facts]
    named = [(f, pats) for f, pats in named if f.start is not None]
    named_patterns = {f.id: pats for f, pats in named}
    cases = []
    for file, text, published in articles:
        for sent in _SENTENCE.finditer(text):
            chunk = sent.group(0)
            hits = [f for f, pats in named if any(p.search(chunk) for p in pats)]
            if not hits:
                continue
            for y in _YEAR.finditer(chunk):
                year = int(y.group(1))
                attached = [f for f in hits if _attached(chunk, y, named_patterns[f.id])]
                fitting = [f for f in attached if f.start.year <= year <= (f.end or f.start).year]
                if not fitting:
                    continue
                wrong = _wrong_year(hits, int(published[:4]), rng)
                if wrong is None:
                    continue
                start = sent.start() + y.start(1)
                new = text[:start] + str(wrong) + text[start + 4 :]
                note = f"{fitting[0].name}: {year} -> {wrong}"
                cases.append(
                    Case(
                        "date_conflict",
                        file,
                        new,
                        published,
                        start,
                        start + 4,
                        str(year),
                        str(wrong),
                        note,
                    )
                )
    return cases


def _wrong_year(facts, latest: int, rng: random.Random) -> int | None:
    options = []
    for f in facts:
        first, last = f.start.year, (f.end or f.start).year
        options += [first - d for d in range(2, 10)] + [last + d for d in range(2, 10)]
    bad = [
        y
        for y in options
        if 1950 <= y <= latest
        and not any(f.start.year <= y <= (f.end or f.start).year for f in facts)
    ]
    return rng.choice(sorted(set(bad))) if bad else None


def respell(name: str) -> str | None:
    """The surname's last word spelled by the first rule that applies ("von der Leyen" ->
    "von der Leyan" is not attempted: particles stay)."""
    head, _, word = name.rpartition(" ")
    for pattern, replacement in RESPELL:
        changed = re.sub(pattern, replacement, word, count=1)
        if changed != word:
            return f"{head} {changed}".strip()
    return None


def name_cases(articles, kb, rng: random.Random) -> list[Case]:
    from rapidfuzz.distance import Levenshtein

    from parley.extract.entities import fold

    surnames = {s for r in kb.records.values() if r.kind == "person" for s in r.surnames}
    places = {}
    for r in kb.records.values():
        if r.kind == "place":
            for alias in r.aliases:
                a, b = fold(alias).lower(), fold(r.name).lower()
                if " " not in alias and len(alias) > 3 and 0 < Levenshtein.distance(a, b) <= 2:
                    places[r.name] = alias  # a spelling, not another name ("Moskva")
    cases = []
    for file, text, published in articles:
        for word in sorted(surnames | set(places)):
            found = list(re.finditer(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", text))
            if len(found) < 2:
                continue
            new_word = places.get(word) or respell(word)
            if new_word is None:
                continue
            m = rng.choice(found[1:])
            new = text[: m.start()] + new_word + text[m.end() :]
            end = m.start() + len(new_word)
            cases.append(
                Case(
                    "name_variant",
                    file,
                    new,
                    published,
                    m.start(),
                    end,
                    word,
                    new_word,
                    f"{word} -> {new_word}",
                )
            )
    return cases


def _around(text: str, start: int, end: int) -> str:
    return " ".join(text[max(0, start - 120) : end + 60].split())


JUDGED_KINDS = ("date_conflict", "internal_inconsistency", "name_variant", "unattributed_claim")
# the kinds whose judged flags count in the precision (unattributed_claim is judged, not scored)
PRECISION_KINDS = ("date_conflict", "internal_inconsistency", "name_variant")


def flag_key(flag: dict) -> str:
    """What identifies a flag across runs: its kind's main span or message."""
    if flag["kind"] == "name_variant":
        return flag["message"]
    return " | ".join(s["text"][:80] for s in flag["spans"][:2])


def judged_precision(flags: list[dict], judged: Path = JUDGED) -> dict[str, Any]:
    """Precision of the flags of ``PRECISION_KINDS`` over the hand-checked ones, and how many
    flags of every judged kind nobody has checked yet (``unjudged``)."""
    verdicts = {
        (j["file"], j["kind"], j["key"]): j["correct"]
        for j in json.loads(judged.read_text(encoding="utf-8"))["judged"]
    }
    right = wrong = unjudged = 0
    for flag in flags:
        key = hashlib.sha1(flag["key"].encode()).hexdigest()[:16]
        verdict = verdicts.get((flag["file"], flag["kind"], key))
        if verdict is None:
            unjudged += 1
        elif flag["kind"] in PRECISION_KINDS:
            right, wrong = right + verdict, wrong + (not verdict)
    return {
        "precision": right / max(1, right + wrong),
        "right": right,
        "wrong": wrong,
        "unjudged": unjudged,
    }


def _covers(flag: dict, start: int, end: int) -> bool:
    return any(s["start"] < end and start < s["end"] for s in flag["spans"])


def _analyse(texts: list[tuple[str, str]]) -> list[dict]:
    import parley
    from parley.model import Article

    articles = [Article(text=t, published=p) for t, p in texts]
    return [a.to_dict() for a in parley.analyze_batch(articles, batch_size=BATCH_SIZE)]


def evaluate(
    data: Path | None = None,
    cases: int = 150,
    seed: int = 7,
    flags_file=None,
    form_cases: int = 240,
    form_seed: int = 11,
):
    from parley.resources import load_resources

    articles = load_articles(data or DEFAULT_DATA)
    rng = random.Random(seed)
    started = time.perf_counter()
    result: dict[str, Any] = {"articles": len(articles)}
    pools = {
        "date_conflict": date_cases(articles, load_resources().facts, rng),
        "name_variant": name_cases(articles, load_resources().kb, rng),
    }
    missed: dict[str, list[str]] = {}
    for kind, pool in pools.items():
        chosen = rng.sample(pool, min(cases, len(pool)))
        analyses = _analyse([(c.text, c.published) for c in chosen])
        hit = [
            any(f["kind"] == kind and _covers(f, c.start, c.end) for f in a["flags"])
            for c, a in zip(chosen, analyses, strict=True)
        ]
        missed[kind] = [
            f"{c.file}: {c.note}: …{_around(c.text, c.start, c.end)}…"
            for c, h in zip(chosen, hit, strict=True)
            if not h
        ]
        result[kind] = {
            "sites": len(pool),
            "cases": len(chosen),
            "detected": sum(hit),
            "recall": round(sum(hit) / max(1, len(chosen)), 4),
        }
        if kind == "date_conflict":
            originals = {c.file: c for c in chosen}
            by_file = {f: (t, p) for f, t, p in articles}
            clean = _analyse([by_file[f] for f in originals])
            false = sum(
                any(f["kind"] == kind and _covers(f, c.start, c.end) for f in a["flags"])
                for c, a in zip(originals.values(), clean, strict=True)
            )
            result[kind]["false_alarms_on_originals"] = false
    # wrong dates in the surface forms of news, by a generator that knows nothing of the KB
    result["forms"], missed["forms"] = inject_forms.evaluate(
        articles, form_cases, form_seed, _analyse
    )
    untouched = _analyse([(t, p) for _, t, p in articles])
    counts = Counter(f["kind"] for a in untouched for f in a["flags"])
    result["flags"] = [
        {"file": file, "kind": f["kind"], "key": flag_key(f)}
        for (file, _, _), a in zip(articles, untouched, strict=True)
        for f in a["flags"]
        if f["kind"] in JUDGED_KINDS
    ]
    kinds = sorted(set(counts) | set(JUDGED_KINDS))  # a judged kind never raised counts 0
    result["flags_per_article"] = {k: round(counts[k] / len(articles), 3) for k in kinds}
    result["judged"] = judged_precision(result["flags"])
    result["seconds"] = round(time.perf_counter() - started, 1)
    result["missed"] = missed
    if flags_file:
        _write_flags(flags_file, articles, untouched)
    return result


def _write_flags(path: str, articles, analyses) -> None:
    rows = []
    for (file, _, _), a in zip(articles, analyses, strict=True):
        for f in a["flags"]:
            if f["kind"] in JUDGED_KINDS:
                context = [s["text"][:300] for s in f["spans"][:3]]
                rows.append(
                    {"file": file, "kind": f["kind"], "message": f["message"], "spans": context}
                )
    Path(path).write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--cases", type=int, default=150, help="cases per kind (default 150)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--form-cases", type=int, default=240, help="surface-form cases")
    parser.add_argument("--form-seed", type=int, default=11)
    parser.add_argument("--json", type=Path, default=None, help="also write the result here")
    parser.add_argument("--show", type=int, default=0, help="print N missed cases per kind")
    parser.add_argument("--flags", default=None, help="write every flag of the corpus here")
    args = parser.parse_args(argv)
    result = evaluate(args.data, args.cases, args.seed, args.flags, args.form_cases, args.form_seed)
    for kind in ("date_conflict", "name_variant"):
        r = result[kind]
        extra = (
            f", false alarms on originals {r['false_alarms_on_originals']}"
            if ("false_alarms_on_originals" in r)
            else ""
        )
        print(
            f"{kind:15s} sites {r['sites']:4d}  cases {r['cases']:4d}  "
            f"detected {r['detected']:4d}  recall {r['recall']:.3f}{extra}"
        )
        for row in result["missed"][kind][: args.show]:
            print(f"    missed {row}")
    inject_forms.report(result["forms"], result["missed"]["forms"], args.show)
    per = ", ".join(f"{k} {v:.3f}" for k, v in sorted(result["flags_per_article"].items()))
    print(f"untouched articles {result['articles']}: flags per article: {per}")
    j = result["judged"]
    print(
        f"precision over the hand-checked flags {j['precision']:.3f} ({j['right']} right, "
        f"{j['wrong']} wrong; {j['unjudged']} flags not checked yet)"
    )
    print(f"{result['seconds']} s")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
