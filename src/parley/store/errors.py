"""Errors of the store: each a ``ParleyError`` the CLI prints as one line."""

from __future__ import annotations

from parley.errors import ParleyError


class StoreError(ParleyError):
    """A problem with the database the user can fix (missing, not a parley database)."""


class NoDatabase(StoreError):
    """The database file does not exist."""


class QueryError(ParleyError):
    """A bad filter value (unknown event type, malformed date, negative limit...)."""


class NotFound(ParleyError):
    """No article, entity or story matches."""
