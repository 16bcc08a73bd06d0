"""`lianxi plan validate FILE` and `lianxi plan schedule FILE [--json]`: action-plan files, read and
checked without an app or a database (docs/PLANS.md)."""

from __future__ import annotations

from pathlib import Path

import click

from engine.plans import Plan, PlanError, every_task, load_plan, plan_notes, schedule
from webui.cli.common import echo_json, echo_table

# A plain click group, not an AppGroup: validate and schedule need no app. Commands that do (such as
# `plan start`) add @flask.cli.with_appcontext themselves.
plan = click.Group("plan", help="Action plans (行动方案) written as YAML files.")
FILE = click.Path(dir_okay=False, path_type=Path)


def read_plan(path: Path) -> Plan:
    """The plan in FILE; on any fault, every fault as FILE:LINE: field: message on stderr, exit 1."""
    try:
        return load_plan(path)
    except PlanError as error:
        for each in error.errors:
            click.echo(each.describe(), err=True)
        raise click.exceptions.Exit(1) from error


@plan.command("validate")
@click.argument("file", type=FILE)
def validate(file: Path) -> None:
    """Check a plan file against the schema and its own dates and codes; for a file written in the
    older format, say what to change, line by line."""
    loaded = read_plan(file)
    dated = sum(1 for d in schedule(loaded) if d.due is not None)
    click.echo(
        f"{file}: ok — {loaded.title}: {len(loaded.units)} units, {len(loaded.phases)} phases, "
        f"{len(loaded.deliverables)} deliverables ({dated} dated deadlines), {len(loaded.indicators)} indicators"
    )
    for note in plan_notes(file):
        click.echo(f"{note.describe()} (note)")


@plan.command("schedule")
@click.argument("file", type=FILE)
@click.option("--json", "as_json", is_flag=True, help="One JSON list on stdout.")
def schedule_command(file: Path, as_json: bool) -> None:
    """Every task a run of the plan opens, by due date: the units' deadlines with whom each goes to
    (undated when due on an event or open-ended), their indicator reports, the office's reviews and
    final summary."""
    rows = [
        {
            "deliverable": d.deliverable,
            "title": d.title,
            "phase": d.phase,
            "units": list(d.units),
            "due": d.due.isoformat() if d.due else None,
            "rule": d.rule_text,
            "to": d.to,
            "task": d.task,
        }
        for d in every_task(read_plan(file))
    ]
    if as_json:
        echo_json(rows)
        return
    echo_table(
        ("due", "deliverable", "phase", "units", "to", "rule"),
        [(r["due"] or "—", r["deliverable"], r["phase"], ",".join(r["units"]), r["to"] or "", r["rule"]) for r in rows],
    )


# `plan start FILE --body CODE` (running plans) goes below: a @plan.command("start") with
# @with_appcontext, reading the file with read_plan() and handing the Plan to the running-plans service.
