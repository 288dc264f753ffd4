"""Schemathesis over the OpenAPI document, in process (ASGI, no network): generated
requests, valid and invalid, never get a 5xx, and every response matches the document."""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis  # a dev dependency: missing is a failure, never a skip
from hypothesis import HealthCheck, settings
from schemathesis.python.asgi import HOST
from schemathesis.specs.openapi.checks import positive_data_acceptance
from store_helpers import hand_built

from parley.store import connect, rebuild, store_analyses
from parley.web import create_app

EXAMPLES = 25  # per operation: ~12 operations, well under a minute


def _app():
    """The API over a store of two hand-built articles (schemathesis loads the schema when
    the module is collected, before fixtures exist)."""
    path = Path(tempfile.mkdtemp(prefix="parley-fuzz-")) / "fuzz.db"
    conn = connect(path, create=True)
    store_analyses(conn, [hand_built("2024-06-11", 0), hand_built("2024-07-02", 1)])
    rebuild(conn)
    conn.close()
    return create_app(path, token="not-sent-by-the-fuzzer", allowed_hosts=[HOST])


schema = schemathesis.openapi.from_asgi("/api/openapi.json", _app())


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_document(case):
    # every check but "a schema-valid request is accepted": a search the full-text index
    # cannot parse ("AND x") and since after until are refused with a 400, constraints a
    # JSON schema of query parameters cannot express (they are in the descriptions)
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
