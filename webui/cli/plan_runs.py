"""`lianxi plan start|event|clone`: start running an action plan, record the event an after-event
deliverable waits for, clone a finished plan into next year's (docs/PLAN_RUNS.md). The same engine
services as the plan pages; the operator acts as `cli`."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click
from flask.cli import with_appcontext

from engine.core.uow import UnitOfWork
from engine.plan_runs import cloning, events, starting
from engine.plan_runs.runs import get_run
from webui.cli.bodies import DAY
from webui.cli.common import engine_errors, find_body, services
from webui.cli.plans import FILE, read_plan

ACTOR = "cli"
BODY_HELP = "The body that runs the plan (the only one if omitted)."


@click.command("start")
@click.argument("file", type=FILE)
@click.option("--body", "body_code", help=BODY_HELP)
@click.option("--add-units", is_flag=True, help="Create the plan's units the body lacks, as member units.")
@with_appcontext
def start(file: Path, body_code: str | None, add_units: bool) -> None:
    """Start a plan: a malformed file is refused with every FILE:LINE: field: fault, nothing started."""
    read_plan(file)  # every fault at once, before anything is touched
    lx = services()
    with UnitOfWork(lx.db) as uow, engine_errors():
        body = find_body(uow.session, body_code)
        run = starting.start(
            uow, body, file.read_text(encoding="utf-8"), file.name, ACTOR, lx.clock.now(), add_units=add_units
        )
        uow.commit()
        click.echo(f"plan {run.id} started: {run.title} ({run.start} – {run.end}), instance {run.instance_id}")


@click.command("event")
@click.argument("run_id", type=int)
@click.option("--deliverable", required=True, metavar="CODE", help="The after-event deliverable whose event came.")
@click.option("--on", "event_on", required=True, type=DAY, help="The day the event happened (YYYY-MM-DD).")
@click.option("--note", default="", help="What happened, added to the deadlines' titles (at most 100 characters).")
@click.option("--body", "body_code", help=BODY_HELP)
@with_appcontext
def event(run_id: int, deliverable: str, event_on: datetime, note: str, body_code: str | None) -> None:
    """Record the event: each unit owing the deliverable gets its deadline at once, due the rule's
    offset after the event."""
    lx = services()
    with UnitOfWork(lx.db) as uow, engine_errors():
        run = get_run(uow.session, find_body(uow.session, body_code).id, run_id)
        opened = events.record_event(uow, run, deliverable, event_on.date(), note.strip(), ACTOR, lx.clock.now())
        uow.commit()
        click.echo(f"plan {run.id}: {deliverable} on {event_on.date()}, {len(opened)} deadline(s) opened")
        for row in opened:
            click.echo(f"{row.unit}\t{row.due or 'no time limit'}\t{row.title}")


@click.command("clone")
@click.argument("run_id", type=int)
@click.option("--body", "body_code", help=BODY_HELP)
@with_appcontext
def clone(run_id: int, body_code: str | None) -> None:
    """Clone a finished plan into next year's, every date moved on a year, and start it."""
    lx = services()
    with UnitOfWork(lx.db) as uow, engine_errors():
        run = get_run(uow.session, find_body(uow.session, body_code).id, run_id)
        copy = cloning.clone(uow, run, ACTOR, lx.clock.now())
        uow.commit()
        click.echo(
            f"plan {copy.id} started: {copy.title} ({copy.start} – {copy.end}), instance {copy.instance_id}, "
            f"cloned from plan {run.id}"
        )


COMMANDS = (start, event, clone)
