"""Many rows in one INSERT, on either database, a row already there (by a unique key) left alone.

On PostgreSQL the rows go as one array a column, unnested by the server: a statement of
thousands of VALUES rows would cost psycopg more to parse, in Python, than the server takes to
insert them, and psycopg's own executemany runs a statement a row. SQLite's executemany is
a loop in C, with nothing to parse.
"""

from __future__ import annotations

from sqlalchemy import Result, Table, bindparam, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def insert(session: Session, table: Table, rows: list[dict], returning: tuple = ()) -> Result:
    if session.get_bind().dialect.name != "postgresql":
        new = sqlite.insert(table).on_conflict_do_nothing()
        return session.execute(new.returning(*returning) if returning else new, rows)
    names = list(rows[0])
    columns = (
        func.unnest(bindparam(name, [row[name] for row in rows], type_=postgresql.ARRAY(table.c[name].type)))
        for name in names
    )
    new = postgresql.insert(table).from_select(names, select(*columns)).on_conflict_do_nothing()
    return session.execute(new.returning(*returning) if returning else new)
