"""The one analysis function every driver calls: articles in, ``Analysis`` records out.

Texts go through spaCy in batches (``nlp.pipe``); each Doc then passes the extraction stages
in the order fixed here. The CLI, the API and later the store and batch runners all call
``analyze_batch``.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import date

from spacy.tokens import Doc

from parley import __version__
from parley.check import run_checks
from parley.errors import ParleyError
from parley.extract.entities import extract_entities
from parley.extract.events import complete_actors, extract_events
from parley.extract.positions import extract_positions
from parley.extract.quotes import extract_quotes
from parley.extract.structure import find_sections, sentences
from parley.extract.times import extract_times
from parley.ingest import check_text
from parley.kb import KB, load_kb
from parley.model import Analysis, Article
from parley.nlp import describe, forget, load_pipeline, pipe

OnError = Callable[[Article, ParleyError], None]


def anchor_date(published: str | None) -> date | None:
    """The day relative dates are anchored to, or None when the article has no usable date
    (``parley.days`` reads every ISO date)."""
    from parley import days

    return days.anchor_date(published)


def prepare(article: Article | str) -> Article:
    """Checks the text and fills what can be read off it: language, title, sections."""
    if isinstance(article, str):
        article = Article(text=article)
    if not isinstance(article.text, str):
        raise ParleyError("article text must be a string")
    language = check_text(article.text, article.input or "<text>")
    if article.published and anchor_date(article.published) is None:
        raise ParleyError(f"published date {article.published!r} is not an ISO 8601 date")
    title, sections = find_sections(article.text)
    return dataclasses.replace(
        article,
        language=article.language or language,
        title=article.title or title,
        sections=article.sections or sections,
    )


def _analyse_doc(
    doc: Doc, article: Article, kb: KB, nlp, kb_dirs: tuple[str, ...], seconds: float, model: str
) -> Analysis:
    """The extraction and check stages, in order, over one parsed article."""
    day = anchor_date(article.published)
    doc.user_data["parley.text"] = article.text  # the Doc was made from it, exactly
    sents = sentences(doc)
    entities = complete_actors(doc, extract_entities(doc, kb, nlp, day), kb)
    times = extract_times(doc, day)
    quotes = extract_quotes(doc, entities, day, text=article.text)
    events = extract_events(doc, entities, quotes, times, day, kb=kb)
    positions = extract_positions(doc, entities, sents, kb_dirs)
    flags, claims = run_checks(doc, nlp, sents, entities, quotes, events, times, day, kb_dirs)
    forget(doc)
    return Analysis(
        article=article,
        sentences=sents,
        entities=tuple(entities),
        quotes=tuple(quotes),
        events=tuple(events),
        positions=tuple(positions),
        claims=tuple(claims),
        times=tuple(times),
        flags=tuple(flags),
        meta={
            "input": article.input,
            "parley_version": __version__,
            "model": model,
            "seconds": round(seconds, 4),
        },
    )


def _valid(articles: Iterable[Article | str], on_error: OnError | None) -> Iterator[Article]:
    for item in articles:
        try:
            yield prepare(item)
        except ParleyError as exc:
            if on_error is None:
                raise
            on_error(item if isinstance(item, Article) else Article(text=str(item)), exc)


def analyze_batch(
    articles: Iterable[Article | str],
    *,
    kb_dirs: tuple[str, ...] = (),
    model: str | None = None,
    batch_size: int = 64,
    on_error: OnError | None = None,
) -> Iterator[Analysis]:
    """Analyse articles lazily, in input order, batching the NLP through ``nlp.pipe``.

    A bad article raises ``ParleyError`` unless ``on_error`` is given: then it is reported
    to ``on_error(article, error)`` and skipped, and the rest are still analysed.
    """
    nlp = load_pipeline(model)
    kb = load_kb(tuple(kb_dirs))
    stream = ((a.text, a) for a in _valid(articles, on_error))
    last = time.perf_counter()
    model_name = describe(nlp)  # once: spaCy rebuilds nlp.meta on every access
    for doc, article in pipe(nlp, stream, batch_size):
        seconds = time.perf_counter() - last
        result = _analyse_doc(doc, article, kb, nlp, kb_dirs, seconds, model_name)
        yield result
        last = time.perf_counter()


def analyze(
    text: str,
    *,
    published: str | None = None,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    **options,
) -> Analysis:
    """Analyse one article text. ``published`` (ISO date) anchors relative dates and roles."""
    article = Article(text=text, title=title, source=source, url=url, published=published)
    return next(analyze_batch([article], **options))
