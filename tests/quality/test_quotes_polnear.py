"""Quality gate: quote attribution on PolNeAR dev (../shared/data/polnear).

``benchmarks/eval_quotes.py --split dev`` scores content P/R/F1, speaker accuracy among the
matched quotes and end-to-end F1; this test runs the same ``evaluate`` and holds each number
to its floor in ``baseline.json``.

PolNeAR annotates every attribution ("shows", "wants", "plans", "seems" …); parley calls a
quote only an attribution of speech, writing or stated belief (news-gold's definition). The
content and end-to-end floors are therefore held on the attributions whose cue is a
communication cue (``communication.*``; 640 of the 2,192 dev attributions are left out); the
scores over all attributions are still printed by ``eval_quotes.py`` and are not gated.
"""

from __future__ import annotations

import pytest

import scoring
from conftest import shared_path

pytestmark = pytest.mark.quality


@pytest.fixture(scope="module")
def scores() -> dict:
    from eval_quotes import evaluate

    data = shared_path("polnear")
    shared_path("polnear", "dev")
    return evaluate("dev", data=data)


@pytest.mark.parametrize("entry", scoring.metrics("quotes."), ids=lambda m: m["name"])
def test_floor(scores, entry):
    problem = scoring.check(entry, scores)
    assert problem is None, problem
