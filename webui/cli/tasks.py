"""`lianxi task list|complete`: the inbox from the command line, with the web's checks."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup
from sqlalchemy import Select
from sqlalchemy.orm import Session

from engine.attachments.store import MAX_BYTES
from engine.core.errors import InvalidData
from engine.core.uow import UnitOfWork
from engine.dashboard import paging
from engine.org import accounts
from engine.workflow import inbox, tasks
from webui.cli.common import EXIT_STATUS, echo_json, echo_table, engine_errors, fail, json_object, services
from webui.common import uploads
from webui.common.shapes import task_dict

task = AppGroup("task", help="Human tasks: list them, complete them.")
STATUSES = ("open", "completed", "cancelled")


@task.command("list")
@click.option("--user", "username", help="Only tasks NAME may complete (default: every task).")
@click.option("--instance", "instance_id", type=int, help="Only this instance's tasks.")
@click.option("--all", "include_closed", is_flag=True, help="Completed and cancelled ones too.")
@click.option("--page", "number", type=click.IntRange(min=1), default=1, help="Which page (past the last: the last).")
@click.option("--per-page", type=click.IntRange(1, inbox.INBOX_LIMIT), default=inbox.INBOX_LIMIT, help="Tasks a page.")
@click.option("--json", "as_json", is_flag=True, help="A JSON list of tasks.")
def list_tasks(username, instance_id, include_closed, number, per_page, as_json) -> None:
    """Open tasks, most urgent first for a person, oldest first otherwise, a page at a time; the
    page and the total on stderr, so that --json's output stays a list."""
    with services().db.read_session() as session, engine_errors():
        page = paging.paginate(session, _query(session, username, instance_id, include_closed), number, per_page)
        rows = [task_dict(t) for t in page.items]
    if as_json:
        echo_json(rows)
    else:
        echo_table(
            ("id", "instance", "title", "assignee", "due", "status"),
            [(r["id"], r["instance_id"], r["title"], r["assignee"], r["due_at"] or "-", r["status"]) for r in rows],
        )
    click.echo(f"page {page.number} of {page.pages}, {page.total} tasks", err=True)


def _query(session: Session, username: str | None, instance_id: int | None, include_closed: bool) -> Select:
    if username is None:
        return inbox.tasks_query(status=None if include_closed else "open", instance_id=instance_id)
    statuses = STATUSES if include_closed else ("open",)
    return inbox.person_statuses_query(accounts.find(session, username), statuses, instance_id)


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
