from hypothesis import given
from hypothesis import strategies as st

from parley.nlp import describe, load_pipeline, pipe, split_text


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
