"""`lianxi init-db`: create or upgrade the schema, start the simulated time, load the demo."""

from __future__ import annotations

import click
from flask.cli import with_appcontext
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from engine import demo, upgrading
from engine.core.clock import RealClock, iso, parse_instant
from engine.core.simulated_time import SimulatedClock
from engine.workflow.deploy import BpmnProblem, FormProblem
from webui.cli.common import fail, first_line, services
from webui.common.context import Lianxi


@click.command("init-db")
@click.option("--demo", "with_demo", is_flag=True, help="Load the demo body, its people and work.")
@with_appcontext
def init_db(with_demo: bool) -> None:
    """Create or upgrade the database schema."""
    lx = services()
    where = make_url(lx.settings.database_url).render_as_string(hide_password=True)
    try:
        upgrading.upgrade(lx.db)
        _start_simulated_time(lx)
        added = upgrading.deploy_new_workflows(lx.db, lx.settings.workflows_dir, lx.clock.now())
        logins = demo.load(lx.db, lx.settings.workflows_dir, lx.clock.now()) if with_demo else []
    except SQLAlchemyError as exc:
        fail(f"database {where}: {first_line(exc)}")
    except (BpmnProblem, FormProblem) as exc:
        fail(f"workflows: {exc}")
    click.echo(f"数据库已就绪 / database ready: {where}")
    if added:
        click.echo(f"新流程已部署 / new workflows deployed: {', '.join(added)}")
    if logins:
        click.echo(f"演示账号 / demo logins: {', '.join(logins)}")
        click.echo(f"演示密码 / demo password: {demo.DEMO_PASSWORD}")


def _start_simulated_time(lx: Lianxi) -> None:
    """A simulated clock starts where LIANXI_SIMULATED_START says, else at the real time of
    init-db (docs/INTERFACE.md); it is set once, so a second init-db never moves it."""
    if not isinstance(lx.clock, SimulatedClock):
        return
    if lx.clock.started():
        return
    start = lx.settings.simulated_start
    try:
        at = parse_instant(start) if start else RealClock().now()
    except ValueError:
        fail(f"LIANXI_SIMULATED_START is not an ISO 8601 instant: {start!r}")
    lx.clock.move_to(at)
    click.echo(f"模拟时间 / simulated time starts at {iso(at)}")
