"""The background scheduler: the passes that move processes along without anyone clicking.

`start(services) -> stop` is the `lianxi.background` entry point: webui may not import this
package, so `lianxi serve` (in-process) and `lianxi scheduler` (alone, blocking) both find it
there. Only the engine is imported here.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable
from datetime import timedelta
from typing import Protocol

from apscheduler.schedulers.background import BackgroundScheduler

from engine import background
from engine.core.clock import SHANGHAI, Clock, RealClock
from engine.core.config import Settings
from engine.core.db import Database

log = logging.getLogger(__name__)


class Services(Protocol):
    """What the pass needs of the application (webui's Lianxi object has it)."""

    settings: Settings
    db: Database
    clock: Clock


EVERY = timedelta(minutes=1)
LEASE_FOR = 3 * EVERY  # a scheduler that died hands over after three missed passes
# Tests and demos that run the real `lianxi scheduler` may shorten the interval (not the lease).
EVERY_ENV = "LIANXI_SCHEDULER_EVERY_SECONDS"
HOLDER = f"{socket.gethostname()}:{os.getpid()}"


def run_pass(services: Services) -> list[str]:
    """A pass, if this process holds the lease: two schedulers started by mistake take turns."""
    lease = background.Lease(RealClock(), services.db, HOLDER, LEASE_FOR)
    if not lease.renew():
        log.info("scheduler pass skipped: another scheduler holds the lease")
        return []
    done = background.run_pass(services.db, services.settings, services.clock.now(), lease)
    log.info("scheduler pass: %s", "; ".join(done))
    return done


def _every_from_env() -> timedelta | None:
    text = os.environ.get(EVERY_ENV)
    return timedelta(seconds=float(text)) if text else None


def start(services: Services, *, every: timedelta | None = None) -> Callable[[], None]:
    """Start the pass job in a background thread; returns the function that stops it.
    `every` overrides the pass interval (tests, demos)."""
    scheduler = BackgroundScheduler(timezone=SHANGHAI)
    scheduler.add_job(
        run_pass,
        "interval",
        seconds=(every or _every_from_env() or EVERY).total_seconds(),
        args=[services],
        id="pass",
        # One pass at a time and no backlog after a pause: each pass catches up by itself.
        coalesce=True,
        max_instances=1,
        misfire_grace_time=300,
        # The first pass right away, so a restart does not leave due timers waiting. APScheduler
        # runs on real time whatever the clock the pass itself reads.
        next_run_time=RealClock().now(),
    )
    scheduler.start()
    log.info("scheduler started: %s", ", ".join(step.name for step in background.steps()))

    def stop() -> None:
        if scheduler.running:
            scheduler.shutdown(wait=True)  # lets a pass in progress finish its transaction
            log.info("scheduler stopped")

    return stop
