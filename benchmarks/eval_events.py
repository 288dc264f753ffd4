"""parley's event coding scored on the PLOVER gold-standard records (dev half).

    python benchmarks/eval_events.py [--limit N] [--data FILE] [--json FILE] [--errors N]

Reads ``../shared/data/plover-gsr/dev.json`` (a JSON list: a header record, then one record
per example sentence). Each record's ``text`` goes through the pinned spaCy pipeline in one
``nlp.pipe`` batch, then through parley's stages as the analysis runs them: entities
(``extract_entities``), the actors named only by demonyms or group nouns
(``extract.actors.complete_actors``), times, quotes, and ``extract_events`` with the record's
``date`` as the publication date.

Labels. The file is coded with PLOVER 0.5b1; the four labels that no longer exist are
mapped as the data README says (the CAMEO-to-PLOVER table of the PLOVER manual): DEMAND ->
REQUEST, DISAPPROVE -> ACCUSE, FIGHT -> ASSAULT, INVESTIGATE -> ACCUSE. Every other label
is kept.

Event type. parley's main event of a record is its highest-confidence event (the earliest
one on a tie); the gold label is never used to choose it. A record is correct when that
type equals the gold type; a record without any event is a miss. Precision = correct /
records with an event, recall = correct / records, F1 their harmonic mean (micro over
records). Per type: precision, recall and F1 of the main-event type against the gold type
(macro = their mean over the gold types). ``any_event_recall`` (gold type among all of
parley's events of the record) is reported for information only.

Actor country. Among records whose gold ``source`` names at least one actor code: the
matched event is parley's highest-confidence event of the gold type if it has one, else
its main event; the record counts as correct when the code of one of that event's actors
equals one of the gold source codes. An actor's code is its entity's ``country`` (ISO
3166 alpha-3). Gold codes that are not countries (IGO, NGO, IMG, ISM, MNC: international
organisations, movements, armed groups and companies) match an actor that is an
organisation, group or media outlet without a country; three pre-ISO codes of the file are
read as their ISO equivalents (ITL -> ITA, JAP -> JPN, VTN -> VNM). A record without an
event or without an actor is wrong. ``actor_first`` is the stricter share where parley's
first actor matches the first gold code.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from scoring import SHARED_DATA, import_parley, prf

DEFAULT_DATA = SHARED_DATA / "plover-gsr" / "dev.json"
BATCH_SIZE = 64
LABELS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT", "INVESTIGATE": "ACCUSE"}
NON_STATE = {"IGO", "NGO", "IMG", "ISM", "MNC"}
OLD_CODES = {"ITL": "ITA", "JAP": "JPN", "VTN": "VNM"}
ORG_KINDS = {"organization", "group", "media"}


class DataMissing(Exception):
    """The gold file is not where it was looked for."""


def read_records(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    if not path.is_file():
        raise DataMissing(
            f"no PLOVER gold records at {path}; they are read from ../shared/data/plover-gsr "
            "next to this repository (pass --data FILE to point at dev.json elsewhere)"
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataMissing(f"{path} cannot be read: {exc}") from None
    records = [r for r in data if isinstance(r, dict) and r.get("event") not in (None, "DOCUMENT")]
    if not records:
        raise DataMissing(f"{path} holds no records")
    return records[:limit] if limit else records


def gold_label(record: dict[str, Any]) -> str:
    return LABELS.get(record["event"], record["event"])


def gold_codes(record: dict[str, Any]) -> list[str]:
    source = record.get("source")
    if not isinstance(source, list):
        return []
    codes = []
    for actor in source:
        code = str(actor.get("code") or "")[:3].upper() if isinstance(actor, dict) else ""
        if code:
            codes.append("ORG" if code in NON_STATE else OLD_CODES.get(code, code))
    return codes


def actor_code(entity: Any) -> str | None:
    if entity.country:
        return entity.country
    if entity.kind in ORG_KINDS:
        return "ORG"
    return None


def run(records: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, float]]:
    """parley's events for each record, as plain dicts, and the seconds each stage took."""
    import_parley()
    from parley.extract.actors import complete_actors
    from parley.extract.entities import extract_entities
    from parley.extract.events import extract_events
    from parley.extract.quotes import extract_quotes
    from parley.extract.times import extract_times
    from parley.resources import load_resources

    res = load_resources().warm()
    nlp = res.nlp
    seconds = Counter()
    started = time.perf_counter()
    docs = list(nlp.pipe([r["text"] for r in records], batch_size=BATCH_SIZE))
    seconds["spacy"] = time.perf_counter() - started
    out = []
    for record, doc in zip(records, docs, strict=True):
        day = date.fromisoformat(record["date"][:10]) if record.get("date") else None
        t0 = time.perf_counter()
        entities = extract_entities(doc, day, res=res)
        t1 = time.perf_counter()
        entities = complete_actors(doc, entities, res=res)
        times = extract_times(doc, day)
        quotes = extract_quotes(doc, entities, day, res=res)
        t2 = time.perf_counter()
        events = extract_events(doc, entities, quotes, times, day, res=res)
        t3 = time.perf_counter()
        seconds["entities"] += t1 - t0
        seconds["times_quotes_actors"] += t2 - t1
        seconds["events"] += t3 - t2
        by_id = {e.id: e for e in entities}
        out.append(
            {
                "events": [
                    {
                        "type": ev.type,
                        "mode": ev.mode,
                        "trigger": ev.trigger.text,
                        "status": ev.status,
                        "confidence": ev.confidence,
                        "actors": [
                            (by_id[a].name, actor_code(by_id[a])) for a in ev.actors if a in by_id
                        ],
                        "recipients": [
                            (by_id[a].name, actor_code(by_id[a]))
                            for a in ev.recipients
                            if a in by_id
                        ],
                    }
                    for ev in events
                ]
            }
        )
    return out, {k: round(v, 3) for k, v in seconds.items()}


