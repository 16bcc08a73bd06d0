"""A member unit's page: who answers for it, what it still owes, and every 催办 it received.

The office, the convener and the administrator see any unit of their body; a unit's own people
see their own unit; anyone else gets 404, so unit codes reveal nothing (engine.org.access).
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required
from sqlalchemy import select

from engine.core.errors import Forbidden, InvalidData
from engine.org import access, liaisons
from engine.org.models import Person, Unit
from engine.org.queries import liaisons_of
from engine.workflow.models import HumanTask
from webui.common import context, display, reminder_history

bp = Blueprint("units", __name__)


@bp.get("/units/<code>")
@login_required
def show(code: str):
    return _render(_visible_unit(code))


@bp.post("/units/<code>/liaisons")
@login_required
def change_liaisons(code: str):
    """The office names the unit's liaison and backup; the unit's open tasks follow them."""
    unit = _visible_unit(code)
    if not context.person().is_office:
        raise Forbidden("only the office names a unit's liaisons")
    backup = request.form.get("backup") or None
    try:
        with context.unit_of_work() as uow:
            liaisons.change(
                uow.session,
                unit.body_id,
                unit.code,
                request.form.get("primary", ""),
                backup,
                context.person().username,
                context.now(),
            )
            uow.commit()
    except InvalidData as exc:
        return _render(_visible_unit(code), problem=exc.message), 422
    flash(_("联络员已更换，该单位的在办事项随之转给新的联络员。"), "success")
    return redirect(url_for("units.show", code=unit.code))


def _visible_unit(code: str) -> Unit:
    return access.visible_unit(context.db_session(), context.person(), code)


def _render(unit: Unit, problem: str | None = None) -> str:
    session, me = context.db_session(), context.person()
    people = liaisons_of(session, me.body_id, unit.code)
    return render_template(
        "units/show.html",
        unit=unit,
        liaisons=[(p.display_name, display.liaison_role_name(p.roles)) for p in people],
        current={p.username: ("liaison" in p.roles) for p in people},
        colleagues=_colleagues(unit) if me.is_office else [],
        problem=problem,
        tasks=_open_tasks(unit),
        reminders=reminder_history.for_unit(me.body_id, unit.code),
        limit=reminder_history.UNIT_HISTORY_LIMIT,
    )


def _colleagues(unit: Unit) -> list[Person]:
    query = select(Person).where(Person.unit_id == unit.id, Person.active).order_by(Person.username)
    return list(context.db_session().scalars(query))


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
