"""``POST /api/articles``: bearer token, size limit, body checks, analysis and storage."""

from __future__ import annotations

import pytest
from web_helpers import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}
TEXT = (
    "Lavrov meets Fidan in Ankara\n"
    "Russian Foreign Minister Sergei Lavrov met his Turkish counterpart Hakan Fidan in Ankara on "
    "Tuesday. Lavrov said Moscow was ready to continue talks on the safety of merchant vessels.\n"
)


def test_read_only_server_refuses_writes(client):
    r = client.post("/api/articles", json={"text": TEXT}, headers=AUTH)
    assert r.status_code == 403 and "read-only" in r.json()["error"]


def test_missing_or_wrong_token_is_401(writer):
    r = writer.post("/api/articles", json={"text": TEXT})
    assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Bearer")
    r = writer.post("/api/articles", json={"text": TEXT}, headers={"Authorization": "Bearer no"})
    assert r.status_code == 401 and "wrong" in r.json()["error"]
    r = writer.post("/api/articles", json={"text": TEXT}, headers={"Authorization": TOKEN})
    assert r.status_code == 401


def test_token_from_the_environment(tmp_path, monkeypatch):
    from web_helpers import test_client

    from parley.store import connect
    from parley.web import create_app

    connect(tmp_path / "e.db", create=True).close()
    monkeypatch.setenv("PARLEY_TOKEN", "from-env")
    app = test_client(create_app(tmp_path / "e.db"))
    r = app.post("/api/articles", json={"text": ""}, headers={"Authorization": "Bearer from-env"})
    assert r.status_code == 400  # past the token check, stopped by the empty text


def test_post_analyses_stores_and_is_idempotent(writer):
    r = writer.post("/api/articles", json={"text": TEXT, "published": "2024-06-11",
                                           "source": "Wire"}, headers=AUTH)  # fmt: skip
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["stored"] is True and body["counts"]["entities"] >= 2
    record = writer.get(body["url"]).json()
    assert record["article"]["text"] == TEXT and record["article"]["source"] == "Wire"
    assert record["article"]["title"] == "Lavrov meets Fidan in Ankara"
    assert writer.get("/api/search", params={"q": "Fidan"}).json()["total"] == 1
    again = writer.post("/api/articles", json={"text": TEXT}, headers=AUTH)
    assert again.status_code == 200 and again.json()["stored"] is False
    assert writer.get("/api/articles").json()["total"] == 1


def test_body_over_the_limit_is_413(writer):
    from parley.web.writes import MAX_BODY

    big = b'{"text": "' + b"a" * MAX_BODY + b'"}'
    r = writer.post(
        "/api/articles", content=big, headers=AUTH | {"Content-Type": "application/json"}
    )
    assert r.status_code == 413 and "limit" in r.json()["error"]


