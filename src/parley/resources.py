"""Everything an analysis reads besides the article: one ``Resources`` object per
``(model, kb dirs)``.

It holds the spaCy pipeline, the knowledge base (actors, places, roles), the timeline facts,
the cue, PLOVER, stance and hedge lexicons, the trained quote scorer and event decision, and
the structures built from them (gazetteer, matchers, look-up tables). Each part is read the
first time a stage asks for it; ``warm()`` reads them all at once (the analysis does, so that
a bad user file is one error before any article, and batch workers do it in their set-up).
The loaders live in ``parley.kb``; which files a ``--kb`` folder may hold is
``parley.kb.FILES``.

``load_resources(model, kb_dirs)`` returns the same object for the same arguments, so the
CLI, the API, ``parley serve`` and every batch worker share one per process.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from parley.errors import ParleyError
from parley.kb import KB, load_kb
from parley.kb.cues import Lexicon as CueLexicon
from parley.kb.cues import load_cues
from parley.kb.facts import Fact, load_facts
from parley.kb.hedges import load_hedges
from parley.kb.models import EventModel, load_event_model, load_quote_model
from parley.kb.plover import Lexicon as PloverLexicon
from parley.kb.plover import load_lexicon
from parley.kb.stances import StanceWords, load_stance_words

if TYPE_CHECKING:
    from spacy.language import Language

T = TypeVar("T")

PARTS = (
    "nlp", "kb", "facts", "cues", "plover", "stances", "hedges", "quote_model", "event_model",
)  # fmt: skip


class Resources:
    """The model, knowledge base, lexicons and trained weights one analysis uses."""

    def __init__(self, model: str | None = None, kb_dirs: Sequence[str] = ()) -> None:
        self.model = model
        self.kb_dirs = tuple(str(d) for d in kb_dirs)
        for folder in self.kb_dirs:
            if not Path(folder).is_dir():
                raise ParleyError(f"--kb {folder}: not a directory")
        self._built: dict[Callable, Any] = {}
        self._lock = threading.RLock()

    def __repr__(self) -> str:
        return f"Resources(model={self.model!r}, kb_dirs={self.kb_dirs!r})"

    @cached_property
    def nlp(self) -> Language:
        from parley.nlp import load_pipeline

        return load_pipeline(self.model)

    @cached_property
    def model_name(self) -> str:
        """The model as reported in ``meta.model`` (spaCy rebuilds ``nlp.meta`` on access)."""
        from parley.nlp import describe

        return describe(self.nlp)

    @cached_property
    def kb(self) -> KB:
        return load_kb(self.kb_dirs)

    @cached_property
    def facts(self) -> tuple[Fact, ...]:
        return load_facts(self.kb_dirs, self.kb)

    @cached_property
    def cues(self) -> CueLexicon:
        return load_cues(self.kb_dirs)

    @cached_property
    def plover(self) -> PloverLexicon:
        return load_lexicon(self.kb_dirs)

    @cached_property
    def stances(self) -> StanceWords:
        return load_stance_words(self.kb_dirs)

    @cached_property
    def hedges(self) -> dict[str, str]:
        return load_hedges(self.kb_dirs)

    @cached_property
    def quote_model(self) -> dict[str, float] | None:
        return load_quote_model(self.kb_dirs)

    @cached_property
    def event_model(self) -> EventModel | None:
        return load_event_model(self.kb_dirs)

    def built(self, build: Callable[[Resources], T]) -> T:
        """What ``build(self)`` returns, made once per resources object: a gazetteer, a
        matcher, a look-up table over the KB. The function itself is the key."""
        try:
            return self._built[build]
        except KeyError:
            pass
        with self._lock:
            if build not in self._built:
                self._built[build] = build(self)
            return self._built[build]

    def warm(self) -> Resources:
        """Read every part now: a bad user file fails here, once, not inside an article."""
        for part in PARTS:
            getattr(self, part)
        return self


def load_resources(model: str | None = None, kb_dirs: Sequence[str] = ()) -> Resources:
    """The resources for this model and these ``--kb`` folders, one object per process."""
    return _shared(model, tuple(str(d) for d in kb_dirs))


@functools.cache
def _shared(model: str | None, kb_dirs: tuple[str, ...]) -> Resources:
    return Resources(model, kb_dirs)


def forget_resources() -> None:
    """Drop the shared objects: the next ``load_resources`` reads the files again (after a
    retrained model or an edited user file)."""
    _shared.cache_clear()
