"""Plain-text files: exact decoding, encodings, binary files, and the checks on every text."""

from __future__ import annotations

import builtins
import errno
import io
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parley.errors import InputError
from parley.ingest import check_text, detect_language, read_inputs
from parley.ingest.text import decode, plainly_english, read_bytes
from parley.model import Article

SEED = Path(__file__).parents[2].parent / "shared" / "data" / "seed" / "article.txt"


def test_text_file_is_one_english_article(tmp_path, read, texts):
    path = tmp_path / "geneva.txt"
    path.write_bytes(texts.english.encode())
    [article] = read(path)
    assert article == Article(text=texts.english, input=str(path), language="en")


def test_text_is_kept_exactly_with_crlf_and_curly_quotes(tmp_path, read, texts):
    text = (
        "  “We will not negotiate under fire,” the minister said.\r\n\r\n"
        + texts.english.replace("\n", "\r\n")
        + "It’s the envoys’ ‘last chance’ — officials said.\t \r\n\r\n"
    )
    path = tmp_path / "crlf.txt"
    path.write_bytes(text.encode("utf-8"))
    [article] = read(path)
    assert article.text == text


def test_utf8_bom_is_dropped(tmp_path, read, texts):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + texts.english.encode())
    [article] = read(path)
    assert article.text == texts.english


def test_seed_article_reads_exactly():
    if not SEED.exists():  # the shared data is present in CI: missing there is a failure
        (pytest.fail if os.environ.get("CI") else pytest.skip)(f"{SEED} is missing")
    [article] = read_inputs([str(SEED)])
    assert article.text == SEED.read_bytes().decode("utf-8")
    assert article.language == "en"


def test_invalid_utf8_names_byte_offset_and_suggests_encoding(tmp_path, read, texts):
    data = texts.english.encode() + "Talks resumed in Genève.\n".encode("latin-1")
    offset = data.index(b"\xe8")
    path = tmp_path / "latin.txt"
    path.write_bytes(data)
    [error] = read(path)
    assert isinstance(error, InputError)
    assert error.input == str(path)
    assert f"not valid UTF-8 at byte {offset} (0xe8)" in error.reason
    assert "--encoding latin-1" in error.reason


def test_encoding_latin1_override(tmp_path, read, texts):
    text = texts.english + "Talks resumed in Genève.\n"
    path = tmp_path / "latin.txt"
    path.write_bytes(text.encode("latin-1"))
    [article] = read(path, encoding="latin-1")
    assert article.text == text


def test_encoding_utf16_is_allowed_despite_nul_bytes(tmp_path, read, texts):
    path = tmp_path / "wide.txt"
    path.write_bytes(texts.english.encode("utf-16"))
    [error] = read(path)
    assert "pass --encoding utf-16" in error.reason
    [article] = read(path, encoding="utf-16")
    assert article.text == texts.english


def test_unknown_encoding_is_an_input_error(tmp_path, read, texts):
    path = tmp_path / "a.txt"
    path.write_bytes(texts.english.encode())
    [error] = read(path, encoding="no-such-codec")
    assert isinstance(error, InputError)
    assert "unknown encoding 'no-such-codec'" in error.reason


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip"),
    ],
)
def test_binary_file_is_rejected(tmp_path, read, data, kind):
    path = tmp_path / "report.txt"
    path.write_bytes(data)
    [error] = read(path)
    assert isinstance(error, InputError)
    assert error.reason.startswith(f"binary file (looks like {kind}")
    assert error.reason.endswith("not text")


def test_file_with_nul_bytes_is_rejected_in_plain_words(tmp_path, read):
    path = tmp_path / "report.txt"
    path.write_bytes(b"Ceasefire\x00\x00\x01\x02talks")
    [error] = read(path)
    assert error.reason == "binary file (it contains NUL bytes), not text"


@pytest.mark.parametrize(("data", "reason"), [(b"", "empty"), (b" \r\n\t\n  ", "only whitespace")])
def test_empty_or_whitespace_text_is_rejected(tmp_path, read, data, reason):
    path = tmp_path / "blank.txt"
    path.write_bytes(data)
    [error] = read(path)
    assert isinstance(error, InputError)
    assert error.input == str(path)
    assert reason in error.reason


