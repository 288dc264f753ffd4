"""The batch output: Parquet and JSON Lines tables, partitions, errors, reading back."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from parley.batch import read_batch_output
from parley.batch.cli import main
from parley.ingest import read_inputs
from parley.model import Article
from parley.pipeline import analyze_batch
from schema_check import assert_valid

GOOD, BAD = 5, 3  # the articles and failures of the test inputs (see conftest.write_inputs)


def one(query: str):
    """The single value a query returns."""
    [(value,)] = duckdb.sql(query).fetchall()
    return value


def test_parquet_tables_read_directly_by_duckdb_and_pyarrow(reference):
    out, summary = reference.out, reference.summary
    assert (summary.articles, len(summary.errors), summary.parts) == (GOOD, BAD, 2)
    days = duckdb.sql(
        f"SELECT published::VARCHAR, count(*) FROM '{out}/articles/**/*.parquet' "
        "GROUP BY 1 ORDER BY 1"
    ).fetchall()
    assert days == [("2024-06-11", 2), ("2024-06-12", 1), ("unknown", 2)]
    n_entities = one(f"SELECT sum(n_entities) FROM '{out}/articles/**/*.parquet'")
    assert n_entities == one(f"SELECT count(*) FROM '{out}/entities/**/*.parquet'") > GOOD
    lavrov = duckdb.sql(
        f"SELECT e.name, e.kind, a.title FROM '{out}/entities/**/*.parquet' e "
        f"JOIN '{out}/articles/**/*.parquet' a USING (article_id) WHERE e.name LIKE '%Lavrov'"
    ).fetchall()
    assert lavrov == [("Sergey Lavrov", "person", "Lavrov meets Fidan in Ankara")]
    for table in ("quotes", "events"):  # the glob matches a file even when there are no rows
        expected = one(f"SELECT sum(n_{table}) FROM '{out}/articles/**/*.parquet'")
        assert one(f"SELECT count(*) FROM '{out}/{table}/**/*.parquet'") == expected
    articles = pq.read_table(out / "articles")
    assert articles.num_rows == GOOD
    assert {"article_id", "published", "published_at", "text", "record"} <= set(
        articles.schema.names
    )
    record = json.loads(articles.column("record")[0].as_py())
    assert record["schema"] == "parley.analysis/1" and "text" not in record["article"]


def test_no_temporary_or_stray_files_are_left(reference):
    names = [p.name for p in Path(reference.out).rglob("*") if p.is_file()]
    assert not [n for n in names if n.endswith(".tmp")]
    parts = [n for n in names if n.startswith("part-")]
    manifest = (reference.out / "_manifest.jsonl").read_text().splitlines()
    listed = [f for line in manifest for f in json.loads(line).get("files", [])]
    assert len(parts) == len(listed) == len(set(listed))


def test_bad_inputs_go_to_the_errors_file_and_the_rest_is_kept(reference, helpers):
    failures = helpers.errors(reference.out)
    reasons = {Path(e["input"]).name: e["reason"] for e in failures}
    assert len(failures) == BAD
    assert "whitespace" in reasons["empty.txt"]
    assert "not valid JSON" in reasons["news.jsonl:2"]
    assert "ISO 8601" in reasons["news.jsonl:5"]
    assert all(isinstance(e["part"], int) for e in failures)


def test_read_batch_output_gives_the_analysis_records_back(reference, helpers):
    found = helpers.records(reference.out)
    articles = [a for a in read_inputs(reference.inputs) if isinstance(a, Article)]
    direct = [a.to_dict() for a in analyze_batch(articles, on_error=lambda a, e: None)]
    for record in direct:
        record["meta"].pop("seconds")
    assert found == sorted(direct, key=lambda r: (r["meta"]["input"], r["article"]["id"]))
    for record in read_batch_output(str(reference.out)):
        assert_valid(record)


def test_jsonl_format_holds_the_same_tables(reference, helpers, tmp_path):
    out = tmp_path / "out"
    summary = helpers.run(reference.inputs, out, format="jsonl")
    assert (summary.articles, len(summary.errors)) == (GOOD, BAD)
    assert helpers.records(out) == helpers.records(reference.out)
    jsonl = helpers.tables(out, "jsonl")
    assert len(jsonl["entities"]) == len(reference.tables["entities"])
    names = duckdb.sql(f"SELECT name FROM read_json_auto('{out}/entities/**/*.jsonl')")
    assert ("Hakan Fidan",) in names.fetchall()
    first = next((out / "articles").rglob("*.jsonl")).read_text().splitlines()[0]
    assert_valid(json.loads(first))


def test_the_command_reports_failures_with_exit_code_1(reference, tmp_path, capsys):
    errors = tmp_path / "errors.jsonl"
    argv = [*reference.inputs, "--out", str(tmp_path / "out"), "--errors", str(errors)]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert f"{GOOD} articles" in err and f"{BAD} inputs failed (all in " in err
    assert "empty.txt: text is only whitespace" in err  # each failure with its reason
    assert len(errors.read_text().splitlines()) == BAD
    assert main([*argv, "--quiet"]) == 0  # everything done: nothing new failed
    with pytest.raises(SystemExit) as exit:
        main([reference.inputs[0], "--out", str(tmp_path / "x"), "--format", "csv"])
    assert exit.value.code == 2


def test_usage_errors_are_messages(tmp_path, capsys):
    out = tmp_path / "out"
    assert main([str(tmp_path), "--out", str(out), "--scheduler", "tcp://x:1", "--engine",
                 "local"]) == 2  # fmt: skip
    assert "--scheduler needs --engine dask" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit:
        main([str(tmp_path), "--out", str(out), "--kb", str(tmp_path / "nowhere")])
    assert exit.value.code == 2
    assert "no such folder" in capsys.readouterr().err
    assert not out.exists()


def test_each_failed_input_is_on_stderr_and_a_run_that_kept_nothing_leaves_no_folder(
    tmp_path, capsys
):
    out = tmp_path / "out"
    (tmp_path / "empty.txt").write_text(" \n", encoding="utf-8")
    argv = [str(tmp_path / "missing.txt"), str(tmp_path / "empty.txt"), "--out", str(out)]
    assert main([*argv, "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "2 inputs failed:" in err
    assert "missing.txt: no such file or directory" in err
    assert "empty.txt: text is only whitespace" in err
    assert not out.exists()
    out.mkdir()
    (out / "keep.txt").write_text("not ours", encoding="utf-8")
    assert main(argv) == 1
    assert (out / "keep.txt").exists()  # a folder that was there before is never removed


def test_the_progress_bar_shows_rates_and_an_eta_on_stderr(reference, helpers, tmp_path, capsys):
    helpers.run(reference.inputs, tmp_path / "out", progress=True)
    err = capsys.readouterr().err
    assert "articles/s" in err and "words/s" in err and "ETA" in err
    assert f"{GOOD} articles" in err and f"{BAD} failed" in err and "100%" in err


def test_registers_as_parley_batch(reference, tmp_path, monkeypatch):
    import parley.cli

    monkeypatch.setattr(parley.cli, "COMMANDS", ("parley.batch.cli",))
    out = tmp_path / "out"
    assert parley.cli.main(["batch", reference.inputs[0], "--out", str(out), "--quiet"]) == 1
    assert len(list((out / "articles").rglob("*.parquet"))) == 1


def test_an_analyser_failure_on_one_article_is_reported_and_the_run_goes_on(
    reference, helpers, tmp_path, monkeypatch
):
    import parley.batch.worker as worker

    real = worker.analyze_batch

    def fragile(articles, **options):
        for analysis in real(articles, **options):
            if "Zelensky" in analysis.article.text:
                raise TypeError("a bug")
            yield analysis

    monkeypatch.setattr(worker, "analyze_batch", fragile)
    summary = helpers.run(reference.inputs, tmp_path / "out")
    assert summary.articles == GOOD - 1
    [bug] = [e for e in summary.errors if "internal error" in e["reason"]]
    assert bug["input"].endswith("zelensky.txt") and "TypeError: a bug" in bug["reason"]
