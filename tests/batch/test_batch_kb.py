"""``parley batch --kb DIR``: the user's knowledge base reaches the worker processes."""

from __future__ import annotations

import json

import pytest

from parley.batch.cli import main

TEXT = "Vostrikova met the Romanian delegation in Chisinau on Monday."
PERSON = {
    "id": "person:mirela-vostrikova",
    "name": "Mirela Vostrikova",
    "country": "MDA",
    "surnames": ["Vostrikova"],
}


@pytest.mark.parametrize("processes", ["1", "2"])
def test_batch_workers_use_the_user_kb(tmp_path, helpers, processes):
    kb = tmp_path / "kb"
    kb.mkdir()
    (kb / "persons.json").write_text(json.dumps([PERSON]), encoding="utf-8")
    article = tmp_path / "in" / "a.txt"
    article.parent.mkdir()
    article.write_text(TEXT, encoding="utf-8")
    runs = {}
    for name, extra in (("plain", []), ("user", ["--kb", str(kb)])):
        out = tmp_path / name
        argv = [str(article.parent), "--out", str(out), "--quiet", "--processes", processes]
        assert main([*argv, *extra]) == 0
        [record] = helpers.records(out)
        runs[name] = {e["kb_id"] for e in record["entities"]}
    assert "person:mirela-vostrikova" not in runs["plain"]
    assert "person:mirela-vostrikova" in runs["user"]
