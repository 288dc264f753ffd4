import json

from parley.model import Analysis, Article
from parley.store import is_stale, list_stories, rebuild, store_analyses, story
from parley.store.stories import compute_stories


def _inputs(conn, pks):
    marks = ",".join("?" * len(pks))
    return sorted(r[0] for r in conn.execute(
        f"SELECT input FROM articles WHERE pk IN ({marks})", pks))  # fmt: skip


def _story_of(conn, name):
    return conn.execute(
        "SELECT sa.story FROM story_articles sa JOIN articles a ON a.pk = sa.article "
        "WHERE a.input = ?",
        (name,),
    ).fetchone()[0]


def test_articles_about_the_same_meeting_form_one_story(filled):
    groups = [_inputs(filled, [pk for pk, _ in s.members]) for s in compute_stories(filled)]
    meeting = next(g for g in groups if "lavrov.txt" in g)
    assert {"lavrov.txt", "follow.txt", "copy.txt"} <= set(meeting)
    assert "iaea.txt" not in meeting and "blinken.txt" not in meeting
    assert sum(len(g) for g in groups) == 9  # every article in exactly one story
    assert ["iaea.txt"] in groups and ["blinken.txt"] in groups


def test_the_time_window_splits_stories(filled):
    # with a zero-day window no story's articles span two days (copies may be later)
    stories = compute_stories(filled, window_days=0, threshold=0.0)
    assert all(s.first == s.last for s in stories)
    assert any(s.n_articles > 1 for s in stories)


def test_rebuild_stores_stories_and_a_timeline(filled):
    assert is_stale(filled)
    n = rebuild(filled)
    assert n == filled.execute("SELECT count(*) FROM stories").fetchone()[0]
    assert not is_stale(filled)
    sid = _story_of(filled, "lavrov.txt")
    detail = story(filled, sid)
    assert detail.story.articles >= 2 and detail.story.duplicates == 1
    assert "Hakan Fidan" in detail.story.actors or "Sergey Lavrov" in detail.story.actors
    days = [t.day for t in detail.timeline]
    assert days == sorted(days)
    copies = [t for t in detail.timeline if t.duplicate_of]
    assert len(copies) == 1 and copies[0].source == "Daily Copy"
    listed = list_stories(filled, limit=50)
    assert sid in [s.id for s in listed.items]
    assert all(s.articles >= 2 for s in listed.items)
    assert list_stories(filled, min_articles=1).total == n
    assert list_stories(filled, actor="Hakan Fidan").items[0].id == sid
    assert list_stories(filled, since="2024-06-13", min_articles=1).total < n
    json.dumps(detail.to_dict())


def test_new_articles_make_stories_stale(filled, analyses):
    rebuild(filled)
    store_analyses(filled, [Analysis(Article("A ceasefire was announced in the evening."))])
    assert is_stale(filled)
