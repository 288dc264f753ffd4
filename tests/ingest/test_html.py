"""HTML files: article text and metadata via trafilatura, and the ways a page can fail."""

from __future__ import annotations

import pytest

from parley.errors import InputError
from parley.ingest.html import html_to_text, looks_like_html


def test_html_article_text_and_metadata(tmp_path, read, texts, make_page):
    path = tmp_path / "geneva.html"
    path.write_text(make_page(texts.english), encoding="utf-8")
    [article] = read(path)
    assert article.input == str(path)
    assert article.title == "Envoys meet in Geneva"
    assert article.published == "2024-03-05"
    assert article.source == "Parley Wire"
    assert article.language == "en"
    for line in texts.english.splitlines():
        assert line in article.text
    assert "Cookie settings" not in article.text  # boilerplate dropped
    assert "Sport" not in article.text


def test_html_in_another_encoding(tmp_path, read, texts, make_page):
    html = make_page(texts.english + "Talks resumed in Genève.\n")
    html = html.replace("charset='utf-8'", "charset='iso-8859-1'")
    path = tmp_path / "latin.htm"
    path.write_bytes(html.encode("latin-1"))
    [article] = read(path)
    assert "Genève" in article.text
    [article] = read(path, encoding="latin-1")
    assert "Genève" in article.text


def test_html_without_text(tmp_path, read):
    path = tmp_path / "menu.html"
    path.write_text(
        "<!DOCTYPE html><html><head><title>Menu</title></head><body>"
        "<img src='/logo.png' alt=''><script>var x = 1;</script></body></html>",
        encoding="utf-8",
    )
    [error] = read(path)
    assert isinstance(error, InputError)
    assert error.reason == "no article text found in the HTML"


@pytest.mark.parametrize("data", [b"<<<>>>", b"no markup at all, just words"])
def test_html_that_cannot_be_parsed(tmp_path, read, data):
    path = tmp_path / "broken.html"
    path.write_bytes(data)
    [error] = read(path)
    assert isinstance(error, InputError)
    assert "could not parse the file as HTML" in error.reason


def test_html_extension_decides_over_content(tmp_path, read, texts, make_page):
    """A page saved as .txt is text: the user's file name wins over sniffing."""
    path = tmp_path / "page.txt"
    html = make_page(texts.english)
    path.write_text(html, encoding="utf-8")
    [article] = read(path)
    assert article.text == html


def test_html_with_unknown_extension_is_sniffed(tmp_path, read, texts, make_page):
    path = tmp_path / "story.php"
    path.write_text(make_page(texts.english), encoding="utf-8")
    [article] = read(path)
    assert article.title == "Envoys meet in Geneva"


def test_non_english_page_is_rejected(tmp_path, read, texts, make_page):
    path = tmp_path / "de.html"
    path.write_text(make_page(texts.german, title="Gespräche in Genf"), encoding="utf-8")
    [error] = read(path)
    assert "German (de)" in error.reason


def test_html_to_text_keeps_blocks_apart():
    fragment = (
        "<p>The envoy <b>arrived</b> on Monday.</p><p>Talks   begin\n today.</p>"
        "<ul><li>Prisoners</li><li>Grain</li></ul>Line one<br>Line two<script>x()</script>"
    )
    assert html_to_text(fragment) == (
        "The envoy arrived on Monday.\nTalks begin today.\nPrisoners\nGrain\nLine one\nLine two"
    )
    assert html_to_text("Plain summary, no tags.") == "Plain summary, no tags."


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("<!DOCTYPE html><html>", True),
        ("\ufeff  <html lang='en'>", True),
        ("<!-- saved page --><html>", True),
        ("<div class='story'><p>Talks</p></div>", True),
        ("<?xml version='1.0'?><rss version='2.0'>", False),
        ("Talks resumed <b>today</b>", False),
    ],
)
def test_looks_like_html(head, expected):
    assert looks_like_html(head) is expected


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("Talks at AT&amp;T ended &amp; resumed", "Talks at AT&T ended & resumed"),
        ("Envoys &amp;lol9 met", "Envoys &lol9 met"),  # an entity a feed left unexpanded
        ("<p>Talks at AT&amp;T</p>", "Talks at AT&T"),
        ("Shown as &amp;amp; once", "Shown as &amp; once"),  # unescaped once, not twice
    ],
)
def test_html_to_text_unescapes_entities_once(fragment, expected):
    assert html_to_text(fragment) == expected
