"""The declared stage list: order, what each stage reads and adds, running a subset, and one
stage on a hand-built state; the resources object shared per (model, kb folders)."""

from __future__ import annotations

import dataclasses

import pytest

import parley
from parley.errors import ParleyError
from parley.model import Article, Entity, Span
from parley.pipeline import GIVEN, STAGES, WORKING, State, run_stages, select_stages
from parley.resources import Resources, load_resources

TEXT = (
    "Russian forces shelled Kharkiv on Sunday, Ukraine's foreign minister said. "
    "Kyiv insists on the withdrawal of all troops."
)


def test_each_stage_reads_only_what_is_given_or_added_before_it():
    available = set(GIVEN)
    fields = {f.name for f in dataclasses.fields(State)}
    for stage in STAGES:
        assert set(stage.reads) <= available, stage.name
        assert set(stage.adds) <= fields, stage.name
        available |= set(stage.adds)
    assert available == fields  # every record of the state comes from some stage


def test_the_stages_fill_every_record_of_the_analysis():
    added = {field for stage in STAGES for field in stage.adds}
    record_fields = {f.name for f in dataclasses.fields(parley.Analysis)}
    assert added - set(WORKING) == record_fields - {"article", "meta"}
    assert not set(WORKING) & record_fields


def test_a_subset_runs_the_stages_it_reads_from_and_leaves_the_rest_empty():
    result = parley.analyze(TEXT, published="2025-03-10", stages=["quotes"])
    assert result.meta["stages"] == ["entities", "quotes"]
    assert result.quotes and result.entities
    assert result.events == () and result.flags == () and result.times == ()
    full = parley.analyze(TEXT, published="2025-03-10")
    assert "stages" not in full.meta
    assert [q.content for q in full.quotes] == [q.content for q in result.quotes]


def test_select_stages_keeps_the_declared_order_and_names_unknown_stages():
    every = [s.name for s in STAGES]
    assert [s.name for s in select_stages(["checks"])] == [n for n in every if n != "positions"]
    assert [s.name for s in select_stages(["times"])] == ["times"]
    with pytest.raises(ParleyError, match="unknown stage 'quote'"):
        select_stages(["quote"])


def test_one_stage_runs_on_a_hand_built_state():
    res = load_resources()
    doc = res.nlp(TEXT)
    start = TEXT.index("Russian")
    russia = Entity(
        "E1", "Russia", "state", (Span(start, start + 7, "Russian"),), kb_id="state:rus",
        country="RUS",
    )  # fmt: skip
    state = State(doc=doc, article=Article(text=TEXT), res=res, entities=[russia])
    [events_stage] = [s for s in STAGES if s.name == "events"]
    run_stages(state, [events_stage])
    shelled = next(e for e in state.events if e.trigger.text == "shelled")
    assert shelled.type == "ASSAULT" and shelled.actors == ("E1",)
    assert state.quotes == [] and state.flags == []  # nothing else ran


def test_resources_are_shared_per_model_and_kb_folders(tmp_path):
    assert load_resources() is load_resources(None, ())
    user = load_resources(None, (str(tmp_path),))
    assert user is not load_resources()
    assert user.nlp is load_resources().nlp  # one pipeline per model, whatever the KB
    with pytest.raises(ParleyError, match="not a directory"):
        Resources(kb_dirs=[str(tmp_path / "missing")])


def test_a_resources_object_can_be_handed_to_the_analysis(tmp_path):
    (tmp_path / "hedges.json").write_text('[{"phrase": "rumour has it"}]', encoding="utf-8")
    res = Resources(kb_dirs=[str(tmp_path)])
    text = "Rumour has it that the convoy turned back."
    [result] = parley.analyze_batch([text], resources=res)
    assert [f.kind for f in result.flags] == ["hedge"]
    assert parley.analyze(text).flags == ()
