"""LIANXI_CLOCK=simulated: the time kept in the database, moved forward only by `lianxi tick`."""

from __future__ import annotations

from datetime import datetime

from engine.core.clock import RealClock, as_aware
from engine.core.db import Database
from engine.core.models import SimulatedTime


class TimeGoesForward(ValueError):
    pass


class SimulatedClock:
    def __init__(self, db: Database, start: datetime | None = None):
        self._db = db
        self._start = start

    def now(self) -> datetime:
        with self._db.read_session() as session:
            row = session.get(SimulatedTime, 1)
            return row.now if row else self._start or RealClock().now()

    def started(self) -> bool:
        """Whether the time has been set in the database (init-db sets it once)."""
        with self._db.read_session() as session:
            return session.get(SimulatedTime, 1) is not None

    def move_to(self, at: datetime) -> datetime:
        at = as_aware(at)
        with self._db.write_session() as session:
            row = session.get(SimulatedTime, 1)
            if row is not None and at < row.now:
                raise TimeGoesForward(f"simulated time is {row.now.isoformat()}; it only moves forward")
            session.merge(SimulatedTime(id=1, now=at))
            session.commit()
        return at
