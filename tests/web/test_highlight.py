"""Cutting article text into annotated segments, and laying out the monthly bar chart."""

from __future__ import annotations

from parley.web.charts import monthly_bars
from parley.web.highlight import Note, notes_of, segments


def note(i, kind, start, end):
    return Note(i, kind, start, end, f"{kind} {i}", "")


def test_segments_rebuild_the_text_and_nest():
    text = "Lavrov said: we are ready."
    notes = [note(0, "quote", 13, 26), note(1, "entity", 0, 6), note(2, "flag", 16, 19)]
    parts = segments(text, notes)
    assert "".join(p.text for p in parts) == text
    by_text = {p.text: {n.kind for n in p.notes} for p in parts}
    assert by_text["Lavrov"] == {"entity"}
    assert by_text["are"] == {"quote", "flag"}
    assert by_text[" said: "] == set()


def test_segments_survive_bad_spans():
    text = "short"
    parts = segments(text, [note(0, "time", 3, 99), note(1, "entity", -5, 2), note(2, "x", 4, 4)])
    assert "".join(p.text for p in parts) == text
    assert [p.text for p in parts] == ["sh", "o", "rt"]


def test_flag_context_spans_are_told_apart():
    text = "Since the collapse of talks in 2012, nothing happened."
    spans = [{"start": 31, "end": 35}, {"start": 0, "end": len(text)}]
    record = {"flags": [{"kind": "date_conflict", "severity": "w", "message": "m", "spans": spans}]}
    kinds = [(n.kind, text[n.start : n.end]) for n in notes_of(record)]
    assert ("flag", "2012") in kinds and ("flagctx", text) in kinds


def test_monthly_bars_fill_missing_months():
    chart = monthly_bars([("a", "statements", {"2024-01": 2, "2024-04": 4}),
                          ("b", "events", {"2024-02": 1})])  # fmt: skip
    assert [t.label for t in chart.xticks] == ["2024-01", "2024-02", "2024-03", "2024-04"]
    assert len(chart.bars) == 3
    tallest = max(chart.bars, key=lambda b: b.height)
    assert tallest.title == "2024-04: 4 statements" and tallest.y + tallest.height == chart.baseline
    assert monthly_bars([("a", "x", {})]).empty


def test_quote_notes_link_their_speaker_and_event_notes_tell_an_assumed_date():
    text = "Lavrov said talks would go on. Troops attacked the town."
    record = {
        "entities": [{"id": "E1", "name": "Sergey Lavrov", "kind": "person",
                      "kb_id": "person:sergey-lavrov", "mentions": []}],
        "quotes": [{"id": "Q1", "kind": "indirect", "speaker_entity": "E1",
                    "content": {"start": 12, "end": 29}}],
        "events": [{"type": "ASSAULT", "status": "asserted", "actors": [], "recipients": [],
                    "trigger": {"start": 38, "end": 46},
                    "when": {"value": "2024-05-01", "precision": "day", "basis": "published"}}],
    }  # fmt: skip
    quote, event = notes_of(record)
    assert text[quote.start : quote.end] == "talks would go on" and quote.link == (
        "person:sergey-lavrov"
    )
    assert "publication date assumed" in dict(event.details)["when"]


def test_anchors_mark_where_each_quote_and_event_starts():
    from parley.web.highlight import anchors

    text = "Lavrov said talks would go on. Troops attacked the town."
    record = {
        "quotes": [{"id": "Q1", "content": {"start": 12, "end": 29}},
                   {"id": "Q2", "content": {"start": 20, "end": 10}}],  # a bad span: none
        "events": [{"id": "V1", "type": "ASSAULT", "trigger": {"start": 38, "end": 46}}],
    }  # fmt: skip
    parts = segments(text, notes_of(record))
    marks = anchors(record, parts)
    assert {parts[i].text: a for i, a in marks.items()} == {
        "talks would go on": "quote-Q1", "attacked": "event-V1"
    }  # fmt: skip
