"""The background scheduler: its timer job, and starting and stopping it in-process."""

from __future__ import annotations

import logging
import threading
import time
from datetime import datetime, timedelta
from types import SimpleNamespace

from engine.core.clock import SHANGHAI, FixedClock
from engine.core.uow import UnitOfWork
from engine.org import accounts
from engine.workflow import inbox, tasks
from notifications import scheduler
from tests.conftest import DEMO_NOW

# The demo's first office meeting is on the morning of 2026-11-30, once the director approves.
AFTER_MEETING = datetime(2026, 11, 30, 18, 0, tzinfo=SHANGHAI)


def _approve_first_meeting(db) -> int:
    with UnitOfWork(db) as uow:
        director = accounts.find(uow.session, "office.director")
        (decide,) = [t for t in inbox.all_tasks(uow.session, body_id=director.body_id) if t.name == "decide_meeting"]
        data = {"decision": "approve", "chair": "office.deputy"}
        tasks.complete(uow, director, decide.id, data, DEMO_NOW)
        uow.commit()
        return decide.instance_id


def _open_task_names(db, instance_id: int) -> list[str]:
    with db.read_session() as session:
        return [t.name for t in inbox.all_tasks(session, instance_id=instance_id)]


def _scheduler_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "APScheduler"]


def test_the_pass_fires_due_timers_and_logs_what_it_did(db, settings, caplog):
    instance_id = _approve_first_meeting(db)
    services = SimpleNamespace(db=db, settings=settings, clock=FixedClock(DEMO_NOW))
    assert scheduler.run_pass(services)[0] == "timers fired on 0 instance(s)"
    services.clock.set(AFTER_MEETING)
    with caplog.at_level(logging.INFO, logger="notifications.scheduler"):
        assert scheduler.run_pass(services)[0] == "timers fired on 1 instance(s)"
    assert "scheduler pass: timers fired on 1 instance(s)" in caplog.text
    assert _open_task_names(db, instance_id) == ["record_minutes"]


def test_the_in_process_scheduler_fires_a_due_timer(db, settings):
    instance_id = _approve_first_meeting(db)
    services = SimpleNamespace(db=db, settings=settings, clock=FixedClock(AFTER_MEETING))
    stop = scheduler.start(services, every=timedelta(seconds=0.2))
    try:
        deadline = time.monotonic() + 10
        while _open_task_names(db, instance_id) != ["record_minutes"]:
            assert time.monotonic() < deadline, "the timer did not fire within 10 s"
            time.sleep(0.1)
    finally:
        stop()


def test_start_and_stop_leave_no_thread_behind(db, settings):
    assert timedelta(minutes=1) == scheduler.EVERY
    stop = scheduler.start(SimpleNamespace(db=db, settings=settings, clock=FixedClock(DEMO_NOW)))
    assert _scheduler_threads()
    stop()
    stop()  # a second stop is harmless
    assert not _scheduler_threads()