def test_text_over_5_mb_is_rejected(tmp_path, read, texts):
    big = texts.english * (5 * 1024 * 1024 // len(texts.english.encode()) + 1)
    assert len(big.encode()) > 5 * 1024 * 1024
    with pytest.raises(InputError, match="over the 5 MB limit"):
        check_text(big, "big.txt")
    path = tmp_path / "big.txt"
    path.write_bytes(big.encode())
    [error] = read(path)
    assert isinstance(error, InputError)
    assert "over the 5 MB limit" in error.reason


def test_text_of_exactly_5_mb_is_accepted(texts):
    limit = 5 * 1024 * 1024
    text = (texts.english * (limit // len(texts.english) + 1))[:limit]
    assert check_text(text, "edge.txt") == "en"


@pytest.mark.parametrize(
    ("which", "code", "name"), [("german", "de", "German"), ("french", "fr", "French")]
)
def test_non_english_text_is_rejected(tmp_path, read, texts, which, code, name):
    path = tmp_path / f"{code}.txt"
    path.write_bytes(getattr(texts, which).encode())
    [error] = read(path)
    assert isinstance(error, InputError)
    assert error.reason == f"text is in {name} ({code}), not English"


def test_english_quoting_a_foreign_phrase_is_kept(tmp_path, read, texts):
    text = (
        texts.english + 'The agreement, known locally as "Abkommen über den Frieden", was signed.\n'
    )
    path = tmp_path / "mixed.txt"
    path.write_bytes(text.encode())
    [article] = read(path)
    assert article.language == "en"


def test_detect_language(texts):
    assert detect_language(texts.german)[0] == "de"
    lang, prob = detect_language(texts.english)
    assert lang == "en"
    assert 0.8 <= prob <= 1.0
    assert detect_language("Talks resume in Geneva.") == ("en", 0.0)  # too short to judge


def test_missing_path(tmp_path, read):
    missing = tmp_path / "nowhere.txt"
    [error] = read(missing)
    assert isinstance(error, InputError)
    assert (error.input, error.reason) == (str(missing), "no such file or directory")


def test_broken_symlink(tmp_path, read):
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "gone.txt")
    [error] = read(link)
    assert error.input == str(link)
    assert error.reason.startswith("broken symbolic link")


def test_unreadable_file(tmp_path, read, texts, monkeypatch):
    """The system refuses to open the file (as it does for a file of mode 000 to any user
    but root, who reads every file whatever its mode): the open raises PermissionError."""
    path = tmp_path / "secret.txt"
    path.write_bytes(texts.english.encode())
    real_open = io.open
    refused = []

    def refusing_open(file, *args, **kwargs):
        if isinstance(file, str | os.PathLike) and os.fspath(file) == str(path):
            refused.append(file)
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refusing_open)
    monkeypatch.setattr(io, "open", refusing_open)
    [error] = read(path)
    assert refused, "the file was never opened"
    assert isinstance(error, InputError)
    assert (error.input, error.reason) == (str(path), "permission denied")


def test_directory_where_a_file_is_needed(tmp_path):
    with pytest.raises(InputError, match="is a directory"):
        read_bytes(str(tmp_path))


@given(st.text().filter(lambda s: not s.startswith("\ufeff")))
def test_utf8_decoding_round_trips_exactly(text):
    assert decode(text.encode("utf-8"), "x") == text


def test_plainly_english_shortcut_takes_english_news_and_leaves_other_languages_to_the_detector():
    english = (
        "The foreign minister said on Monday that the talks with the delegation from Kyiv "
        "were constructive and that a second round would be held in Istanbul, which both "
        "sides have accepted. "
    ) * 3
    french = (
        "Le ministre des affaires étrangères a déclaré lundi que les pourparlers avec la "
        "délégation de Kiev étaient constructifs et qu'un second tour aurait lieu à Istanbul. "
    ) * 3
    german = (
        "Der Außenminister sagte am Montag, die Gespräche mit der Delegation aus Kiew seien "
        "konstruktiv gewesen und eine zweite Runde werde in Istanbul stattfinden. "
    ) * 3
    assert plainly_english(english)
    assert not plainly_english(french) and not plainly_english(german)
    assert not plainly_english("The talks were held.")  # too short to judge this way
    assert check_text(french, "fr.txt") == "fr"


def test_nul_in_decoded_text_is_refused(tmp_path, read, texts):
    """A NUL written as an escape in JSON reaches the text: the same check refuses it."""
    import json

    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": texts.english[:50] + "\x00" + texts.english[50:]}))
    [error] = read(path)
    assert error.reason == "text contains NUL bytes (the first at character 50): binary, not text"
