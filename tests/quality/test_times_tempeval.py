"""Quality gate: temporal expressions against TempEval-3 (TimeBank + AQUAINT, all 256 files).

The whole set is scored (about 15-30 s with the spaCy pipeline), by the same ``evaluate()``
that ``benchmarks/eval_times.py`` prints; relaxed-span and value F1 per corpus and overall are
held to their floors in ``baseline.json``. Since the scorer reads ISO week numbers as numbers
("2000-W7" = "2000-W07") the value F1 counts six gold values the notation used to hide.
"""

from __future__ import annotations

import pytest

import scoring
from conftest import shared_path

pytestmark = pytest.mark.quality


@pytest.fixture(scope="module")
def scores() -> dict:
    from eval_times import evaluate

    return evaluate(data=shared_path("tempeval3"))


def test_scores_every_timex_of_the_texts(scores):
    assert scores["overall"]["gold"] == 1822  # every TIMEX3 of <TEXT>, creation times excluded


@pytest.mark.parametrize("entry", scoring.metrics("times."), ids=lambda m: m["name"])
def test_floor(scores, entry):
    problem = scoring.check(entry, scores)
    assert problem is None, problem
