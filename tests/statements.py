"""The SQL statements a block of code runs, as the database received them: for tests that a
page reads its own rows and not the whole table."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event
from sqlalchemy.engine import Engine


@contextmanager
def recorded(engine: Engine) -> Iterator[list[str]]:
    found: list[str] = []

    def note(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001, ARG001
        found.append(" ".join(statement.split()))

    event.listen(engine, "before_cursor_execute", note)
    try:
        yield found
    finally:
        event.remove(engine, "before_cursor_execute", note)


def reading(statements: list[str], table: str) -> list[str]:
    """The SELECTs that read rows of `table` (not only count them)."""
    return [s for s in statements if s.startswith("SELECT") and f"FROM {table}" in s and "count(" not in s]
