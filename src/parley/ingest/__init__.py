"""Ingest: turn what the user names (files, directories, URLs, ``-``) into ``Article`` values.

``read_inputs`` yields, in input order, one ``Article`` per article found or one
``InputError`` *value* per bad input or entry, so that a batch goes on past bad items.
Nothing is fetched from the network except URLs the user named (and, with ``follow``, the
links of the entries of a feed the user named).
"""

from __future__ import annotations

import codecs
import io
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import BinaryIO

from parley.errors import InputError
from parley.ingest import web
from parley.ingest.feeds import looks_like_feed, read_feed
from parley.ingest.frontmatter import split_front_matter
from parley.ingest.html import extract_html, looks_like_html
from parley.ingest.jsonl import looks_like_jsonl, read_jsonl
from parley.ingest.text import (
    MAX_INPUT_BYTES,
    MAX_TEXT_BYTES,
    MB,
    SNIFF_BYTES,
    TextTooLarge,
    check_input,
    check_text,
    decode,
    detect_language,
    open_binary,
    os_reason,
    read_bytes,
    reject_binary,
)
from parley.ingest.warc import looks_like_warc, read_warc
from parley.model import Article

__all__ = [
    "EXTENSIONS",
    "TextTooLarge",
    "check_input",
    "check_text",
    "detect_language",
    "kind_of",
    "read_inputs",
    "walk",
]

#: File name endings read from directories, and the kind of input each one is.
EXTENSIONS = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
    ".warc": "warc", ".warc.gz": "warc", ".arc.gz": "warc",
}  # fmt: skip

_CONTENT_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/x-jsonlines": "jsonl",
    "application/warc": "warc",
    "text/plain": "text",
    "text/markdown": "text",
}

Item = Article | InputError


@dataclass(frozen=True, slots=True)
class _Options:
    encoding: str | None
    follow: bool
    stdin: BinaryIO | None


def kind_of(path: str) -> str | None:
    """The input kind a file name announces ("text", "html", …), or None."""
    name = path.lower()
    return next((kind for ext, kind in EXTENSIONS.items() if name.endswith(ext)), None)


def sniff(data: bytes) -> str:
    """The kind of input ``data`` looks like: warc, feed, html, jsonl or (by default) text."""
    if looks_like_warc(data):
        return "warc"
    head = data[:SNIFF_BYTES].removeprefix(codecs.BOM_UTF8).decode("latin-1")
    if looks_like_feed(head):
        return "feed"
    if looks_like_html(head):
        return "html"
    if looks_like_jsonl(data[: 16 * SNIFF_BYTES]):
        return "jsonl"
    return "text"


def _from_bytes(
    data: bytes, name: str, opts: _Options, kind: str | None = None, url: str | None = None
) -> Iterator[Item]:
    """Articles from an input held in memory (file, stdin or HTTP body)."""
    kind = kind or sniff(data)
    if kind == "warc":
        yield from read_warc(io.BytesIO(data), name)
    elif kind == "feed":
        yield from read_feed(data, name, follow=opts.follow, encoding=opts.encoding, base_url=url)
    elif kind == "jsonl":
        reject_binary(data, name, opts.encoding)
        yield from read_jsonl(io.BytesIO(data), name, opts.encoding)
    elif kind == "html":
        reject_binary(data, name, opts.encoding)
        html = decode(data, name, opts.encoding) if opts.encoding else data
        yield extract_html(html, name, url=url)
    else:
        reject_binary(data, name, opts.encoding)
        meta, text = split_front_matter(decode(data, name, opts.encoding))
        yield Article(
            text=text,
            title=meta.get("title"),
            source=meta.get("source"),
            published=meta.get("published"),
            url=meta.get("url") or url,
            input=name,
        )


def _from_file(path: str, opts: _Options) -> Iterator[Item]:
    kind = kind_of(path)
    if kind in ("warc", "jsonl"):  # streamed: archives and JSONL files can be large
        with open_binary(path) as stream:
            try:
                if kind == "jsonl":
                    reject_binary(stream.peek(SNIFF_BYTES)[:SNIFF_BYTES], path, opts.encoding)
                    yield from read_jsonl(stream, path, opts.encoding)
                else:
                    yield from read_warc(stream, path)
            except OSError as err:
                raise InputError(path, os_reason(err)) from None
        return
    # A text file of more than 4 × 5 MB holds more than 5 MB of UTF-8 in any encoding.
    data = read_bytes(path, 4 * MAX_TEXT_BYTES if kind == "text" else MAX_INPUT_BYTES)
    yield from _from_bytes(data, path, opts, kind)


