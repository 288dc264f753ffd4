import contextlib
import csv
import io
import json

import pytest
from store_helpers import ARTICLES, fresh_parser

from parley.store import connect, store_analyses


@pytest.fixture
def folder(tmp_path):
    """The six short articles as one JSON Lines file (with dates and outlets)."""
    d = tmp_path / "articles"
    d.mkdir()
    lines = [
        json.dumps({"text": a.text, "published": a.published, "source": a.source}) for a in ARTICLES
    ]
    (d / "articles.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return d


@pytest.fixture
def store(tmp_path, hand):
    """A store holding the hand-built analyses (quotes, events, flags), stories built."""
    from parley.store import rebuild

    path = tmp_path / "hand.db"
    conn = connect(path, create=True)
    store_analyses(conn, hand)
    rebuild(conn)
    conn.close()
    return str(path)


def test_ingest_stores_once_and_reports_counts(cli, folder, tmp_path, capsys):
    db = str(tmp_path / "p.db")
    assert cli(["ingest", str(folder), "--db", db]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == "stored 6, duplicates 0, near-duplicates 1, failed 0"
    assert err == ""  # no progress bar when stderr is not a terminal
    assert cli(["ingest", str(folder), "--db", db, "--progress"]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == "stored 0, duplicates 6, near-duplicates 0, failed 0"
    assert "ingesting" in err and "6/6" in err and "articles/s" in err
    conn = connect(db)
    assert conn.execute("SELECT count(*) FROM stories").fetchone()[0] > 0


def test_ingest_reports_a_bad_input_and_keeps_the_rest(cli, folder, tmp_path, capsys):
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    code = cli(["ingest", str(folder), "--db", str(tmp_path / "p.db"), "--no-stories"])
    out, err = capsys.readouterr()
    assert code == 1
    assert out.strip() == "stored 6, duplicates 0, near-duplicates 1, failed 1"
    assert "empty.txt" in err and "Traceback" not in err


def test_search_outputs(cli, folder, tmp_path, capsys):
    db = str(tmp_path / "p.db")
    cli(["ingest", str(folder), "--db", db])
    capsys.readouterr()
    assert cli(["search", "Fidan", "--db", db, "--json"]) == 0
    page = json.loads(capsys.readouterr().out)
    assert page["total"] == 2 and "[Fidan]" in page["items"][0]["snippet"]
    assert cli(["search", "Fidan", "--db", db, "--csv", "--limit", "1"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 1 and set(rows[0]) >= {"id", "snippet", "score"}
    assert cli(["search", "Fidan", "--db", db, "--since", "2024-06-12"]) == 0
    table = capsys.readouterr().out
    assert "Ankara Post" in table and "1–1 of 1 articles" in table
    assert cli(["search", "Fidan", "--db", db, "--actor", "Grossi"]) == 0
    assert "no articles" in capsys.readouterr().out


def test_query_commands(cli, store, capsys):
    def run(*args):
        assert cli([*args, "--db", store]) == 0
        return capsys.readouterr().out

    quotes = json.loads(run("quotes", "--speaker", "Lavrov", "--json"))
    assert quotes["total"] == 3 and quotes["items"][0]["speaker_name"] == "Sergey Lavrov"
    assert json.loads(run("quotes", "--anonymous", "--about", "meeting", "--json"))["total"] == 3
    events = list(csv.DictReader(io.StringIO(run("events", "--type", "reject", "--csv"))))
    assert len(events) == 3 and events[0]["actors"] == "Volodymyr Zelenskyy"
    assert "REJECT" in run("events", "--actor", "Zelensky", "--since", "2024-07-01")
    assert "anonymous_source" in run("flags", "--kind", "anonymous_source")
    assert json.loads(run("flags", "--severity", "info", "--json"))["total"] == 3
    profile = run("entity", "Lavrov")
    assert "person:sergey-lavrov" in profile and "events by month" in profile
    assert json.loads(run("entity", "Zelensky", "--json"))["events_as_actor"] == 3
    assert json.loads(run("articles", "--source", "Hand", "--json"))["total"] == 3
    first = json.loads(run("articles", "--json", "--limit", "1"))["items"][0]["id"]
    assert json.loads(run("article", first[7:20]))["article"]["id"] == first
    assert "stories" in run("stories", "--min-articles", "1")
    sid = json.loads(run("stories", "--json", "--min-articles", "1"))["items"][0]["id"]
    assert json.loads(run("story", str(sid), "--json"))["story"]["id"] == sid
    assert "timeline" in run("story", str(sid))


def test_export_command(cli, store, tmp_path, capsys):
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "events.parquet"
    assert cli(["export", "--format", "parquet", "--table", "events", "-o", str(out),
                "--db", store]) == 0  # fmt: skip
    assert pq.read_table(out).num_rows == 9
    assert "exported 9 events" in capsys.readouterr().err
    assert cli(["export", "--format", "plover", "--db", store]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 9
    assert cli(["export", "--db", store]) == 0  # JSONL by default
    assert len(capsys.readouterr().out.splitlines()) == 3


def test_parquet_export_to_a_folder_writes_every_table(cli, store, tmp_path, capsys):
    pq = pytest.importorskip("pyarrow.parquet")
    for target in (tmp_path / "out", f"{tmp_path / 'slash'}/"):
        assert cli(["export", "--format", "parquet", "-o", str(target), "--db", store]) == 0
        err = capsys.readouterr().err
        assert "exported 3 articles, " in err and "9 events" in err
        folder = tmp_path / str(target).rstrip("/").rsplit("/", 1)[-1]
        tables = sorted(p.name for p in folder.iterdir())
        assert tables == ["articles", "entities", "events", "flags", "quotes"]
        events = pq.read_table(folder / "events")  # one folder per table, as batch output
        assert events.num_rows == 9 and "when_basis" in events.column_names
        assert pq.read_table(folder / "articles").column("lead").null_count == 0
    one = tmp_path / "one"
    assert cli(["export", "--format", "parquet", "--table", "flags", "-o", str(one),
                "--db", store]) == 0  # fmt: skip
    assert [p.name for p in one.iterdir()] == ["flags"]


@pytest.mark.parametrize(
    "target, message",
    [("missing/x.parquet", "the folder {tmp}/missing does not exist"),
     ("missing/dir/", "the folder {tmp}/missing does not exist"),
     ("file.txt/", "{tmp}/file.txt is a file")],
)  # fmt: skip
def test_parquet_export_to_a_bad_place_is_one_line(cli, store, tmp_path, capsys, target, message):
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    assert cli(["export", "--format", "parquet", "-o", f"{tmp_path}/{target}", "--db", store]) == 1
    err = capsys.readouterr().err
    assert message.format(tmp=tmp_path) in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "missing").exists()


def test_export_never_overwrites_the_store(cli, store, capsys):
    assert cli(["export", "--format", "parquet", "-o", store, "--db", store]) == 2
    assert "is the store itself" in capsys.readouterr().err
    assert cli(["articles", "--db", store]) == 0


def test_a_missing_store_is_one_clear_message(cli, tmp_path, capsys):
    missing = str(tmp_path / "none.db")
    assert cli(["search", "x", "--db", missing]) == 1
    err = capsys.readouterr().err
    assert err.strip() == (
        f"parley: no database at {missing}; create one with `parley ingest FILES --db {missing}`"
    )


def test_the_store_path_comes_from_the_environment(cli, store, monkeypatch, capsys):
    monkeypatch.setenv("PARLEY_DB", store)
    assert cli(["quotes", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 6


@pytest.mark.parametrize(
    "argv",
    [
        ["search", "x", "--since", "last week"],
        ["search", "x", "--limit", "0"],
        ["events", "--type", "fight"],
        ["events", "--status", "rumoured"],
        ["quotes", "--json", "--csv"],
        ["export", "--format", "xml"],
        ["story", "one"],
    ],
)
def test_bad_options_exit_2_with_usage(cli, store, argv, capsys):
    with pytest.raises(SystemExit) as exc:
        cli([*argv, "--db", store])
    assert exc.value.code == 2
    assert "usage:" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv, code, message",
    [
        (["search", "OR"], 2, "parley: search text is empty"),
        (["search", "x", "--since", "2024-02-01", "--until", "2024-01-01"], 2, "parley: since"),
        (
            ["export", "--format", "parquet"],
            2,
            "parley: parquet export needs -o DIR (every table) or -o FILE.parquet",
        ),
        (["entity", "Nobody Atall"], 1, "parley: no entity named 'Nobody Atall'"),
        (["story", "999"], 1, "parley: no story 999"),
        (["article", "deadbeefdead"], 1, "parley: no article"),
    ],
)
def test_bad_values_are_one_line_without_traceback(cli, store, argv, code, message, capsys):
    assert cli([*argv, "--db", store]) == code
    err = capsys.readouterr().err
    assert err.startswith(message) and "Traceback" not in err and len(err.splitlines()) == 1


def test_register_adds_every_command_to_a_fresh_parser():
    parser = fresh_parser()
    for argv in (["ingest", "a.txt"], ["search", "x"], ["quotes"], ["events"], ["entity", "x"],
                 ["flags"], ["stories"], ["story", "1"], ["export"], ["articles"],
                 ["article", "abc"]):  # fmt: skip
        args = parser.parse_args(argv)
        assert callable(args.func), argv


def counting_analyses(monkeypatch) -> list[int]:
    """Count the articles ``parley ingest`` hands to the analyser."""
    import parley.store.ingest as ingest

    seen = [0]
    real = ingest.analyze_batch

    def counted(articles, **options):
        def each(items):
            for item in items:
                seen[0] += 1
                yield item

        return real(each(articles), **options)

    monkeypatch.setattr(ingest, "analyze_batch", counted)
    return seen


def test_ingest_skips_stored_articles_before_analysing_them(
    cli, folder, tmp_path, capsys, monkeypatch
):
    db = str(tmp_path / "p.db")
    analysed = counting_analyses(monkeypatch)
    assert cli(["ingest", str(folder), "--db", db, "--no-stories"]) == 0
    assert analysed[0] == 6
    assert cli(["ingest", str(folder), "--db", db, "--no-stories"]) == 0
    assert analysed[0] == 6  # the rerun analyses none
    (folder / "new.txt").write_text(
        "Moldova and Romania signed a gas agreement in Chisinau on Friday, officials said.\n",
        encoding="utf-8",
    )
    assert cli(["ingest", str(folder), "--db", db, "--no-stories"]) == 0
    assert analysed[0] == 7  # only the new one
    out = capsys.readouterr().out.strip().splitlines()
    assert out[1:] == [
        "stored 0, duplicates 6, near-duplicates 0, failed 0",
        "stored 1, duplicates 6, near-duplicates 0, failed 0",
    ]


def short_articles(n: int) -> str:
    places = ["Kharkiv", "Odesa", "Kyiv", "Lviv", "Dnipro"]
    return "".join(
        json.dumps(
            {
                "text": f"Ukrainian officials said {i + 2} drones were shot down over "
                f"{places[i % 5]} overnight. Russia's defence ministry said it had hit "
                "military targets.",
                "published": f"2024-03-{1 + i % 28:02d}",
            }
        )
        + "\n"
        for i in range(n)
    )


def test_ingest_commits_by_count_or_after_batch_seconds(cli, tmp_path, capsys, monkeypatch):
    import parley.store.ingest as ingest

    sizes: list[int] = []
    real = ingest.store_batch

    def recorded(conn, batch):
        sizes.append(len(batch))
        return real(conn, batch)

    monkeypatch.setattr(ingest, "store_batch", recorded)
    source = tmp_path / "many.jsonl"
    source.write_text(short_articles(5), encoding="utf-8")
    argv = ["ingest", str(source), "--no-stories"]
    assert cli([*argv, "--db", str(tmp_path / "a.db"), "--batch-size", "2"]) == 0
    assert sizes == [2, 2, 1]
    sizes.clear()
    assert cli([*argv, "--db", str(tmp_path / "b.db"), "--batch-seconds", "0.001"]) == 0
    assert sizes == [1, 1, 1, 1, 1]  # a transaction per article once the time is up
    assert capsys.readouterr().out.splitlines()[-1] == (
        "stored 5, duplicates 0, near-duplicates 0, failed 0"
    )


def test_a_default_ingest_killed_mid_run_keeps_what_it_committed(
    cli, tmp_path, capsys, monkeypatch
):
    import signal
    import sqlite3
    import subprocess
    import sys
    import time

    source = tmp_path / "many.jsonl"
    source.write_text(short_articles(150), encoding="utf-8")
    db = tmp_path / "p.db"
    argv = [sys.executable, "-m", "parley.cli", "ingest", str(source), "--db", str(db)]
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL)
    deadline, stored = time.monotonic() + 240, 0
    try:
        while time.monotonic() < deadline and process.poll() is None:
            if db.exists():
                with contextlib.suppress(sqlite3.Error):
                    reader = sqlite3.connect(db, timeout=1)
                    stored = reader.execute("SELECT count(*) FROM articles").fetchone()[0]
                    reader.close()
            if stored >= 64:
                break
            time.sleep(0.05)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL, "ingest ended before it could be killed"
    conn = connect(db)
    kept = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    conn.close()
    assert 64 <= kept < 150  # committed batches survive the kill
    analysed = counting_analyses(monkeypatch)
    assert cli(["ingest", str(source), "--db", str(db)]) == 0
    assert analysed[0] == 150 - kept  # the rerun analyses only what is missing
    conn = connect(db)
    ids = [row[0] for row in conn.execute("SELECT id FROM articles")]
    assert len(ids) == len(set(ids)) == 150


def test_a_failed_ingest_leaves_no_empty_store(cli, tmp_path, capsys):
    db = tmp_path / "p.db"
    assert cli(["ingest", str(tmp_path / "missing.txt"), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "missing.txt: no such file or directory" in err
    assert f"nothing stored; {db} not created" in err
    assert not db.exists() and not list(tmp_path.glob("p.db*"))


def test_an_existing_empty_store_is_kept_after_a_failed_ingest(cli, tmp_path, capsys):
    db = tmp_path / "p.db"
    connect(db, create=True).close()
    assert cli(["ingest", str(tmp_path / "missing.txt"), "--db", str(db)]) == 1
    assert db.exists()  # the user made it: it stays


@pytest.mark.parametrize("command", ["articles", "quotes", "events", "flags"])
def test_list_tables_fit_the_width_and_keep_dates_and_ids_whole(
    cli, store, monkeypatch, capsys, command
):
    monkeypatch.setenv("COLUMNS", "90")
    assert cli([command, "--db", store]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert max(len(line) for line in lines) <= 90
    body = [line for line in lines if line.startswith("│")]
    assert body and all("2024-" in line and "…" not in line.split("│")[1] for line in body)


def test_summary_counts_what_the_store_holds(cli, store, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "300")
    assert cli(["summary", "--db", store]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{store}: 3 articles from 1 source, 2024-06-11 … 2024-08-20"
    assert "6 quotes · 9 events · 6 flags" in out[1]
    assert (
        out[2].startswith("most named: ") and out[3] == "flags: 3 anonymous_source, 3 name_variant"
    )
    assert out[4] == "top flags:" and len(out) == 7
    assert cli(["summary", "--json", "--db", store]) == 0
    assert json.loads(capsys.readouterr().out)["events"] == 9


def test_make_run_stores_the_dated_examples_and_prints_a_short_summary(
    cli, tmp_path, capsys, monkeypatch
):
    """What ``make run`` runs, twice: the second run stores nothing and fails on nothing."""
    monkeypatch.setenv("COLUMNS", "300")
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    recipe = (root / "Makefile").read_text(encoding="utf-8").split("\nrun:", 1)[1]
    assert "parley ingest examples/ --db parley.db" in recipe
    db = str(tmp_path / "parley.db")
    for stored in (6, 0):
        assert cli(["ingest", str(root / "examples"), "--db", db]) == 0
        assert cli(["summary", "--db", db]) == 0
        out = capsys.readouterr().out.splitlines()
        assert out[0] == f"stored {stored}, duplicates {6 - stored}, near-duplicates 0, failed 0"
        assert re.match(r".*: 6 articles from 1 source, 2022-07-25 … 2024-07-11$", out[1])
    next_lines = recipe.split("\nnext:", 1)[1].split("\n\n", 1)[0].count("@echo")
    assert len(out) + next_lines < 40


def test_stories_say_how_many_small_stories_are_hidden(cli, store, capsys):
    assert cli(["stories", "--db", store]) == 0  # three hand-built articles, three stories
    out = capsys.readouterr().out.splitlines()
    assert out == ["no stories", "3 single-article stories hidden: --min-articles 1 shows them"]
    assert cli(["stories", "--min-articles", "1", "--db", store]) == 0
    assert "hidden" not in capsys.readouterr().out


def test_an_undated_story_says_so(cli, tmp_path, hand, capsys):
    from dataclasses import replace

    from parley.store import rebuild

    path = tmp_path / "undated.db"
    conn = connect(path, create=True)
    a = hand[0]
    store_analyses(conn, [replace(a, article=replace(a.article, published=None))])
    rebuild(conn)
    conn.close()
    assert cli(["story", "1", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "undated, 1 article" in out and "None" not in out


def test_export_to_a_folder_as_csv_or_table_with_jsonl_is_one_line(cli, store, tmp_path, capsys):
    assert cli(["export", "--format", "csv", "-o", f"{tmp_path}/", "--db", store]) == 1
    assert capsys.readouterr().err.strip() == f"parley: cannot write {tmp_path}/: Is a directory"
    assert cli(["export", "--format", "plover", "--table", "events", "--db", store]) == 2
    assert "--table is for csv and parquet; plover exports the events" in capsys.readouterr().err


def test_the_events_list_says_whether_a_date_is_stated_or_assumed(
    cli, tmp_path, hand, capsys, monkeypatch
):
    monkeypatch.setenv("COLUMNS", "160")
    from dataclasses import replace

    from parley.model import When

    a = hand[0]
    v1 = replace(a.events[0], when=When("2024-06-11", "day", None, "published"))
    path = tmp_path / "basis.db"
    conn = connect(path, create=True)
    store_analyses(conn, [replace(a, events=(v1, *a.events[1:]))])
    conn.close()
    assert cli(["events", "--csv", "--db", str(path)]) == 0
    rows = {
        r["event_id"]: r["when_basis"] for r in csv.DictReader(io.StringIO(capsys.readouterr().out))
    }
    assert rows == {"V1": "published", "V2": "", "V3": "stated"}
    assert cli(["events", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "assumed" in out and "2024-06-11 (stated)" in out
