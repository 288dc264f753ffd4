"""Web archives: a WARC written here with warcio is read back as articles."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from parley.errors import InputError


def write_warc(path: Path, records: list[tuple], *, gzip: bool) -> list[str]:
    """Write ``(rec_type, uri, status, content_type, body, warc_date)`` records; return IDs."""
    ids = []
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        for rec_type, uri, status, content_type, body, warc_date in records:
            http = None
            if rec_type in ("response", "request"):
                statusline = status if rec_type == "response" else f"GET {uri} HTTP/1.1"
                headers = [("Content-Type", content_type)] if content_type else []
                http = StatusAndHeaders(
                    statusline, headers, protocol="HTTP/1.1", is_http_request=rec_type == "request"
                )
            record = writer.create_warc_record(
                uri,
                rec_type,
                payload=io.BytesIO(body),
                length=len(body),  # known length: warcio needs no temporary file
                http_headers=http,
                warc_headers_dict={"WARC-Date": warc_date},
            )
            writer.write_record(record)
            ids.append(record.rec_headers.get_header("WARC-Record-ID").strip("<>"))
    return ids


@pytest.mark.parametrize("gzip", [True, False])
def test_warc_round_trip(tmp_path, read, texts, make_page, gzip):
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    dated = make_page(texts.english).encode()
    undated = make_page(texts.english_2, title="Exchange extended", date="").encode()
    html = "text/html; charset=utf-8"
    ids = write_warc(
        path,
        [
            ("request", "https://wire.example/geneva", "", "", b"", "2024-03-08T10:00:00Z"),
            (
                "response",
                "https://wire.example/geneva",
                "200 OK",
                html,
                dated,
                "2024-03-08T10:00:01Z",
            ),
            (
                "response",
                "https://wire.example/gone",
                "404 Not Found",
                html,
                dated,
                "2024-03-08T10:00:02Z",
            ),
            (
                "response",
                "https://wire.example/logo.png",
                "200 OK",
                "image/png",
                b"\x89PNG\r\n\x1a\n",
                "2024-03-08T10:00:03Z",
            ),
            (
                "response",
                "https://wire.example/menu",
                "200 OK",
                html,
                b"<html><body><script>x()</script></body></html>",
                "2024-03-08T10:00:04Z",
            ),
            (
                "response",
                "https://wire.example/vienna",
                "200 OK",
                html,
                undated,
                "2024-03-09T07:15:00Z",
            ),
            (
                "metadata",
                "https://wire.example/vienna",
                "",
                "",
                b"via: crawler",
                "2024-03-09T07:15:01Z",
            ),
        ],
        gzip=gzip,
    )
    geneva, vienna = read(path)
    assert geneva.input == f"{path}#{ids[1]}"
    assert geneva.url == "https://wire.example/geneva"
    assert geneva.title == "Envoys meet in Geneva"
    assert geneva.published == "2024-03-05"  # the page's own date wins over WARC-Date
    assert texts.english.splitlines()[0] in geneva.text
    assert vienna.input == f"{path}#{ids[5]}"
    assert vienna.published == "2024-03-09"  # fallback: the capture date
    assert vienna.language == "en"


def test_warc_non_english_page_is_reported(tmp_path, read, texts, make_page):
    path = tmp_path / "crawl.warc.gz"
    body = make_page(texts.german, title="Gespräche").encode()
    [record_id] = write_warc(
        path,
        [
            (
                "response",
                "https://wire.example/de",
                "200 OK",
                "text/html",
                body,
                "2024-03-08T10:00:00Z",
            )
        ],
        gzip=True,
    )
    [error] = read(path)
    assert error.input == f"{path}#{record_id}"
    assert "German (de)" in error.reason


@pytest.mark.parametrize("name", ["junk.warc", "junk.warc.gz", "junk.arc.gz"])
def test_corrupt_archive(tmp_path, read, name):
    path = tmp_path / name
    path.write_bytes(b"this is not a web archive\n" * 20)
    [error] = read(path)
    assert isinstance(error, InputError)
    assert error.input == str(path)
    assert error.reason.startswith("corrupt or unreadable archive")


def test_archive_without_pages(tmp_path, read):
    path = tmp_path / "empty.warc.gz"
    write_warc(
        path,
        [("metadata", "https://wire.example/", "", "", b"x", "2024-03-08T10:00:00Z")],
        gzip=True,
    )
    [error] = read(path)
    assert error.reason == "no HTML pages with article text in the archive"


def test_warc_from_stdin(read, texts, make_page, tmp_path):
    path = tmp_path / "crawl.warc.gz"
    write_warc(
        path,
        [
            (
                "response",
                "https://wire.example/geneva",
                "200 OK",
                "text/html",
                make_page(texts.english).encode(),
                "2024-03-08T10:00:00Z",
            )
        ],
        gzip=True,
    )
    [article] = read("-", stdin=io.BytesIO(path.read_bytes()))
    assert article.input.startswith("-#urn:uuid:")
    assert article.url == "https://wire.example/geneva"


def test_arc_gz(tmp_path, read, texts, make_page):
    """An old-style ARC file (one gzip member per record) is read like a WARC."""
    desc = b"1 0 Parley\nURL IP-address Archive-date Content-type Archive-length\n"
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    http += make_page(texts.english, date="").encode()
    path = tmp_path / "crawl.arc.gz"
    path.write_bytes(
        gzip.compress(
            b"filedesc://crawl.arc 0.0.0.0 20240308100000 text/plain %d\n" % len(desc)
            + desc
            + b"\n"
        )
        + gzip.compress(
            b"http://wire.example/geneva 127.0.0.1 20240308100000 text/html %d\n" % len(http)
            + http
            + b"\n"
        )
    )
    [article] = read(path)
    assert article.input == f"{path}#http://wire.example/geneva"
    assert article.url == "http://wire.example/geneva"
    assert article.published == "2024-03-08"


def three_records(path: Path, texts, make_page, *, gzip: bool) -> list[str]:
    """A request, then two pages (Geneva, then Vienna); the IDs of the three records."""
    html = "text/html; charset=utf-8"
    return write_warc(
        path,
        [
            ("request", "https://wire.example/geneva", "", "", b"", "2024-03-08T10:00:00Z"),
            ("response", "https://wire.example/geneva", "200 OK", html,
             make_page(texts.english).encode(), "2024-03-08T10:00:01Z"),
            ("response", "https://wire.example/vienna", "200 OK", html,
             make_page(texts.english_2, title="Exchange extended").encode(),
             "2024-03-09T07:15:00Z"),
        ],
        gzip=gzip,
    )  # fmt: skip


@pytest.mark.parametrize("gzip", [True, False])
def test_archive_cut_inside_a_page_keeps_the_pages_before_and_reports_the_cut(
    tmp_path, read, texts, make_page, gzip
):
    """A crawl copied or downloaded only in part: the last page must not be read with half
    its text (before: exit 0 and the article truncated)."""
    whole = tmp_path / ("whole.warc.gz" if gzip else "whole.warc")
    ids = three_records(whole, texts, make_page, gzip=gzip)
    data = whole.read_bytes()
    path = tmp_path / ("cut.warc.gz" if gzip else "cut.warc")
    path.write_bytes(data[: len(data) - 300])  # inside the Vienna page
    geneva, error = read(path)
    assert geneva.text == read(whole)[0].text
    assert isinstance(error, InputError) and error.input == str(path)
    assert error.reason.startswith(f"archive is truncated: record {ids[2]} ends after ")
    assert error.reason.endswith("that record is skipped, the 1 article before it is kept")


def test_gzip_archive_without_its_end_is_reported(tmp_path, read, texts, make_page):
    whole = tmp_path / "whole.warc.gz"
    ids = three_records(whole, texts, make_page, gzip=True)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(whole.read_bytes()[:-4])  # the gzip checksum and size are missing
    geneva, error = read(path)
    assert geneva.url == "https://wire.example/geneva"
    assert error.reason.startswith(
        f"archive is truncated: the gzip data of record {ids[2]} ends without its "
        "end-of-stream marker"
    )


def record_ends(data: bytes) -> list[int]:
    """Where each record of an archive ends (after its closing blank lines)."""
    records = ArchiveIterator(io.BytesIO(data))
    ends = []
    for _ in records:
        records.read_to_end()
        ends.append(records.offset)
    return ends


@pytest.mark.parametrize("gzip", [True, False])
def test_no_cut_of_an_archive_gives_a_truncated_article(tmp_path, read, texts, make_page, gzip):
    """Cut an archive at every few bytes: each article read is whole, and the cut is
    reported unless it falls on the end of a record (uncompressed: on its closing blank
    lines), where nothing is missing that could be seen."""
    whole = tmp_path / ("whole.warc.gz" if gzip else "whole.warc")
    three_records(whole, texts, make_page, gzip=gzip)
    data = whole.read_bytes()
    full = [a.text for a in read(whole)]
    ends = record_ends(data)
    slack = 0 if gzip else len(b"\r\n\r\n")
    path = tmp_path / ("cut.warc.gz" if gzip else "cut.warc")
    cuts = set(range(1, len(data), 29)) | {e + d for e in ends for d in (-5, -4, -1, 1)}
    for cut in sorted(c for c in cuts if 0 < c < len(data)):
        path.write_bytes(data[:cut])
        items = read(path)
        articles = [a.text for a in items if not isinstance(a, InputError)]
        assert articles == full[: len(articles)], cut
        if not any(end - slack <= cut <= end for end in ends):
            assert isinstance(items[-1], InputError), cut
            assert "truncated" in items[-1].reason or "corrupt" in items[-1].reason, cut
