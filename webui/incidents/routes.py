"""The incident list, one incident's page, and the administrator's retry and skip.

The engine decides who may (NotFound / Forbidden, which webui.common.errors turns into 404 /
403) and whether the incident is still open (NoLongerOpen: 409, a second click or another
administrator was first).
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from engine.core.errors import InvalidData
from engine.workflow import incidents
from webui.common import context
from webui.common.i18n import field_error_message

bp = Blueprint("incidents", __name__)


@bp.get("/incidents")
@login_required
def index():
    me = context.person()
    everything = request.args.get("status") == "all"
    listed = incidents.listed(context.db_session(), me, open_only=not everything)
    return render_template("incidents/index.html", incidents=listed, everything=everything)


@bp.get("/incidents/<int:incident_id>")
@login_required
def show(incident_id: int):
    return _page(incidents.visible(context.db_session(), context.person(), incident_id))


@bp.post("/incidents/<int:incident_id>/retry")
@login_required
def retry(incident_id: int):
    with context.unit_of_work() as uow:
        try:
            incident = incidents.retry(uow, context.person_in(uow), incident_id, context.now())
        except incidents.NotRetryable:
            flash(
                _("最新部署的流程版本缺少该实例已经过的环节，无法在其上重试。请部署保留原环节编号的修正版本。"), "error"
            )
            return redirect(url_for("incidents.show", incident_id=incident_id))
        instance_id = incident.instance_id
        failed_again = bool(incidents.open_of_instance(uow.session, instance_id))
        uow.commit()
    if failed_again:
        flash(_("已重试，但该流程仍有出错环节，请查看故障信息。"), "error")
    else:
        flash(_("已重试出错环节，流程继续办理。"), "success")
    return redirect(url_for("instances.show", instance_id=instance_id))


@bp.post("/incidents/<int:incident_id>/skip")
@login_required
def skip(incident_id: int):
    reason = request.form.get("reason", "")
    with context.unit_of_work() as uow:
        try:
            incident = incidents.skip(uow, context.person_in(uow), incident_id, reason, context.now())
        except InvalidData as invalid:
            error = field_error_message(invalid.errors["reason"])
            found = incidents.visible(context.db_session(), context.person(), incident_id)
            return _page(found, {"reason": error}, reason, 422)
        instance_id = incident.instance_id
        uow.commit()
    flash(_("已跳过出错环节，流程继续办理。"), "success")
    return redirect(url_for("instances.show", instance_id=instance_id))


def _page(incident, errors: dict | None = None, reason: str = "", status: int = 200):  # noqa: ANN001
    me = context.person()
    page = render_template(
        "incidents/show.html",
        incident=incident,
        may_resolve=incidents.may_resolve(me),
        errors=errors or {},
        reason=reason,
        reason_max=incidents.REASON_MAX,
    )
    return page, status
