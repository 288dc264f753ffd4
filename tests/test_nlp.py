from hypothesis import given
from hypothesis import strategies as st

from parley.nlp import describe, indices_with_text, line_breaks, load_pipeline, pipe, split_text


@given(st.text(alphabet=st.sampled_from("ab \n."), max_size=400), st.integers(4, 60))
def test_split_text_joins_back_exactly(text, size):
    pieces = split_text(text, size)
    assert "".join(pieces) == text
    assert all(len(p) <= size for p in pieces)


def test_long_text_is_piped_in_pieces_with_offsets_kept():
    nlp = load_pipeline()
    para = "Kremlin spokesman Dmitry Peskov said talks in Istanbul would resume.\n"
    text = para * 2000  # about 140,000 characters: several pieces
    assert len(split_text(text)) > 1
    [(doc, tag)] = list(pipe(nlp, [(text, "x")], batch_size=8))
    assert tag == "x" and doc.text == text
    assert all(text[e.start_char : e.end_char] == e.text for e in doc.ents)
    assert sum(1 for e in doc.ents if e.text == "Istanbul") >= 1900


def test_model_is_described():
    assert describe(load_pipeline()).startswith("en_core_web_sm")


def test_a_full_stop_run_into_the_next_dash_quote_is_split_off():
    nlp = load_pipeline()
    words = [t.text for t in nlp("The road is closed - she added.- They will reopen it soon.")]
    assert words[6:10] == ["added", ".", "-", "They"]
    # a hyphenated abbreviation stays one word
    assert "U.S.-led" in [t.text for t in nlp("The U.S.-led coalition met again.")]


def _starts_token_by_token(doc):
    starts, after_break = [], False
    for token in doc:
        if after_break and not token.is_space:
            starts.append(token.i)
            after_break = False
        if "\n" in token.text or "\n" in token.whitespace_:
            after_break = True
    return starts


PIECES = ["a", "Bc", " ", "\n", "\n\n", "\t", "\r\n", "."]


@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_line_breaks_start_the_word_after_every_line_break(text):
    doc = load_pipeline().make_doc(text)
    expected = _starts_token_by_token(doc)
    line_breaks(doc)
    assert [t.i for t in doc if t.is_sent_start and t.i > 0] == [i for i in expected if i > 0]
    assert all(doc[i].is_sent_start for i in expected)


def test_indices_with_text_match_the_exact_text():
    doc = load_pipeline().make_doc("The talks ended; the TALKS resume. Talks, talks.")
    assert indices_with_text(doc, frozenset({"talks", "The"})) == [0, 1, 10]
    assert indices_with_text(load_pipeline().make_doc(""), frozenset({"a"})) == []
