"""The one analysis function every driver calls: articles in, ``Analysis`` records out.

Texts go through spaCy in batches (``nlp.pipe``); each Doc then passes the stages of
``STAGES``, in that order, over one per-article ``State``. A stage is a function of the state:
it reads what earlier stages added and adds its own records. The CLI, the API, ``parley
serve`` and the batch runners all call ``analyze_batch``; everything the stages read besides
the article (model, knowledge base, lexicons, trained weights) is one ``Resources``.

To add a stage: write its module under ``extract/`` or ``check/`` (a function of the Doc,
the records it needs and ``res``), add a field for its records to ``State`` and
``Analysis``, and list it in ``STAGES`` after the stages it reads from.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc

from parley.check import run_checks
from parley.days import anchor_date
from parley.errors import ParleyError
from parley.extract.actors import complete_actors
from parley.extract.entities import extract_entities
from parley.extract.events import extract_events_dated
from parley.extract.positions import extract_positions
from parley.extract.quotes import extract_quotes
from parley.extract.structure import find_sections, sentences
from parley.extract.times import extract_times
from parley.ingest import check_text
from parley.ingest.headlines import is_headline
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
    TimeExpr,
)
from parley.nlp import forget, pipe
from parley.resources import Resources, load_resources
from parley.version import __version__

__all__ = ["STAGES", "Stage", "State", "analyze", "analyze_batch", "anchor_date", "run_stages"]

OnError = Callable[[Article, ParleyError], None]


@dataclass
class State:
    """What one article's stages read and write: the parsed article, its anchor day, the
    resources, and the records added so far."""

    doc: Doc
    article: Article
    res: Resources
    day: date | None = None
    sentences: tuple[Sentence, ...] = ()
    entities: list[Entity] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    dated: list[Event] = field(default_factory=list)  # dated accounts the decision left out
    positions: list[Position] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


@dataclass(frozen=True)
class Stage:
    """One step of the analysis: ``run(state)`` reads the fields ``reads`` and sets ``adds``."""

    name: str
    run: Callable[[State], None]
    reads: tuple[str, ...]
    adds: tuple[str, ...]


def _sentences(s: State) -> None:
    s.sentences = sentences(s.doc)


def _entities(s: State) -> None:
    # knowledge-base names, titles, pronouns, spaCy's names; then the actors named by a
    # demonym or a group noun ("Russian forces", "Ugandan rebels")
    found = extract_entities(s.doc, s.day, res=s.res)
    s.entities = complete_actors(s.doc, found, res=s.res)


def _times(s: State) -> None:
    s.times = extract_times(s.doc, s.day)


def _quotes(s: State) -> None:
    s.quotes = extract_quotes(s.doc, s.entities, s.day, res=s.res, text=s.article.text)


def _events(s: State) -> None:
    s.events, s.dated = extract_events_dated(s.doc, s.entities, s.quotes, s.times, s.day, res=s.res)


def _positions(s: State) -> None:
    s.positions = extract_positions(s.doc, s.entities, s.sentences, res=s.res)


def _checks(s: State) -> None:
    s.flags, s.claims = run_checks(
        s.doc, s.sentences, s.entities, s.quotes, s.events, s.times, s.day, res=s.res,
        dated=s.dated,
    )  # fmt: skip


# The stages, in the order they run; each reads only what the ones before it add.
STAGES: tuple[Stage, ...] = (
    Stage("sentences", _sentences, reads=("doc",), adds=("sentences",)),
    Stage("entities", _entities, reads=("doc", "day"), adds=("entities",)),
    Stage("times", _times, reads=("doc", "day"), adds=("times",)),
    Stage("quotes", _quotes, reads=("doc", "entities", "day"), adds=("quotes",)),
    Stage(
        "events",
        _events,
        reads=("doc", "entities", "quotes", "times", "day"),
        adds=("events", "dated"),
    ),
    Stage("positions", _positions, reads=("doc", "entities", "sentences"), adds=("positions",)),
    Stage(
        "checks",
        _checks,
        reads=("doc", "sentences", "entities", "quotes", "events", "dated", "times", "day"),
        adds=("flags", "claims"),
    ),
)
STAGE_NAMES = tuple(stage.name for stage in STAGES)
# what a stage adds for a later stage only, and no record of the analysis holds
WORKING = ("dated",)
GIVEN = ("doc", "article", "res", "day")  # what the state holds before any stage


def select_stages(names: Sequence[str] | None) -> tuple[Stage, ...]:
    """The stages named, in ``STAGES`` order, with the stages they read from added; all of
    them when ``names`` is None."""
    if names is None:
        return STAGES
    unknown = [n for n in names if n not in STAGE_NAMES]
    if unknown:
        raise ParleyError(
            f"unknown stage {', '.join(map(repr, unknown))}; stages: {', '.join(STAGE_NAMES)}"
        )
    wanted = set(names)
    for stage in reversed(STAGES):  # a later stage only reads from earlier ones
        if stage.name in wanted:
            wanted |= {s.name for s in STAGES if set(s.adds) & set(stage.reads)}
    return tuple(s for s in STAGES if s.name in wanted)


def run_stages(state: State, stages: Sequence[Stage] = STAGES) -> State:
    """Run ``stages`` in order over ``state`` (tests run one stage on a hand-built state)."""
    for stage in stages:
        stage.run(state)
    return state


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
        title=article.title or (title if is_headline(title) else None),  # never a dateline
        sections=article.sections or sections,
    )


def _analyse_doc(
    doc: Doc, article: Article, res: Resources, stages: tuple[Stage, ...], seconds: float
) -> Analysis:
    doc.user_data["parley.text"] = article.text  # the Doc was made from it, exactly
    state = State(doc=doc, article=article, res=res, day=anchor_date(article.published))
    run_stages(state, stages)
    forget(doc)
    meta = {
        "input": article.input,
        "parley_version": __version__,
        "model": res.model_name,
        "seconds": round(seconds, 4),
    }
    if stages != STAGES:
        meta["stages"] = [s.name for s in stages]
    return Analysis(
        article=article,
        sentences=state.sentences,
        entities=tuple(state.entities),
        quotes=tuple(state.quotes),
        events=tuple(state.events),
        positions=tuple(state.positions),
        claims=tuple(state.claims),
        times=tuple(state.times),
        flags=tuple(state.flags),
        meta=meta,
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
    kb_dirs: Sequence[str] = (),
    model: str | None = None,
    resources: Resources | None = None,
    stages: Sequence[str] | None = None,
    batch_size: int = 64,
    on_error: OnError | None = None,
) -> Iterator[Analysis]:
    """Analyse articles lazily, in input order, batching the NLP through ``nlp.pipe``.

    ``resources`` (or else the shared one for ``model`` and ``kb_dirs``) is read whole
    before the first article, so a bad user file is one error. ``stages`` names a subset of
    ``STAGE_NAMES`` (the stages they read from run too; the others leave their records
    empty). A bad article raises ``ParleyError`` unless ``on_error`` is given: then it is
    reported to ``on_error(article, error)`` and skipped, and the rest are still analysed.
    """
    res = (resources or load_resources(model, tuple(kb_dirs))).warm()
    chosen = select_stages(stages)
    stream = ((a.text, a) for a in _valid(articles, on_error))
    last = time.perf_counter()
    for doc, article in pipe(res.nlp, stream, batch_size):
        seconds = time.perf_counter() - last
        yield _analyse_doc(doc, article, res, chosen, seconds)
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
    """Analyse one article text. ``published`` (ISO date) anchors relative dates and roles;
    ``options`` are those of ``analyze_batch`` (``kb_dirs``, ``model``, ``stages``, …)."""
    article = Article(text=text, title=title, source=source, url=url, published=published)
    return next(analyze_batch([article], **options))
