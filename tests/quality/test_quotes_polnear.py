"""Quality gate: quote attribution on PolNeAR dev (../shared/data/polnear).

Floors are the measured values minus 0.01, rounded down. They were measured with
    python benchmarks/eval_quotes.py --split dev
on 2026-11-26. A floor is raised when the stage improves and never lowered to make a run pass:
a drop below it is a regression to fix.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import shared_path

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"

# measured 2026-11-26 with `python benchmarks/eval_quotes.py --split dev`:
# content P 0.790 / R 0.742 / F1 0.765, speaker accuracy 0.878, end-to-end F1 0.672
CONTENT_F1_FLOOR = 0.75  # 0.765 - 0.01, rounded down
END_TO_END_F1_FLOOR = 0.66  # 0.672 - 0.01, rounded down


@pytest.fixture(scope="module")
def scores():
    data = shared_path("polnear")
    shared_path("polnear", "dev")
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import eval_quotes
    finally:
        sys.path.remove(str(BENCHMARKS))
    return eval_quotes.evaluate("dev", data=data)


def test_content_f1_floor(scores):
    assert scores["content"]["f1"] >= CONTENT_F1_FLOOR, scores


def test_end_to_end_f1_floor(scores):
    assert scores["end_to_end"]["f1"] >= END_TO_END_F1_FLOOR, scores
