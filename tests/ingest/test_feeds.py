"""RSS and Atom feeds: one article per entry, named path#N."""

from __future__ import annotations

import io
from html import escape

import pytest

from parley.errors import InputError
from parley.ingest.feeds import looks_like_feed


def rss(*items: str, title: str = "Parley Wire - Diplomacy") -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{title}</title><link>https://wire.example/</link>"
        f"<description>Diplomacy desk</description>{''.join(items)}</channel></rss>"
    )


def item(title: str, link: str, date: str, *, content: str = "", summary: str = "") -> str:
    parts = [f"<title>{title}</title>", f"<link>{link}</link>", f"<pubDate>{date}</pubDate>"]
    if summary:
        parts.append(f"<description>{escape(summary)}</description>")
    if content:
        parts.append(f"<content:encoded><![CDATA[{content}]]></content:encoded>")
    return f"<item>{''.join(parts)}</item>"


def paragraphs(text: str) -> str:
    return "".join(f"<p>{line}</p>" for line in text.splitlines())


def test_rss_feed_with_two_entries(tmp_path, read, texts):
    path = tmp_path / "wire.rss"
    path.write_text(
        rss(
            item(
                "Envoys meet in Geneva",
                "https://wire.example/geneva",
                "Tue, 05 Mar 2024 09:30:00 GMT",
                content=paragraphs(texts.english),
                summary="Short teaser.",
            ),
            item(
                "Prisoner exchange extended",
                "https://wire.example/vienna",
                "Wed, 06 Mar 2024 23:30:00 -0500",
                summary=texts.english_2,  # plain-text summary, no content
            ),
        ),
        encoding="utf-8",
    )
    first, second = read(path)
    assert first.input == f"{path}#1"
    assert first.title == "Envoys meet in Geneva"
    assert first.url == "https://wire.example/geneva"
    assert first.published == "2024-03-05"
    assert first.source == "Parley Wire - Diplomacy"
    assert first.text == texts.english.rstrip("\n")  # content wins over the summary, tags gone
    assert second.input == f"{path}#2"
    assert second.published == "2024-03-06"  # the date in the feed's own time zone
    assert second.text.split() == texts.english_2.split()
    assert first.language == second.language == "en"


def test_atom_feed_in_an_xml_file(tmp_path, read, texts):
    path = tmp_path / "feed.xml"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>'
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Parley Atom Desk</title>'
        "<id>urn:parley:desk</id><updated>2024-03-06T12:00:00Z</updated>"
        "<entry><title>Negotiators extend exchange</title><id>urn:parley:1</id>"
        '<link href="https://wire.example/vienna"/><updated>2024-03-06T12:00:00Z</updated>'
        f'<content type="html">{escape(paragraphs(texts.english_2))}</content></entry></feed>',
        encoding="utf-8",
    )
    [article] = read(path)
    assert article.input == f"{path}#1"
    assert article.source == "Parley Atom Desk"
    assert article.published == "2024-03-06"
    assert article.url == "https://wire.example/vienna"
    assert article.text == texts.english_2.rstrip("\n")


def test_entry_without_text_is_an_error_and_others_survive(tmp_path, read, texts):
    path = tmp_path / "wire.rss"
    path.write_text(
        rss(
            item("Headline only", "https://wire.example/a", "Tue, 05 Mar 2024 09:30:00 GMT"),
            item(
                "Talks",
                "https://wire.example/b",
                "Tue, 05 Mar 2024 10:30:00 GMT",
                summary=texts.english,
            ),
        ),
        encoding="utf-8",
    )
    error, article = read(path)
    assert isinstance(error, InputError)
    assert error.input == f"{path}#1"
    assert "no content or summary" in error.reason and "--follow" in error.reason
    assert article.input == f"{path}#2"


def test_non_english_entry_is_rejected(tmp_path, read, texts):
    path = tmp_path / "wire.rss"
    path.write_text(
        rss(
            item(
                "Gespräche",
                "https://wire.example/de",
                "Tue, 05 Mar 2024 09:30:00 GMT",
                summary=texts.german,
            )
        ),
        encoding="utf-8",
    )
    [error] = read(path)
    assert error.input == f"{path}#1"
    assert "German (de)" in error.reason


def test_malformed_feed(tmp_path, read):
    data = b"this is not xml <<< at all"
    path = tmp_path / "broken.xml"
    path.write_bytes(data)
    [error] = read(path)
    assert isinstance(error, InputError)
    assert error.input == str(path)
    assert error.reason.startswith("malformed feed: ")


