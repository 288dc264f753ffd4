"""Plain text: reading bytes, decoding them exactly, and the checks every article passes.

The text parley analyses is the input *exactly as decoded*: no newline translation, no
stripping, no quote normalisation. Files are therefore always read in binary and decoded here.
"""

from __future__ import annotations

import codecs
import os
import re
from functools import cache
from typing import Any, BinaryIO

from parley.errors import InputError

MB = 1024 * 1024
MAX_TEXT_BYTES = 5 * MB  # UTF-8 size of one article's text
MAX_INPUT_BYTES = 64 * MB  # one HTML page, feed or stdin read into memory
SNIFF_BYTES = 8192
MIN_LETTERS = 40  # below this, language detection is a guess
MIN_CONFIDENCE = 0.8  # below this, a non-English verdict is not trusted
LANGUAGE_SAMPLE = 4_000  # characters given to the language detector (plenty for news)

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP, DOCX or EPUB"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"\x1f\x8b", "gzip"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "SQLite"),
)

LANGUAGE_NAMES = {
    "ar": "Arabic", "bg": "Bulgarian", "cs": "Czech", "da": "Danish", "de": "German",
    "el": "Greek", "es": "Spanish", "et": "Estonian", "fa": "Persian", "fi": "Finnish",
    "fr": "French", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian",
    "hy": "Armenian", "id": "Indonesian", "it": "Italian", "ja": "Japanese", "ka": "Georgian",
    "kk": "Kazakh", "ko": "Korean", "lt": "Lithuanian", "lv": "Latvian", "nl": "Dutch",
    "no": "Norwegian", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian",
    "sk": "Slovak", "sl": "Slovenian", "sr": "Serbian", "sv": "Swedish", "tr": "Turkish",
    "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese", "zh": "Chinese",
}  # fmt: skip


def os_reason(err: OSError) -> str:
    """One short sentence for an error raised while opening or reading a path."""
    if isinstance(err, FileNotFoundError):
        name = err.filename
        if isinstance(name, str) and os.path.islink(name):
            return f"broken symbolic link (points to {os.readlink(name)})"
        return "no such file or directory"
    if isinstance(err, PermissionError):
        return "permission denied"
    if isinstance(err, IsADirectoryError):
        return "is a directory, not a file"
    if isinstance(err, NotADirectoryError):
        return "no such file (a part of the path is not a directory)"
    return (err.strerror or str(err)).lower()


def open_binary(path: str) -> BinaryIO:
    """Open ``path`` for binary reading; problems become an ``InputError`` naming it."""
    try:
        return open(path, "rb")  # noqa: SIM115 - the caller closes it
    except OSError as err:
        raise InputError(path, os_reason(err)) from None


def read_bytes(path: str, limit: int = MAX_INPUT_BYTES) -> bytes:
    """All bytes of ``path``; more than ``limit`` bytes is an ``InputError``."""
    with open_binary(path) as f:
        try:
            data = f.read(limit + 1)
        except OSError as err:
            raise InputError(path, os_reason(err)) from None
    if len(data) > limit:
        raise InputError(path, f"file is larger than {limit // MB} MB")
    return data


NUL_BYTES = "contains NUL bytes"  # what ``binary_kind`` says of text with NUL bytes


def binary_kind(data: bytes, *, allow_nul: bool = False) -> str | None:
    """What a binary file looks like ("PDF", "gzip", …, or ``NUL_BYTES``), or None if it
    may be text.

    NUL bytes in the first 8 KB mark a file as binary unless ``allow_nul`` (an explicit
    encoding such as UTF-16 was given).
    """
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if not allow_nul and b"\x00" in data[:SNIFF_BYTES]:
        return NUL_BYTES
    return None


def reject_binary(data: bytes, input: str, encoding: str | None = None) -> None:
    """Raise ``InputError`` if ``data`` is a binary file rather than text."""
    if encoding is None and data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(input, "text is UTF-16 (it starts with a byte order mark); "
                                "pass --encoding utf-16")  # fmt: skip
    kind = binary_kind(data, allow_nul=encoding is not None)
    if kind == NUL_BYTES:
        raise InputError(input, "binary file (it contains NUL bytes), not text")
    if kind is not None:
        raise InputError(input, f"binary file (looks like {kind}), not text")


