from parley.extract.structure import find_sections, sentences
from parley.nlp import load_pipeline

ARTICLE = (
    "Talks resume in Geneva\n"
    "Delegations met on Monday. They agreed to meet again.\n"
    "\n"
    "What comes next\n"
    "Officials said a second round could follow in March.\n"
)


def test_title_and_subheadings_become_sections():
    title, sections = find_sections(ARTICLE)
    assert title == "Talks resume in Geneva"
    assert [s.heading.text for s in sections] == ["Talks resume in Geneva", "What comes next"]
    first, second = sections
    assert ARTICLE[first.start : first.end] == (
        "Delegations met on Monday. They agreed to meet again."
    )
    assert ARTICLE[second.start : second.end].startswith("Officials said")
    assert all(ARTICLE[s.heading.start : s.heading.end] == s.heading.text for s in sections)


def test_lines_with_closing_punctuation_or_too_long_are_not_headings():
    text = "He said so.\nThis line is body text.\n" + "A " * 40 + "\nEnd.\n"
    assert find_sections(text) == (None, ())


def test_seed_subheadings(seed_text):
    title, sections = find_sections(seed_text)
    assert title is None  # the first line is a paragraph
    assert [s.heading.text for s in sections] == [
        "The Russian position: No serious initiatives",
        "Zelenskyy caught between doubts and diplomatic pressure",
        "Historical background: Stalemate in the negotiation process",
        "Repercussions of the continued conflict",
    ]


def test_sentences_never_span_a_heading():
    doc = load_pipeline()(ARTICLE)
    sents = sentences(doc)
    texts = [ARTICLE[s.start : s.end] for s in sents]
    assert "Talks resume in Geneva" in texts
    assert "What comes next" in texts
    assert all("\n" not in t for t in texts)
    assert [s.i for s in sents] == list(range(len(sents)))


def test_crlf_text_keeps_offsets():
    text = ARTICLE.replace("\n", "\r\n")
    title, sections = find_sections(text)
    assert title == "Talks resume in Geneva"
    assert all(text[s.heading.start : s.heading.end] == s.heading.text for s in sections)
