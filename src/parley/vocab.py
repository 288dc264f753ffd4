"""The closed vocabularies of the output contract (``parley.analysis/1``), listed once.

The JSON Schema (``schema/parley.analysis-1.schema.json``) holds the same lists as enums, and
a test keeps the two equal. The extractors, the store's filters, the command options and the
API's parameters take their choices from here.
"""

from __future__ import annotations

#: ``entities[].kind``
ENTITY_KINDS = ("person", "state", "government", "organization", "group", "place", "media", "other")
#: ``quotes[].kind``: all content inside quote marks, reported speech, or both
QUOTE_KINDS = ("direct", "indirect", "mixed")
#: ``events[].type``: the PLOVER event types
EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
#: ``events[].status``
EVENT_STATUSES = ("asserted", "denied", "proposed", "planned", "hypothetical", "historical")
#: ``events[].when.precision``
WHEN_PRECISIONS = ("day", "month", "year", "time", "week", "unknown")
#: ``events[].when.basis``: a date the text states, or the publication date assumed
WHEN_BASES = ("stated", "published")
#: ``times[].type``: the TimeML TIMEX3 types
TIME_TYPES = ("DATE", "TIME", "DURATION", "SET")
#: ``claims[].kind``
CLAIM_KINDS = ("temporal", "numeric", "causal", "attribution", "other")
#: ``claims[].verdict``
CLAIM_VERDICTS = ("consistent", "conflicts", "unverified")
#: ``flags[].severity``
FLAG_SEVERITIES = ("info", "warning", "error")
#: ``flags[].kind``: the checks' findings (the schema leaves the kind open, for user checks)
FLAG_KINDS = (
    "date_conflict",
    "internal_inconsistency",
    "name_variant",
    "anonymous_source",
    "hedge",
    "unattributed_claim",
)

#: Each enum of the JSON Schema, by its ``$defs`` record and property, and its list here.
SCHEMA_ENUMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("entity", "kind"): ENTITY_KINDS,
    ("quote", "kind"): QUOTE_KINDS,
    ("event", "type"): EVENT_TYPES,
    ("event", "status"): EVENT_STATUSES,
    ("when", "precision"): WHEN_PRECISIONS,
    ("when", "basis"): WHEN_BASES,
    ("time", "type"): TIME_TYPES,
    ("claim", "kind"): CLAIM_KINDS,
    ("claim", "verdict"): CLAIM_VERDICTS,
    ("flag", "severity"): FLAG_SEVERITIES,
}
