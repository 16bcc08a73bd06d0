"""The simulated clock knows whether its time has been set: `lianxi init-db` sets it only once."""

from __future__ import annotations

from datetime import datetime

from engine.core.clock import SHANGHAI
from engine.core.simulated_time import SimulatedClock

START = datetime(2026, 12, 1, 9, 0, tzinfo=SHANGHAI)


def test_started_once_the_time_is_kept(db):
    clock = SimulatedClock(db, start=START)
    assert not clock.started() and clock.now() == START  # the start is only a default until then
    clock.move_to(START)
    assert clock.started() and SimulatedClock(db).now() == START
