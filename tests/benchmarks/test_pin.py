"""``benchmarks/pin.py`` and ``benchmarks/scoring.py`` on a temporary baseline: measured
values are rewritten, floors only go up and ceilings only down, a regression is refused."""

from __future__ import annotations

import json

import pytest

import pin
import scoring


def entry(name: str, bound: str, value: float | None, measured: float, margin: float, **more):
    return {
        "name": name,
        bound: value,
        "measured": measured,
        "margin": margin,
        "margin_why": "test",
        "key": name.split(".", 1)[1],
        "command": "python benchmarks/eval_fake.py",
        "data": ["fake/*.txt"],
        "digest": "sha256:old",
        **more,
    }


@pytest.fixture
def baseline() -> dict:
    return {
        "about": "a test baseline",
        "metrics": [
            entry("fake.f1", "floor", 0.70, 0.712, 0.01),
            entry("fake.rate", "ceiling", 0.05, 0.031, 0.02),
            entry("fake.alarms", "ceiling", 2, 1, 1, decimals=0),
            entry("fake.accuracy", "floor", None, 0.9, 0.01),
        ],
    }


def by_name(baseline: dict) -> dict:
    return {m["name"]: m for m in baseline["metrics"]}


def test_floor_is_raised_to_measured_minus_margin_and_measured_rewritten(baseline):
    measured = {"fake.f1": 0.7567, "fake.rate": 0.031, "fake.alarms": 1, "fake.accuracy": 0.9}
    new, notes = pin.pin(baseline, measured, {"fake.f1": "sha256:new"}, today="2030-01-02")
    m = by_name(new)["fake.f1"]
    assert (m["floor"], m["measured"], m["digest"], m["pinned"]) == (
        0.746,
        0.7567,
        "sha256:new",
        "2030-01-02",
    )
    assert "fake.f1: floor 0.7 -> 0.746 (measured 0.7567)" in notes
    assert by_name(baseline)["fake.f1"]["floor"] == 0.70  # the input is left alone


def test_floor_stays_when_measured_minus_margin_is_lower(baseline):
    new, _ = pin.pin(baseline, {"fake.f1": 0.705}, {})
    m = by_name(new)["fake.f1"]
    assert (m["floor"], m["measured"]) == (0.70, 0.705)


def test_ceiling_is_lowered_to_measured_plus_margin_and_never_raised(baseline):
    new, _ = pin.pin(baseline, {"fake.rate": 0.0125, "fake.alarms": 0}, {})
    assert by_name(new)["fake.rate"]["ceiling"] == 0.033
    assert by_name(new)["fake.alarms"]["ceiling"] == 1
    assert isinstance(by_name(new)["fake.alarms"]["ceiling"], int)
    new, _ = pin.pin(baseline, {"fake.rate": 0.045}, {})
    assert by_name(new)["fake.rate"]["ceiling"] == 0.05


def test_a_new_metric_gets_its_first_floor(baseline):
    new, notes = pin.pin(baseline, {"fake.accuracy": 0.8784}, {})
    assert by_name(new)["fake.accuracy"]["floor"] == 0.868
    assert "fake.accuracy: new floor 0.868 (measured 0.8784)" in notes


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [("fake.f1", 0.6999, "< floor 0.7"), ("fake.rate", 0.051, "> ceiling 0.05")],
)
def test_a_measurement_past_its_bound_is_refused(baseline, name, value, words):
    with pytest.raises(pin.Refused) as refused:
        pin.pin(baseline, {"fake.f1": 0.75, name: value}, {})
    [reason] = refused.value.reasons
    assert reason.startswith(f"{name}: measured {value:.4f} {words}")


def test_a_floor_lowered_by_hand_since_the_commit_is_refused(baseline):
    committed = json.loads(json.dumps(baseline))
    by_name(committed)["fake.f1"]["floor"] = 0.72
    with pytest.raises(pin.Refused, match="fake.f1: floor 0.7 in the file is looser than 0.72"):
        pin.pin(baseline, {}, {}, committed)


