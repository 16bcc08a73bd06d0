"""Database engines and sessions.

Commands on an instance must be serialised per instance (docs/SPIFFWORKFLOW.md §8): on PostgreSQL by
`SELECT … FOR UPDATE`, on SQLite by `BEGIN IMMEDIATE`, which takes the write lock up front so two
writers never both read the old state. pysqlite's own transaction handling would start a deferred
transaction, so we switch it off and emit BEGIN ourselves (SQLAlchemy's documented recipe).
"""

from __future__ import annotations

import time
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 30_000
# A pooled PostgreSQL connection idle this long is tested before use (a server restart or an idle
# timeout may have closed it); one used more recently is not, which saves every request a round
# trip (each of them a transaction of its own on the server) per session.
IDLE_BEFORE_PING_S = 10


def normalise_url(url: str) -> str:
    """A plain `postgresql://` URL works as given: we bring our own driver (psycopg 3)."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def make_engine(url: str) -> Engine:
    url = normalise_url(url)
    if not url.startswith("sqlite"):
        engine = create_engine(url, pool_size=10, max_overflow=20)
        _ping_when_idle(engine)
        return engine
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
    _take_over_sqlite_transactions(engine)
    return engine


def _ping_when_idle(engine: Engine) -> None:
    """`pool_pre_ping`, for connections that have been idle: a dead one found is replaced, as the
    pool replaces any connection its checkout listener reports disconnected."""

    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_connection, record):  # noqa: ANN001
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_connection, record, _proxy):  # noqa: ANN001
        idle_since = record.info.pop("idle_since", None)  # None: just connected
        if idle_since is None or time.monotonic() - idle_since < IDLE_BEFORE_PING_S:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as error:
            raise exc.DisconnectionError(str(error)) from error


def _take_over_sqlite_transactions(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # noqa: ANN001
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        # In WAL mode NORMAL keeps the database consistent through any crash of ours; only a
        # power cut can undo the last commits. SQLite recommends it for WAL; it saves an fsync
        # (~4 ms) per completion. Production runs on PostgreSQL, which makes its own promise.
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):  # noqa: ANN001
        writing = connection.get_execution_options().get("lianxi_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


class Database:
    """One engine and the two kinds of session the application uses."""

    def __init__(self, url: str):
        self.engine = make_engine(url)
        self._reads = sessionmaker(self.engine, expire_on_commit=False)
        self._writes = sessionmaker(self.engine.execution_options(lianxi_write=True), expire_on_commit=False)

    def read_session(self) -> Session:
        return self._reads()

    def write_session(self) -> Session:
        from engine import features  # at call time: the core never imports a feature

        session = self._writes()
        features.watch(session)
        return session

    def dispose(self) -> None:
        self.engine.dispose()
