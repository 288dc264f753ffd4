"""Days: the one reader of ISO 8601 dates in parley.

- ``parse_date`` is strict: a whole calendar day (``2024-06-11``, also the date part of a
  datetime ``2024-06-11T09:30:00Z``), for command options, query parameters and
  ``Article.published``. ``not_a_date`` is the sentence a user sees when it fails.
- ``anchor_date`` is the day an article's relative dates are read against, or None.
- ``day_of`` is ``YYYY-MM-DD`` of a date or datetime, or None (the store's ``day`` columns,
  the batch output's ``published=`` partitions).
- ``parse_day`` also reads a month or a year (``2024-06``, ``2024``), as the knowledge base
  writes the start and end of a role or a fact: the first day of the period, or with
  ``end=True`` the last.
"""

from __future__ import annotations

from datetime import date, datetime

__all__ = ["anchor_date", "day_of", "not_a_date", "parse_date", "parse_day"]


def parse_date(value: str | date) -> date:
    """The day an ISO 8601 date or datetime names; ``ValueError`` when it names none."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def not_a_date(value: str, name: str | None = None) -> str:
    """The message for a value that ``parse_date`` refuses, naming the option if given."""
    prefix = f"{name} " if name else ""
    return f"{prefix}{value!r} is not an ISO 8601 date (YYYY-MM-DD)"


def anchor_date(published: str | None) -> date | None:
    """The day relative dates are anchored to, or None when the article has no usable date."""
    if not published:
        return None
    try:
        return parse_date(published)
    except ValueError:
        return None


def day_of(value: str | date | None) -> str | None:
    """``YYYY-MM-DD`` of an ISO date or datetime; None when there is none or it is not one."""
    if not value:
        return None
    try:
        return parse_date(value).isoformat()
    except ValueError:
        return None


def parse_day(value: str | None, *, end: bool = False) -> date | None:
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` as a date: the first day of the period, or
    the last if ``end``; None for no value. ``ValueError`` for anything else."""
    if not value:
        return None
    try:
        parts = [int(p) for p in str(value)[:10].split("-")]
        year = parts[0]
        month = parts[1] if len(parts) > 1 else (12 if end else 1)
        if len(parts) > 2:
            return date(year, month, parts[2])
        if not end:
            return date(year, month, 1)
        following = date(year + (month == 12), month % 12 + 1, 1)
    except ValueError:
        raise ValueError(f"{value!r} is not an ISO 8601 day, month or year") from None
    return date.fromordinal(following.toordinal() - 1)