def test_streamed_body_over_the_limit_is_413(writer):
    from parley.web.writes import MAX_BODY

    def chunks():
        for _ in range(MAX_BODY // 2**20 + 1):
            yield b"x" * 2**20

    r = writer.post("/api/articles", content=chunks(), headers=AUTH)
    assert r.status_code == 413


def test_bad_bodies(writer):
    def post(**kw):
        return writer.post("/api/articles", headers=AUTH | kw.pop("headers", {}), **kw)

    assert (
        post(content=b"{not json", headers={"Content-Type": "application/json"}).status_code == 400
    )
    assert post(json=["a list"]).status_code == 400
    assert post(json={"title": "no text"}).status_code == 400
    assert post(json={"text": "   "}).status_code == 400
    assert post(json={"text": TEXT, "colour": "red"}).status_code == 400
    assert post(json={"text": 42}).status_code == 400
    assert post(content=TEXT.encode(), headers={"Content-Type": "text/plain"}).status_code == 415
    r = post(json={"text": TEXT, "published": "last week"})
    assert r.status_code == 422 and "published" in r.json()["error"]


def test_posted_articles_are_analysed_with_the_servers_knowledge_base(tmp_path, monkeypatch):
    """``create_app(kb_dirs=...)`` (``parley serve --kb DIR``): a person only the user's
    folder knows, named by an alias only that folder gives, is recognised in a POST."""
    import json

    from web_helpers import test_client

    from parley.store import connect
    from parley.web import create_app

    monkeypatch.delenv("PARLEY_TOKEN", raising=False)
    kb = tmp_path / "kb"
    kb.mkdir()
    person = {"id": "person:orsolya-tervanen", "name": "Orsolya Tervanen", "country": "FIN",
              "aliases": ["Orsi Tervanen-Hald"], "surnames": ["Tervanen"]}  # fmt: skip
    (kb / "persons.json").write_text(json.dumps([person]), encoding="utf-8")
    text = (
        "Envoys meet in Helsinki\n"
        "Orsi Tervanen-Hald met the Estonian delegation in Helsinki on Monday. "
        "The talks will continue next week, she told reporters.\n"
    )

    def kb_ids(app) -> set[str]:
        r = app.post("/api/articles", json={"text": text, "published": "2025-03-10"}, headers=AUTH)
        assert r.status_code == 201, r.text
        return {e["kb_id"] for e in app.get(r.json()["url"]).json()["entities"]}

    for name in ("plain.db", "user.db"):
        connect(tmp_path / name, create=True).close()
    plain = test_client(create_app(tmp_path / "plain.db", token=TOKEN))
    user = test_client(create_app(tmp_path / "user.db", token=TOKEN, kb_dirs=[str(kb)]))
    assert "person:orsolya-tervanen" not in kb_ids(plain)
    assert "person:orsolya-tervanen" in kb_ids(user)


RUSSIAN = (
    "Министр иностранных дел России Сергей Лавров встретился во вторник в Анкаре со своим "
    "турецким коллегой Хаканом Фиданом. Стороны обсудили безопасность судоходства в Черном "
    "море и договорились продолжить переговоры на следующей неделе.\n"
)
REFUSED = {
    "russian": (RUSSIAN, 400),
    "nul": (TEXT.replace("Tuesday", "Tues\x00day"), 400),
    "empty": ("", 400),
    "whitespace": (" \n\t", 400),
    "over 5 MB": ("Talks resumed. " * (5 * 2**20 // 15 + 1), 413),
}


def cli_reason(tmp_path, text: str) -> str:
    """Why ``parley analyze`` refuses ``text`` given as a JSON Lines article."""
    import json

    from parley.cli import main

    path, errors = tmp_path / "in.jsonl", tmp_path / "errors.jsonl"
    path.write_text(json.dumps({"text": text}) + "\n", encoding="utf-8")
    assert main(["analyze", str(path), "--errors", str(errors)]) == 1
    [failure] = [json.loads(line) for line in errors.read_text().splitlines()]
    return failure["reason"]


@pytest.mark.parametrize("case", REFUSED)
def test_post_refuses_what_the_cli_refuses_with_the_same_reason(writer, tmp_path, case):
    """One input check for the CLI, batch and the API: before, Russian text and text with
    NUL bytes were stored through the API although the CLI refuses them."""
    text, status = REFUSED[case]
    reason = cli_reason(tmp_path, text)
    r = writer.post("/api/articles", json={"text": text}, headers=AUTH)
    assert (r.status_code, r.json()["error"]) == (status, reason)
    assert writer.get("/api/articles").json()["total"] == 0


def fields(text: str = TEXT) -> dict:
    return {"text": text, "title": None, "source": None, "url": None, "published": None}


@pytest.fixture
def store_conn(tmp_path):
    from parley.store import connect

    conn = connect(tmp_path / "lock.db", create=True, check_same_thread=False)
    yield conn
    conn.close()


def test_the_write_lock_is_free_while_the_article_is_analysed(store_conn, monkeypatch):
    """A large POST is analysed outside the store's write lock (before, every other write
    waited the whole analysis): the lock is taken only to write."""
    import threading

    from parley.web import writes

    lock = threading.Lock()
    analysing, release = threading.Event(), threading.Event()
    real = writes.analyze_batch

    def slow_analysis(articles, **options):
        analysing.set()
        assert release.wait(30)
        return real(articles, **options)

    monkeypatch.setattr(writes, "analyze_batch", slow_analysis)
    result = {}
    post = threading.Thread(
        target=lambda: result.update(out=writes.analyse_and_store(store_conn, fields(), lock))
    )
    post.start()
    try:
        assert analysing.wait(30)
        free = lock.acquire(blocking=False)  # another writer would get the lock now
        if free:
            lock.release()
    finally:
        release.set()
        post.join(60)
    assert free
    status, summary = result["out"]
    assert status == 201 and summary["stored"] is True and summary["counts"]["entities"] >= 2


def test_an_article_stored_during_its_analysis_is_not_stored_twice(store_conn, monkeypatch):
    """The same text POSTed twice at once: the second writer finds it stored under the lock
    and answers 200 with the stored article."""
    import threading

    from parley.store import store_analyses
    from parley.web import writes

    real = writes.analyze_batch

    def raced(articles, **options):
        analyses = list(real(articles, **options))
        store_analyses(store_conn, analyses)  # the other request wrote first
        return iter(analyses)

    monkeypatch.setattr(writes, "analyze_batch", raced)
    status, summary = writes.analyse_and_store(store_conn, fields(), threading.Lock())
    assert (status, summary["stored"]) == (200, False)
    assert store_conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1


def test_a_stored_text_is_not_analysed_again(store_conn, monkeypatch):
    import threading

    from parley.web import writes

    lock = threading.Lock()
    first = writes.analyse_and_store(store_conn, fields(), lock)

    def no_analysis(articles, **options):
        raise AssertionError("a stored text was analysed again")

    monkeypatch.setattr(writes, "analyze_batch", no_analysis)
    status, again = writes.analyse_and_store(store_conn, fields(), lock)
    assert (first[0], status, again["stored"]) == (201, 200, False)
    assert {k: v for k, v in again.items() if k != "stored"} == {
        k: v for k, v in first[1].items() if k != "stored"
    }
