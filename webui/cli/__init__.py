"""The operators' commands of `lianxi` (docs/INTERFACE.md), one module per subject."""

from __future__ import annotations

import click

from webui.cli import background, bodies, people, plan_runs, remind, roster, search, setup, tasks, tick, work, workflows
from webui.cli.annual import annual
from webui.cli.instance_control import CONTROL_COMMANDS
from webui.cli.ledger import ledger
from webui.cli.messages import MESSAGE_COMMANDS
from webui.cli.plans import plan

COMMANDS = (
    setup.init_db,
    background.serve,
    background.scheduler,
    people.user,
    people.unit,
    bodies.body,
    bodies.member,
    roster.roster,
    workflows.workflow,
    workflows.instance,
    tasks.task,
    tick.tick,
    remind.remind,
    ledger,
    annual,
    plan,
    search.search,
    work.inspection,
    work.research,
    work.bulletin,
    work.report,
    *MESSAGE_COMMANDS,
)


def register(group: click.Group) -> None:
    for command in plan_runs.COMMANDS:
        plan.add_command(command)
    for command in bodies.UNIT_COMMANDS:
        people.unit.add_command(command)
    for command in roster.USER_COMMANDS:
        people.user.add_command(command)
    for command in CONTROL_COMMANDS:
        workflows.instance.add_command(command)
    for command in COMMANDS:
        group.add_command(command)
