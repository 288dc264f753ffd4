"""read_inputs as a whole: order, directories, standard input, overrides, sniffing."""

from __future__ import annotations

import io
import json

import pytest

from parley.errors import InputError
from parley.ingest import read_inputs, sniff
from parley.model import Article


def test_items_come_in_input_order_and_errors_are_values(tmp_path, read, texts):
    good = tmp_path / "good.txt"
    good.write_bytes(texts.english.encode())
    other = tmp_path / "other.md"
    other.write_bytes(texts.english_2.encode())
    items = read(good, tmp_path / "missing.txt", other)
    assert [type(item) for item in items] == [Article, InputError, Article]
    assert [item.input for item in items] == [str(good), str(tmp_path / "missing.txt"), str(other)]


def test_read_inputs_is_lazy(tmp_path, texts):
    good = tmp_path / "good.txt"
    good.write_bytes(texts.english.encode())
    stream = read_inputs([str(good), str(tmp_path / "later.txt")])
    assert isinstance(next(stream), Article)
    (tmp_path / "later.txt").write_bytes(texts.english_2.encode())  # created after the first
    assert next(stream).text == texts.english_2


def test_directory_with_good_and_bad_files_in_sorted_order(tmp_path, read, texts, make_page):
    root = tmp_path / "inbox"
    (root / "a").mkdir(parents=True)
    (root / "a" / "02-empty.txt").write_bytes(b"")
    (root / "a" / "01-good.txt").write_bytes(texts.english.encode())
    (root / "b.html").write_text(make_page(texts.english_2), encoding="utf-8")
    lines = [json.dumps({"text": texts.english}), "[1]"]
    (root / "c.jsonl").write_text("\n".join(lines), encoding="utf-8")
    (root / "d.pdf").write_bytes(b"%PDF-1.7")  # unknown extension: skipped silently
    (root / "e.txt").write_bytes(b"Gen\xe8ve")
    (root / "f.TXT").write_bytes(texts.german.encode())
    (root / ".hidden.txt").write_bytes(texts.english.encode())
    (root / ".git").mkdir()
    (root / ".git" / "notes.txt").write_bytes(texts.english.encode())
    (root / "sub").mkdir()
    (root / "sub" / "notes.docx").write_bytes(b"PK\x03\x04")

    items = read(root)
    summary = [(item.input, type(item).__name__) for item in items]
    assert summary == [
        (f"{root}/a/01-good.txt", "Article"),
        (f"{root}/a/02-empty.txt", "InputError"),
        (f"{root}/b.html", "Article"),
        (f"{root}/c.jsonl:1", "Article"),
        (f"{root}/c.jsonl:2", "InputError"),
        (f"{root}/e.txt", "InputError"),
        (f"{root}/f.TXT", "InputError"),
    ]
    assert "not valid UTF-8 at byte 3 (0xe8)" in items[5].reason
    assert "German" in items[6].reason


def test_directory_path_is_joined_as_given(tmp_path, read, texts, monkeypatch):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "one.txt").write_bytes(texts.english.encode())
    monkeypatch.chdir(tmp_path)
    [article] = read("news/")
    assert article.input == "news/one.txt"


@pytest.mark.parametrize("names", [[], ["notes.docx", ".hidden.txt", "image.png"]])
def test_directory_without_usable_files(tmp_path, read, names):
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    [error] = read(tmp_path)
    assert isinstance(error, InputError)
    assert error.input == str(tmp_path)
    assert error.reason.startswith("no input files in the directory")


def test_stdin_text(read, texts):
    data = texts.english.replace("\n", "\r\n").encode()
    [article] = read("-", stdin=io.BytesIO(data))
    assert article.input == "-"
    assert article.text == texts.english.replace("\n", "\r\n")


def test_stdin_html_is_sniffed(read, texts, make_page):
    [article] = read("-", stdin=io.BytesIO(make_page(texts.english).encode()))
    assert article.title == "Envoys meet in Geneva"


def test_stdin_binary(read):
    [error] = read("-", stdin=io.BytesIO(b"%PDF-1.4\n..."))
    assert (error.input, error.reason) == ("-", "binary file (looks like PDF), not text")


def test_overrides_replace_what_the_input_says(tmp_path, read, texts, make_page):
    path = tmp_path / "page.html"
    path.write_text(make_page(texts.english), encoding="utf-8")
    [article] = read(path, title="Talks in Geneva", source="Desk", published="2024-03-04")
    assert (article.title, article.source, article.published) == (
        "Talks in Geneva",
        "Desk",
        "2024-03-04",
    )
    [article] = read(path, title="Only the title")
    assert (article.title, article.source) == ("Only the title", "Parley Wire")


@pytest.mark.parametrize(
    "ending",
    [
        ".txt",
        ".text",
        ".md",
        ".html",
        ".htm",
        ".xhtml",
        ".jsonl",
        ".ndjson",
        ".xml",
        ".rss",
        ".atom",
        ".warc",
        ".warc.gz",
        ".arc.gz",
    ],
)
def test_every_known_ending_is_read_from_a_directory(tmp_path, read, ending):
    path = tmp_path / f"input{ending}"
    path.write_bytes(b"\x00")
    [item] = read(tmp_path)
    assert item.input.startswith(str(path))


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"Talks resumed on Tuesday.", "text"),
        (b"\xef\xbb\xbf<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        (b"<?xml version='1.0'?><rss version='2.0'><channel/></rss>", "feed"),
        (b'\n{"text": "Talks resumed."}\n{"text": "More."}\n', "jsonl"),
        (b"{not json at all", "text"),
        (b"WARC/1.1\r\nWARC-Type: warcinfo\r\n", "warc"),
    ],
)
def test_sniff(data, kind):
    assert sniff(data) == kind
