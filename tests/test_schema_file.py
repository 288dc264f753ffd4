"""The JSON Schema file pins the ``parley.analysis/1`` contract of SCHEMA.md and model.py."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from parley.model import (
    Analysis,
    Article,
    Claim,
    Entity,
    Event,
    Flag,
    Position,
    Quote,
    Sentence,
    Span,
    TimeExpr,
    When,
    Where,
)
from schema_check import SCHEMA_PATH, assert_valid, schema_errors, validator

TEXT = (
    'Kremlin spokesman Dmitry Peskov said on Tuesday that "no talks are planned". '
    "Observers believe otherwise."
)
META = {"input": "example.txt", "parley_version": "0.1.0", "model": "test", "seconds": 0.01}


def span(needle: str) -> Span:
    start = TEXT.index(needle)
    return Span.of(TEXT, start, start + len(needle))


def minimal_record() -> dict[str, Any]:
    first_end = TEXT.index(" Observers")
    analysis = Analysis(
        article=Article(text=TEXT, title="Kremlin denies talks", published="2025-12-23"),
        sentences=(Sentence(0, 0, first_end), Sentence(1, first_end + 1, len(TEXT))),
        entities=(
            Entity(
                id="E1",
                name="Dmitry Peskov",
                kind="person",
                mentions=(span("Dmitry Peskov"),),
                country="RUS",
                variants=("Dmitry Peskov",),
            ),
        ),
        quotes=(
            Quote(
                id="Q1",
                kind="direct",
                content=span("no talks are planned"),
                sentence=0,
                cue=span("said"),
                speaker=span("Kremlin spokesman Dmitry Peskov"),
                speaker_entity="E1",
            ),
        ),
        flags=(
            Flag(
                kind="anonymous_source",
                severity="warning",
                message="Claim attributed to unnamed observers.",
                spans=(span("Observers believe"),),
            ),
        ),
        meta=META,
    )
    return analysis.to_dict()


def full_record() -> dict[str, Any]:
    """Every record type of model.py, so the schema and ``to_dict`` cannot drift apart."""
    record = Analysis(
        article=Article(text=TEXT, published="2025-12-23"),
        events=(
            Event(
                id="V1",
                type="REJECT",
                trigger=span("no talks are planned"),
                status="denied",
                sentence=0,
                actors=("E1",),
                negated=True,
                when=When(value="2025-12-23", precision="day", text=span("on Tuesday")),
                where=Where(name="Moscow", country="RUS", lat=55.75, lon=37.62),
                reported_by="Q1",
                confidence=0.8,
            ),
        ),
        times=(TimeExpr(span("on Tuesday"), "DATE", "2025-12-23"),),
        positions=(Position("E1", "talks", "against", span("no talks are planned")),),
        claims=(Claim("C1", span("Observers believe otherwise."), "attribution", 0.6),),
        meta=META,
    ).to_dict()
    minimal = minimal_record()
    for key in ("sentences", "entities", "quotes", "flags"):
        record[key] = minimal[key]
    return record


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["properties"]["schema"] == {"const": "parley.analysis/1"}


def test_minimal_record_from_model_is_valid() -> None:
    assert_valid(minimal_record())


def test_record_with_every_record_type_is_valid() -> None:
    assert_valid(full_record())


def test_added_fields_are_allowed() -> None:
    record = minimal_record()
    record["extra"] = 1
    record["entities"][0]["confidence"] = 0.9
    record["quotes"][0]["content"]["note"] = "spans may carry more keys"
    assert_valid(record)


def _drop_quote_speaker(r: dict[str, Any]) -> None:
    del r["quotes"][0]["speaker"]


def _bad_severity(r: dict[str, Any]) -> None:
    r["flags"][0]["severity"] = "critical"


def _bad_entity_id(r: dict[str, Any]) -> None:
    r["entities"][0]["id"] = "entity-1"


def _span_without_text(r: dict[str, Any]) -> None:
    del r["entities"][0]["mentions"][0]["text"]


BROKEN: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "missing field": (_drop_quote_speaker, "'speaker' is a required property"),
    "wrong enum": (_bad_severity, "'critical' is not one of"),
    "bad id pattern": (_bad_entity_id, "does not match '^E[0-9]+$'"),
    "span missing text": (_span_without_text, "'text' is a required property"),
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_broken_record_is_rejected(name: str) -> None:
    breaker, expected = BROKEN[name]
    record = copy.deepcopy(minimal_record())
    breaker(record)
    errors = schema_errors(record)
    assert any(expected in e for e in errors), errors
    with pytest.raises(AssertionError):
        assert_valid(record)


def test_assert_valid_rejects_span_text_that_does_not_match_offsets() -> None:
    record = minimal_record()
    record["quotes"][0]["cue"]["text"] = "told"
    assert validator().is_valid(record)  # the schema alone cannot see this
    with pytest.raises(AssertionError, match=r"\$\.quotes\[0\]\.cue"):
        assert_valid(record)


def test_assert_valid_rejects_offsets_past_the_end_of_the_text() -> None:
    record = minimal_record()
    record["flags"][0]["spans"].append({"start": len(TEXT), "end": len(TEXT) + 5, "text": ""})
    with pytest.raises(AssertionError, match="outside"):
        assert_valid(record)
