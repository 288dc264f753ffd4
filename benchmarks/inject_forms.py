"""Wrong dates written the way news writes about past events, for the date check.

    python benchmarks/inject_forms.py [--data DIR] [--cases N] [--seed S] [--show N]

This generator knows nothing of parley's knowledge base or of how the check reads a text.
It holds its own short list of well-known events (who did what to whom, and when), written
for it from public knowledge, and writes a background sentence about one of them in one of
the surface forms news uses for a past event:

* ``verb``: "Russia invaded Georgia in August 2008."
* ``passive``: "Georgia was invaded by Russia in August 2008."
* ``noun``: "Russia's invasion of Georgia in August 2008 ..." (a possessive actor)
* ``demonym``: "The Russian invasion of Georgia in August 2008 ..."
* ``attributive``: "The August 2008 invasion of Georgia by Russia ..." (the date before the
  noun; for events done to someone)
* ``since``: "Since Russia invaded Georgia in August 2008, ..."
* ``appositive``: "Russia's invasion of Georgia, launched in August 2008, ..."
* ``initial``: "In August 2008, Russia invaded Georgia." (the date opens the sentence)

The date is stated as a year, a month or a day, and made wrong in one of three ways:
``year`` (two to nine years off, outside every year the statement would be true),
``month`` (the right year, another month at least two away) or ``day`` (the right month,
another day at least three away; for events of one day only). Each case article gets one
such wrong sentence and, in another paragraph, one sentence with the right date about
another event: a flag on the right one is a false alarm. Only events that happened before
the article was published are used. Detected when a ``date_conflict`` flag covers the
wrong date.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

FORMS = ("verb", "passive", "noun", "demonym", "attributive", "since", "appositive", "initial")
WRONG = ("year", "month", "day")
MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)


@dataclass(frozen=True)
class Told:
    """One past event and the words a reporter would use for it."""

    day: date
    actor: str  # "Russia"
    verb: str  # "invaded Georgia"
    passive: str | None = None  # "Georgia was invaded by Russia"
    noun: str | None = None  # "invasion of Georgia"
    adjective: str | None = None  # "Russian"
    apposed: str = "which took place"  # what joins an appositive date ("launched")
    one_day: bool = True  # over in a day: a wrong day or month is wrong
    true_years: tuple[int, ...] = ()  # other years in which the statement holds


EVENTS = (
    Told(date(2008, 8, 8), "Russia", "invaded Georgia", "Georgia was invaded by Russia",
         "invasion of Georgia", "Russian", "launched", one_day=False),
    Told(date(2014, 3, 18), "Russia", "annexed Crimea", "Crimea was annexed by Russia",
         "annexation of Crimea", "Russian", "formalised", one_day=False),
    Told(date(2022, 2, 24), "Russia", "invaded Ukraine", "Ukraine was invaded by Russia",
         "full-scale invasion of Ukraine", "Russian", "launched", true_years=(2014,)),
    Told(date(2022, 2, 24), "Russia", "launched its full-scale invasion of Ukraine", None,
         "all-out assault on Ukraine", "Russian", "launched", true_years=(2014,)),
    Told(date(2014, 7, 17), "Russian-backed separatists", "shot down Malaysia Airlines "
         "Flight MH17 over eastern Ukraine", "Malaysia Airlines Flight MH17 was shot down "
         "over eastern Ukraine", "downing of Malaysia Airlines Flight MH17", None, "which came"),
    Told(date(2015, 2, 12), "Russia and Ukraine", "signed the Minsk II agreement",
         "The Minsk II agreement was signed", "signing of the Minsk II agreement", None, "sealed"),
    Told(date(2023, 10, 7), "Hamas", "stormed southern Israel, killing about 1,200 people",
         None, "cross-border assault on southern Israel", None, "carried out"),
    Told(date(2023, 4, 4), "Finland", "joined NATO", None, "accession to NATO", "Finnish",
         "completed"),
    Told(date(2024, 3, 7), "Sweden", "joined NATO", None, "accession to NATO", "Swedish",
         "completed"),
    Told(date(2023, 9, 19), "Azerbaijan", "launched an offensive to retake Nagorno-Karabakh",
         None, "offensive in Nagorno-Karabakh", "Azerbaijani", "launched"),
    Told(date(2020, 9, 27), "Azerbaijan", "went to war with Armenia over Nagorno-Karabakh",
         None, "war with Armenia over Nagorno-Karabakh", "Azerbaijani", "which began",
         one_day=False, true_years=(2016,)),
    Told(date(2023, 6, 24), "the Wagner group", "staged a mutiny against Moscow", None,
         "mutiny against Moscow", None, "which erupted"),
    Told(date(2023, 8, 23), "Yevgeny Prigozhin", "was killed in a plane crash", None,
         "death in a plane crash", None, "which came"),
    Told(date(2024, 2, 16), "Alexei Navalny", "died in an Arctic penal colony", None,
         "death in an Arctic penal colony", None, "which came"),
    Told(date(2023, 6, 6), "Russian forces", "blew up the Kakhovka dam",
         "The Kakhovka dam was destroyed", "destruction of the Kakhovka dam", None,
         "which came"),
    Told(date(2024, 8, 6), "Ukraine", "launched an incursion into Russia's Kursk region",
         None, "incursion into Russia's Kursk region", "Ukrainian", "launched"),
    Told(date(2021, 8, 15), "the Taliban", "seized Kabul", "Kabul was seized by the Taliban",
         "takeover of Kabul", None, "which came", true_years=(1996,)),
    Told(date(2016, 6, 23), "Britain", "voted to leave the European Union", None,
         "vote to leave the European Union", "British", "held"),
    Told(date(2015, 7, 14), "Iran and six world powers", "agreed the nuclear deal",
         "The Iran nuclear deal was agreed", "nuclear deal", None, "reached"),
    Told(date(2018, 5, 8), "the United States", "withdrew from the Iran nuclear deal", None,
         "withdrawal from the Iran nuclear deal", "American", "announced"),
    Told(date(2023, 5, 20), "Russian forces", "captured Bakhmut", "Bakhmut was captured by "
         "Russian forces", "capture of Bakhmut", "Russian", "which came", one_day=False),
    Told(date(2022, 11, 11), "Ukrainian forces", "recaptured Kherson", "Kherson was "
         "recaptured by Ukrainian forces", "recapture of Kherson", "Ukrainian", "which came"),
    Told(date(2022, 4, 14), "Ukraine", "sank the Russian cruiser Moskva", "The Russian "
         "cruiser Moskva was sunk by Ukraine", "sinking of the Russian cruiser Moskva",
         "Ukrainian", "which came"),
    Told(date(2022, 9, 30), "Russia", "annexed four Ukrainian regions", "Four Ukrainian "
         "regions were annexed by Russia", "annexation of four Ukrainian regions", "Russian",
         "proclaimed"),
    Told(date(2021, 2, 1), "Myanmar's military", "seized power in a coup", None,
         "coup", None, "staged"),
)  # fmt: skip
TAILS = (
    "still shapes the region's politics",
    "is often cited by officials",
    "changed the security debate in Europe",
    "remains a reference point for diplomats",
)


def _possessive(actor: str) -> str:
    return f"{actor}'" if actor.endswith("s") else f"{actor}'s"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def stated(day: date, precision: str) -> tuple[str, str]:
    """The date as news writes it after "in"/"on", and the preposition."""
    if precision == "year":
        return str(day.year), "in"
    if precision == "month":
        return f"{MONTHS[day.month - 1]} {day.year}", "in"
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}", "on"


def supports(told: Told, form: str) -> bool:
    """Whether the event can be told in the form (a passive needs an event done to someone)."""
    if form == "passive":
        return told.passive is not None
    if form in ("noun", "appositive"):
        return told.noun is not None
    if form == "demonym":
        return told.noun is not None and told.adjective is not None
    if form == "attributive":
        return told.noun is not None and " by " in (told.passive or "")
    return True


def sentence(told: Told, form: str, when: str, prep: str, rng: random.Random):
    """The sentence and where ``when`` stands in it."""
    tail = rng.choice(TAILS)
    at = f"{prep} {when}"
    if form == "verb":
        text = f"{_cap(told.actor)} {told.verb} {at}."
    elif form == "passive":
        text = f"{told.passive} {at}."
    elif form == "noun":
        text = f"{_cap(_possessive(told.actor))} {told.noun} {at} {tail}."
    elif form == "demonym":
        text = f"The {told.adjective} {told.noun} {at} {tail}."
    elif form == "attributive":
        text = f"The {when} {told.noun} by {told.actor} {tail}."
    elif form == "since":
        text = f"Since {told.actor} {told.verb} {at}, the debate has not stopped."
    elif form == "appositive":
        text = f"{_cap(_possessive(told.actor))} {told.noun}, {told.apposed} {at}, {tail}."
    else:  # initial
        text = f"{_cap(prep)} {when}, {told.actor} {told.verb}."
    start = text.index(when)
    return text, start, start + len(when)


def wrong_date(told: Told, how: str, published: date, rng: random.Random):
    """A wrong date and its precision, or None."""
    day = told.day
    if how == "year":
        bad = sorted(
            {day.year + d for d in (-9, -8, -7, -6, -5, -4, -3, -2, 2, 3, 4, 5, 6, 7, 8, 9)}
            - set(told.true_years)
        )
        bad = [y for y in bad if 1990 <= y < published.year]
        if not bad:
            return None
        precision = rng.choice(("year", "month", "day"))
        year = rng.choice(bad)
        return date(year, day.month, min(day.day, 28)), precision
    if not told.one_day:
        return None
    if how == "month":
        months = [m for m in range(1, 13) if abs(m - day.month) >= 2]
        new = date(day.year, rng.choice(months), min(day.day, 28))
        return (new, rng.choice(("month", "day"))) if new < published else None
    days = [d for d in range(1, 29) if abs(d - day.day) >= 3]
    new = date(day.year, day.month, rng.choice(days))
    return (new, "day") if new < published else None


@dataclass(frozen=True)
class Case:
    file: str
    text: str
    published: str
    form: str
    wrong: str  # year, month or day
    start: int  # the wrong date in ``text``
    end: int
    right_start: int  # the right date of the other inserted sentence
    right_end: int
    note: str


def _paragraph_ends(text: str) -> list[int]:
    ends = [i for i in range(len(text)) if text.startswith("\n\n", i)]
    return ends or [len(text)]


def _insert(text: str, at: int, sent: str) -> tuple[str, int]:
    piece = "\n\n" + sent
    return text[:at] + piece + text[at:], at + 2


def make_case(file: str, text: str, published: str, rng: random.Random) -> Case | None:
    pub = date.fromisoformat(published[:10])
    known = [t for t in EVENTS if (pub - t.day).days > 30]
    if len(known) < 2:
        return None
    for _ in range(20):
        form, how = rng.choice(FORMS), rng.choice(WRONG)
        able = [t for t in known if supports(t, form)]
        if not able:
            continue
        told = rng.choice(able)
        other = rng.choice([t for t in known if t is not told])
        bad = wrong_date(told, how, pub, rng)
        if bad is None:
            continue
        when, prep = stated(*bad)
        if form == "attributive" and prep != "in":
            continue  # "the February 24, 2019 invasion" is not written
        made = sentence(told, form, when, prep, rng)
        right_form = rng.choice([f for f in FORMS if supports(other, f)])
        precision = rng.choice(("year", "month") if right_form == "attributive" else WRONG)
        right_when, right_prep = stated(other.day, precision)
        right = sentence(other, right_form, right_when, right_prep, rng)
        ends = _paragraph_ends(text)
        first, second = sorted(rng.sample(ends, 2) if len(ends) > 1 else [ends[0]] * 2)
        # the later insertion first, so that the earlier offsets hold
        new, right_at = _insert(text, second, right[0])
        new, wrong_at = _insert(new, first, made[0])
        shift = len(made[0]) + 2
        return Case(
            file,
            new,
            published,
            form,
            how,
            wrong_at + made[1],
            wrong_at + made[2],
            right_at + shift + right[1],
            right_at + shift + right[2],
            f"{form}/{how}: {made[0]} | right: {right[0]}",
        )
    return None


def cases(articles, n: int, rng: random.Random) -> list[Case]:
    """One case for each of ``n`` articles drawn at random."""
    made = [make_case(f, t, p, rng) for f, t, p in articles]
    pool = [c for c in made if c is not None]
    return rng.sample(pool, min(n, len(pool)))


def score(chosen: list[Case], analyses: list[dict]) -> dict:
    """Recall overall, by form and by kind of wrong date; false alarms on the right dates."""

    def covers(flags, start, end):
        return any(
            f["kind"] == "date_conflict"
            and any(s["start"] < end and start < s["end"] for s in f["spans"])
            for f in flags
        )

    hit, seen = Counter(), Counter()
    by: dict[str, Counter] = defaultdict(Counter)
    false = 0
    missed = []
    for c, a in zip(chosen, analyses, strict=True):
        ok = covers(a["flags"], c.start, c.end)
        for key in ("all", f"form.{c.form}", f"wrong.{c.wrong}"):
            seen[key] += 1
            hit[key] += ok
        if not ok:
            missed.append(f"{c.file}: {c.note}")
        if covers(a["flags"], c.right_start, c.right_end):
            false += 1
            missed.append(f"{c.file}: false alarm on the right date: {c.note}")
        by[c.form]["cases"] += 1
    result = {
        "cases": len(chosen),
        "detected": hit["all"],
        "recall": round(hit["all"] / max(1, seen["all"]), 4),
        "false_alarms_on_right_dates": false,
        "false_alarm_rate": round(false / max(1, len(chosen)), 4),
        "by_form": {
            k[5:]: {"cases": seen[k], "detected": hit[k], "recall": round(hit[k] / seen[k], 4)}
            for k in sorted(seen)
            if k.startswith("form.")
        },
        "by_wrong": {
            k[6:]: {"cases": seen[k], "detected": hit[k], "recall": round(hit[k] / seen[k], 4)}
            for k in sorted(seen)
            if k.startswith("wrong.")
        },
    }
    common = [v["recall"] for v in result["by_form"].values() if v["cases"] >= 10]
    result["min_form_recall"] = min(common) if common else 0.0
    return result, missed


def evaluate(articles, n: int = 240, seed: int = 11, analyse=None) -> tuple[dict, list[str]]:
    """Recall of the date check on ``n`` articles with one wrong and one right sentence."""
    rng = random.Random(seed)
    chosen = cases(articles, n, rng)
    analyses = analyse([(c.text, c.published) for c in chosen])
    return score(chosen, analyses)


def report(result: dict, missed: list[str], show: int = 0) -> None:
    print(
        f"date_conflict (surface forms) cases {result['cases']:4d}  detected "
        f"{result['detected']:4d}  recall {result['recall']:.3f}, false alarms on right "
        f"dates {result['false_alarms_on_right_dates']}"
    )
    for group in ("by_form", "by_wrong"):
        for k, v in result[group].items():
            print(
                f"    {group[3:]:5s} {k:12s} {v['detected']:3d}/{v['cases']:3d}  {v['recall']:.3f}"
            )
    for row in missed[:show]:
        print(f"    missed {row}")


def main(argv: list[str] | None = None) -> int:
    from pathlib import Path

    from eval_checks import DEFAULT_DATA, _analyse, load_articles

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=None)
    parser.add_argument("--cases", type=int, default=240)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--show", type=int, default=0, help="print N missed cases")
    args = parser.parse_args(argv)
    articles = load_articles(Path(args.data) if args.data else DEFAULT_DATA)
    result, missed = evaluate(articles, args.cases, args.seed, _analyse)
    report(result, missed, args.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
