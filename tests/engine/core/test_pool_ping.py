"""A pooled PostgreSQL connection is tested before use only after it sat idle (engine.core.db): a
connection the server closed meanwhile is replaced unseen, and a busy pool pays no round trip."""

from __future__ import annotations

from sqlalchemy import text

from engine.core import db as databases
from engine.core.db import Database


def backend(db: Database) -> int:
    with db.engine.connect() as connection:
        return connection.scalar(text("SELECT pg_backend_pid()"))


def test_a_connection_used_moments_ago_is_not_pinged(pg_url, monkeypatch):
    db = Database(pg_url)
    pings = []
    monkeypatch.setattr(db.engine.dialect, "do_ping", lambda connection: pings.append(connection) or True)
    try:
        assert backend(db) == backend(db)  # the same connection, back from the pool
    finally:
        db.dispose()
    assert pings == []


def test_an_idle_connection_the_server_closed_is_replaced(pg_url, monkeypatch):
    db, other = Database(pg_url), Database(pg_url)
    try:
        closed = backend(db)
        with other.engine.connect() as connection:
            assert connection.scalar(text("SELECT pg_terminate_backend(:pid, 5000)"), {"pid": closed})
        monkeypatch.setattr(databases, "IDLE_BEFORE_PING_S", 0)  # every connection counts as idle
        assert backend(db) != closed
    finally:
        db.dispose()
        other.dispose()
