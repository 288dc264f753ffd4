"""Trained models shipped as JSON beside the data (``models/``; see ``models/README.md``).

A ``--kb`` folder may hold its own ``models/quotes.json`` (retrained with
``benchmarks/train_quotes.py``): the last folder that has one wins.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from parley.errors import ParleyError
from parley.kb import data_files


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
