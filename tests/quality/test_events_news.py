"""Quality gate: the event decision cross-validated on news-gold (by article) and on the
PLOVER GSR dev records (by record).

The measuring lives in ``benchmarks/train_events.py`` (``load_items`` reads both gold sets
and the extra annotated articles of ``benchmarks/data/news_extra.jsonl`` and
``news_events.jsonl`` through parley's stages and the coder's candidates; ``measure``
scores the lexicon rules alone, the model
in-sample, and 5-fold cross-validation with the shared scorers). The model is fitted on
these same data, so only the cross-validated numbers are gated: ``news.cv`` folds the 32
news-gold dev articles (the extra articles always in training), ``news_all.cv`` folds dev
and the extra articles together. The floors are in ``baseline.json`` (``events_cv.*``).
Needs scikit-learn (a dev dependency); about a minute.
"""

from __future__ import annotations

import pytest

import scoring
from conftest import shared_path

pytestmark = pytest.mark.quality


@pytest.fixture(scope="module")
def scores() -> dict:
    shared_path("news-gold", "dev.jsonl")
    shared_path("plover-gsr", "dev.json")
    from train_events import load_items, measure

    news, plover, extra = load_items()
    return measure(news, plover, extra)


def test_scores_every_gold_event_and_record(scores):
    assert scores["news"]["cv"]["gold"] == 335
    assert scores["extra_articles"] == 12 + 76
    assert scores["extra"]["cv"]["gold"] == 86 + 575
    assert scores["news_all"]["cv"]["gold"] == 335 + 86 + 575
    assert scores["folds"] == 5


def test_the_model_beats_the_lexicon_rules_on_held_out_articles(scores):
    news = scores["news"]
    assert news["cv"]["F1"] > news["rules"]["F1"]
    assert news["cv"]["P"] > news["rules"]["P"]
    assert scores["news_all"]["cv"]["F1"] > scores["news_all"]["rules"]["F1"]
    assert scores["plover"]["cv"]["macro_f1"] > scores["plover"]["rules"]["macro_f1"]


@pytest.mark.parametrize("entry", scoring.metrics("events_cv."), ids=lambda m: m["name"])
def test_floor(scores, entry):
    problem = scoring.check(entry, scores)
    assert problem is None, problem
