"""Batch analysis at scale: many articles into a Parquet (or JSONL) dataset, resumably.

Every article goes through ``parley.pipeline.analyze_batch`` — the one analyser — in worker
processes (``local``) or on Dask workers (``dask``). Output layout of ``DIR``::

    _manifest.jsonl                          committed parts and the inputs they cover
    _errors.jsonl                            failed inputs: {"input", "reason", "part"}
    articles/published=YYYY-MM-DD/part-NNNNN.parquet   one row per article
    entities/published=.../part-NNNNN.parquet          one row per entity
    quotes/…  events/…                                 one row per quote / event

``published`` is the Hive partition (``unknown`` when the article has no date); each file
also holds ``article_id`` and ``published_at`` (the date as given). See ``rows`` for the
columns. DuckDB: ``SELECT name, count(*) FROM 'DIR/entities/**/*.parquet' GROUP BY 1``;
pandas: ``pd.read_parquet('DIR/entities')``. ``read_batch_output(DIR)`` yields the
``parley.analysis/1`` dicts back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from parley.batch.options import BatchOptions, ReadOptions

if TYPE_CHECKING:
    from parley.batch.read import is_batch_output, read_batch_output
    from parley.batch.runner import Summary, run_batch

__all__ = [
    "BatchOptions",
    "ReadOptions",
    "Summary",
    "is_batch_output",
    "read_batch_output",
    "run_batch",
]

_LAZY = {
    "Summary": "parley.batch.runner",
    "run_batch": "parley.batch.runner",
    "is_batch_output": "parley.batch.read",
    "read_batch_output": "parley.batch.read",
}


def __getattr__(name: str) -> Any:
    """Import the running and reading parts on first use (they pull in pyarrow)."""
    if name not in _LAZY:
        raise AttributeError(f"module 'parley.batch' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(_LAZY[name]), name)
