"""The JSON API of action plans (行动方案) run by the body: runs, their schedule, events and clones,
as the plan pages show and do them (webui.plans, engine.plan_runs).

The office, the convener and the administrator see every run of the body; a unit's people see the
runs their unit takes part in, narrowed to their unit's part. Any other run or part is not found
(404), like one that does not exist; recording an event and cloning are the office's (403 for the
others who see the run).
"""

from __future__ import annotations

from datetime import date

from flask import request, url_for

from engine.core.clock import SHANGHAI
from engine.core.errors import FieldError, Forbidden, InvalidData
from engine.plan_runs import access, cloning, events
from engine.plan_runs import queries as views
from webui.api import bp
from webui.api.responses import error_response
from webui.common import context
from webui.common.plan_shapes import deadline_dict, plan_detail, run_dict
from webui.plans import page as plan_page

EVENT_FIELDS = ("deliverable", "event_on", "note")


@bp.get("/plans")
def list_plans():
    return {"plans": [run_dict(run) for run in access.visible_runs(context.db_session(), context.person())]}


@bp.get("/plans/<int:run_id>")
def get_plan(run_id: int):
    """The whole run for those who see the whole body; a unit's people get their unit's part."""
    me = context.person()
    run = access.visible_run(context.db_session(), me, run_id)
    return plan_detail(plan_page.detail(me, run, None if me.sees_whole_body else me.unit.code))


@bp.get("/plans/<int:run_id>/units/<code>")
def get_plan_unit(run_id: int, code: str):
    me = context.person()
    run = access.visible_unit_of_run(context.db_session(), me, run_id, code)
    return plan_detail(plan_page.detail(me, run, code))


@bp.post("/plans/<int:run_id>/events")
def record_plan_event(run_id: int):
    """The event an after-event deliverable waits for: its units' deadlines open at once."""
    _office_of(run_id, "only the office records events")
    sent = request.get_json(silent=True)
    if not isinstance(sent, dict) or not set(sent) <= set(EVENT_FIELDS) or not _texts(sent):
        return error_response(400, "bad_request", "send {deliverable: string, event_on: YYYY-MM-DD, note: string}")
    happened = _event_day(sent.get("event_on"))
    with context.unit_of_work() as uow:
        me = context.person_in(uow)
        run = access.visible_run(uow.session, me, run_id)
        note = (sent.get("note") or "").strip()
        opened = events.record_event(
            uow, run, sent.get("deliverable") or "", happened, note, me.username, context.now()
        )
        today = context.now().astimezone(SHANGHAI).date()
        result = {"opened": [deadline_dict(row, views.status_of(row, today)) for row in opened]}
        uow.commit()
    return result, 201


@bp.post("/plans/<int:run_id>/clone")
def clone_plan(run_id: int):
    """A finished run into next year's: the same file, every date moved on a year, started at once."""
    _office_of(run_id, "only the office clones a plan")
    with context.unit_of_work() as uow:
        me = context.person_in(uow)
        copy = cloning.clone(uow, access.visible_run(uow.session, me, run_id), me.username, context.now())
        result = run_dict(copy)
        uow.commit()
    return result, 201, {"Location": url_for("api.get_plan", run_id=result["id"])}


def _office_of(run_id: int, refusal: str) -> None:
    """Another unit's or body's run is not found before anyone but the office is refused."""
    me = context.person()
    access.visible_run(context.db_session(), me, run_id)
    if not me.is_office:
        raise Forbidden(refusal)


def _texts(sent: dict) -> bool:
    return all(isinstance(value, str) for value in sent.values())


def _event_day(raw: str | None) -> date:
    try:
        return date.fromisoformat(raw or "")
    except ValueError:
        raise InvalidData({"event_on": FieldError("not_date")}) from None
