"""一键催办: from an instance's page, the office reminds exactly the units still owing a step.

The engine decides who may (engine.reminders.nag raises NotFound / Forbidden, which
webui.common.errors turns into 404 / 403) and whom to remind: the step's open tasks at this
moment, but not a unit nagged about it within NAG_INTERVAL (the form says so).
"""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import login_required

from engine.core.limits import NOTE_MAX
from engine.reminders.nag import NAG_INTERVAL, Nagged, nag
from engine.workflow import access
from webui.common import context, display
from webui.instances import page as instance_page
from webui.instances.routes import bp

NAG_HOURS = int(NAG_INTERVAL.total_seconds() // 3600)


@bp.context_processor
def _nag_interval() -> dict:
    return {"nag_hours": NAG_HOURS}


@bp.post("/instances/<int:instance_id>/nag")
@login_required
def remind_owing(instance_id: int):
    task_name = request.form.get("task_name", "").strip()
    note = request.form.get("note", "").strip()
    if len(note) > NOTE_MAX:
        instance = access.visible_instance(context.db_session(), context.person(), instance_id)
        if not context.person().is_office:
            abort(403)
        problem = _("催办说明不能超过 %(max)s 个字。", max=NOTE_MAX)
        return instance_page.render(instance, 422, problems={task_name: problem})
    with context.unit_of_work() as uow:
        nagged = nag(uow.session, context.person_in(uow), instance_id, task_name, context.now(), note)
        said = _said(nagged)
        if nagged.reminded:
            uow.commit()
    for message, category in said:
        flash(message, category)
    return redirect(url_for("instances.show", instance_id=instance_id))


def _said(nagged: Nagged) -> list[tuple[str, str]]:
    """Read while the tasks are still bound to the session that found them."""
    said = []
    if nagged.reminded:
        units = len(nagged.reminded)
        said.append((ngettext("已向 %(num)s 个单位发出催办。", "已向 %(num)s 个单位发出催办。", units), "success"))
    if nagged.skipped:
        names = _("、").join(display.assignee_label(task) for task in nagged.skipped)
        said.append((_("%(units)s %(hours)s 小时内已催办过，本次未重复催办。", units=names, hours=NAG_HOURS), "info"))
    return said or [(_("该环节已全部办结，无需催办。"), "info")]
