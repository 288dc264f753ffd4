"""``parley.ingest.walk``: the one directory walker of ``parley analyze``, ``parley batch``
and ``parley ingest``'s progress estimate."""

from __future__ import annotations

import os

from parley.batch.chunks import sources
from parley.errors import InputError
from parley.ingest import walk
from parley.store.ingest import estimate


def _tree(root):
    (root / "b").mkdir(parents=True)
    (root / "b" / "2.txt").write_text("x")
    (root / "b" / "1.html").write_text("x")
    (root / "a.jsonl").write_text('{"text": "one"}\n\n{"text": "two"}\n')
    (root / "c.md").write_text("x")
    (root / "notes.docx").write_text("x")  # unknown ending
    (root / ".hidden.txt").write_text("x")
    (root / ".git").mkdir()
    (root / ".git" / "x.txt").write_text("x")
    (root / "linked").symlink_to(root / "b", target_is_directory=True)  # not followed
    return [f"{root}/a.jsonl", f"{root}/b/1.html", f"{root}/b/2.txt", f"{root}/c.md"]


def test_files_in_name_order_depth_first_hidden_and_unknown_skipped(tmp_path):
    expected = _tree(tmp_path / "in")
    assert list(walk(str(tmp_path / "in"))) == expected


def test_batch_sources_and_the_ingest_estimate_walk_the_same_files(tmp_path):
    expected = _tree(tmp_path / "in")
    assert [s.name for s in sources([str(tmp_path / "in")])] == expected
    assert estimate([str(tmp_path / "in")]) == 2 + 3  # two JSON lines, three files


def test_a_folder_that_cannot_be_listed_is_an_error_in_its_place(tmp_path, monkeypatch):
    expected = _tree(tmp_path / "in")
    locked = str(tmp_path / "in" / "b")
    scandir = os.scandir

    def refusing(path):
        if os.fspath(path) == locked:
            raise PermissionError(13, "Permission denied", locked)
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    found = list(walk(str(tmp_path / "in")))
    assert found[0] == expected[0] and found[2:] == expected[3:]
    assert isinstance(found[1], InputError)
    assert (found[1].input, found[1].reason) == (
        locked,
        "cannot list the directory (permission denied)",
    )
    [error] = [s.error for s in sources([str(tmp_path / "in")]) if s.error]
    assert error.reason == found[1].reason
