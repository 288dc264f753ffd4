"""Quality gate: parley's event coding against the PLOVER gold-standard records (dev half).

The scoring lives in ``benchmarks/eval_events.py`` (old labels mapped as the data README
says; main event = highest confidence; actor country against the gold source codes, non-state
codes matching organisations without a country); this test runs it on all 161 dev records
(a few seconds). The floors are in ``baseline.json``. The dev records were also used for error
analysis while the rules were written, so these numbers are optimistic for unseen text.
"""

from __future__ import annotations

import pytest

import scoring
from conftest import shared_path

pytestmark = pytest.mark.quality


@pytest.fixture(scope="module")
def scores() -> dict:
    from eval_events import evaluate

    return evaluate(data=shared_path("plover-gsr", "dev.json"))


def test_scores_the_whole_dev_set(scores):
    assert scores["records"] == 161
    assert scores["gold"]["REQUEST"] == 17
    assert scores["gold"]["ACCUSE"] == 12
    assert scores["gold"]["ASSAULT"] == 16
    assert scores["actor"]["records"] == 160


@pytest.mark.parametrize("entry", scoring.metrics("events."), ids=lambda m: m["name"])
def test_floor(scores, entry):
    problem = scoring.check(entry, scores)
    assert problem is None, problem
