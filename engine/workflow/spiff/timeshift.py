"""Give SpiffWorkflow's timers our `now` instead of the wall clock, and our zone instead of the server's.

SpiffWorkflow 3.2 has no clock hook: its timer module calls `datetime.now(timezone.utc)` directly
(docs/SPIFFWORKFLOW.md §5). We replace that module's `datetime` name with a subclass whose `now()` reads a
ContextVar, and every engine command runs inside `engine_time(now)`. Outside one (which no engine
code path does) the real time is used. Pinned to SpiffWorkflow 3.2.0 because this relies on a
module-level name; tests/engine/workflow/test_timers.py drives every timer type through it.

The module reads a time without an offset (`timeDate` "2031-03-05T09:00:00") in its `LOCALTZ`, the
server's zone when it was imported; lianxi shows such a time, as every deadline, in Asia/Shanghai
(engine.core.clock.as_aware), so the timer fires at the instant it shows.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

import SpiffWorkflow.bpmn.specs.event_definitions.timer as _timer_module

from engine.core.clock import SHANGHAI, as_aware

_now: contextvars.ContextVar[datetime | None] = contextvars.ContextVar("lianxi_now", default=None)


class _EngineDateTime(datetime):
    @classmethod
    def now(cls, tz=None):  # noqa: ANN001 - signature of datetime.now
        at = _now.get()
        if at is None:
            return datetime.now(tz)
        return at.astimezone(tz) if tz else at.astimezone().replace(tzinfo=None)


_timer_module.datetime = _EngineDateTime
_timer_module.LOCALTZ = SHANGHAI


@contextmanager
def engine_time(now: datetime) -> Iterator[None]:
    token = _now.set(as_aware(now))
    try:
        yield
    finally:
        _now.reset(token)


def current_now() -> datetime:
    """The instant the running engine command works at (script helpers use it)."""
    at = _now.get()
    if at is None:
        raise RuntimeError("engine code ran outside engine_time(now)")
    return at
