"""`lianxi serve` and `lianxi scheduler`.

The scheduler lives in the `notifications` package, which webui must never import: it is found
through the `lianxi.background` entry point that notifications declares, a callable
`start(services) -> stop`. An installation without it still serves, with a warning.
"""

from __future__ import annotations

import gc
import logging
import signal
import sys
import threading
from collections.abc import Callable
from importlib.metadata import entry_points

import click
import waitress
from flask import current_app
from flask.cli import with_appcontext

from engine.core import schema
from webui.cli.common import fail, services
from webui.common import logs
from webui.common.context import Lianxi

ENTRY_POINT_GROUP = "lianxi.background"
Stop = Callable[[], None]
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


def background_starter() -> Callable[[Lianxi], Stop] | None:
    found = entry_points(group=ENTRY_POINT_GROUP, name="scheduler")
    return next(iter(found)).load() if found else None


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, help="Default: LIANXI_PORT, or 5000; links in mails follow it.")
@click.option("--no-scheduler", is_flag=True, help="Leave the scheduler pass to a separate `lianxi scheduler`.")
@with_appcontext
def serve(host: str, port: int | None, no_scheduler: bool) -> None:
    """Serve the web application (waitress), with the scheduler in-process."""
    lx = services()
    lx.settings = lx.settings.serving_on(port or lx.settings.port)
    _ready_to_run()
    stop = None if no_scheduler else _start_scheduler(required=False)
    # waitress returns from its loop on SystemExit, so SIGTERM ends it as Ctrl-C does and the
    # scheduler below is stopped rather than killed mid-pass.
    previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        waitress.serve(current_app._get_current_object(), host=host, port=lx.settings.port, threads=8)
    finally:
        signal.signal(signal.SIGTERM, previous)
        if stop is not None:
            stop()


@click.command("scheduler")
@with_appcontext
def scheduler() -> None:
    """Run the scheduler alone (timers, reminders, delivery), until SIGTERM or Ctrl-C."""
    _ready_to_run()
    stop = _start_scheduler(required=True)
    click.echo("scheduler running; SIGTERM or Ctrl-C stops it", err=True)
    try:
        _wait_for_signal()
    finally:
        stop()


def set_up_logging(level: str) -> None:
    """A handler on standard error, as these commands own their process, and the levels of
    webui.common.logs (the app factory set them too; the root's level is ours to set only here)."""
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s %(message)s")
    logging.getLogger().setLevel(level)  # also where a handler was already set up
    logs.set_levels(level)


def _ready_to_run() -> None:
    set_up_logging(services().settings.log_level)
    if not schema.is_current(services().db):
        fail("the database schema is not current: run `lianxi init-db` first")
    set_startup_aside()


def set_startup_aside() -> None:
    """What the process built to start (modules, the app, its mapped classes) lives as long as it
    does. Out of the collector's reach, a full collection walks only what came since: ~1.5 ms
    instead of ~120 ms, which a request had to wait out now and then (docs/PERFORMANCE.md)."""
    gc.collect()
    gc.freeze()


def _start_scheduler(required: bool) -> Stop | None:
    start = background_starter()
    if start is None:
        message = f"no scheduler installed (entry point group {ENTRY_POINT_GROUP!r})"
        if required:
            fail(message)
        click.echo(f"warning: {message}; timers will not fire", err=True)
        return None
    return start(services())


def _wait_for_signal() -> None:
    stopping = threading.Event()
    previous = {each: signal.signal(each, lambda *_: stopping.set()) for each in STOP_SIGNALS}
    try:
        # A timeout keeps the wait interruptible wherever locks ignore signals.
        while not stopping.wait(timeout=1):
            pass
    finally:
        for each, handler in previous.items():
            signal.signal(each, handler)
