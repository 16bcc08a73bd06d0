"""Action plans (行动方案): the list, one plan's page (webui.plans.page), one unit's part of it,
and the office's actions: record the event an after-event deliverable waits for, clone a
finished plan into the next year."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from engine.core.errors import Forbidden
from engine.plan_runs import access, cloning, events
from webui.common import context
from webui.plans import page as plan_page

bp = Blueprint("plans", __name__)


@bp.app_template_filter("plan_status")
def _status_name(status: str) -> str:
    return str(plan_page.STATUSES.get(status, status))


@bp.app_template_filter("phase_kind")
def _phase_kind(kind: str) -> str:
    return str(plan_page.PHASE_KINDS.get(kind, kind))


@bp.get("/plans")
@login_required
def index():
    runs = access.visible_runs(context.db_session(), context.person())
    return render_template("plans/index.html", runs=runs)


@bp.get("/plans/<int:run_id>")
@login_required
def show(run_id: int):
    """The office sees every unit; a unit's people see their own unit's part."""
    me = context.person()
    run = access.visible_run(context.db_session(), me, run_id)
    focus = None if me.sees_whole_body else me.unit.code
    return render_template("plans/show.html", **plan_page.detail(me, run, focus))


@bp.get("/plans/<int:run_id>/units/<code>")
@login_required
def unit(run_id: int, code: str):
    me = context.person()
    run = access.visible_unit_of_run(context.db_session(), me, run_id, code)
    return render_template("plans/show.html", **plan_page.detail(me, run, code))


@bp.post("/plans/<int:run_id>/events")
@login_required
def record_event(run_id: int):
    me = context.person()
    access.visible_run(context.db_session(), me, run_id)
    if not me.is_office:
        raise Forbidden("only the office records events")
    try:
        happened = date.fromisoformat(request.form.get("event_on", ""))
    except ValueError:
        return _refused(run_id, _("请填写事件发生的日期。"))
    note = request.form.get("note", "").strip()
    if len(note) > events.NOTE_MAX:
        return _refused(run_id, _("说明不能超过 %(max)s 个字。", max=events.NOTE_MAX))
    with context.unit_of_work() as uow:
        run = access.visible_run(uow.session, context.person_in(uow), run_id)
        opened = events.record_event(
            uow, run, request.form.get("deliverable", ""), happened, note, me.username, context.now()
        )
        uow.commit()
    flash(_("已派发 %(n)s 项工作。", n=len(opened)), "success")
    return redirect(url_for("plans.show", run_id=run_id))


def _refused(run_id: int, message: str):
    flash(message, "error")
    return redirect(url_for("plans.show", run_id=run_id), 303)


@bp.post("/plans/<int:run_id>/clone")
@login_required
def clone(run_id: int):
    me = context.person()
    access.visible_run(context.db_session(), me, run_id)
    if not me.is_office:
        raise Forbidden("only the office clones a plan")
    with context.unit_of_work() as uow:
        run = access.visible_run(uow.session, context.person_in(uow), run_id)
        copy = cloning.clone(uow, run, me.username, context.now())
        uow.commit()
        copy_id = copy.id
    flash(_("已按下一年度复制并启动方案。"), "success")
    return redirect(url_for("plans.show", run_id=copy_id))
