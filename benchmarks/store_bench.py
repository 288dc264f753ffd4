"""The store at scale: ingest cost next to analysis, and query latency over 100k articles.

    python benchmarks/store_bench.py [--articles N] [--data DIR] [--json FILE] [--keep]
    python benchmarks/store_bench.py --db KEPT/big.db [--runs N]

1. Ingest: the ukraine-news articles (~400) are analysed and stored as ``parley ingest`` does
   (batches of 256, stories rebuilt at the end); the store's share of the ingest time is
   reported.
2. Scale: N articles (default 100,000) are synthesised by recombining the analysed articles:
   3-6 paragraphs from different articles, shuffled, with the entity mentions and offsets
   carried over and a random date in 2022-2024; quotes, events and flags are synthesised on
   top (today's analyses have none) so that those tables have realistic sizes. They are
   stored through the writer (no NLP on 100k texts).
3. Queries: each query function runs many times with varied filters on one warm connection;
   p50/p95/max are reported. Targets: search p95 < 50 ms, list queries p95 < 100 ms.
4. API: the list endpoints of ``parley serve`` (``GET /api/...``) the same way, through the
   whole ASGI stack in process (Starlette's test client; no network). Same targets.

``--db FILE --runs N`` times steps 3 and 4 only, on a store kept (``--keep``) from a run.

The database lives in a temporary folder under /tmp and is removed unless --keep.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ukraine_news import read_corpus

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "ukraine-news"
_TYPES = (
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN "
    "PROTEST SANCTION MOBILIZE COERCE ASSAULT"
)
TYPES = _TYPES.split()
STATUSES = ("asserted", "denied", "proposed", "planned", "hypothetical", "historical")
FLAG_KINDS = ("name_variant", "anonymous_source", "hedge", "date_conflict", "unattributed_claim")
OUTLETS = ("bbc.co.uk", "theguardian.com", "telegraph.co.uk", "washingtonpost.com", "cnn.com",
           "foxnews.com", "kyivpost.com", "ukrinform.net", "unian.info", "eng.belta.by",
           "tvn24.pl", "onet.pl")  # fmt: skip
SEARCHES = ("Zelensky", "grain deal", "Lavrov", "sanctions", "Black Sea", "nuclear plant",
            "Kherson", "ceasefire talks", "Wagner", "NATO summit", "Crimea bridge", "Bakhmut",
            "Patriot", "refugees Poland", "Istanbul", "Erdogan", "Kremlin", "gas pipeline",
            '"peace formula"', "Belarus", "Lukashenko", "drone attack", "Shoigu", "Macron",
            "Scholz tanks", "humanitarian corridor", "Mariupol", "evacuation", "Biden",
            "Kadyrov")  # fmt: skip
ACTORS = ("Volodymyr Zelenskyy", "Vladimir Putin", "Joe Biden", "NATO", "Sergey Lavrov",
          "Alexander Lukashenko", "Olaf Scholz", "China", "Poland", "European Union")  # fmt: skip


def fail(message: str) -> None:
    print(f"store_bench: {message}", file=sys.stderr)
    raise SystemExit(1)


def load(data: Path) -> list[Any]:
    from parley.model import Article

    return [
        Article(text, published=e["published"], source=e["country"], input=e["file"])
        for e, text in read_corpus(data, fail)
    ]


def ingest(articles: list[Any], path: Path) -> tuple[dict[str, float], list[dict]]:
    """Analyse and store as ``parley ingest`` does; time the store apart from the analysis."""
    import parley
    from parley.nlp import load_pipeline
    from parley.store import connect, rebuild
    from parley.store.writer import store_batch

    load_pipeline()
    list(parley.analyze_batch(articles[:8]))  # warm up
    conn = connect(path, create=True)
    records: list[dict] = []
    batch: list[dict] = []
    store = 0.0
    start = time.perf_counter()
    for analysis in parley.analyze_batch(articles, on_error=lambda a, e: None):
        t = time.perf_counter()
        batch.append(analysis.to_dict())
        if len(batch) >= 256:
            store_batch(conn, batch)
            records.extend(batch)
            batch = []
        store += time.perf_counter() - t
    t = time.perf_counter()
    store_batch(conn, batch)
    records.extend(batch)
    store += time.perf_counter() - t
    t = time.perf_counter()
    rebuild(conn)
    stories = time.perf_counter() - t
    total = time.perf_counter() - start
    conn.close()
    return {
        "articles": len(records),
        "total_s": total,
        "analysis_s": total - store - stories,
        "store_s": store,
        "stories_s": stories,
        "store_share": store / total,
        "store_and_stories_share": (store + stories) / total,
    }, records


def paragraphs(records: list[dict]) -> list[dict]:
    """Paragraphs of the analysed articles with their entity mentions (relative offsets)."""
    out = []
    for r in records:
        text = r["article"]["text"]
        for m in re.finditer(r"[^\n]{60,}", text):
            s, e = m.span()
            ents = []
            for ent in r["entities"]:
                spans = [(x["start"] - s, x["end"] - s) for x in ent["mentions"]
                         if s <= x["start"] and x["end"] <= e]  # fmt: skip
                if spans:
                    meta = {k: ent[k] for k in ("name", "kind", "kb_id", "wikidata", "country",
                                                "sector", "role")}  # fmt: skip
                    ents.append((ent["kb_id"] or ent["kind"] + ":" + ent["name"], meta, spans))
            out.append({"text": text[s:e], "ents": ents})
    return out


def synthesise(paras: list[dict], rng: random.Random, n: int) -> dict:
    """One synthetic ``parley.analysis/1`` record made of 3-6 random paragraphs."""
    chosen = rng.sample(paras, rng.randint(3, 6))
    parts, pos, ents, sentences, owners = [], 0, {}, [], []
    for i, p in enumerate(chosen):
        parts.append(p["text"])
        sentences.append({"i": i, "start": pos, "end": pos + len(p["text"])})
        for key, meta, spans in p["ents"]:
            entry = ents.setdefault(key, {"meta": meta, "spans": []})
            entry["spans"].extend((a + pos, b + pos) for a, b in spans)
        owners.append([key for key, _, _ in p["ents"]])
        pos += len(p["text"]) + 2
    text = "\n\n".join(parts)
    ids = {key: f"E{i + 1}" for i, key in enumerate(ents)}
    entities = [
        {"id": ids[k], **v["meta"],
         "mentions": [{"start": a, "end": b, "text": text[a:b]} for a, b in v["spans"]],
         "variants": sorted({text[a:b] for a, b in v["spans"]})}
        for k, v in ents.items()
    ]  # fmt: skip

    def span(a: int, b: int) -> dict:
        return {"start": a, "end": b, "text": text[a:b]}

    quotes, events = [], []
    for i, keys in enumerate(owners):
        s = sentences[i]
        people = [k for k in keys if ents[k]["meta"]["kind"] == "person"]
        if people and len(quotes) < 4:
            a, b = ents[people[0]]["spans"][0]
            quotes.append({"id": f"Q{len(quotes) + 1}", "kind": rng.choice(["direct", "indirect"]),
                           "content": span(s["start"], min(s["end"], s["start"] + 240)),
                           "cue": None, "speaker": span(a, b), "speaker_entity": ids[people[0]],
                           "anonymous": False, "channel": None, "via": None,
                           "sentence": i})  # fmt: skip
        if len(keys) >= 2:
            a, b = ents[keys[0]]["spans"][0]
            events.append({"id": f"V{len(events) + 1}", "type": rng.choice(TYPES), "mode": None,
                           "actors": [ids[keys[0]]], "recipients": [ids[keys[1]]],
                           "trigger": span(a, b), "status": rng.choice(STATUSES),
                           "negated": False, "when": None, "where": None, "reported_by": None,
                           "sentence": i, "confidence": round(rng.random(), 2)})  # fmt: skip
    first = entities[0]["mentions"][0] if entities else span(0, min(10, len(text)))
    flags = [{"kind": rng.choice(FLAG_KINDS), "severity": rng.choice(["info", "warning"]),
              "message": "synthetic", "spans": [first], "evidence": {}}]  # fmt: skip
    day = 738156 + rng.randrange(1096)  # 2022-01-01 + up to three years
    from datetime import date

    return {
        "schema": "parley.analysis/1",
        "article": {"id": "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest(),
                    "text": text, "title": parts[0][:80], "source": rng.choice(OUTLETS),
                    "url": f"https://example.org/{n}", "language": "en", "sections": [],
                    "published": date.fromordinal(day).isoformat() + "T12:00:00Z"},
        "sentences": sentences, "entities": entities, "quotes": quotes, "events": events,
        "times": [], "positions": [], "claims": [], "flags": flags,
        "meta": {"input": f"synthetic/{n}", "parley_version": "bench", "model": "none",
                 "seconds": 0.0},
    }  # fmt: skip


def fill(path: Path, records: list[dict], n: int, seed: int = 7) -> dict[str, float]:
    from parley.store import connect
    from parley.store.writer import store_batch

    rng = random.Random(seed)
    paras = paragraphs(records)
    conn = connect(path, create=True)
    have = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    made = stored = 0
    synth = store = 0.0
    while have + stored < n:
        t = time.perf_counter()
        batch = [synthesise(paras, rng, made + i) for i in range(min(1000, n - have - stored))]
        made += len(batch)
        synth += time.perf_counter() - t
        t = time.perf_counter()
        stored += store_batch(conn, batch).stored
        store += time.perf_counter() - t
        if stored // 10000 != (stored - len(batch)) // 10000:
            print(f"  {have + stored:>7} articles stored ({stored / store:.0f}/s)", file=sys.stderr)
    conn.execute("PRAGMA optimize")
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('optimize')")
    conn.close()
    return {"synthesised": made, "stored": stored, "store_s": store,
            "store_rate": stored / store if store else 0.0, "synthesis_s": synth}  # fmt: skip


def timed(fn: Callable[[], Any], runs: int) -> dict[str, float]:
    fn()  # warm
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return {"runs": runs, "p50_ms": statistics.median(times),
            "p95_ms": times[max(0, round(0.95 * len(times)) - 1)], "max_ms": times[-1]}  # fmt: skip


def queries(path: Path, runs: int, seed: int = 11) -> dict[str, dict[str, float]]:
    from parley import store as s

    conn = s.connect(path)
    rng = random.Random(seed)

    def month() -> tuple[str, str]:
        y, m = rng.choice([2022, 2023, 2024]), rng.randint(1, 12)
        return f"{y}-{m:02d}-01", f"{y}-{m:02d}-28"

    def search() -> Any:
        since, until = month()
        kw = rng.choice([{}, {}, {"since": since, "until": until}, {"source": rng.choice(OUTLETS)},
                         {"actor": rng.choice(ACTORS)}])  # fmt: skip
        return s.search(conn, rng.choice(SEARCHES), **kw)

    def lists(fn: Callable, choices: list[dict]) -> Callable[[], Any]:
        return lambda: fn(conn, **rng.choice(choices), offset=rng.choice([0, 0, 20, 100]))

    since = {"since": "2024-06-01"}
    plans: dict[str, Callable[[], Any]] = {
        "search": search,
        "articles": lists(s.articles, [{}, since, {"source": "cnn.com"}, {"actor": "NATO"}]),
        "quotes": lists(s.quotes, [{}, {"speaker": "Vladimir Putin"}, {"about": "sanctions"},
                                   since, {"speaker": "Zelensky", **since}]),
        "events": lists(s.events, [{}, {"type": "ASSAULT"}, {"actor": "Russia"},
                                   {"type": "CONSULT", **since}, {"recipient": "Ukraine"},
                                   {"status": "denied"}]),
        "flags": lists(s.flags, [{}, {"kind": "hedge"}, {"severity": "warning", **since}]),
        "entity": lambda: s.entity(conn, rng.choice(ACTORS)),
        "stories": lambda: s.list_stories(conn, offset=rng.choice([0, 20])),
    }  # fmt: skip
    out = {name: timed(fn, runs) for name, fn in plans.items()}
    conn.close()
    return out


def api_queries(path: Path, runs: int, seed: int = 13) -> dict[str, dict[str, float]]:
    """The API's list endpoints through the whole ASGI stack (Starlette's test client, in
    process: routing, parameter parsing, the query, JSON encoding; no network)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient
    from parley.web import create_app

    client = TestClient(create_app(path))
    client.__enter__()  # one event loop and thread pool for all requests, as under uvicorn
    rng = random.Random(seed)

    def get(url: str, choices: list[dict[str, Any]]) -> Callable[[], Any]:
        def run() -> Any:
            params = dict(rng.choice(choices), offset=rng.choice([0, 0, 20, 100]))
            r = client.get(url, params=params)
            if r.status_code != 200:
                fail(f"GET {url} {params}: {r.status_code} {r.text[:200]}")
            return r

        return run

    since = {"since": "2024-06-01"}
    plans: dict[str, Callable[[], Any]] = {
        "GET /api/search": get("/api/search", [
            {"q": q, **f} for q in SEARCHES
            for f in ({}, {}, {"since": "2023-01-01", "until": "2023-01-28"},
                      {"source": "cnn.com"}, {"actor": "NATO"})]),
        "GET /api/articles": get("/api/articles", [{}, since, {"source": "cnn.com"},
                                                   {"actor": "NATO"}]),
        "GET /api/quotes": get("/api/quotes", [{}, {"speaker": "Vladimir Putin"},
                                               {"about": "sanctions"}, since]),
        "GET /api/events": get("/api/events", [{}, {"type": "ASSAULT"}, {"actor": "Russia"},
                                               {"recipient": "Ukraine"}, {"status": "denied"}]),
        "GET /api/flags": get("/api/flags", [{}, {"kind": "hedge"}, {"severity": "warning"}]),
        "GET /api/entities": get("/api/entities", [{}, {"q": "Zel"}, {"kind": "state"}]),
        "GET /api/stories": get("/api/stories", [{}, {"actor": "NATO"}]),
    }  # fmt: skip
    out = {name: timed(fn, runs) for name, fn in plans.items()}
    client.__exit__(None, None, None)
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--articles", type=int, default=100_000, help="articles in the store")
    p.add_argument("--data", type=Path, default=DEFAULT_DATA)
    p.add_argument("--runs", type=int, default=200, help="runs per query function")
    p.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    p.add_argument("--keep", action="store_true", help="keep the database folder")
    p.add_argument("--db", type=Path, help="only query this store (kept from an earlier run)")
    args = p.parse_args(argv)
    try:
        import parley  # noqa: F401
    except ImportError:
        sys.path.insert(0, str(REPO / "src"))
    if args.db:
        return query_only(args)
    folder = Path(tempfile.mkdtemp(prefix="parley-store-bench-", dir="/tmp"))
    try:
        articles = load(args.data)
        print(f"ingesting {len(articles)} real articles ...", file=sys.stderr)
        ing, records = ingest(articles, folder / "ingest.db")
        shutil.copy(folder / "ingest.db", folder / "big.db")
        print(f"filling the store to {args.articles} articles ...", file=sys.stderr)
        fill_stats = fill(folder / "big.db", records, args.articles)
        from parley.store import connect, rebuild

        conn = connect(folder / "big.db")
        t = time.perf_counter()
        n_stories = rebuild(conn)
        fill_stats["stories_s"], fill_stats["stories"] = time.perf_counter() - t, n_stories
        conn.close()
        fill_stats["db_mb"] = sum(f.stat().st_size for f in folder.glob("big.db*")) / 2**20
        print("querying ...", file=sys.stderr)
        q = queries(folder / "big.db", args.runs)
        q.update(api_queries(folder / "big.db", args.runs))
    finally:
        if args.keep:
            print(f"kept {folder}", file=sys.stderr)
        else:
            shutil.rmtree(folder, ignore_errors=True)
    report(ing, fill_stats, q, args.articles)
    if args.json:
        Path(args.json).write_text(json.dumps(
            {"ingest": ing, "fill": fill_stats, "queries": q, "articles": args.articles},
            indent=2) + "\n", encoding="utf-8")  # fmt: skip
    return 0


