"""JSON Lines: one article per line, bad lines reported as path:LINE and skipped."""

from __future__ import annotations

import io
import json

from parley.errors import InputError
from parley.model import Article


def test_jsonl_good_and_bad_lines(tmp_path, read, texts):
    lines = [
        json.dumps(
            {
                "text": texts.english,
                "title": "Envoys meet in Geneva",
                "published": "2024-03-05",
                "source": "Parley Wire",
                "url": "https://wire.example/geneva",
            }
        ),
        "",
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"title": "no text"}),
        json.dumps({"text": 42}),
        json.dumps({"text": "  \n "}),
        "   ",
        json.dumps({"text": texts.english_2, "date": "2024-03-06", "extra": [1, 2]}),
        json.dumps({"text": texts.english_2, "title": 7}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read(path)
    assert [item.input for item in items] == [f"{path}:{n}" for n in (1, 3, 4, 5, 6, 7, 9, 10)]
    first, *bad, last_good, bad_title = items
    assert first == Article(
        text=texts.english,
        title="Envoys meet in Geneva",
        source="Parley Wire",
        url="https://wire.example/geneva",
        published="2024-03-05",
        input=f"{path}:1",
        language="en",
    )
    assert all(isinstance(item, InputError) for item in bad)
    reasons = [item.reason for item in bad]
    assert reasons[0].startswith("not valid JSON")
    assert reasons[1] == "expected a JSON object, got a list"
    assert reasons[2] == 'missing the "text" field'
    assert reasons[3] == '"text" must be a string, not a number'
    assert reasons[4] == "text is only whitespace"  # the reason every input gives
    assert str(bad[0]).startswith(f"{path}:3: ")
    assert last_good.published == "2024-03-06"  # "date" is an alias of "published"
    assert last_good.text == texts.english_2
    assert bad_title.reason == '"title" must be a string, not a number'


def test_jsonl_text_is_kept_exactly(tmp_path, read, texts):
    text = "“No comment,” the spokesman said.\r\n\r\n" + texts.english + "  "
    path = tmp_path / "exact.ndjson"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"text": text}, ensure_ascii=False).encode())
    [article] = read(path)
    assert article.text == text


def test_jsonl_invalid_utf8_line(tmp_path, read, texts):
    path = tmp_path / "batch.jsonl"
    good = json.dumps({"text": texts.english}).encode()
    path.write_bytes(good + b"\n" + b'{"text": "Gen\xe8ve"}\n')
    article, error = read(path)
    assert article.input == f"{path}:1"
    assert error.input == f"{path}:2"
    assert "not valid UTF-8 at byte 13 (0xe8)" in error.reason


def test_jsonl_non_english_line(tmp_path, read, texts):
    path = tmp_path / "batch.jsonl"
    path.write_text(
        json.dumps({"text": texts.french}) + "\n" + json.dumps({"text": texts.english}) + "\n",
        encoding="utf-8",
    )
    error, article = read(path)
    assert (error.input, error.reason) == (
        f"{path}:1",
        "text is in French (fr), not English",
    )
    assert article.input == f"{path}:2"


def test_empty_jsonl_file(tmp_path, read):
    path = tmp_path / "empty.jsonl"
    path.write_bytes(b"\n\n")
    [error] = read(path)
    assert (error.input, error.reason) == (str(path), "no JSON lines (the file is empty)")


def test_jsonl_sniffed_from_stdin(read, texts):
    data = "\n".join(json.dumps({"text": t}) for t in (texts.english, texts.english_2))
    first, second = read("-", stdin=io.BytesIO(data.encode()))
    assert (first.input, second.input) == ("-:1", "-:2")
    assert second.text == texts.english_2


def test_jsonl_unpaired_surrogates(tmp_path, read, texts):
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"text": texts.english + "\ud800"}),
        json.dumps({"text": texts.english, "title": "Talks \udc00"}),
    ]
    path.write_text("\n".join(lines), encoding="ascii")
    first, second = read(path)
    assert "unpaired surrogate" in first.reason
    assert second.reason == '"title" has an unpaired surrogate'


def test_jsonl_json_error_names_the_column_once(tmp_path, read, texts):
    """json's "Unterminated string starting at" already ends in "at": the reason must not
    read "at at column"."""
    path = tmp_path / "cut.jsonl"
    line = json.dumps({"text": texts.english})
    path.write_text(line + "\n" + line[:40], encoding="utf-8")  # cut in the second line
    good, error = read(path)
    assert good.text == texts.english
    assert isinstance(error, InputError) and error.input == f"{path}:2"
    assert error.reason == "not valid JSON (unterminated string starting at column 10)"
    assert "at at" not in error.reason
