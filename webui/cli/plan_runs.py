"""`lianxi plan start FILE --body CODE [--add-units]`: start running an action plan (docs/PLAN_RUNS.md)."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

from engine.core.uow import UnitOfWork
from engine.plan_runs import starting
from webui.cli.common import engine_errors, find_body, services
from webui.cli.plans import FILE, read_plan

ACTOR = "cli"


@click.command("start")
@click.argument("file", type=FILE)
@click.option("--body", "body_code", help="The body that runs the plan (the only one if omitted).")
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
