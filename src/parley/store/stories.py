"""Stories: articles about the same happening, grouped, with a timeline.

Each article (near-duplicates aside) becomes a unit vector over its salient terms and its
actors (entities, by KB id when known), weighted by TF-IDF (``(1 + log tf) * log(N / df)``,
actors by mention count; features seen in one article only are dropped). Going through the
articles in date order, an article joins the story it is most similar to on average (mean
cosine to the story's articles, at least ``THRESHOLD``) among the stories that had an article
within ``WINDOW_DAYS`` before it; otherwise it starts a new story. Average link, unlike a
centroid, keeps a broad running story from swallowing every new article. Near-duplicates
join their original's story. ``rebuild`` recomputes every story and stores them through the
writer. The parameters were tuned on the hand-annotated sample in
``tests/store/fixtures/ukraine_stories.json``.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from parley.days import parse_date
from parley.store.db import NotFound
from parley.store.filters import Where, actor_filter, check_page, count, dates, in_list
from parley.store.order import Sorts, by_key
from parley.store.results import Page, StoryDetail, StoryRow, TimelineEntry
from parley.store.writer import replace_stories

WINDOW_DAYS = 2
THRESHOLD = 0.16
ACTOR_WEIGHT = 1.0

STORY_SORTS = Sorts(
    {"last_day": "s.last_day", "first_day": "s.first_day", "articles": "s.n_articles"},
    "-last_day",
    by_key("s.pk"),
    ties={"-last_day": "s.n_articles DESC, s.pk"},
)

Vector = dict[object, float]  # str: a term, int: an actor's pk


@dataclass(slots=True)
class Story:
    """A story: its members and their summed unit vectors (for the mean similarity)."""

    first: int
    last: int
    members: list[tuple[int, float]] = field(default_factory=list)
    centroid: Vector = field(default_factory=dict)
    title: str | None = None
    first_day: str | None = None
    last_day: str | None = None
    n_articles: int = 0
    n_duplicates: int = 0
    actors: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)

    def add(self, pk: int, vec: Vector, score: float) -> None:
        for f, v in vec.items():
            self.centroid[f] = self.centroid.get(f, 0.0) + v
        self.members.append((pk, round(score, 4)))


class _Features:
    """TF-IDF unit vectors of articles, read from the store a chunk at a time."""

    def __init__(self, conn: sqlite3.Connection, actor_weight: float) -> None:
        self.conn = conn
        self.actor_weight = actor_weight
        self.n = conn.execute(
            "SELECT count(*) FROM articles WHERE duplicate_of IS NULL"
        ).fetchone()[0]
        self.df: dict[object, int] = dict(
            conn.execute("SELECT term, count(*) FROM article_terms GROUP BY term").fetchall()
        )
        self.df.update(
            conn.execute("SELECT actor, count(*) FROM entities WHERE dup = 0 GROUP BY actor")
        )

    def vectors(self, pks: list[int]) -> dict[int, Vector]:
        raw: dict[int, dict[object, float]] = defaultdict(dict)
        ids = in_list(pks)
        for pk, term, tf in self.conn.execute(
            f"SELECT article, term, tf FROM article_terms WHERE article IN {ids}"
        ):
            raw[pk][term] = 1.0 + math.log(tf)
        for pk, actor, n in self.conn.execute(
            f"SELECT article, actor, n_mentions FROM entities WHERE article IN {ids}"
        ):
            raw[pk][actor] = self.actor_weight * (1.0 + math.log(max(n, 1)))
        out: dict[int, Vector] = {}
        for pk, feats in raw.items():
            df = self.df
            vec = {f: w * math.log(self.n / df[f]) for f, w in feats.items()
                   if 1 < df.get(f, 0) < self.n}  # fmt: skip
            norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
            out[pk] = {f: v / norm for f, v in vec.items()}
        return out


def compute_stories(
    conn: sqlite3.Connection,
    *,
    window_days: int = WINDOW_DAYS,
    threshold: float = THRESHOLD,
    actor_weight: float = ACTOR_WEIGHT,
    chunk: int = 5000,
) -> list[Story]:
    """Group the stored articles into stories (every article in exactly one story). Articles
    are read in date order, ``chunk`` at a time; a story out of the window is finished and
    its centroid dropped, so memory follows the window, not the store."""
    features = _Features(conn, actor_weight)
    arts = conn.execute(
        "SELECT pk, day, COALESCE(title, lead) FROM articles WHERE duplicate_of IS NULL "
        "ORDER BY day, pk"
    ).fetchall()
    info = {pk: (day, title) for pk, day, title in arts}
    copies: dict[int, list[tuple[int, str | None]]] = defaultdict(list)
    for pk, root, day in conn.execute(
        "SELECT pk, duplicate_of, day FROM articles WHERE duplicate_of > 0"
    ):
        copies[root].append((pk, day))
    names = dict(conn.execute("SELECT pk, name FROM actors").fetchall())
    stories: list[Story] = []
    postings: dict[object, set[int]] = defaultdict(set)
    active: set[int] = set()
    for start in range(0, len(arts), chunk):
        part = arts[start : start + chunk]
        vectors = features.vectors([pk for pk, _, _ in part])
        for pk, day, _ in part:
            ordinal = parse_date(day).toordinal() if day else None
            vec = vectors.get(pk, {})
            best, best_score = None, threshold
            if ordinal is not None:
                for sid in [s for s in active if stories[s].last < ordinal - window_days]:
                    active.discard(sid)
                    for f in stories[sid].centroid:
                        postings[f].discard(sid)
                    _finish(stories[sid], info, names)
                dots: dict[int, float] = defaultdict(float)
                for f, v in vec.items():
                    for sid in postings.get(f, ()):
                        dots[sid] += v * stories[sid].centroid[f]
                for sid, dot in dots.items():
                    score = dot / (len(stories[sid].members) - stories[sid].n_duplicates)
                    if score >= best_score:
                        best, best_score = sid, score
            if best is None:
                best, best_score = len(stories), 1.0
                stories.append(Story(first=ordinal or 0, last=ordinal or 0))
                if ordinal is not None:
                    active.add(best)
            story = stories[best]
            story.add(pk, vec, best_score)
            for copy, copy_day in copies.get(pk, ()):
                story.members.append((copy, 1.0))
                story.n_duplicates += 1
                info[copy] = (copy_day, None)
            story.last = max(story.last, ordinal or 0)
            if best in active:
                for f in vec:
                    postings[f].add(best)
            else:
                _finish(story, info, names)
    for sid in active:
        _finish(stories[sid], info, names)
    return stories


def _finish(s: Story, info: dict[int, tuple], names: dict[int, str]) -> None:
    """Fill in a story's days, counts, top actors and terms and title; drop the centroid."""
    days = sorted(info[pk][0] for pk, _ in s.members if info[pk][0])
    s.first_day, s.last_day = (days[0], days[-1]) if days else (None, None)
    s.n_articles = len(s.members) - s.n_duplicates
    top = sorted(s.centroid.items(), key=lambda kv: -kv[1])
    s.actors = [names[f] for f, _ in top if isinstance(f, int) and f in names][:5]
    s.terms = [f for f, _ in top if isinstance(f, str)][:8]
    titles = [info[pk][1] for pk, _ in s.members if info[pk][1]]
    s.title = titles[0] if titles else ", ".join(s.terms[:4]) or None
    s.centroid = {}


