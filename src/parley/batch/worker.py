"""What runs in a worker (a local process or a Dask worker): one chunk of articles to rows.

``init`` loads the spaCy pipeline once per process and warms parley up *outside* any memory
zone, so that what parley builds lazily on first use (the gazetteer's PhraseMatcher and its
strings) is permanent. ``analyse_chunk`` then runs ``analyze_batch`` inside
``nlp.memory_zone()``: strings and lexemes added for a chunk's Docs are freed after it, so
memory stays flat over millions of documents. Nothing crosses the zone but plain values: the
``Analysis`` records hold only str/int/float/tuples, and they are turned into table rows
(``rows.flatten``) inside the zone.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import gc
import os
import resource
from collections.abc import Callable
from dataclasses import dataclass, field

from parley.batch.rows import UNKNOWN_DAY, Row, flatten
from parley.days import day_of
from parley.errors import InputError, ParleyError
from parley.model import Article
from parley.pipeline import analyze_batch
from parley.resources import load_resources

WARM_UP = (
    "Russian Foreign Minister Sergei Lavrov met his Turkish counterpart Hakan Fidan in Ankara "
    "on Tuesday. Lavrov said Moscow was ready to continue talks on shipping in the Black Sea."
)


@dataclass(frozen=True, slots=True)
class WorkOptions:
    """How workers analyse: the pipeline, extra knowledge bases, the ``nlp.pipe`` batch."""

    model: str | None = None
    kb_dirs: tuple[str, ...] = ()
    batch_size: int = 16
    memory_zone: bool = True


@dataclass(slots=True)
class ArticleRows:
    """The rows of one analysed article, its partition day, and its position in the chunk."""

    day: str
    words: int
    tables: dict[str, list[Row]]
    index: int = -1  # in the chunk's articles (the driver cuts parts inside a chunk)


@dataclass(slots=True)
class ChunkResult:
    """A worker's answer for one chunk: rows per article in input order, and failures
    (``failed[i]`` is the position in the chunk of the article ``errors[i]`` is about)."""

    articles: list[ArticleRows] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    pid: int = 0
    rss: int = 0  # bytes resident after the chunk
    peak_rss: int = 0  # bytes, the process's peak so far

    @property
    def words(self) -> int:
        return sum(a.words for a in self.articles)


def rss_now() -> int:
    """Resident memory of this process in bytes (Linux ``/proc``; 0 elsewhere)."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _libc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim`` (None elsewhere: musl, macOS)."""
    with contextlib.suppress(OSError, AttributeError, TypeError):
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    return None


_TRIM = _libc_trim()


def release_memory() -> None:
    """Collect cycles and hand freed heap pages back to the system after a chunk: the
    memory zone frees spaCy's strings, but glibc keeps the pages, and a worker's resident
    size would creep up over a long run by fragmentation alone."""
    gc.collect()
    if _TRIM is not None:
        _TRIM(0)


def init(opts: WorkOptions) -> None:
    """Load the resources (model, knowledge base, lexicons) once in this process, and
    warm them up.

    A missing model or a bad knowledge-base folder raises ``ParleyError``; a failure of the
    warm-up analysis itself does not (each article's own failure is reported when it comes)."""
    load_resources(opts.model, tuple(opts.kb_dirs)).warm()
    with contextlib.suppress(Exception):
        list(analyze_batch([Article(text=WARM_UP)], kb_dirs=opts.kb_dirs, model=opts.model))


def _failure(article: Article, exc: ParleyError) -> dict[str, str]:
    reason = exc.reason if isinstance(exc, InputError) else str(exc)
    return {"input": article.input or "<text>", "reason": reason}


def _analyse(
    articles: list[Article], opts: WorkOptions, result: ChunkResult, offset: int = 0
) -> None:
    """``analyze_batch`` over ``articles`` (in a memory zone), rows added to ``result``,
    each with its position (``offset`` + its index in ``articles``).

    Analyses come in input order, and an article that fails is reported (``on_error``)
    before any later article is analysed, so the next analysis belongs to the next
    article not reported as failed."""
    nlp = load_resources(opts.model, tuple(opts.kb_dirs)).nlp
    zone = nlp.memory_zone() if opts.memory_zone else contextlib.nullcontext()
    position = {id(article): i for i, article in enumerate(articles)}
    skipped: set[int] = set()
    following = 0

    def failed(article: Article, exc: ParleyError) -> None:
        i = position.get(id(article))
        if i is None:  # a copy of the article: the first one not analysed yet that matches
            i = next(
                (j for j in range(following, len(articles))
                 if j not in skipped and articles[j].text == article.text
                 and articles[j].input == article.input),
                following,
            )  # fmt: skip
        skipped.add(i)
        result.errors.append(_failure(article, exc))
        result.failed.append(offset + i)

    with zone:
        for analysis in analyze_batch(
            articles,
            kb_dirs=opts.kb_dirs,
            model=opts.model,
            batch_size=opts.batch_size,
            on_error=failed,
        ):
            while following in skipped:
                following += 1
            rows = flatten(analysis.to_dict())
            words = rows["articles"][0]["words"]
            day = day_of(analysis.article.published) or UNKNOWN_DAY
            result.articles.append(ArticleRows(day, words, rows, offset + following))
            following += 1


def analyse_chunk(articles: list[Article], opts: WorkOptions) -> ChunkResult:
    """Analyse a chunk into table rows; failures of single articles are in ``errors``.

    Should the analyser itself fail on some article (a bug, not a bad input), the chunk is
    analysed again one article at a time, and only the articles it fails on are reported
    (``internal error: …``), so that one article cannot stop a run of millions.
    """
    result = ChunkResult(pid=os.getpid())
    try:
        _analyse(articles, opts, result)
    except ParleyError:  # not about one article (a bad option): stop the run
        raise
    except Exception:
        result = ChunkResult(pid=os.getpid())
        for i, article in enumerate(articles):
            try:
                _analyse([article], opts, result, offset=i)
            except Exception as exc:
                reason = f"internal error ({type(exc).__name__}: {exc}); please report it"
                result.errors.append({"input": article.input or "<text>", "reason": reason})
                result.failed.append(i)
    release_memory()
    result.rss = rss_now()
    result.peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return result
