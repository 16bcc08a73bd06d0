"""The office's control of running instances: which versions still have instances running, and
the administrator's cancelling of one, or moving it to the newest version, from its page.

The engine decides who may (engine.workflow.control raises NotFound / Forbidden, which
webui.common.errors turns into 404 / 403) and whether the instance still runs (NoLongerOpen:
409, a second click or another administrator was first).
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from engine.core.errors import InvalidData
from engine.workflow import access, control
from webui.common import context
from webui.common.i18n import field_error_message
from webui.instances import page as instance_page
from webui.instances.routes import bp


@bp.get("/instances/versions")
@login_required
def versions():
    me = context.person()
    if not control.may_list(me):
        abort(403)
    listed = control.listed(context.db_session(), me)
    processes: dict[str, list[control.Version]] = {}
    for version in listed:
        processes.setdefault(version.spec.process_id, []).append(version)
    return render_template("instances/versions.html", processes=processes)


@bp.post("/instances/<int:instance_id>/cancel")
@login_required
def cancel(instance_id: int):
    reason = request.form.get("reason", "")
    with context.unit_of_work() as uow:
        try:
            control.cancel(uow, context.person_in(uow), instance_id, reason, context.now())
        except InvalidData as invalid:
            found = access.visible_instance(context.db_session(), context.person(), instance_id)
            refused = {"reason": reason, "error": field_error_message(invalid.errors["reason"])}
            return instance_page.render(found, 422, cancel=refused)
        uow.commit()
    flash(_("流程已终止，其在办事项已撤销。"), "success")
    return redirect(url_for("instances.show", instance_id=instance_id))


@bp.post("/instances/<int:instance_id>/migrate")
@login_required
def migrate(instance_id: int):
    with context.unit_of_work() as uow:
        try:
            moved = control.migrate(uow, context.person_in(uow), instance_id, context.now())
        except control.NotMigratable as refused:
            flash(_("最新版本缺少该实例的以下环节，无法迁移：%(steps)s", steps=_("、").join(refused.steps)), "error")
            return redirect(url_for("instances.show", instance_id=instance_id))
        version = moved.spec.version
        uow.commit()
    flash(_("已迁移到第 %(v)s 版，在办事项继续办理。", v=version), "success")
    return redirect(url_for("instances.show", instance_id=instance_id))