def _is_utf8(encoding: str) -> bool:
    try:
        return codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False


def decode(data: bytes, input: str, encoding: str | None = None) -> str:
    """Decode ``data`` exactly: UTF-8 by default (a leading BOM is dropped), else ``encoding``.

    No newline translation and no stripping. Errors name the byte offset and the byte.
    """
    if encoding is None or _is_utf8(encoding):
        skip = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
        try:
            return data[skip:].decode("utf-8")
        except UnicodeDecodeError as err:
            at = err.start + skip
            raise InputError(
                input,
                f"not valid UTF-8 at byte {at} (0x{data[at]:02x}); pass --encoding "
                "(for example --encoding latin-1) if the file uses another encoding",
            ) from None
    try:
        return data.decode(encoding)
    except LookupError:
        raise InputError(
            input, f"unknown encoding {encoding!r}; use a name such as utf-8, latin-1 or cp1252"
        ) from None
    except UnicodeDecodeError as err:
        raise InputError(
            input, f"not valid {encoding} at byte {err.start} (0x{data[err.start]:02x})"
        ) from None


@cache
def _identifier() -> Any:  # py3langid's LanguageIdentifier (untyped)
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    load = getattr(LanguageIdentifier, "from_model_file", None)
    if load is None:  # py3langid < 0.4
        load = LanguageIdentifier.from_pickled_model
    return load(MODEL_FILE, norm_probs=True)


# words that make up about a quarter of running English text and little of other languages
ENGLISH_WORDS = frozenset(
    ("the", "and", "of", "to", "that", "for", "with", "was", "were", "has", "have", "from")
    + ("by", "said", "this", "which")
)
_WORD = re.compile(r"[a-z]+")


def plainly_english(sample: str) -> bool:
    """True when at least 15% of the first 300 words are common English function words:
    then the (slower) statistical detector is not asked."""
    words = _WORD.findall(sample[:2_000].lower())[:300]
    return len(words) >= 60 and sum(w in ENGLISH_WORDS for w in words) >= 0.15 * len(words)


def detect_language(text: str) -> tuple[str, float]:
    """``(ISO 639-1 code, probability)`` from py3langid, normalised over all languages.

    Texts with fewer than 40 letters are too short to judge: ``("en", 0.0)``. Only the
    first 4,000 characters are looked at.
    """
    sample = text[:LANGUAGE_SAMPLE]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return "en", 0.0
    lang, prob = _identifier().classify(sample)
    return str(lang), float(prob)


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, f"language {code!r}")


class TextTooLarge(InputError):
    """The text of one article is over ``MAX_TEXT_BYTES`` of UTF-8."""


def check_text(text: str, input: str) -> str:
    """Check one article's text and return its language code.

    Raises ``InputError`` for empty or whitespace-only text, text with NUL characters
    (binary data), text that cannot be encoded as UTF-8 (unpaired surrogates) and
    ``TextTooLarge`` for text over 5 MB of UTF-8. The code is the detected language when
    the detector is confident (probability of at least 0.8); otherwise "en", the language
    parley assumes.
    """
    if not text.strip():
        raise InputError(input, "text is empty" if not text else "text is only whitespace")
    nul = text.find("\x00")
    if nul >= 0:
        raise InputError(
            input, f"text contains NUL bytes (the first at character {nul:,}): binary, not text"
        )
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as err:
        raise InputError(
            input, f"text has an unpaired surrogate at character {err.start}"
        ) from None
    if size > MAX_TEXT_BYTES:
        raise TextTooLarge(
            input, f"text is {size:,} bytes, over the 5 MB limit; split it into smaller articles"
        )
    if plainly_english(text):
        return "en"
    lang, prob = detect_language(text)
    return lang if prob >= MIN_CONFIDENCE else "en"


def check_input(text: str, input: str) -> str:
    """The check every article read or received passes (files, URLs, feeds and archives
    through ``read_inputs``, the CLI, ``parley batch``, ``POST /api/articles``): those of
    ``check_text``, and English only. Returns "en"; raises ``InputError`` with the reason.
    """
    language = check_text(text, input)
    if language != "en":
        raise InputError(input, f"text is in {language_name(language)} ({language}), not English")
    return language