def test_a_metric_dropped_since_the_commit_is_refused(baseline):
    committed = json.loads(json.dumps(baseline))
    baseline["metrics"].pop(0)
    with pytest.raises(pin.Refused, match="fake.f1: gated at HEAD, missing from the file"):
        pin.pin(baseline, {}, {}, committed)


def test_main_rewrites_the_file_and_refuses_without_writing(baseline, tmp_path, monkeypatch):
    path = tmp_path / "baseline.json"
    pin.write(path, baseline)
    monkeypatch.setattr(pin, "committed_baseline", lambda path: None)
    values = {"fake.f1": 0.8, "fake.rate": 0.0, "fake.alarms": 0, "fake.accuracy": 0.95}
    monkeypatch.setattr(pin, "measure", lambda entries: (values, {}))
    assert pin.main(["--baseline", str(path), "--dry-run"]) == 0
    assert json.loads(path.read_text()) == baseline
    assert pin.main(["--baseline", str(path)]) == 0
    pinned = by_name(json.loads(path.read_text()))
    assert [pinned[n]["measured"] for n in values] == [0.8, 0.0, 0, 0.95]
    assert pinned["fake.f1"]["floor"] == 0.79
    before = path.read_text()
    values["fake.f1"] = 0.5
    assert pin.main(["--baseline", str(path)]) == 1
    assert path.read_text() == before


def test_main_names_an_unknown_group(baseline, tmp_path):
    path = tmp_path / "baseline.json"
    pin.write(path, baseline)
    with pytest.raises(SystemExit):
        pin.main(["--baseline", str(path), "--only", "nothing"])


def test_prf_counts_and_empty_denominators():
    assert scoring.prf(3, 4, 6) == {
        "precision": 0.75,
        "recall": 0.5,
        "f1": 0.6,
        "tp": 3,
        "pred": 4,
        "gold": 6,
    }
    assert scoring.prf(0, 0, 0)["f1"] == 0.0
    assert scoring.prf(1, 3, 3, digits=2)["precision"] == 0.33


def test_data_digest_follows_names_and_bytes(tmp_path):
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "a.txt").write_text("one")
    (tmp_path / "gold" / "b.txt").write_text("two")
    digest = scoring.data_digest(["gold/*.txt"], root=tmp_path)
    assert digest.startswith("sha256:")
    assert scoring.data_digest(["gold/b.txt", "gold/a.txt"], root=tmp_path) == digest
    (tmp_path / "gold" / "b.txt").write_text("three")
    assert scoring.data_digest(["gold/*.txt"], root=tmp_path) != digest
    with pytest.raises(scoring.SharedMissing, match="no file matches gold/\\*.json"):
        scoring.data_digest(["gold/*.json"], root=tmp_path)


def test_load_tool_by_path_and_one_message_when_missing(tmp_path):
    (tmp_path / "score_fake.py").write_text("def score():\n    return 42\n")
    assert scoring.load_tool("score_fake", tools=tmp_path).score() == 42
    with pytest.raises(scoring.SharedMissing, match="scorer .*score_none.py is missing"):
        scoring.load_tool("score_none", tools=tmp_path)


def test_value_at_reads_a_dotted_key_and_names_what_is_missing():
    result = {"parley": {"overall": {"f1": 0.7, "label": "x"}}}
    assert scoring.value_at(result, "parley.overall.f1") == 0.7
    with pytest.raises(KeyError, match="stopped at 'PER'"):
        scoring.value_at(result, "parley.PER.f1")
    with pytest.raises(TypeError):
        scoring.value_at(result, "parley.overall.label")


def test_check_names_the_metric_its_bound_and_the_command(baseline):
    floor = by_name(baseline)["fake.f1"]
    assert scoring.check(floor, {"f1": 0.71}) is None
    message = scoring.check(floor, {"f1": 0.6})
    assert message.startswith("fake.f1 = 0.6000 < floor 0.7")
    assert "python benchmarks/eval_fake.py" in message
