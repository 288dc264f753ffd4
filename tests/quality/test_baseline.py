"""The baseline itself: every gated metric is complete, its bound is kept by its last
measurement, the gold data is the data it was measured on, and no test keeps a bound of its
own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import scoring
from conftest import shared_path

pytestmark = pytest.mark.quality

ENTRIES = scoring.metrics()
QUALITY_TESTS = sorted(Path(__file__).parent.glob("test_*.py"))
FIELDS = {"name", "measured", "margin", "margin_why", "key", "command", "data", "digest"}


def test_names_are_unique_and_grouped():
    names = [m["name"] for m in ENTRIES]
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"[a-z_]+(\.[a-z_0-9]+)+", n) for n in names), names


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda m: m["name"])
def test_entry_is_complete_and_its_measurement_keeps_its_bound(entry):
    assert entry.keys() >= FIELDS
    assert ("floor" in entry) != ("ceiling" in entry)
    kind, limit = scoring.bound(entry)
    assert isinstance(limit, int | float), f"{entry['name']}: no {kind} yet: run make eval-pin"
    assert entry["margin"] >= 0
    assert scoring.holds(entry, entry["measured"])
    script = entry["command"].split()[1]
    assert (scoring.REPO_ROOT / script).is_file(), script
    assert entry["digest"].startswith("sha256:")


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda m: m["name"])
def test_the_gold_data_is_the_one_measured(entry):
    for pattern in entry["data"]:
        if pattern.startswith("../shared/data/"):
            shared_path(pattern.split("/")[3])  # missing: a failure in CI, a skip elsewhere
    assert scoring.data_digest(entry["data"]) == entry["digest"], (
        f"the data of {entry['name']} changed since it was measured: run make eval-pin"
    )


@pytest.mark.parametrize("group", sorted({m["name"].split(".")[0] for m in ENTRIES}))
def test_every_group_is_gated_by_a_quality_test(group):
    assert any(f'metrics("{group}.")' in p.read_text(encoding="utf-8") for p in QUALITY_TESTS)


@pytest.mark.parametrize("path", QUALITY_TESTS, ids=lambda p: p.name)
def test_no_test_keeps_a_bound_of_its_own(path):
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"^[A-Z_]*(FLOOR|CEILING|ALLOWANCE)S?\b\s*=", text, re.M)
