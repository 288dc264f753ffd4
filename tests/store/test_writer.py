import json

import numpy as np
import pytest
from store_helpers import BLINKEN, LAVROV_FIDAN, LAVROV_FIDAN_COPY, hand_built

from parley.model import Analysis, Article
from parley.store import article, store_analyses
from parley.store import minhash as mh
from parley.store.writer import is_stored, store_batch
from schema_check import assert_valid


def _count(conn, table):
    return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_hand_built_records_follow_the_schema():
    assert_valid(hand_built("2024-06-11").to_dict())


def test_storing_twice_is_a_no_op(db, analyses):
    first = store_analyses(db, analyses)
    assert (first.stored, first.duplicates, first.near_duplicates) == (6, 0, 1)
    counts = {t: _count(db, t) for t in ("articles", "entities", "mentions", "lsh", "actors")}
    again = store_analyses(db, analyses)
    assert (again.stored, again.duplicates, again.near_duplicates) == (0, 6, 0)
    assert counts == {t: _count(db, t) for t in counts}


def test_the_same_article_twice_in_one_batch_is_stored_once(db, analyses):
    result = store_batch(db, [analyses[0].to_dict(), analyses[0].to_dict()])
    assert (result.stored, result.duplicates) == (1, 1)


def test_a_republished_story_is_linked_to_the_first_copy(db, analyses):
    store_analyses(db, analyses)
    rows = db.execute(
        "SELECT a.input, d.input, a.similarity FROM articles a "
        "JOIN articles d ON d.pk = a.duplicate_of"
    ).fetchall()
    assert [(r[0], r[1]) for r in rows] == [("copy.txt", "lavrov.txt")]
    assert rows[0][2] >= mh.THRESHOLD
    # its rows are kept but marked, so that queries count the story once
    assert db.execute("SELECT count(*) FROM entities WHERE dup = 1").fetchone()[0] > 0


def test_a_copy_of_a_copy_points_at_the_first(db):
    base = LAVROV_FIDAN
    copy2 = LAVROV_FIDAN_COPY.replace("next month", "in the autumn")
    docs = [Article(base, published="2024-06-11"), Article(LAVROV_FIDAN_COPY),
            Article(copy2), Article(BLINKEN)]  # fmt: skip
    store_analyses(db, [Analysis(article=a) for a in docs])
    dup = db.execute("SELECT pk, duplicate_of FROM articles ORDER BY pk").fetchall()
    assert [r[1] for r in dup] == [None, 1, 1, None]


def test_minhash_estimates_jaccard():
    a = mh.shingles(LAVROV_FIDAN)
    b = mh.shingles(LAVROV_FIDAN_COPY)
    exact = len(a & b) / len(a | b)
    estimate = mh.similarity(mh.signature(LAVROV_FIDAN), mh.signature(LAVROV_FIDAN_COPY))
    assert abs(estimate - exact) < 0.12
    assert mh.similarity(mh.signature(LAVROV_FIDAN), mh.signature(BLINKEN)) < 0.1
    sig = mh.signature("short text")
    assert sig.dtype == np.uint32 and len(sig) == mh.NUM_PERM
    assert np.array_equal(mh.from_bytes(mh.to_bytes(sig)), sig)


def test_every_record_kind_is_stored(db):
    a = hand_built("2024-06-11")
    store_analyses(db, [a])
    assert {t: _count(db, t) for t in ("quotes", "events", "event_actors", "times", "positions",
                                       "claims", "flags")} == {
        "quotes": 2, "events": 3, "event_actors": 5, "times": 1, "positions": 1, "claims": 1,
        "flags": 2}  # fmt: skip
    q = db.execute("SELECT q.*, ac.kb_id FROM quotes q LEFT JOIN actors ac "
                   "ON ac.pk = q.speaker_actor WHERE local_id = 'Q1'").fetchone()  # fmt: skip
    assert (q["kind"], q["cue"], q["kb_id"], q["channel"]) == (
        "direct",
        "said",
        "person:sergey-lavrov",
        "in a televised address",
    )
    text = a.article.text
    assert text[q["start"] : q["stop"]] == q["content"]
    v = db.execute("SELECT * FROM events WHERE local_id = 'V3'").fetchone()
    assert (v["type"], v["when_value"], v["day"]) == ("REJECT", "2024-06-11", "2024-06-11")
    f = db.execute("SELECT * FROM flags WHERE kind = 'anonymous_source'").fetchone()
    assert json.loads(f["spans"])[0]["text"] == "Officials"


