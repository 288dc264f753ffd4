"""HTML pages: the article body via trafilatura, metadata via ``extract_metadata``."""

from __future__ import annotations

import html
import re

import lxml.html
import trafilatura
from lxml import etree

from parley.errors import InputError
from parley.model import Article

_FIRST_TAG = re.compile(r"<([a-zA-Z][\w:.-]*)")
_COMMENT = re.compile(r"<!--.*?(-->|$)", re.S)
_HTML_TAGS = re.compile(r"<(html|head|body|article|div|p|title|meta)[\s>/]", re.I)
_SPACES = re.compile(r"\s+")
_BLOCKS = (
    "p", "div", "br", "li", "ul", "ol", "blockquote", "pre", "table", "tr",
    "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header", "footer", "figure",
)  # fmt: skip


def first_tag(head: str) -> str | None:
    """Lower-case name of the first element in a markup prefix (comments skipped)."""
    match = _FIRST_TAG.search(_COMMENT.sub("", head))
    return match.group(1).lower() if match else None


def looks_like_html(head: str) -> bool:
    """Whether the start of a document (decoded leniently) is HTML."""
    start = head.lstrip("\ufeff \t\r\n").lower()
    if not start.startswith("<"):
        return False
    return first_tag(start) == "html" or _HTML_TAGS.search(start) is not None


def extract_html(data: bytes | str, input: str, *, url: str | None = None) -> Article:
    """One ``Article`` from an HTML page; ``InputError`` if it has no article text.

    ``data`` may be bytes (trafilatura finds the encoding) or an already decoded string.
    """
    try:
        tree = trafilatura.load_html(data)
        if tree is None:
            raise InputError(input, "could not parse the file as HTML")
        text = trafilatura.extract(
            tree,
            url=url,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
        )
        meta = trafilatura.extract_metadata(tree, default_url=url)
    except (ValueError, etree.LxmlError) as err:
        raise InputError(input, f"could not parse the file as HTML ({err})") from None
    if not text or not text.strip():
        raise InputError(input, "no article text found in the HTML")
    return Article(
        text=text,
        title=meta.title or None,
        source=meta.sitename or None,
        url=url or meta.url or None,
        published=meta.date or None,
        input=input,
    )


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content): one line per block."""
    if "<" not in fragment:  # still HTML: its entities are unescaped, once
        return html.unescape(fragment).strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return html.unescape(fragment).strip()
    for bad in root.xpath(".//script|.//style"):
        bad.drop_tree()
    for el in root.iter():  # source line breaks are just spaces
        el.text = el.text and _SPACES.sub(" ", el.text)
        el.tail = el.tail and _SPACES.sub(" ", el.tail)
    for el in root.iter(*_BLOCKS):
        el.tail = "\n" + (el.tail or "")
        if el.tag != "br":
            el.text = "\n" + (el.text or "")
    lines = (line.strip() for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)
