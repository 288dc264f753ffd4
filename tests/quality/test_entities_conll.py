"""Quality gate: parley's entity mentions against CoNLL-2003 English dev gold (PER, ORG, LOC).

The scoring lives in ``benchmarks/eval_entities.py`` (exact span and type, gold MISC ignored,
pronouns and lowercase-initial phrases dropped); this test runs it on the whole dev set
(3,250 sentences, about 20-40 s, so no subset is needed). The floors, their margins and the
last measurement are in ``baseline.json`` (``make eval-pin`` re-measures them).
"""

from __future__ import annotations

import pytest

import scoring
from conftest import shared_path

pytestmark = pytest.mark.quality


@pytest.fixture(scope="module")
def scores() -> dict:
    from eval_entities import evaluate

    return evaluate(data=shared_path("conll2003", "eng.testa"))


def test_scores_the_whole_dev_set(scores):
    assert scores["sentences"] == 3250
    assert scores["gold"] == {"PER": 1842, "ORG": 1341, "LOC": 1837}


@pytest.mark.parametrize("entry", scoring.metrics("entities."), ids=lambda m: m["name"])
def test_floor(scores, entry):
    problem = scoring.check(entry, scores)
    assert problem is None, problem
