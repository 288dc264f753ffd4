"""Resumable and safe: crashes (SIGKILL at each commit step), reruns, leftovers, locks."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from parley.batch import BatchOptions, run_batch
from parley.batch.chunks import ReadOptions, chunks, sources
from parley.batch.manifest import CRASH_ENV, Done, OutDir
from parley.batch.writers import writer_for
from parley.errors import ParleyError


def batch_command(inputs: list[str], out: Path, *options: str) -> list[str]:
    return [sys.executable, "-m", "parley.batch.cli", *inputs, "--out", str(out), "--quiet",
            "--chunk-size", "2", "--part-size", "3", *options]  # fmt: skip


def assert_same_as_reference(out: Path, reference, helpers) -> None:
    assert helpers.tables(out) == reference.tables
    assert helpers.records(out) == helpers.records(reference.out)
    got = sorted((e["input"], e["reason"]) for e in helpers.errors(out))
    want = sorted((e["input"], e["reason"]) for e in helpers.errors(reference.out))
    assert got == want


def test_a_rerun_skips_finished_inputs_and_adds_nothing(reference, helpers, tmp_path):
    out = tmp_path / "out"
    helpers.run(reference.inputs, out)
    again = helpers.run(reference.inputs, out)
    assert (again.articles, again.errors, again.parts, again.skipped) == (0, [], 0, 4)
    assert_same_as_reference(out, reference, helpers)


def test_a_changed_input_is_read_again(helpers, inputs, tmp_path):
    out = tmp_path / "out"
    helpers.run(inputs, out)
    lavrov = Path(inputs[0]) / "lavrov.txt"
    lavrov.write_text(lavrov.read_text() + "Talks resume on Friday.\n", encoding="utf-8")
    again = helpers.run(inputs, out)
    assert (again.articles, again.skipped) == (1, 3)


@pytest.mark.parametrize("stage", ["written", "errors", "manifest", "renamed"])
def test_killed_at_any_step_of_a_commit_a_rerun_completes_without_duplicates(
    stage, reference, helpers, tmp_path
):
    out = tmp_path / "out"
    env = {**os.environ, CRASH_ENV: f"2:{stage}"}
    crashed = subprocess.run(batch_command(reference.inputs, out), env=env, timeout=120)
    assert crashed.returncode == -signal.SIGKILL
    temporary = [p.name for p in out.rglob(".part-*.tmp")]
    assert bool(temporary) == (stage != "renamed")
    # a file with a final name is always complete and committed
    visible = {p.name.split(".")[0] for p in out.rglob("part-*")}
    assert visible == ({"part-00001", "part-00002"} if stage == "renamed" else {"part-00001"})
    summary = helpers.run(reference.inputs, out)
    assert summary.removed == (len(temporary) if stage in ("written", "errors") else 0)
    assert not list(out.rglob("*.tmp"))
    assert_same_as_reference(out, reference, helpers)


def test_kill_9_in_the_middle_of_a_run_then_rerun(helpers, tmp_path):
    source = tmp_path / "many.jsonl"
    source.write_text("\n".join(helpers.many_articles(60)) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    argv = batch_command([str(source)], out, "--part-size", "2", "--chunk-size", "1")
    process = subprocess.Popen(argv)
    manifest = out / "_manifest.jsonl"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if manifest.exists() and manifest.read_text().count('"kind": "part"') >= 2:
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    first = sum(1 for line in manifest.read_text().splitlines() if '"part"' in line)
    assert process.returncode == -signal.SIGKILL and first >= 2
    summary = helpers.run([str(source)], out, part_size=2, chunk_size=1)
    assert summary.articles < 60
    inputs = [r["meta"]["input"] for r in helpers.records(out)]
    assert sorted(inputs) == sorted(f"{source}:{i}" for i in range(1, 61))
    ids = helpers.tables(out)["articles"]
    assert len({row[0] for row in ids}) == len(ids) == 60


def test_leftover_temporary_and_uncommitted_files_are_removed(reference, helpers, tmp_path):
    out = tmp_path / "out"
    helpers.run(reference.inputs, out)
    folder = out / "articles" / "published=unknown"
    (folder / ".part-00009.parquet.tmp").write_bytes(b"PAR1 half a file")
    (folder / "part-00009.parquet").write_bytes(b"PAR1 not committed")
    with open(out / "_manifest.jsonl", "a") as fh:  # a manifest line cut short
        fh.write('{"kind": "part", "part": 9, "art')
    summary = helpers.run(reference.inputs, out)
    assert summary.removed == 2 and summary.articles == 0
    assert all(json.loads(line) for line in (out / "_manifest.jsonl").read_text().splitlines())
    assert_same_as_reference(out, reference, helpers)


def test_a_second_run_on_the_same_directory_is_refused(tmp_path):
    first = OutDir(str(tmp_path), "parquet", writer_for("parquet")).open()
    try:
        with pytest.raises(ParleyError, match="another parley batch"):
            OutDir(str(tmp_path), "parquet", writer_for("parquet")).open()
    finally:
        first.close()
    with pytest.raises(ParleyError, match="holds parquet output"):
        OutDir(str(tmp_path), "jsonl", writer_for("jsonl")).open()


def test_chunks_resume_inside_a_file_and_say_when_it_is_finished(helpers, tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(helpers.many_articles(5)) + "\n", encoding="utf-8")
    [source] = sources([str(path)])
    done = {source.key: Done(items=3)}
    [chunk] = chunks([source], done, ReadOptions(), size=10)
    assert [a.input for a in chunk.articles] == [f"{path}:4", f"{path}:5"]
    [mark] = chunk.marks
    assert (mark["start"], mark["end"], mark["complete"]) == (3, 5, True)
    split = list(chunks([source], {}, ReadOptions(), size=5))
    assert len(split) == 1 and split[0].marks[0]["complete"]
    assert list(chunks([source], {source.key: Done(5, True)}, ReadOptions(), 2)) == []


def test_standard_input_is_known_by_its_content(helpers, tmp_path):
    data = ("\n".join(helpers.many_articles(3)) + "\n").encode()
    opts = BatchOptions(out=str(tmp_path / "out"), progress=False)
    first = run_batch(["-"], opts, stdin=io.BytesIO(data))
    again = run_batch(["-"], opts, stdin=io.BytesIO(data))
    other = run_batch(["-"], opts, stdin=io.BytesIO(data.replace(b"drones", b"missiles")))
    assert (first.articles, again.articles, again.skipped, other.articles) == (3, 0, 1, 3)


def manifest_parts(out: Path) -> list[dict]:
    lines = (out / "_manifest.jsonl").read_text().splitlines()
    return [json.loads(line) for line in lines if '"kind": "part"' in line]


def counting(analysed: list[int]):
    """An ``observe`` for ``run_batch`` that counts the articles analysed (and failed)."""

    def observe(chunk, result) -> None:
        analysed[0] += len(result.articles) + len(result.errors)

    return observe


def test_part_size_below_chunk_size_is_honoured_and_resumes_inside_a_chunk(helpers, tmp_path):
    source = tmp_path / "many.jsonl"
    source.write_text("\n".join(helpers.many_articles(20)) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    argv = batch_command([str(source)], out, "--chunk-size", "8", "--part-size", "3")
    crashed = subprocess.run(argv, env={**os.environ, CRASH_ENV: "4:written"}, timeout=120)
    assert crashed.returncode == -signal.SIGKILL
    # parts of 3 articles, the third one cut in the middle of the second chunk
    assert [p["articles"] for p in manifest_parts(out)] == [3, 3, 3]
    assert [(m["start"], m["end"]) for p in manifest_parts(out) for m in p["inputs"]] == [
        (0, 3), (3, 6), (6, 9)
    ]  # fmt: skip
    analysed = [0]
    run_batch([str(source)], BatchOptions(out=str(out), progress=False, chunk_size=8,
              part_size=3), observe=counting(analysed))  # fmt: skip
    assert analysed[0] == 11  # only the articles no committed part holds
    assert [p["articles"] for p in manifest_parts(out)] == [3, 3, 3, 3, 3, 3, 2]
    ids = [r["meta"]["input"] for r in helpers.records(out)]
    assert sorted(ids) == sorted(f"{source}:{i}" for i in range(1, 21))


@pytest.mark.parametrize("stage", ["written", "manifest"])
def test_a_default_run_killed_mid_run_keeps_its_committed_parts(stage, helpers, tmp_path):
    source = tmp_path / "many.jsonl"
    source.write_text("\n".join(helpers.many_articles(150)) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    argv = [sys.executable, "-m", "parley.batch.cli", str(source), "--out", str(out), "--quiet"]
    crashed = subprocess.run(argv, env={**os.environ, CRASH_ENV: f"2:{stage}"}, timeout=300)
    assert crashed.returncode == -signal.SIGKILL
    committed = sum(p["articles"] for p in manifest_parts(out))
    default = BatchOptions(out="").part_size
    assert committed == (default if stage == "written" else 2 * default)
    analysed = [0]
    again = run_batch([str(source)], BatchOptions(out=str(out), progress=False),
                      observe=counting(analysed))  # fmt: skip
    assert analysed[0] == again.articles == 150 - committed
    records = helpers.records(out)
    assert sorted(r["meta"]["input"] for r in records) == sorted(
        f"{source}:{i}" for i in range(1, 151)
    )
    assert len({r["article"]["id"] for r in records}) == 150


def test_a_part_commits_after_part_seconds_whatever_its_size(helpers, tmp_path):
    source = tmp_path / "many.jsonl"
    source.write_text("\n".join(helpers.many_articles(12)) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    opts = BatchOptions(out=str(out), progress=False, chunk_size=4, part_seconds=0.001)
    summary = run_batch([str(source)], opts)
    assert summary.articles == 12 and summary.parts == 3  # one part after each chunk
    assert [p["articles"] for p in manifest_parts(out)] == [4, 4, 4]


def test_defaults_commit_small_parts(helpers):
    opts = BatchOptions(out="")
    assert opts.part_size <= 64 and opts.part_seconds <= 30
