"""``anonymous_source`` flags: the quoted passage in the message is cut between words."""

from __future__ import annotations

from parley.check.sourcing import anonymous_sources
from parley.model import Quote, Span


def _quote(content: str) -> Quote:
    text = f"A diplomat at the talks said {content}"
    start = text.index(content)
    return Quote(
        id="Q1",
        content=Span.of(text, start, len(text)),
        kind="indirect",
        speaker=Span.of(text, 0, 10),
        cue=Span.of(text, start - 5, start - 1),
        speaker_entity=None,
        anonymous=True,
        sentence=0,
    )


def test_a_long_passage_is_cut_at_a_word_with_an_ellipsis():
    content = "the negotiators had agreed on a draft text for the exchange of prisoners " * 3
    (flag,) = anonymous_sources([_quote(content.strip())])
    passage = flag.message.split("“", 1)[1].split("”", 1)[0]
    assert passage.endswith("…") and len(passage) <= 80
    assert content.startswith(passage[:-1]) and content[len(passage) - 1] == " "


def test_a_short_passage_is_quoted_whole():
    (flag,) = anonymous_sources([_quote("talks would resume.")])
    assert "“talks would resume.”" in flag.message