def main_event(events: list[dict[str, Any]]) -> dict[str, Any] | None:
    best = None
    for ev in events:  # the earliest wins a tie
        if best is None or ev["confidence"] > best["confidence"]:
            best = ev
    return best


def score(records: list[dict[str, Any]], predicted: list[dict[str, Any]]) -> dict[str, Any]:
    n = len(records)
    correct = with_event = any_hit = 0
    tp: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    actor_total = actor_ok = actor_first = 0
    rows = []
    for record, pred in zip(records, predicted, strict=True):
        gold = gold_label(record)
        events = pred["events"]
        main = main_event(events)
        n_gold[gold] += 1
        if main is not None:
            with_event += 1
            n_pred[main["type"]] += 1
            if main["type"] == gold:
                correct += 1
                tp[gold] += 1
        if any(ev["type"] == gold for ev in events):
            any_hit += 1
        codes = gold_codes(record)
        actor_right = None
        if codes:
            actor_total += 1
            same = [ev for ev in events if ev["type"] == gold]
            matched = main_event(same) or main
            mine = [code for _, code in (matched["actors"] if matched else []) if code]
            actor_right = bool(set(mine) & set(codes))
            actor_ok += actor_right
            if mine and mine[0] == codes[0]:
                actor_first += 1
        rows.append(
            {
                "id": record.get("id"),
                "text": record["text"],
                "gold": gold,
                "gold_codes": codes,
                "main": main,
                "actor_right": actor_right,
            }
        )
    per_type = {t: prf(tp[t], n_pred[t], n_gold[t]) for t in sorted(n_gold)}
    overall = prf(correct, with_event, n)
    return {
        "records": n,
        "type": overall,
        "macro_f1": sum(s["f1"] for s in per_type.values()) / len(per_type) if per_type else 0.0,
        "per_type": per_type,
        "any_event_recall": any_hit / n if n else 0.0,
        "no_event": n - with_event,
        "actor": {
            "records": actor_total,
            "accuracy": actor_ok / actor_total if actor_total else 0.0,
            "correct": actor_ok,
            "actor_first": actor_first / actor_total if actor_total else 0.0,
        },
        "_rows": rows,
    }


def evaluate(limit: int | None = None, data: Path | None = None) -> dict[str, Any]:
    """Score parley on the first ``limit`` records (all when None).

    Raises ``DataMissing`` when the data file is absent. The result holds the scores, the
    gold label counts, the seconds per stage and, under ``"_rows"``, each record's main
    event (for error analysis).
    """
    path = Path(data) if data is not None else DEFAULT_DATA
    records = read_records(path, limit)
    parley = import_parley()
    predicted, seconds = run(records)
    result = score(records, predicted)
    result.update(
        {
            "data": str(path),
            "gold": dict(Counter(gold_label(r) for r in records)),
            "model": parley.nlp.describe(parley.nlp.load_pipeline()),
            "parley_version": getattr(parley, "__version__", None),
            "python": platform.python_version(),
            "seconds": seconds,
        }
    )
    return result


def print_table(result: dict[str, Any]) -> None:
    t = result["type"]
    print(f"{result['records']} records from {result['data']}; model {result['model']}")
    print(
        f"event type (main event): P {t['precision']:.3f}  R {t['recall']:.3f}  "
        f"F1 {t['f1']:.3f}  ({t['tp']} correct, {result['no_event']} without event; "
        f"macro F1 {result['macro_f1']:.3f}; any-event recall {result['any_event_recall']:.3f})"
    )
    a = result["actor"]
    print(
        f"actor country: {a['accuracy']:.3f} ({a['correct']}/{a['records']}; "
        f"first actor = first gold code {a['actor_first']:.3f})\n"
    )
    print(f"{'type':<11}{'gold':>5}{'pred':>6}{'P':>8}{'R':>7}{'F1':>7}")
    for kind, s in result["per_type"].items():
        print(
            f"{kind:<11}{s['gold']:>5}{s['pred']:>6}{s['precision']:>8.3f}{s['recall']:>7.3f}"
            f"{s['f1']:>7.3f}"
        )
    secs = result["seconds"]
    print("\nseconds: " + ", ".join(f"{k} {v:.2f}" for k, v in secs.items()))


def print_errors(result: dict[str, Any], n: int) -> None:
    wrong = [r for r in result["_rows"] if not r["main"] or r["main"]["type"] != r["gold"]]
    print(f"\nwrong event type: {len(wrong)}")
    for r in wrong[:n]:
        main = r["main"]
        got = f"{main['type']} '{main['trigger']}'" if main else "-"
        print(f"  gold {r['gold']:<10} parley {got:<30} {r['text'][:110]!r}")
    bad = [r for r in result["_rows"] if r["actor_right"] is False]
    print(f"\nwrong actor country: {len(bad)}")
    for r in bad[:n]:
        main = r["main"]
        got = main["actors"] if main else "-"
        print(f"  gold {r['gold_codes']} parley {got} {r['text'][:100]!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, help="use only the first N records")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="path of dev.json")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the numbers here")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="print N errors")
    args = parser.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
    try:
        result = evaluate(args.limit, args.data)
    except DataMissing as exc:
        print(f"eval_events: {exc}", file=sys.stderr)
        return 1
    print_table(result)
    if args.errors:
        print_errors(result, args.errors)
    result.pop("_rows", None)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(f"numbers written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
