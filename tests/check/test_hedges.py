import pytest

from parley.check.hedges import hedges
from parley.nlp import load_pipeline


@pytest.mark.parametrize(
    ("text", "hedge", "scope"),
    [
        ('He said: "to my knowledge, it is not being prepared," adding little.',
         "to my knowledge", "it is not being prepared"),
        ("The convoy was reportedly hit by a drone near Kherson, officials said.",
         "reportedly", "The convoy was reportedly hit by a drone near Kherson"),
        ("They want guarantees, something that seems unlikely given the escalation.",
         "seems unlikely", "something that seems unlikely given the escalation"),
    ],
)  # fmt: skip
def test_hedge_and_scope(text, hedge, scope):
    nlp = load_pipeline()
    [flag] = hedges(nlp(text))
    assert flag.kind == "hedge" and flag.spans[0].text == hedge
    assert scope in flag.spans[1].text
    assert all(text[s.start : s.end] == s.text for s in flag.spans)


def test_plain_statement_has_no_hedge():
    nlp = load_pipeline()
    assert hedges(nlp("The delegations met in Istanbul on Monday.")) == []


def test_a_hedge_without_a_verb_in_reach_terminates():
    """Regression: walking up from a hedge whose chain ends at a non-verb root looped."""
    nlp = load_pipeline()
    [flag] = hedges(nlp("Reportedly."))
    assert flag.spans[0].text == "Reportedly"
