"""`lianxi task list|complete`: the inbox from the command line, with the web's checks."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup
from sqlalchemy.orm import Session

from engine.attachments.store import MAX_BYTES
from engine.core.errors import InvalidData
from engine.core.uow import UnitOfWork
from engine.org import accounts
from engine.workflow import inbox, tasks
from engine.workflow.models import HumanTask
from webui.cli.common import EXIT_STATUS, echo_json, echo_table, engine_errors, fail, json_object, services
from webui.common import uploads
from webui.common.shapes import task_dict

task = AppGroup("task", help="Human tasks: list them, complete them.")
STATUSES = ("open", "completed", "cancelled")


@task.command("list")
@click.option("--user", "username", help="Only tasks NAME may complete (default: every task).")
@click.option("--instance", "instance_id", type=int, help="Only this instance's tasks.")
@click.option("--all", "include_closed", is_flag=True, help="Completed and cancelled ones too.")
@click.option("--json", "as_json", is_flag=True, help="A JSON list of tasks.")
def list_tasks(username, instance_id, include_closed, as_json) -> None:
    """Open tasks, most urgent first for a person, oldest first otherwise."""
    with services().db.read_session() as session, engine_errors():
        rows = [task_dict(t) for t in _tasks(session, username, instance_id, include_closed)]
    if as_json:
        echo_json(rows)
        return
    echo_table(
        ("id", "instance", "title", "assignee", "due", "status"),
        [(r["id"], r["instance_id"], r["title"], r["assignee"], r["due_at"] or "-", r["status"]) for r in rows],
    )


def _tasks(session: Session, username: str | None, instance_id: int | None, include_closed: bool) -> list[HumanTask]:
    if username is None:
        status = None if include_closed else "open"
        return inbox.all_tasks(session, status=status, instance_id=instance_id)
    person = accounts.find(session, username)
    statuses = STATUSES if include_closed else ("open",)
    found = [t for status in statuses for t in inbox.for_person(session, person, status)]
    return [t for t in found if instance_id in (None, t.instance_id)]


@task.command("complete")
@click.argument("task_id")
@click.option("--user", "username", required=True, help="Who completes it.")
@click.option("--data", help="The form's fields as a JSON object.")
@click.option("--file", "files", multiple=True, metavar="FIELD=PATH", help="A file for the form's file field FIELD.")
@click.option("--on-behalf-reason", help="Complete a unit's task for it (代办, office only).")
def complete_task(task_id, username, data, files, on_behalf_reason) -> None:
    """Complete a task as NAME. Exit 3 not permitted, 4 not found, 5 no longer open,
    6 invalid data (including a --file that cannot be read or names no file field)."""
    values = json_object(data)
    given = [_read_file(option) for option in files]
    lx = services()
    with UnitOfWork(lx.db) as uow, engine_errors():
        person = accounts.find(uow.session, username)
        try:
            values = uploads.with_task_files(uow.session, person, task_id, values, given)
        except uploads.MisplacedFile as misplaced:
            fail(f"--file {misplaced}", EXIT_STATUS[InvalidData])
        done = tasks.complete(uow, person, task_id, values, lx.clock.now(), on_behalf_reason)
        uow.commit()
        click.echo(f"completed {done.id} {done.title}")


def _read_file(option: str) -> uploads.Given:
    field, separator, path = option.partition("=")
    if not (field and separator and path):
        fail(f"--file {option!r} must be FIELD=PATH", EXIT_STATUS[InvalidData])
    try:
        with Path(path).open("rb") as handle:
            # One byte past the limit is enough for the engine to refuse the file as too large.
            content = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        fail(f"--file {field}: cannot read {path}: {exc.strerror}", EXIT_STATUS[InvalidData])
    return field, Path(path).name, content