def rebuild(conn: sqlite3.Connection, **options: float) -> int:
    """Recompute every story and store them; returns how many there are."""
    built_for = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    return replace_stories(conn, compute_stories(conn, **options), built_for)  # type: ignore[arg-type]


def is_stale(conn: sqlite3.Connection) -> bool:
    """True when articles were stored after the stories were last built."""
    row = conn.execute("SELECT value FROM store_meta WHERE key = 'stories_built_for'").fetchone()
    built = int(row[0]) if row else -1
    return built != conn.execute("SELECT count(*) FROM articles").fetchone()[0]


def _row(r: sqlite3.Row) -> StoryRow:
    return StoryRow(r["pk"], r["title"], r["first_day"], r["last_day"], r["n_articles"],
                    r["n_duplicates"], json.loads(r["actors"]), json.loads(r["terms"]))  # fmt: skip


def stories(
    conn: sqlite3.Connection,
    since: str | date | None = None,
    until: str | date | None = None,
    actor: str | None = None,
    min_articles: int = 2,
    limit: int = 20,
    offset: int = 0,
    *,
    order: str | None = None,
) -> Page[StoryRow]:
    """Stories with at least ``min_articles`` articles, most recent first (the larger first
    on a day), or in the ``order`` named (one of ``STORY_SORTS``); ``since``/``until``
    select stories active in that period, ``actor`` those with an article naming it."""
    check_page(limit, offset)
    order_sql = STORY_SORTS.sql(order)
    w = Where()
    w.add("s.n_articles >= ?", min_articles)
    dates(w, "s.last_day", since, None)
    dates(w, "s.first_day", None, until)
    if actor:
        sub = Where()
        actor_filter(conn, sub, "sa.article", actor)
        w.add(f"s.pk IN (SELECT sa.story FROM story_articles sa WHERE {sub.sql()})", *sub.params)
    base = f"FROM stories s WHERE {w.sql()}"
    rows = conn.execute(
        f"SELECT * {base} ORDER BY {order_sql} LIMIT ? OFFSET ?",
        [*w.params, limit, offset],
    ).fetchall()
    return Page([_row(r) for r in rows], count(conn, f"SELECT 1 {base}", w.params), limit, offset)


def story(conn: sqlite3.Connection, story_id: int) -> StoryDetail:
    """One story and its timeline (articles by date; near-duplicates marked)."""
    row = conn.execute("SELECT * FROM stories WHERE pk = ?", (story_id,)).fetchone()
    if row is None:
        raise NotFound(f"no story {story_id} in the store (see `parley stories`)")
    timeline = [
        TimelineEntry(*r)
        for r in conn.execute(
            "SELECT a.day, a.id, COALESCE(a.title, a.lead), a.source, sa.score, d.id "
            "FROM story_articles sa "
            "JOIN articles a ON a.pk = sa.article LEFT JOIN articles d ON d.pk = a.duplicate_of "
            "WHERE sa.story = ? ORDER BY a.day, a.published, a.pk",
            (story_id,),
        )
    ]
    return StoryDetail(_row(row), timeline)
