"""Quality gate: story grouping against a hand annotation of ../shared/data/ukraine-news.

``benchmarks/eval_stories.py`` analyses and stores all 402 articles, then scores the pairs of
the 47 annotated articles (``tests/store/fixtures/ukraine_stories.json``). About a minute, so
it runs in CI (``CI=true``) or with ``PARLEY_QUALITY=1``. The grouping parameters were chosen
on this same sample (there is no held-out set): the numbers are optimistic for other text.
"""

from __future__ import annotations

import os

import pytest

import scoring
from conftest import IN_CI, shared_path

pytestmark = [
    pytest.mark.quality,
    pytest.mark.skipif(
        not (IN_CI or os.environ.get("PARLEY_QUALITY")), reason="slow: set PARLEY_QUALITY=1"
    ),
]


@pytest.fixture(scope="module")
def scores() -> dict:
    from eval_stories import evaluate

    return evaluate(shared_path("ukraine-news"))


def test_the_sample_is_the_annotated_one(scores):
    assert (scores["articles"], scores["gold_pairs"]) == (47, 37)


@pytest.mark.parametrize("entry", scoring.metrics("stories."), ids=lambda m: m["name"])
def test_floor(scores, entry):
    problem = scoring.check(entry, scores)
    assert problem is None, problem
