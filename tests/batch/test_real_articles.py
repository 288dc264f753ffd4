"""Real articles (``../shared/data/ukraine-news``): Dask on 2 workers writes what one local
process writes, row for row, with a bad input among them."""

from __future__ import annotations

import json

from conftest import shared_path  # tests/conftest.py: fails in CI when the data is missing

N = 6


def test_dask_and_local_agree_on_real_articles(helpers, tmp_path):
    folder = shared_path("ukraine-news", "articles")
    texts: dict[str, str] = {}  # text -> day; the corpus holds a few copies of one text
    for path in sorted(p for p in folder.glob("*.txt") if p.stat().st_size > 1000):
        texts.setdefault(
            path.read_text(encoding="utf-8"), f"{path.name[:4]}-{path.name[4:6]}-{path.name[6:8]}"
        )
        if len(texts) == N:
            break
    assert len(texts) == N
    lines = [json.dumps({"text": text, "published": day}) for text, day in texts.items()]
    lines.insert(3, json.dumps({"text": "", "published": "2024-01-01"}))  # a bad input
    source = tmp_path / "real.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    local = helpers.run([str(source)], tmp_path / "local")
    dask = helpers.run([str(source)], tmp_path / "dask", engine="dask", workers=2)
    assert local.articles == dask.articles == N
    assert [e["input"] for e in dask.errors] == [f"{source}:4"]
    want = helpers.tables(tmp_path / "local")
    assert want["quotes"] and want["events"]  # real news: the tables have rows to compare
    assert helpers.tables(tmp_path / "dask") == want
    assert helpers.records(tmp_path / "dask") == helpers.records(tmp_path / "local")
    assert helpers.errors(tmp_path / "dask") == helpers.errors(tmp_path / "local")
