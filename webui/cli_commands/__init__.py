"""The operators' commands of `lianxi` (CONTRACT.md), one module per subject."""

from __future__ import annotations

import click

from webui.cli_commands import background, people, remind, setup, tasks, tick, workflows

COMMANDS = (
    setup.init_db,
    background.serve,
    background.scheduler,
    people.user,
    people.unit,
    workflows.workflow,
    workflows.instance,
    tasks.task,
    tick.tick,
    remind.remind,
)


def register(group: click.Group) -> None:
    for command in COMMANDS:
        group.add_command(command)
