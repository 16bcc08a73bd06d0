"""`lianxi tick`: one scheduler pass now, the way cron or a test moves the world along."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from engine import background
from engine.core.clock import iso, parse_instant
from engine.core.simulated_time import SimulatedClock, TimeGoesForward
from webui.cli.common import USAGE, fail, services


@click.command("tick")
@click.option("--now", "now_text", metavar="ISO", help="Move the simulated time here first.")
@with_appcontext
def tick(now_text: str | None) -> None:
    """Run one scheduler pass: due timers, meeting rounds, annual cycles, deadlines, plans,
    reminders, delivery."""
    lx = services()
    if now_text is not None:
        _move_simulated_time(lx.clock, now_text)
    now = lx.clock.now()
    click.echo(f"{iso(now)} {'; '.join(background.run_pass(lx.db, lx.settings, now))}")


def _move_simulated_time(clock, text: str) -> None:
    if not isinstance(clock, SimulatedClock):
        fail("--now needs LIANXI_CLOCK=simulated; the real clock is not moved", USAGE)
    try:
        clock.move_to(parse_instant(text))
    except TimeGoesForward as exc:
        fail(str(exc), USAGE)
    except ValueError:
        fail(f"--now is not an ISO 8601 instant: {text!r}", USAGE)
