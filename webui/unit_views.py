"""A member unit's page: who answers for it, what it still owes, and every 催办 it received.

The office, the convener and the administrator see any unit of their body; a unit's own people
see their own unit; anyone else gets 404, so unit codes reveal nothing.
"""

from __future__ import annotations

from flask import Blueprint, abort, render_template
from flask.blueprints import BlueprintSetupState
from flask_login import login_required
from sqlalchemy import select

from engine.models import HumanTask, Unit
from engine.views import liaisons_of
from webui import context, display, reminder_history

bp = Blueprint("units", __name__)


@bp.record_once
def _install_helpers(state: BlueprintSetupState) -> None:
    reminder_history.init_app(state.app)


@bp.get("/units/<code>")
@login_required
def show(code: str):
    session, me = context.db_session(), context.person()
    unit = session.scalar(select(Unit).where(Unit.code == code, Unit.body_id == me.body_id))
    if unit is None or not reminder_history.may_see_unit(unit.code):
        abort(404)
    return render_template(
        "units/show.html",
        unit=unit,
        liaisons=[(p.display_name, _role_name(p.roles)) for p in liaisons_of(session, me.body_id, unit.code)],
        tasks=_open_tasks(unit),
        reminders=reminder_history.for_unit(me.body_id, unit.code),
        limit=reminder_history.UNIT_HISTORY_LIMIT,
    )


def _open_tasks(unit: Unit) -> list[HumanTask]:
    query = (
        select(HumanTask)
        .where(
            HumanTask.body_id == unit.body_id,
            HumanTask.assignee_kind == "unit",
            HumanTask.assignee == unit.code,
            HumanTask.status == "open",
        )
        .order_by(HumanTask.due_at.asc().nulls_last(), HumanTask.created_at.desc())
    )
    return list(context.db_session().scalars(query))


def _role_name(roles: frozenset[str]) -> str:
    return str(display.ROLE_NAMES["liaison" if "liaison" in roles else "backup_liaison"])
