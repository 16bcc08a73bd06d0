"""Information requests (信息征集): those the person sees, and one with its matrix of who has
answered. The office starts one from 发起流程 (workflows/information_request.bpmn); another unit's
or body's request is not found (engine.information.access)."""

from __future__ import annotations

from flask import render_template
from flask_login import login_required

from engine.information import access, requests
from webui.common import context
from webui.information.reports import bp


@bp.get("/information-requests")
@login_required
def requests_page():
    session, me = context.db_session(), context.person()
    found = [r for r in requests.of_body(session, me.body_id) if access.can_see_request(me, r)]
    answered = {r.id: len(requests.answers(session, r)) for r in found}
    return render_template("information/requests.html", requests=found, answered=answered)


@bp.get("/information-requests/<int:request_id>")
@login_required
def request_page(request_id: int):
    session, me = context.db_session(), context.person()
    found = access.visible_request(session, me, request_id)
    rows = requests.matrix(session, found)
    return render_template(
        "information/request.html",
        information_request=found,
        rows=rows,
        readable={row.code for row in rows if row.report and access.can_see_report(me, row.report)},
    )
