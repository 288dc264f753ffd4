"""Quality gate: quotes on whole real war-news articles (../shared/data/news-gold/dev.jsonl),
scored by the shared ``score_news.py``.

The shipped quote scorer is fitted on all of news-gold dev, so its own numbers there are
in-sample. This test re-runs the by-article cross-validation instead: each of the five fold
models of ``benchmarks/quotes_cv_folds.json`` (written by ``benchmarks/train_quotes.py``
with the shipped model, each fitted on PolNeAR train and the other four folds, with the
threshold chosen on those four) analyses the articles of its held-out fold, and the pooled
folds are scored (``benchmarks/eval_quotes.py --news-cv``). Each number is held to its floor
in ``baseline.json``.
"""

from __future__ import annotations

import pytest

import scoring
from conftest import shared_path

pytestmark = pytest.mark.quality


@pytest.fixture(scope="module")
def scores() -> dict:
    from eval_quotes import news_cv

    shared_path("news-gold")
    shared_path("ukraine-news")
    return news_cv()


@pytest.mark.parametrize("entry", scoring.metrics("quotes_news."), ids=lambda m: m["name"])
def test_floor(scores, entry):
    problem = scoring.check(entry, scores)
    assert problem is None, problem
