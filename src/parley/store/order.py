"""The orders a list query can give its rows: each list declares its sort keys once, in a
``Sorts`` beside its query, as SQL written there and never taken from input. A sort value
names one key, a leading minus for descending (``mentions``, ``-mentions``); anything else is
refused. The API's ``sort`` parameters (their choices, the OpenAPI document) are built from
the same declarations.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from parley.store.errors import QueryError


@dataclass(frozen=True, slots=True)
class Sorts:
    """The sort keys of one list: ``columns`` maps each key to its SQL expression over the
    list's tables; ``default`` is the order of a query given none. Ties are broken by
    ``tiebreak`` (ascending, descending: by the sort's direction), or for the sort values in
    ``ties`` by what that names."""

    columns: Mapping[str, str]
    default: str
    tiebreak: tuple[str, str]
    ties: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.check(self.default)
        for sort in self.ties:
            self.check(sort)

    def choices(self) -> tuple[str, ...]:
        """Every sort value: each key, then the key descending."""
        return tuple(c for key in self.columns for c in (key, "-" + key))

    def check(self, sort: str | None) -> str:
        """The sort value (the default for ``None``); QueryError for one not declared."""
        sort = self.default if sort is None else sort
        if sort.removeprefix("-") not in self.columns:
            raise QueryError(f"cannot sort by {sort!r}; use one of {', '.join(self.columns)}")
        return sort

    def sql(self, sort: str | None) -> str:
        """The ``ORDER BY`` text of a sort value (``None``: the default); empty values sort
        last either way."""
        sort = self.check(sort)
        descending = sort.startswith("-")
        direction = "DESC" if descending else "ASC"
        tiebreak = self.ties.get(sort, self.tiebreak[descending])
        return f"{self.columns[sort.removeprefix('-')]} {direction} NULLS LAST, {tiebreak}"


def by_key(column: str) -> tuple[str, str]:
    """Ties broken by ``column`` (the rows' key) in the sort's direction."""
    return column, f"{column} DESC"
