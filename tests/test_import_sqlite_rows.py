"""Rows written to SQLite several to a statement arrive whole and in order."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, Uuid, create_engine

from ixdesk.services.importing.ids import new_ids
from ixdesk.services.importing.sqlite_rows import (
    ROWS_PER_STATEMENT,
    SQLITE_VARIABLES,
    insert_sqlite,
)


@pytest.mark.parametrize("columns", [3, 40, SQLITE_VARIABLES + 1])
def test_every_row_is_written_whatever_the_batch_and_row_sizes(columns: int) -> None:
    metadata = MetaData()
    extra = [Column(f"c{n}", Integer) for n in range(columns - 2)]
    table = Table(
        "things", metadata, Column("id", Uuid(as_uuid=False), primary_key=True),
        Column("note", String), *extra,
    )  # fmt: skip
    engine = create_engine("sqlite://")
    metadata.create_all(engine)
    names = [column.name for column in table.columns]
    sizes = [0, 1, ROWS_PER_STATEMENT - 1, ROWS_PER_STATEMENT, 3 * ROWS_PER_STATEMENT + 5]
    expected: list[tuple[Any, ...]] = []
    bound: dict[tuple[str, str], dict[Any, Any]] = {}
    with engine.begin() as connection:
        for size in sizes:
            ids = new_ids(size)
            notes = [f"note {len(expected) + n}" if n % 4 else None for n in range(size)]
            numbers = [[n * 10 + k for n in range(size)] for k in range(columns - 2)]
            insert_sqlite(connection, table, names, [ids, notes, *numbers], bound)
            expected += zip(ids, notes, *numbers, strict=True)
        stored = connection.execute(table.select().order_by(table.c.id)).all()
    assert [tuple(row) for row in stored] == sorted(expected)
    assert len(stored) == sum(sizes)
