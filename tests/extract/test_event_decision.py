"""The trained decision over event candidates (``parley.extract.events.decide``) on
hand-made candidates, and the shipped model on sentences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parley.errors import ParleyError
from parley.extract.events.decide import Candidate, decide
from parley.kb.models import EventModel, load_event_model, read_event_model
from parley.model import Event, Span

MODEL = Path(__file__).parents[2] / "src" / "parley" / "kb" / "models" / "events.json"


def cand(kind, start, word, sentence=0, actors=(), status="asserted", score=0.0):
    event = Event(
        id="", type=kind, trigger=Span(start, start + len(word), word), status=status,
        sentence=sentence, actors=tuple(actors),
    )  # fmt: skip
    return Candidate(event, f"{kind} '{word}'", (f"score={score}",), (sentence, start))


def model(threshold=0.5):
    # a candidate's probability is set by its one feature
    weights = {f"score={s}": s for s in (-3.0, -1.0, 1.0, 2.0, 3.0)}
    return EventModel(weights, threshold)


def test_without_a_model_every_candidate_is_an_event():
    cands = [cand("ASSAULT", 0, "invasion"), cand("THREATEN", 0, "invasion")]
    assert [e.type for e, _ in decide(cands, None)] == ["ASSAULT", "THREATEN"]


def test_one_type_per_mention_the_most_probable():
    cands = [cand("ASSAULT", 0, "invasion", score=1.0), cand("THREATEN", 0, "invasion", score=2.0)]
    [(event, why)] = decide(cands, model())
    assert event.type == "THREATEN"
    assert event.confidence == round(1 / (1 + 2.718281828**-2.0), 2)
    assert "event model: p 0.88" in why and "preferred to ASSAULT" in why


def test_below_the_threshold_nothing():
    assert decide([cand("ASSAULT", 0, "attack", score=-1.0)], model()) == []
    assert len(decide([cand("ASSAULT", 0, "attack", score=-1.0)], model(0.2))) == 1


def test_one_event_per_type_and_sentence_unless_two_distinct_events():
    said_twice = [cand("CONSULT", 0, "met", score=3.0), cand("CONSULT", 10, "talks", score=2.0)]
    assert [e.trigger.text for e, _ in decide(said_twice, model())] == ["met"]
    two_meetings = [
        cand("CONSULT", 0, "met", actors=("E1", "E2"), score=3.0),
        cand("CONSULT", 10, "met", actors=("E3",), score=2.0),
    ]
    assert len(decide(two_meetings, model())) == 2
    held_and_proposed = [
        cand("CONSULT", 0, "talks", score=3.0),
        cand("CONSULT", 10, "negotiations", status="proposed", score=2.0),
    ]
    assert len(decide(held_and_proposed, model())) == 2
    other_sentence = [
        cand("CONSULT", 0, "met", score=3.0),
        cand("CONSULT", 50, "met", 1, score=2.0),
    ]
    assert len(decide(other_sentence, model())) == 2


def test_events_keep_their_text_order():
    cands = [cand("ASSAULT", 30, "shelled", score=1.0), cand("CONSULT", 0, "met", score=3.0)]
    assert [e.trigger.start for e, _ in decide(cands, model())] == [30, 0]


def test_the_shipped_model_is_small_versioned_and_says_how_it_was_made():
    data = json.loads(MODEL.read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert data["command"].startswith("python benchmarks/train_events.py")
    assert 0 < data["threshold"] < 1
    assert {"news", "plover"} <= set(data["scores"]) <= {"news", "news_all", "extra", "plover"}
    assert ("benchmarks/data/news_extra.jsonl" in data["data"]) == ("extra" in data["scores"])
    assert data["scores"]["news"]["cv"]["F1"] > data["scores"]["news"]["rules"]["F1"]
    assert MODEL.stat().st_size < 200_000
    loaded = load_event_model()
    assert loaded == read_event_model(MODEL) and loaded.threshold == data["threshold"]


def test_a_bad_model_file_is_one_clear_error(tmp_path):
    bad = tmp_path / "events.json"
    bad.write_text('{"weights": [1, 2]}', encoding="utf-8")
    with pytest.raises(ParleyError, match="event model"):
        read_event_model(bad)


def candidates_of(text: str):
    from datetime import date

    from parley.extract.actors import complete_actors
    from parley.extract.entities import extract_entities
    from parley.extract.events.coder import event_candidates
    from parley.resources import load_resources

    res, day = load_resources(), date(2025, 12, 22)
    doc = res.nlp(text)
    entities = complete_actors(doc, extract_entities(doc, day, res=res), res=res)
    return event_candidates(doc, entities, (), (), day, res=res)


def test_a_text_of_one_sentence_is_read_apart_and_a_sentence_as_its_words():
    alone = candidates_of("Russian troops shelled the port of Odesa.")
    assert alone and all("alone|bias" in c.features for c in alone)
    assert all({"word=port", "word=odesa"} <= set(c.features) for c in alone)
    assert not any(f in ("word=the", "word=of") for c in alone for f in c.features)
    article = candidates_of("Russian troops shelled the port of Odesa. Ukraine protested.")
    assert article and not any(f.startswith("alone|") for c in article for f in c.features)
    first = [c for c in article if c.mention[0] == 0]
    assert first and all("word=protested" not in c.features for c in first)