def test_the_record_comes_back_whole(db, analyses):
    store_analyses(db, [analyses[0], hand_built("2024-06-11")])
    for original in (analyses[0].to_dict(), hand_built("2024-06-11").to_dict()):
        back = article(db, original["article"]["id"])
        store = back.pop("store")
        assert back == json.loads(json.dumps(original))
        assert store["duplicate_of"] is None
        assert_valid(back)


def test_variants_of_a_name_are_kept_for_lookups(db, analyses):
    store_analyses(db, analyses)
    names = {r[0] for r in db.execute(
        "SELECT n.name FROM actor_names n JOIN actors a ON a.pk = n.actor "
        "WHERE a.kb_id = 'person:sergey-lavrov'")}  # fmt: skip
    assert {"Sergey Lavrov", "Sergei Lavrov"} <= names


def test_a_failing_batch_leaves_nothing_behind(db):
    good = hand_built("2024-06-11").to_dict()
    bad = {"article": {"id": "sha256:x"}}  # no text
    with pytest.raises(KeyError):
        store_batch(db, [good, bad])
    assert _count(db, "articles") == 0 and _count(db, "articles_fts") == 0


@pytest.mark.parametrize(
    ("published", "day"),
    [("2024-06-11T09:30:00+02:00", "2024-06-11"), ("20240611", "2024-06-11"), (None, None)],
)
def test_an_articles_day_is_the_day_its_dates_are_read_against(db, published, day):
    import dataclasses

    from parley.days import anchor_date

    a = hand_built("2024-06-11")
    a = dataclasses.replace(a, article=dataclasses.replace(a.article, published=published))
    store_analyses(db, [a])
    assert db.execute("SELECT day FROM articles").fetchone()[0] == day
    assert day == (anchor_date(published).isoformat() if day else None)
    events = dict(db.execute("SELECT local_id, day FROM events").fetchall())
    assert events == {"V1": day, "V2": day, "V3": "2024-06-11"}  # V3 has a day of its own


def test_is_stored_knows_an_article_by_the_id_of_its_text(db, analyses):
    first = analyses[0]
    assert not is_stored(db, first.article.id)
    store_analyses(db, [first])
    assert is_stored(db, Article(text=first.article.text).id)  # what ingest looks up
    assert not is_stored(db, Article(text=first.article.text + " ").id)


def test_a_dateline_is_never_the_stored_title_and_a_lead_stands_in(db):
    from dataclasses import replace

    from parley.store import articles, search, story

    base = hand_built("2024-06-11", 0)
    dated = replace(base, article=replace(base.article, title="Kyiv CNN —"))
    untitled = hand_built("2024-07-02", 1)
    untitled = replace(untitled, article=replace(untitled.article, title=None))
    store_analyses(db, [dated, untitled])
    rows = {r["title"]: r["lead"] for r in db.execute("SELECT title, lead FROM articles")}
    assert set(rows) == {None}  # neither has a headline in the column
    shown = [a.title for a in articles(db).items]
    assert all(t and "CNN" not in t for t in shown)
    first = untitled.article.text[: untitled.sentences[0].end]
    assert shown[0].endswith("…") and first.startswith(shown[0][:-1]) and len(shown[0]) <= 140
    assert search(db, "Lavrov").items[0].title in shown
    from parley.store import rebuild

    rebuild(db)
    assert story(db, 1).timeline[0].title in shown


def test_the_date_basis_of_an_event_is_stored(db):
    from dataclasses import replace

    from parley.model import When
    from parley.store import events

    a = hand_built("2024-06-11", 0)
    v1 = replace(a.events[0], when=When("2024-06-11", "day", None, "published"))
    store_analyses(db, [replace(a, events=(v1, *a.events[1:]))])
    got = {e.event_id: e.when_basis for e in events(db).items}
    assert got == {"V1": "published", "V2": None, "V3": "stated"}
