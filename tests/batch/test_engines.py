"""The engines give the same output: one process, two processes, a 2-worker Dask cluster;
and the worker's memory zone changes nothing in the results."""

from __future__ import annotations

import dataclasses
import json
import types

import spacy.tokens

from parley.batch.worker import WorkOptions, analyse_chunk, init
from parley.ingest import read_inputs
from parley.model import Article
from parley.pipeline import analyze_batch


def test_two_processes_write_what_one_process_writes(reference, helpers, tmp_path):
    out = tmp_path / "out"
    summary = helpers.run(reference.inputs, out, processes=2)
    assert summary.articles == reference.summary.articles
    assert helpers.tables(out) == reference.tables
    assert helpers.records(out) == helpers.records(reference.out)
    assert helpers.errors(out) == helpers.errors(reference.out)


def test_dask_with_two_workers_writes_what_the_local_engine_writes(reference, helpers, tmp_path):
    out = tmp_path / "out"
    summary = helpers.run(reference.inputs, out, engine="dask", workers=2)
    assert summary.articles == reference.summary.articles
    assert helpers.tables(out) == reference.tables
    assert helpers.records(out) == helpers.records(reference.out)
    assert helpers.errors(out) == helpers.errors(reference.out)


def _spacy_objects(value: object, path: str = "analysis") -> list[str]:
    """Paths inside a record that hold anything from spaCy (Doc, Span, Token, StringStore…)."""
    module = type(value).__module__
    if module.startswith(("spacy", "thinc", "cymem", "preshed")):
        return [path]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        found = []
        for f in dataclasses.fields(value):
            found += _spacy_objects(getattr(value, f.name), f"{path}.{f.name}")
        return found
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _spacy_objects(v, f"{path}[{k!r}]")]
    if isinstance(value, list | tuple | set | frozenset):
        return [p for i, v in enumerate(value) for p in _spacy_objects(v, f"{path}[{i}]")]
    assert isinstance(value, str | int | float | bool | types.NoneType), (path, type(value))
    return []


def test_analyses_hold_only_plain_values(reference):
    articles = [a for a in read_inputs(reference.inputs) if isinstance(a, Article)]
    analyses = list(analyze_batch(articles, on_error=lambda a, e: None))
    assert analyses and not [p for a in analyses for p in _spacy_objects(a)]
    assert spacy.tokens.Doc not in {type(a) for a in analyses}


def test_memory_zones_change_nothing_chunk_after_chunk(reference):
    articles = [a for a in read_inputs(reference.inputs) if isinstance(a, Article)]
    zoned, plain = WorkOptions(), WorkOptions(memory_zone=False)
    init(zoned)

    def rows(opts: WorkOptions) -> list[object]:
        out = []
        for start in range(0, len(articles), 2):  # several zones, one after another
            result = analyse_chunk(articles[start : start + 2], opts)
            for item in result.articles:
                for row in item.tables["articles"]:
                    row["record"] = json.loads(row["record"])
                    del row["record"]["meta"]["seconds"]
                out.append((item.day, item.tables))
        return out

    first = rows(zoned)
    assert first == rows(plain) == rows(zoned)
