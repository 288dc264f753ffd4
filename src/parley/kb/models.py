"""Trained models shipped as JSON beside the data (``models/``; see ``models/README.md``).

A ``--kb`` folder may hold its own ``models/quotes.json`` (retrained with
``benchmarks/train_quotes.py``) or ``models/events.json`` (``benchmarks/train_events.py``):
for each, the last folder that has one wins.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from parley.errors import ParleyError
from parley.kb import data_files


@dataclass(frozen=True, slots=True)
class EventModel:
    """Logistic weights over the features of an event candidate
    (``parley.extract.events.features``) and the probability an event needs."""

    weights: dict[str, float]
    threshold: float = 0.5

    def probability(self, features: Iterable[str]) -> float:
        w = self.weights
        z = sum(w.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def read_quote_model(file: Path) -> dict[str, float]:
    """The weights of a quote-scorer file, its decision threshold as ``__threshold__``."""
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        return {str(k): float(v) for k, v in data["weights"].items()} | {
            "__threshold__": float(data.get("threshold", 0.5))
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ParleyError(f"quote model {file} cannot be read: {exc}") from None


def load_quote_model(extra: Sequence[str] = ()) -> dict[str, float] | None:
    """The quote scorer of the last folder that has one; None when there is none (the
    quote stage then decides by lexicon rules)."""
    files = data_files("models/quotes.json", extra)
    return read_quote_model(files[-1]) if files else None


def read_event_model(file: Path) -> EventModel:
    """The weights and threshold of an event-model file."""
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        weights = {str(k): float(v) for k, v in data["weights"].items()}
        return EventModel(weights, float(data.get("threshold", 0.5)))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ParleyError(f"event model {file} cannot be read: {exc}") from None


def load_event_model(extra: Sequence[str] = ()) -> EventModel | None:
    """The event model of the last folder that has one; None when there is none (every
    candidate the lexicon rules code is then an event)."""
    files = data_files("models/events.json", extra)
    return read_event_model(files[-1]) if files else None
