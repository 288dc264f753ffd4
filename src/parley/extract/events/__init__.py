"""Event coding (PLOVER): who did what to whom, when and where, with status and source.

``extract_events(doc, entities, quotes, times, anchor)`` codes the events of one parsed
article; ``explain(event)`` tells which rule fired and why; ``complete_actors`` adds the
actors that news names only by a demonym or a group noun ("Israeli tanks", "Ugandan rebels")
to the entities, so that events can name them. The modules, in the order they work:
``lexicon`` (patterns from ``kb/data/plover.json``), ``triggers``, ``arguments``, ``status``,
``when``, ``where``, ``coder`` (assembly, derived events, modes, confidence).
"""

from parley.extract.events.actors import complete_actors
from parley.extract.events.coder import explain, extract_events, extract_events_explained
from parley.extract.events.lexicon import load_lexicon

__all__ = [
    "complete_actors",
    "explain",
    "extract_events",
    "extract_events_explained",
    "load_lexicon",
]
