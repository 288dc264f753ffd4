"""Quality gate: the checks on ../shared/data/ukraine-news — recall on injected errors,
false alarms on the untouched articles, precision over a hand check.

``benchmarks/eval_checks.py`` injects errors (a wrong year for a known event the text dates,
one actor re-spelled), and ``benchmarks/inject_forms.py`` writes wrong years, months and days
into background sentences in the surface forms news uses for past events, from its own list
of events and not the knowledge base's (240 articles, seed 11: recall by form, false alarms on
a right-date sentence beside each); it analyses every untouched article and scores its flags
against the hand check in ``checks_judged.json``. This test runs it once (a few minutes, 150
cases per kind, seed 7). Recall and precision floors, flag rate ceilings and the allowance of
flags nobody has checked yet are in ``baseline.json``.
"""

from __future__ import annotations

import pytest

import scoring
from conftest import shared_path

pytestmark = pytest.mark.quality


@pytest.fixture(scope="module")
def result() -> dict:
    from eval_checks import evaluate

    return evaluate(data=shared_path("ukraine-news"), cases=150, seed=7)


@pytest.mark.parametrize("kind", ["date_conflict", "name_variant"])
def test_enough_injected_cases(result, kind):
    assert result[kind]["cases"] >= 50


def test_enough_surface_form_cases(result):
    forms = result["forms"]
    assert forms["cases"] >= 200
    assert sum(v["cases"] >= 10 for v in forms["by_form"].values()) >= 6
    assert set(forms["by_wrong"]) == {"year", "month", "day"}


@pytest.mark.parametrize("entry", scoring.metrics("checks."), ids=lambda m: m["name"])
def test_bound(result, entry):
    problem = scoring.check(entry, result)
    kind = entry["key"].split(".")[0]
    assert problem is None, (problem, result["missed"].get(kind, [])[:10])
