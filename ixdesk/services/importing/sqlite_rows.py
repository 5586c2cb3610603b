"""Writing a batch of new rows into SQLite quickly, with the values SQLAlchemy would bind."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import JSON, Connection, Table, Uuid
from sqlalchemy.types import TypeEngine

BULK_ROWS = 10_000
"""New rows from which a table's indexes are built once after the inserts, not row by row."""
ROWS_PER_STATEMENT = 100
SQLITE_VARIABLES = 999  # the fewest bound values per statement any SQLite build allows


def insert_sqlite(
    connection: Connection,
    table: Table,
    names: list[str],
    columns: list[list[Any]],
    bound: dict[tuple[str, str], dict[Any, Any]],
) -> None:
    """Insert one batch given column by column: Core's own bind processors, applied to
    each distinct value once (``bound`` keeps them from batch to batch), then one
    executemany.

    The same values ``connection.execute(table.insert(), rows)`` would bind
    (SQLAlchemy's types still convert ids, dates and times), without
    building a parameter dict per row. The sqlite3 driver binds None far
    more slowly than a number or text, so a column that is empty in the
    whole batch is left out (it is NULL all the same), and in a column
    that is partly empty a stand-in value that none of its values equals
    becomes NULL in SQL, with NULLIF.
    """
    dialect = connection.dialect
    quote = dialect.identifier_preparer.quote
    parts: list[str] = []
    marks: list[str] = []
    processed: list[list[Any]] = []
    for name, values in zip(names, columns, strict=True):
        column = table.c[name]
        process = column.type._cached_bind_processor(dialect)
        if process is not None:
            if _text_uuid(column.type) and None not in values:
                values = _bound_uuids(values)  # what the processor does, for the whole column
            elif column.primary_key or isinstance(column.type, JSON):  # all distinct
                values = list(map(process, values))
            else:
                values = _apply(process, values, bound.setdefault((table.name, name), {}))
        mark = "?"
        if None in values:  # (most columns have no empty cell: their types need no look)
            kinds = set(map(type, values))
            if kinds == {type(None)}:
                continue
            stand_in = _stand_in(kinds)
            if stand_in is not None:
                values = [stand_in if value is None else value for value in values]
                mark = f"NULLIF(?, {stand_in!r})"
        parts.append(quote(name))
        marks.append(mark)
        processed.append(values)
    _insert_rows(connection, table.name, parts, marks, processed)


def _insert_rows(
    connection: Connection,
    name: str,
    parts: list[str],
    marks: list[str],
    columns: list[list[Any]],
) -> None:
    """The rows, several to a statement (``INSERT … VALUES (…), (…), …``): SQLite then
    runs one statement per group rather than per row. Groups stay within the 999
    variables every SQLite build allows. The values are laid out row after row a
    whole column at a time, without a tuple per row."""
    width, size = len(columns), len(columns[0])
    flat: list[Any] = [None] * (width * size)
    for position, values in enumerate(columns):
        flat[position::width] = values
    per = max(1, min(ROWS_PER_STATEMENT, SQLITE_VARIABLES // width))
    row = f"({', '.join(marks)})"
    insert = f"INSERT INTO {name} ({', '.join(parts)}) VALUES "
    whole = (size - size % per) * width
    if whole:
        step = per * width
        groups = [tuple(flat[start : start + step]) for start in range(0, whole, step)]
        connection.exec_driver_sql(insert + ", ".join([row] * per), groups)
    if whole < len(flat):
        rest = ", ".join([row] * (size % per))
        connection.exec_driver_sql(insert + rest, tuple(flat[whole:]))


def _text_uuid(kind: TypeEngine[Any]) -> bool:
    """A UUID column that SQLite keeps as 32 hex digits, given strings."""
    return isinstance(kind, Uuid) and not kind.as_uuid


def _bound_uuids(values: list[Any]) -> list[Any]:
    """UUID strings as SQLAlchemy binds them for SQLite (dashes taken out), a whole
    column in one pass rather than one call per value."""
    joined = "\n".join(values)
    if joined.count("\n") != len(values) - 1:  # not one line per value: one at a time
        return [value.replace("-", "") for value in values]
    return joined.replace("-", "").split("\n")


def _apply(process: Callable[[Any], Any], values: list[Any], done: dict[Any, Any]) -> list[Any]:
    """A bind processor over a column, once per distinct value (dates and times repeat);
    ``done`` keeps the answers from one batch to the next."""
    for value in set(values).difference(done):
        if value is not None:
            done[value] = process(value)
    return list(map(done.get, values))


def _stand_in(kinds: set[type]) -> Any:
    """A value that equals none of a column's values in SQL (0 among texts, '' among
    numbers), to bind instead of None; None when the column mixes kinds."""
    if kinds <= {str, type(None)}:
        return 0
    if kinds <= {int, float, type(None)}:
        return ""
    return None


def insert_batch(
    connection: Connection,
    table: Table,
    names: list[str],
    columns: list[list[Any]],
    bound: dict[tuple[str, str], dict[Any, Any]],
) -> None:
    """Insert one batch given column by column: :func:`insert_sqlite` on SQLite, one
    ``executemany`` elsewhere."""
    if connection.dialect.name == "sqlite":
        insert_sqlite(connection, table, names, columns, bound)
    else:
        rows = [dict(zip(names, values, strict=True)) for values in zip(*columns, strict=True)]
        connection.execute(table.insert(), rows)


@contextmanager
def indexes_built_after(connection: Connection, new_rows: dict[str, int]) -> Iterator[None]:
    """For each table about to receive many new rows (at least ``BULK_ROWS``, and no fewer
    than it holds), its indexes are dropped for the block and created again at its end,
    in the same transaction.

    Building an index once from all its rows (a sort) is about twice as fast
    as growing it a row at a time in random order, as names and emails come.
    The indexes are made again from their own definitions, so the schema ends
    as it began; a unique index the new rows break fails to build and the
    whole import is refused, as the row's own insert would have been. If the
    block fails, rolling back brings the indexes back.
    """
    definitions: list[str] = []
    if connection.dialect.name == "sqlite":
        quote = connection.dialect.identifier_preparer.quote
        for table, count in new_rows.items():
            if count < BULK_ROWS:
                continue
            held = connection.exec_driver_sql(f"SELECT count(*) FROM {quote(table)}").scalar()
            if (held or 0) > count:
                continue
            indexes = connection.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master"
                " WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
                (table,),
            ).all()
            for name, definition in indexes:
                connection.exec_driver_sql(f"DROP INDEX {quote(name)}")
                definitions.append(definition)
    yield
    for definition in definitions:
        connection.exec_driver_sql(definition)