def test_feed_without_entries(tmp_path, read):
    path = tmp_path / "empty.rss"
    path.write_text(rss(), encoding="utf-8")
    [error] = read(path)
    assert error.reason == "feed has no entries"


def test_feed_sniffed_from_stdin(read, texts):
    data = rss(
        item(
            "Talks",
            "https://wire.example/b",
            "Tue, 05 Mar 2024 10:30:00 GMT",
            summary=texts.english,
        )
    )
    [article] = read("-", stdin=io.BytesIO(data.encode()))
    assert article.input == "-#1"
    assert article.url == "https://wire.example/b"


def test_feed_is_not_fetched_without_follow(tmp_path, read, texts, monkeypatch):
    from parley.ingest import web

    def no_network(*args, **kwargs):
        raise AssertionError("fetched without --follow")

    monkeypatch.setattr(web, "fetch", no_network)
    path = tmp_path / "wire.rss"
    path.write_text(
        rss(
            item(
                "Talks",
                "https://wire.example/b",
                "Tue, 05 Mar 2024 10:30:00 GMT",
                summary=texts.english,
            )
        ),
        encoding="utf-8",
    )
    [article] = read(path)
    assert article.text.split() == texts.english.split()


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('<?xml version="1.0"?>\n<!-- generator --><rss version="2.0">', True),
        ('<feed xmlns="http://www.w3.org/2005/Atom">', True),
        ('<?xml version="1.0"?><rdf:RDF xmlns:rdf="x">', True),
        ("<html><body><p>Feedback welcome</p>", False),
        ("<feedback>", False),
        ("Reporters were told the <rss> link was down.", False),
    ],
)
def test_looks_like_feed(head, expected):
    assert looks_like_feed(head) is expected


def two_entries(texts) -> str:
    return rss(
        item("Talks", "https://wire.example/a", "Tue, 05 Mar 2024 09:30:00 GMT",
             summary=texts.english),
        item("Exchange", "https://wire.example/b", "Wed, 06 Mar 2024 09:30:00 GMT",
             content=paragraphs(texts.english_2)),
    )  # fmt: skip


@pytest.mark.parametrize(
    "cut_after",
    [
        "Envoys from both warring",  # inside the first entry's summary
        "</item>",  # between the entries: no entry is cut, but the feed is
        "Negotiators agreed on Wednesday",  # inside the second entry's content
        "</channel>",  # only the closing </rss> is missing
        "<channel><title>Parley Wire",  # before any entry
    ],
)
def test_truncated_feed_is_one_error_and_no_entry_is_read(tmp_path, read, texts, cut_after):
    """A feed cut short (a download or copy that stopped) is an error for the whole input,
    never an entry with half its text or an entry "without content"."""
    data = two_entries(texts)
    path = tmp_path / "cut.rss"
    path.write_text(data[: data.index(cut_after) + len(cut_after)], encoding="utf-8")
    [error] = read(path)
    assert isinstance(error, InputError) and error.input == str(path)
    assert error.reason == (
        "feed is truncated (the XML ends before its closing </rss> tag); "
        "none of its entries were read"
    )


def test_truncated_atom_feed(tmp_path, read, texts):
    data = (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>'
        f"<entry><title>Talks</title><content type='text'>{texts.english}</content></entry>"
        "</feed>"
    )
    path = tmp_path / "cut.atom"
    path.write_text(data[: data.index("warring parties")], encoding="utf-8")
    [error] = read(path)
    assert "feed is truncated" in error.reason and "</feed>" in error.reason


def test_complete_feed_with_trailing_comment_and_spaces_is_read(tmp_path, read, texts):
    path = tmp_path / "wire.rss"
    path.write_text(two_entries(texts) + "\n<!-- cached 2024-03-06 -->\n\n", encoding="utf-8")
    first, second = read(path)
    assert first.text == texts.english.strip() and second.input == f"{path}#2"


def test_entities_the_feed_does_not_expand_are_not_left_escaped(tmp_path, read, texts):
    """A feed declaring entities (billion laughs) is read without expanding them, and the
    text shows what the feed wrote, not "&amp;lol9"."""
    path = tmp_path / "laughs.rss"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY lol "lol">'
        '<!ENTITY lol1 "&lol;&lol;&lol;"><!ENTITY lol9 "&lol1;&lol1;&lol1;">]>\n'
        "<rss version='2.0'><channel><title>Wire</title><item><title>Talks</title>"
        f"<description>&lol9; {escape(texts.english)} AT&amp;amp;T</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    [article] = read(path)
    assert "&amp;" not in article.text and "lol9" in article.text
    assert "lollol" not in article.text and article.text.endswith("AT&T")