def query_only(args: argparse.Namespace) -> int:
    """``--db FILE``: the query timings of an existing store, nothing built."""
    if not args.db.is_file():
        fail(f"no store at {args.db}")
    from parley.store import connect

    conn = connect(args.db)
    n = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    conn.close()
    q = queries(args.db, args.runs)
    q.update(api_queries(args.db, args.runs))
    print(f"store {args.db}: {n} articles")
    report_queries(q)
    if args.json:
        Path(args.json).write_text(json.dumps({"queries": q, "articles": n}, indent=2) + "\n",
                                   encoding="utf-8")  # fmt: skip
    return 0


def report_queries(q: dict) -> None:
    targets = {"search": 50.0, "GET /api/search": 50.0}
    print(f"\n{'query':<20}{'runs':>6}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}  target p95")
    for name, r in q.items():
        target = targets.get(name, 100.0)
        ok = "ok" if r["p95_ms"] < target else "MISSED"
        print(f"{name:<20}{r['runs']:>6}{r['p50_ms']:>10.1f}{r['p95_ms']:>10.1f}"
              f"{r['max_ms']:>10.1f}  < {target:.0f} {ok}")  # fmt: skip


def report(ing: dict, fill_stats: dict, q: dict, n: int) -> None:
    print(
        f"\nIngest of {ing['articles']} real articles: {ing['total_s']:.1f} s "
        f"(analysis {ing['analysis_s']:.1f} s, store {ing['store_s']:.2f} s, "
        f"stories {ing['stories_s']:.2f} s)"
    )
    print(
        f"store share of ingest time: {ing['store_share']:.1%} "
        f"({ing['store_and_stories_share']:.1%} with the story rebuild)"
    )
    print(
        f"\nStore of {n} articles: {fill_stats['stored']} synthetic stored at "
        f"{fill_stats['store_rate']:.0f} articles/s; {fill_stats['db_mb']:.0f} MiB; "
        f"stories rebuilt in {fill_stats['stories_s']:.1f} s ({fill_stats['stories']} stories)"
    )
    report_queries(q)


if __name__ == "__main__":
    sys.exit(main())
