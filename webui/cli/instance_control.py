"""`lianxi instance list|cancel|migrate`: which versions still have instances running, and the
administrator's cancelling of one or moving it to the newest version (engine.workflow.control)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from engine.core.uow import UnitOfWork
from engine.org import accounts
from engine.workflow import control
from webui.cli.common import echo_json, echo_table, engine_errors, find_body, services
from webui.common.shapes import version_dict


@click.command("list")
@click.option("--process", "process_id", metavar="KEY", help="One process only.")
@click.option("--body", "body_code", help="The body's code; needed only if there are several.")
@click.option("--json", "as_json", is_flag=True)
@with_appcontext
def list_running(process_id: str | None, body_code: str | None, as_json: bool) -> None:
    """Per process, the latest version and every older one with instances still running on it."""
    with services().db.read_session() as session:
        body = find_body(session, body_code)
        rows = [version_dict(v) for v in control.running_versions(session, body.id, process_id)]
    if as_json:
        echo_json(rows)
        return
    echo_table(
        ("process_id", "version", "latest", "running", "instances"),
        [
            (r["process_id"], r["version"], "yes" if r["latest"] else "", len(r["running"]), _ids(r["running"]))
            for r in rows
        ],
    )


def _ids(running: list[dict]) -> str:
    return " ".join(str(i["id"]) for i in running)


@click.command("cancel")
@click.argument("instance_id", type=int)
@click.option("--reason", required=True, help="Why it ends here: kept in the audit log and shown on its page.")
@click.option("--as", "acting", required=True, metavar="ADMIN", help="An administrator of the instance's body.")
@with_appcontext
def cancel(instance_id: int, reason: str, acting: str) -> None:
    """End a running instance: its open tasks close and are reminded no more."""
    lx = services()
    with UnitOfWork(lx.db) as uow, engine_errors():
        control.cancel(uow, accounts.find(uow.session, acting), instance_id, reason, lx.clock.now())
        uow.commit()
    click.echo(f"instance {instance_id} cancelled")


@click.command("migrate")
@click.argument("instance_id", type=int)
@click.option("--as", "acting", required=True, metavar="ADMIN", help="An administrator of the instance's body.")
@with_appcontext
def migrate(instance_id: int, acting: str) -> None:
    """Move a running instance to the newest version of its process; refused (exit 1) when that
    version lacks a step the instance waits at, naming the steps."""
    lx = services()
    with UnitOfWork(lx.db) as uow, engine_errors():
        moved = control.migrate(uow, accounts.find(uow.session, acting), instance_id, lx.clock.now())
        version = moved.spec.version
        uow.commit()
    click.echo(f"instance {instance_id} now runs on v{version}")


# Registered on `lianxi instance` (webui.cli.workflows) by webui.cli.register.
CONTROL_COMMANDS = (list_running, cancel, migrate)
