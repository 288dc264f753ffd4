"""Web archives (WARC, WARC.gz, ARC.gz): one article per HTML page captured with HTTP 200.

Each article is named ``<input>#<WARC-Record-ID>`` (without the angle brackets), or
``<input>#<target URI>`` when a record has no ID (as in ARC files). Its ``url`` is the
target URI.
``published`` is the page's own date when trafilatura finds one; otherwise the date part of
the record's WARC-Date (the capture date) is used as a fallback, since a page cannot have
been published after it was archived and relative dates ("on Tuesday") need an anchor.
Requests, metadata, redirects, errors, non-HTML responses and pages without article text
are skipped silently; an archive that cannot be read is an ``InputError``.
An archive cut short (a record with fewer bytes than its Content-Length, gzip data without
its end) keeps the articles of the records before the cut, which are whole; the record that
was cut is not read, and an ``InputError`` for the archive says so.
"""

from __future__ import annotations

import io
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
# what warcio raises for a record whose headers stop early (no target URI: AttributeError)
_HEADER_ERRORS = (AttributeError, TypeError, KeyError, IndexError)


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


_HEADERS_CUT = "it ends inside the headers of a record"


def _truncated(input: str, cut: str, found: int) -> InputError:
    if not found:
        kept = "no article came before it"
    elif found == 1:
        kept = "the 1 article before it is kept"
    else:
        kept = f"the {found} articles before it are kept"
    return InputError(input, f"archive is truncated: {cut}; that record is skipped, {kept}")


def _size(stream: BinaryIO) -> int | None:
    """The length of a seekable stream (files, bytes in memory), else None."""
    try:
        return stream.seek(0, io.SEEK_END) if stream.seekable() else None
    except (OSError, ValueError):
        return None


def _cut_short(records: ArchiveIterator, record: Any) -> str | None:
    """What is missing when the archive ends inside ``record`` (None if it is whole).

    The record's block holds fewer bytes than its Content-Length says, or (gzip) the
    compressed stream ends without its end-of-stream marker and checksum. Reading on to the
    end of the record is what the iterator does next anyway.
    """
    records.read_to_end()
    declared = record.rec_headers.get_header(
        "Content-Length" if record.format == "warc" else "length"
    )
    if record.length is None or not (declared or "").strip().isdigit():
        return _HEADERS_CUT  # a record always says its length: its headers stop early
    block = record.raw_stream
    left = getattr(block, "limit", 0)
    rid = (record.rec_headers.get_header("WARC-Record-ID") or "").strip("<>")
    what = f"record {rid or record.rec_headers.get_header('uri') or '?'}"
    if left > 0:
        length = getattr(block, "_orig_limit", left)
        return f"{what} ends after {length - left:,} of its {length:,} bytes"
    gz = records.reader.decompressor if records.reader is not None else None
    if gz is not None and records.next_line is None and not getattr(gz, "eof", True):
        return f"the gzip data of {what} ends without its end-of-stream marker"
    return None


def read_warc(stream: BinaryIO, input: str) -> Iterator[Article | InputError]:
    """Articles of a web archive; a corrupt archive raises ``InputError``."""
    if not _start(_head(stream)).startswith((b"WARC/", b"filedesc://")):
        raise InputError(
            input, "corrupt or unreadable archive (no WARC or ARC header at the start)"
        )
    found = 0
    try:
        records = ArchiveIterator(stream)
        while True:
            try:
                record = next(records, None)
            except _HEADER_ERRORS:  # warcio on headers without a target URI
                raise _truncated(input, _HEADERS_CUT, found) from None
            if record is None:
                break
            article = _article(record, input)
            cut = _cut_short(records, record)
            if cut is not None:
                raise _truncated(input, cut, found)
            if article is not None:
                found += 1
                yield article
    except _READ_ERRORS as err:
        raise InputError(input, f"corrupt or unreadable archive ({err})") from None
    size = _size(stream)
    if size is not None and records.offset < size:  # a record began after the last whole one
        raise _truncated(input, _HEADERS_CUT, found)
    if not found:
        raise InputError(input, "no HTML pages with article text in the archive")