def walk(directory: str) -> Iterator[str | InputError]:
    """The files with a known ending (``EXTENSIONS``) under ``directory``, depth first in
    name order, hidden names skipped, symbolic links to folders not followed; an
    ``InputError`` in place of a folder that cannot be listed."""
    try:
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except OSError as err:
        yield InputError(directory, f"cannot list the directory ({os_reason(err)})")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = os.path.join(directory, entry.name)
        if entry.is_dir(follow_symlinks=False):
            yield from walk(path)
        elif kind_of(entry.name) is not None:
            yield path


def no_input_files(directory: str) -> InputError:
    """The error for a directory in which ``walk`` finds nothing to read."""
    endings = " ".join(EXTENSIONS)
    return InputError(directory, f"no input files in the directory (looked for {endings})")


def _from_directory(directory: str, opts: _Options) -> Iterator[Item]:
    found = False
    for path in walk(directory):
        found = True
        if isinstance(path, InputError):
            yield path
        else:
            yield from _guarded(_from_file(path, opts))
    if not found:
        raise no_input_files(directory)


def _from_url(url: str, opts: _Options) -> Iterator[Item]:
    page = web.fetch(url, url)
    kind = _CONTENT_TYPES.get(page.content_type)
    if kind in (None, "text"):  # servers often call feeds and pages text/plain or xml
        kind = sniff(page.data)
    if kind == "text" and opts.encoding is None and page.charset:
        opts = replace(opts, encoding=page.charset)
    yield from _from_bytes(page.data, url, opts, kind, url=page.url)


def _from_stdin(opts: _Options) -> Iterator[Item]:
    stream = opts.stdin if opts.stdin is not None else sys.stdin.buffer
    try:
        data = stream.read(MAX_INPUT_BYTES + 1)
    except OSError as err:
        raise InputError("-", f"could not read standard input ({os_reason(err)})") from None
    if len(data) > MAX_INPUT_BYTES:
        raise InputError("-", f"standard input is larger than {MAX_INPUT_BYTES // MB} MB")
    yield from _from_bytes(data, "-", opts)


def _guarded(items: Iterator[Item]) -> Iterator[Item]:
    """Pass items on; an ``InputError`` raised for the whole input becomes the last item."""
    try:
        yield from items
    except InputError as err:
        yield err


def _read_one(name: str, opts: _Options) -> Iterator[Item]:
    if name == "-":
        return _guarded(_from_stdin(opts))
    if web.is_url(name):
        return _guarded(_from_url(name, opts))
    if os.path.isdir(name):
        return _guarded(_from_directory(name, opts))
    return _guarded(_from_file(name, opts))


def _finish(article: Article, overrides: dict[str, str]) -> Item:
    """Check the text (``check_input``), set ``language`` and the user's overrides."""
    try:
        language = check_input(article.text, article.input or "?")
    except InputError as err:
        return err
    return replace(article, language=language, **overrides)


def read_inputs(
    inputs: Sequence[str],
    *,
    encoding: str | None = None,
    follow: bool = False,
    title: str | None = None,
    source: str | None = None,
    published: str | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Article | InputError]:
    """Yield, in input order, an ``Article`` per article found or an ``InputError`` per problem.

    ``inputs`` are paths, directories (read recursively, sorted), http(s) URLs or ``-`` for
    ``stdin`` (default ``sys.stdin.buffer``). ``encoding`` overrides UTF-8 for text;
    ``follow`` fetches the linked page of each feed entry; ``title``, ``source`` and
    ``published`` replace what the inputs say.
    """
    opts = _Options(encoding=encoding, follow=follow, stdin=stdin)
    given = {"title": title, "source": source, "published": published}
    overrides = {key: value for key, value in given.items() if value is not None}
    for name in inputs:
        for item in _read_one(name, opts):
            yield item if isinstance(item, InputError) else _finish(item, overrides)
