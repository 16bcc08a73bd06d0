"""`lianxi inspection list|show`, `lianxi research list`, `lianxi bulletin list`, `lianxi report list`:
joint inspections, research, bulletins and information reports as the operator sees them, the
whole body's, in the API's shapes (webui.common.work_shapes, webui.api.reports)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from engine.information import bulletins, reports
from engine.inspections import queries as inspections
from engine.research import queries as research_queries
from webui.api.reports import report_dict
from webui.cli.common import echo_json, echo_table, engine_errors, find_body, services
from webui.common import work_shapes as shapes

BODY = click.option("--body", "body_code", metavar="CODE", help="The body (needed when there are several).")
JSON = click.option("--json", "as_json", is_flag=True, help="JSON, in the API's shapes.")

inspection = AppGroup("inspection", help="Joint inspections (联合督查): list them, show one.")
research = AppGroup("research", help="Research (调查研究): list it.")
bulletin = AppGroup("bulletin", help="Bulletins (简报): list the issues.")
report = AppGroup("report", help="Information reports (信息报送): list them.")


def _everything(item: dict) -> bool:
    return True  # the operator sees every supervised item


@inspection.command("list")
@BODY
@JSON
def list_inspections(body_code: str | None, as_json: bool) -> None:
    """The body's inspections, the latest planned first."""
    lx = services()
    with lx.db.read_session() as session, engine_errors():
        body = find_body(session, body_code)
        items = inspections.supervised(session, body.id, lx.clock.now())
        rows = [
            {**shapes.inspection_dict(i), "findings": len(inspections.findings_of(session, i, items))}
            for i in inspections.of_body(session, body.id)
        ]
    if as_json:
        echo_json(rows)
        return
    echo_table(
        ("id", "title", "status", "period", "findings"),
        [(r["id"], r["title"], r["status"], f"{r['period_from']}–{r['period_to']}", r["findings"]) for r in rows],
    )


@inspection.command("show")
@click.argument("inspection_id", type=int)
@JSON
def show_inspection(inspection_id: int, as_json: bool) -> None:
    """One inspection: its plan, team, findings and report. Exit 4 if there is none."""
    lx = services()
    with lx.db.read_session() as session, engine_errors():
        found = inspections.of_id(session, inspection_id)
        items = inspections.supervised(session, found.body_id, lx.clock.now())
        detail = shapes.inspection_detail(session, found, items, _everything)
    if as_json:
        echo_json(detail)
        return
    click.echo(f"{detail['id']} {detail['title']} ({detail['status']})")
    click.echo(f"team: {', '.join(detail['team_units'])}; leader {detail['team_leader']}")
    echo_table(
        ("#", "place", "unit", "fix by", "item", "status"),
        [
            (
                f["number"],
                f["place"],
                f["responsible_unit"],
                f["fix_by"] or "-",
                f["item_id"] or "-",
                f["item_status"] or "-",
            )
            for f in detail["findings"]
        ],
    )
    click.echo(f"report: {detail['report']['reported_at'] or 'not yet'}")


@research.command("list")
@BODY
@JSON
def list_research(body_code: str | None, as_json: bool) -> None:
    """The body's research, the latest planned first."""
    with services().db.read_session() as session, engine_errors():
        rows = [shapes.research_dict(r) for r in research_queries.of_body(session, find_body(session, body_code).id)]
    if as_json:
        echo_json(rows)
        return
    echo_table(
        ("id", "subject", "status", "units", "findings due"),
        [(r["id"], r["subject"], r["status"], ",".join(r["units"]), r["findings_due"]) for r in rows],
    )


@bulletin.command("list")
@BODY
@JSON
def list_bulletins(body_code: str | None, as_json: bool) -> None:
    """The body's issues, the latest begun first."""
    with services().db.read_session() as session, engine_errors():
        found = bulletins.of_body(session, find_body(session, body_code).id)
        rows = [shapes.bulletin_dict(session, b) for b in found]
    if as_json:
        echo_json(rows)
        return
    echo_table(
        ("id", "number", "masthead", "status", "released"),
        [(r["id"], r["number"] or "-", r["masthead"], r["status"], r["released_at"] or "-") for r in rows],
    )


@report.command("list")
@BODY
@JSON
def list_reports(body_code: str | None, as_json: bool) -> None:
    """The body's information reports, the latest filed first."""
    with services().db.read_session() as session, engine_errors():
        rows = [report_dict(r) for r in reports.of_body(session, find_body(session, body_code).id)]
    if as_json:
        echo_json(rows)
        return
    echo_table(
        ("id", "unit", "kind", "title", "status", "filed"),
        [(r["id"], r["unit"], r["kind"], r["title"], r["status"], r["submitted_at"]) for r in rows],
    )
