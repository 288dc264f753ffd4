"""Web archives (WARC, WARC.gz, ARC.gz): one article per HTML page captured with HTTP 200.

Each article is named ``<input>#<WARC-Record-ID>`` (without the angle brackets), or
``<input>#<target URI>`` when a record has no ID (as in ARC files). Its ``url`` is the
target URI.
``published`` is the page's own date when trafilatura finds one; otherwise the date part of
the record's WARC-Date (the capture date) is used as a fallback, since a page cannot have
been published after it was archived and relative dates ("on Tuesday") need an anchor.
Requests, metadata, redirects, errors, non-HTML responses and pages without article text
are skipped silently; an archive that cannot be read is an ``InputError``.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import replace
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from parley.errors import InputError
from parley.ingest.html import extract_html
from parley.model import Article

_READ_ERRORS = (ArchiveLoadFailed, EOFError, zlib.error, ValueError, OSError)


def _start(data: bytes) -> bytes:
    """The first bytes of an archive, decompressed if it is gzipped (b"" if that fails)."""
    if not data.startswith(b"\x1f\x8b"):
        return data
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[:4096], 64)
    except zlib.error:
        return b""


def looks_like_warc(data: bytes) -> bool:
    """Whether ``data`` starts a WARC file, plain or gzip-compressed."""
    return _start(data).startswith(b"WARC/")


def _head(stream: BinaryIO, size: int = 4096) -> bytes:
    if hasattr(stream, "peek"):
        return stream.peek(size)[:size]
    position = stream.tell()
    head = stream.read(size)
    stream.seek(position)
    return head


def _article(record: Any, input: str) -> Article | None:
    """The article in one record, or None if it is not an HTML page with text."""
    http = record.http_headers
    if record.rec_type != "response" or http is None or http.get_statuscode() != "200":
        return None
    if "html" not in (http.get_header("Content-Type") or "").lower():
        return None
    headers = record.rec_headers
    if record.format == "warc":
        uri = headers.get_header("WARC-Target-URI")
        name = f"{input}#{(headers.get_header('WARC-Record-ID') or '').strip('<>') or uri}"
        captured = (headers.get_header("WARC-Date") or "")[:10]
    else:  # ARC: no record IDs; the archive date is YYYYMMDDhhmmss
        uri = headers.get_header("uri")
        name = f"{input}#{uri}"
        stamp = headers.get_header("archive-date") or ""
        captured = f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]}" if len(stamp) >= 8 else ""
    try:
        article = extract_html(record.content_stream().read(), name, url=uri)
    except InputError:
        return None
    if article.published is None and captured:
        article = replace(article, published=captured)
    return article


def read_warc(stream: BinaryIO, input: str) -> Iterator[Article | InputError]:
    """Articles of a web archive; a corrupt archive raises ``InputError``."""
    if not _start(_head(stream)).startswith((b"WARC/", b"filedesc://")):
        raise InputError(
            input, "corrupt or unreadable archive (no WARC or ARC header at the start)"
        )
    found = 0
    try:
        for record in ArchiveIterator(stream):
            article = _article(record, input)
            if article is not None:
                found += 1
                yield article
    except _READ_ERRORS as err:
        raise InputError(input, f"corrupt or unreadable archive ({err})") from None
    if not found:
        raise InputError(input, "no HTML pages with article text in the archive")
