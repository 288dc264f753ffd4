"""Properties over generated text: analysis never raises and every span indexes the text."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import parley
from parley.errors import InputError
from schema_check import assert_valid

WORDS = [
    "Putin", "Zelensky", "Zelenskyy", "the Kremlin", "Kyiv", "Moscow", "Washington", "said",
    "told", "Reuters", "in", "on", "Sunday", "talks", "Istanbul", "he", "his", "she", "the",
    "Ukrainian", "president", "Russian", "side", "NATO", "\u201c", "\u201d", '"', "\u00ab",
    ".", ",", "\n", "\r\n", " ", "\t", "Ministry", "of", "Foreign", "Affairs", "É", "中",
]  # fmt: skip

texts = st.one_of(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=60).map(" ".join),
    st.text(min_size=1, max_size=300),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_analysis_never_raises_and_spans_index_the_text(text):
    if not text.strip():
        return  # empty text is a user error, tested in tests/test_pipeline.py
    try:
        result = parley.analyze(text, published="2025-12-22")
    except InputError as exc:  # refused with its reason (NUL bytes, ...): never a crash
        assert str(exc) and "\n" not in str(exc)  # one clear message
        return
    record = result.to_dict()
    assert record["article"]["text"] == text
    assert_valid(record)
