"""Bulk inserts at the database's own speed: one driver-level executemany on SQLite, COPY on PostgreSQL.

An import of 100k activities through SQLAlchemy's Core insert spent most of its time binding values row
by row (JSON, dates, the UTC type). Here each column's bind processor (the very one SQLAlchemy would
use) is applied in a tight loop, constants once, and the rows go to the driver in one call. The
transaction stays the Session's: nothing is committed or lost apart from it.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Table, text
from sqlalchemy.orm import Session


def insert_rows(session: Session, table: Table, columns: Sequence[str], rows: Sequence[tuple],
                constants: dict | None = None) -> list[int]:
    """Insert `rows` (tuples of `columns`' values; `constants` are the same for every row) into `table`,
    whose primary key is an integer `id`; returns the new ids in the rows' order."""
    if not rows:
        return []
    constants = constants or {}
    connection = session.connection()
    dialect = connection.dialect
    fixed = {name: _bound(table, name, value, dialect) for name, value in constants.items()}
    values = list(zip(*_processed_columns(table, columns, rows, dialect),
                      *([value] * len(rows) for value in fixed.values())))
    columns = list(columns) + list(fixed)
    if dialect.name == "postgresql":
        return _copy(connection, table, columns, values)
    placeholders = ", ".join("?" for _ in columns)
    connection.exec_driver_sql(f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({placeholders})", values)
    # SQLite gives each row max(rowid) + 1, and the transaction holds the write lock from its first
    # insert: the new rows' ids are the last len(rows).
    last = connection.execute(text(f"SELECT max(id) FROM {table.name}")).scalar_one()
    return list(range(last - len(rows) + 1, last + 1))


def _processed_columns(table: Table, columns: Sequence[str], rows: Sequence[tuple], dialect) -> list:
    """The rows' values column by column, each through its column's bind processor; a processor runs once
    per distinct value (imports repeat the same dates and the same lists thousands of times)."""
    processed = list(zip(*rows))
    for index, name in enumerate(columns):
        process = table.c[name].type._cached_bind_processor(dialect)
        if process is None:
            continue
        column = processed[index]
        try:
            made = {value: process(value) for value in set(column) if value is not None}
        except TypeError:  # a value that is not hashable (a list, a dict)
            processed[index] = [None if value is None else process(value) for value in column]
            continue
        made[None] = None
        processed[index] = list(map(made.__getitem__, column))
    return processed


def _bound(table: Table, name: str, value, dialect):
    process = table.c[name].type._cached_bind_processor(dialect)
    return value if process is None or value is None else process(value)


def _copy(connection, table: Table, columns: list[str], values: list[tuple]) -> list[int]:
    """PostgreSQL: take the ids from the table's sequence, then COPY the rows with them."""
    ids = connection.execute(text(
        "SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :count)"),
        {"table": table.name, "count": len(values)}).scalars().all()
    with connection.connection.driver_connection.cursor() as cursor, \
            cursor.copy(f"COPY {table.name} (id, {', '.join(columns)}) FROM STDIN") as copy:
        for row_id, row in zip(ids, values):
            copy.write_row((row_id, *row))
    return list(ids)
