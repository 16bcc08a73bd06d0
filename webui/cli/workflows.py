"""`lianxi workflow deploy|list` and `lianxi instance start`."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from engine.core.uow import UnitOfWork
from engine.workflow import deploy, inbox, instances
from engine.workflow.deploy import BpmnProblem, FormProblem
from webui.cli.common import echo_json, echo_table, engine_errors, find_body, json_object, services
from webui.common.shapes import instance_dict, spec_dict, task_dict

workflow = AppGroup("workflow", help="BPMN process definitions.")
instance = AppGroup("instance", help="Running processes.")
ACTOR = "cli"


@workflow.command("deploy")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--lane",
    "lanes",
    multiple=True,
    metavar="LANE=OWNER",
    help="Whom a lane's tasks go to: a role (office_director, 召集人 …), a unit code or a user name. Repeatable.",
)
def deploy_files(files: tuple[Path, ...], lanes: tuple[str, ...]) -> None:
    """Validate and deploy BPMN files, with the forms in forms/ beside them and the .dmn decision
    tables given among the files: all or nothing. A process called but not given is taken from
    what is deployed."""
    lane_owners = _lane_owners(lanes)
    lx = services()
    with UnitOfWork(lx.db) as uow:
        try:
            sources, forms = deploy.read_bpmn_files(list(files), lane_owners)
            deployed = deploy.deploy(uow.session, sources, forms, ACTOR, lx.clock.now())
        except (BpmnProblem, FormProblem) as problem:
            # Bare FILE:LINE: problem, the form editors and CI annotations jump to.
            click.echo(_where(problem, files), err=True)
            raise click.exceptions.Exit(1) from problem
        uow.commit()
    for each in deployed:
        calls = f"  calls {', '.join(each.calls)}" if each.calls else ""
        click.echo(f"{each.process_id}  v{each.version}  {'new' if each.new else 'unchanged'}{calls}")
        for warning in each.warnings:
            click.echo(f"warning: {warning}", err=True)


def _lane_owners(given: tuple[str, ...]) -> dict[str, str]:
    owners = {}
    for each in given:
        lane, sep, owner = each.partition("=")
        if not sep or not lane.strip() or not owner.strip():
            raise click.BadParameter(f"{each!r} is not LANE=OWNER", param_hint="--lane")
        owners[lane.strip()] = owner.strip()
    return owners


def _where(problem: BpmnProblem | FormProblem, files: tuple[Path, ...]) -> str:
    """FILE:LINE: problem, with FILE as the operator typed it (the engine knows base names)."""
    file = next((str(f) for f in files if f.name == problem.file), problem.file)
    return f"{file}:{problem.line}: {problem.message}" if problem.line else f"{file}: {problem.message}"


@workflow.command("list")
@click.option("--all-versions", is_flag=True, help="Every deployed version, not just the latest.")
@click.option("--json", "as_json", is_flag=True)
def list_workflows(all_versions: bool, as_json: bool) -> None:
    """Deployed processes with version and content hash."""
    with services().db.read_session() as session:
        rows = [spec_dict(spec) for spec in deploy.deployed(session, all_versions)]
    if as_json:
        echo_json(rows)
        return
    echo_table(
        ("process_id", "name", "version", "content_hash", "deployed_at"),
        [(r["process_id"], r["name"], r["version"], r["content_hash"][:12], r["deployed_at"]) for r in rows],
    )


@instance.command("start")
@click.argument("process_id")
@click.option("--body", "body_code", help="The body's code; needed only if there are several.")
@click.option("--data", help='Start data as a JSON object, e.g. \'{"title": "..."}\'.')
@click.option("--json", "as_json", is_flag=True, help="The instance and its open tasks as JSON.")
def start_instance(process_id: str, body_code: str | None, data: str | None, as_json: bool):
    """Start an instance of the latest version of PROCESS_ID; prints its id."""
    values = json_object(data)
    lx = services()
    with UnitOfWork(lx.db) as uow, engine_errors():
        body = find_body(uow.session, body_code)
        started = instances.start_by_hand(uow.session, process_id, body, values, ACTOR, lx.clock.now())
        uow.commit()
        open_tasks = inbox.all_tasks(uow.session, instance_id=started.id)
        document = {**instance_dict(started), "open_tasks": [task_dict(t) for t in open_tasks]}
    if as_json:
        echo_json(document)
    else:
        click.echo(document["id"])
