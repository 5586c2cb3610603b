"""What a query reads, said beside the query.

A view that shows the result of a query stays fresh by reloading when a change
touches one of the tables the query reads (``Changes.touches``). So every query
a view shows says which tables it reads, where it is written, not in the view:

* a loader running several statements is marked ``@reads("cohorts", ...)``;
* a single SQLAlchemy statement says it itself: ``tables_read(statement)``
  (the record types' table queries, the editors' lists of choices).

The view then asks: ``reads_of(dashboard_figures, record_counts)``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ParamSpec, Protocol, TypeVar, cast

from sqlalchemy.sql import visitors
from sqlalchemy.sql.expression import ClauseElement, TableClause

P = ParamSpec("P")
R_co = TypeVar("R_co", covariant=True)


class Reader(Protocol[P, R_co]):
    """A loader that says which tables it reads."""

    reads: frozenset[str]

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R_co: ...


def reads(*tables: str) -> Callable[[Callable[P, R_co]], Reader[P, R_co]]:
    """Mark a loader with the tables its statements read (``loader.reads``)."""

    def mark(loader: Callable[P, R_co]) -> Reader[P, R_co]:
        marked = cast(Reader[P, R_co], loader)  # a function takes attributes
        marked.reads = frozenset(tables)
        return marked

    return mark


def tables_read(statement: ClauseElement) -> frozenset[str]:
    """Every table ``statement`` reads, in joins, subqueries and aliases too."""
    return frozenset(
        element.name for element in visitors.iterate(statement) if isinstance(element, TableClause)
    )


def reads_of(*loaders: Any) -> frozenset[str]:
    """The tables read by loaders marked with :func:`reads`, together."""
    found: frozenset[str] = frozenset()
    for loader in loaders:
        found |= loader.reads
    return found
