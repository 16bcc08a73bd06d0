"""The only place lianxi reads the wall clock.

Everything that decides by date takes a `now`; callers get it from a Clock. Under
`LIANXI_CLOCK=simulated` the time lives in the database (see `SimulatedClock`) so every process
— web, CLI, scheduler — agrees on it and `lianxi tick --now` can move it forward.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


class Clock(Protocol):
    def now(self) -> datetime: ...


class RealClock:
    def now(self) -> datetime:
        return datetime.now(UTC).astimezone(SHANGHAI)


class FixedClock:
    """A clock that only moves when told to: for tests and benchmarks."""

    def __init__(self, at: datetime):
        self._at = as_aware(at)

    def now(self) -> datetime:
        return self._at

    def set(self, at: datetime) -> None:
        self._at = as_aware(at)

    def advance(self, **delta: float) -> datetime:
        self._at += timedelta(**delta)
        return self._at


def as_aware(at: datetime) -> datetime:
    """Naive times are read as Asia/Shanghai, the zone every deadline is written in."""
    if at.tzinfo is None:
        return at.replace(tzinfo=SHANGHAI)
    return at.astimezone(SHANGHAI)


def parse_instant(text: str) -> datetime:
    """An ISO 8601 instant; a bare date means the end of that day in Asia/Shanghai ("X日前")."""
    text = text.strip()
    if len(text) == 10:
        day = datetime.fromisoformat(text)
        return day.replace(hour=23, minute=59, second=59, tzinfo=SHANGHAI)
    return as_aware(datetime.fromisoformat(text))


def iso(at: datetime) -> str:
    return as_aware(at).isoformat(timespec="seconds")
