"""Event coding (PLOVER): who did what to whom, when and where, with status and source.

``extract_events(doc, entities, quotes, times, anchor)`` codes the events of one parsed
article; ``explain(event)`` tells which rule fired and why. The patterns come from
``parley.kb.plover`` (``kb/data/plover.json`` and the user's), through the resources; the
actors named only by a demonym or a group noun are added by the entity stage
(``parley.extract.actors``). The modules, in the order they work: ``triggers``,
``arguments``, ``status``, ``when``, ``where``, ``coder`` (assembly, derived events, modes,
confidence); every draft is a candidate with ``features``, and ``decide`` keeps the ones
the trained model (``parley/kb/models/events.json``) judges reported events: one type per
trigger word, one event per type and sentence unless two are distinct.
"""

from parley.extract.events.coder import (
    explain,
    extract_events,
    extract_events_dated,
    extract_events_explained,
)

__all__ = ["explain", "extract_events", "extract_events_dated", "extract_events_explained"]
