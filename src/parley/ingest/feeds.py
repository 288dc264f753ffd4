"""RSS and Atom feeds: one article per entry, named ``<input>#N`` (N counts from 1).

Entry text comes from the entry's content (HTML stripped to text) or its summary. With
``follow`` the entry's link is fetched and the page's article text used instead; the
metadata the feed gives (title, date, feed title as source) wins over the page's.
A feed that ends before its closing root tag was cut short: it is one ``InputError`` and
none of its entries are read (the last one read would have half its text).
"""

from __future__ import annotations

import codecs
import io
import re
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

import feedparser

from parley.errors import InputError
from parley.ingest import web
from parley.ingest.html import extract_html, first_tag, html_to_text, looks_like_html
from parley.ingest.text import SNIFF_BYTES, reject_binary
from parley.model import Article

FEED_ROOTS = ("rss", "feed", "rdf:rdf")
_END_TAG = re.compile(r"</\s*([A-Za-z_][\w:.-]*)\s*>$")
_TAIL = 4096  # bytes of the end of a feed looked at for its closing tag


def looks_like_feed(head: str) -> bool:
    """Whether the start of a document (decoded leniently) is an RSS, Atom or RDF feed."""
    start = head.lstrip("\ufeff \t\r\n")
    return start.startswith("<") and first_tag(start) in FEED_ROOTS


def _lenient(data: bytes, encoding: str | None) -> str:
    """``data`` decoded for a look at its tags (never fails; UTF-16 by its byte order mark)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    return data.decode(encoding or "latin-1", errors="replace")


def unclosed_root(data: bytes, encoding: str | None = None) -> str | None:
    """The root element of a feed that ends before its closing tag (the file was cut
    short), or None when the document ends with ``</root>`` (comments and spaces after it
    are allowed)."""
    wide = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or any(
        size in (encoding or "") for size in ("16", "32")
    )  # a multi-byte encoding: decode it all rather than cut a character in two
    head = _lenient(data if wide else data[:SNIFF_BYTES], encoding)
    root = first_tag(re.sub(r"<!DOCTYPE[^\[>]*(\[.*?\])?\s*>", "", head, flags=re.S | re.I))
    if root is None:
        return None
    tail = _lenient(data if wide else data[-_TAIL:], encoding).rstrip(" \t\r\n\x00")
    while tail.endswith("-->") and "<!--" in tail:  # comments after the root
        tail = tail[: tail.rindex("<!--")].rstrip(" \t\r\n")
    end = _END_TAG.search(tail)
    return None if end and end.group(1).lower() == root else root


def _entry_date(entry: Any) -> str | None:
    """The entry's publication (else update) date as YYYY-MM-DD.

    The calendar date is taken as the feed writes it (in the publisher's time zone, which is
    what "on Wednesday" in the text refers to); feedparser's UTC ``*_parsed`` value is the
    fallback for formats only feedparser understands.
    """
    for key in ("published", "updated"):
        raw = (entry.get(key) or "").strip()
        for parse in (parsedate_to_datetime, datetime.fromisoformat):
            try:
                return parse(raw).date().isoformat()
            except (TypeError, ValueError, IndexError):
                pass
        parsed: time.struct_time | None = entry.get(f"{key}_parsed")
        if parsed:
            return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"
    return None


def _entry_text(entry: Any) -> str:
    """Text of an entry's first content block, else its summary; HTML reduced to text."""
    for detail in (*entry.get("content", ()), entry.get("summary_detail")):
        if detail and (detail.get("value") or "").strip():
            value = detail["value"]
            return html_to_text(value) if "html" in detail.get("type", "html") else value
    return ""


def _followed(link: str, name: str) -> Article:
    """The article text of the page an entry links to."""
    page = web.fetch(link, name)
    if page.content_type and "html" not in page.content_type:
        reject_binary(page.data, name)
        if not looks_like_html(page.data[:4096].decode("latin-1")):
            raise InputError(name, f"linked page {link} is {page.content_type}, not HTML")
    return extract_html(page.data, name, url=page.url)


def _entry(entry: Any, name: str, source: str | None, follow: bool) -> Article | InputError:
    link = entry.get("link") or None
    meta = {
        "title": entry.get("title") or None,
        "source": source,
        "url": link,
        "published": _entry_date(entry),
    }
    if follow and link:
        try:
            page = _followed(link, name)
        except InputError as err:
            return err
        given = {key: value for key, value in meta.items() if value is not None}
        return replace(page, **given)
    text = _entry_text(entry)
    if not text.strip():
        hint = " (pass --follow to fetch the linked page)" if link else ""
        return InputError(name, f"feed entry has no content or summary{hint}")
    return Article(text=text, input=name, **meta)


def read_feed(
    data: bytes,
    input: str,
    *,
    follow: bool = False,
    encoding: str | None = None,
    base_url: str | None = None,
) -> Iterator[Article | InputError]:
    """Articles (or per-entry errors) of a feed; a broken, truncated or empty feed raises
    ``InputError``."""
    headers = {"content-location": base_url} if base_url else {}
    if encoding:
        headers["content-type"] = f"application/xml; charset={encoding}"
    # A file object, never bytes or str: feedparser would open a string that names a path/URL.
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers or None)
    root = unclosed_root(data, encoding) if parsed.get("bozo") else None  # well-formed: whole
    if root is not None:
        raise InputError(
            input,
            f"feed is truncated (the XML ends before its closing </{root}> tag); "
            "none of its entries were read",
        )
    if not parsed.entries:
        if parsed.get("bozo"):
            raise InputError(input, f"malformed feed: {parsed.get('bozo_exception')}")
        raise InputError(input, "feed has no entries")
    source = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, 1):
        yield _entry(entry, f"{input}#{number}", source, follow)
