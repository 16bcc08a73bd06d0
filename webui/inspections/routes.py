"""Joint inspections: the list, one inspection's page (its plan, team, findings with their
supervised items and its report), the team's form for a finding, and the inspection's files.

Who sees what is engine.inspections.access: another unit's or body's inspection is not found (404)
on every route; one the person sees but whose team they are not in takes no finding from them (403).
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required

from engine.attachments import store as attachments
from engine.core.clock import SHANGHAI
from engine.core.errors import InvalidData, NotFound
from engine.inspections import access, findings, queries
from engine.inspections import report_docx as report
from engine.inspections.models import Inspection
from engine.supervision import access as item_access
from engine.supervision import ledger
from engine.workflow import access as workflow_access
from engine.workflow.models import ProcessInstance
from webui.common import context, downloads
from webui.common.i18n import field_error_message
from webui.supervision.routes import send_attachment

bp = Blueprint("inspections", __name__)

KIND_NAMES = {"inspection": _l("联合督查"), "enforcement": _l("联合执法"), "rectification": _l("专项整治")}
TRIGGER_NAMES = {
    "instruction": _l("领导批示"),
    "media": _l("媒体报道或其他渠道反映"),
    "meeting": _l("办公室会议决定"),
}
# What the trigger's "from" is, by trigger: who instructed, which outlet or channel, which meeting.
TRIGGER_FROM_NAMES = {"instruction": _l("批示领导"), "media": _l("反映渠道"), "meeting": _l("会议名称")}
STATUS_NAMES = {
    "planning": _l("拟定方案"),
    "approving": _l("待审定方案"),
    "inspecting": _l("督查中"),
    "reported": _l("报告已报送"),
    "closed": _l("已办结"),
}


@bp.app_template_filter("inspection_kind")
def _kind_name(kind: str) -> str:
    return str(KIND_NAMES.get(kind, kind))


@bp.app_template_filter("inspection_status")
def _status_name(status: str) -> str:
    return str(STATUS_NAMES.get(status, status))


@bp.get("/inspections")
@login_required
def index():
    session, me = context.db_session(), context.person()
    return render_template(
        "inspections/index.html",
        listed=queries.listed(session, me, context.now()),
        may_start=workflow_access.starts_as_office(me),
        triggers=TRIGGER_NAMES,
    )


@bp.get("/inspections/<int:inspection_id>")
@login_required
def show(inspection_id: int):
    return _page(access.visible_inspection(context.db_session(), context.person(), inspection_id))


@bp.post("/inspections/<int:inspection_id>/findings")
@login_required
def record_finding(inspection_id: int):
    inspection = access.visible_inspection(context.db_session(), context.person(), inspection_id)  # 404 first
    form, file = request.form, request.files.get("evidence")
    values = {
        "place": form.get("place", ""),
        "problem": form.get("problem", ""),
        "responsible_unit": form.get("responsible_unit", ""),
        "needs_fixing": form.get("needs_fixing") == "on",
        "fix_by": form.get("fix_by", ""),
    }
    evidence = findings.Evidence(file.filename, file.read()) if file and file.filename else None
    errors = {}
    with context.unit_of_work() as uow:
        try:
            found = findings.record(uow, context.person_in(uow), inspection_id, values, evidence, context.now())
        except InvalidData as invalid:
            errors = {name: field_error_message(error) for name, error in invalid.errors.items()}
        else:
            uow.commit()
    if errors:
        return _page(inspection, values, errors, 422)
    flash(_("已记录第 %(n)s 条督查发现。", n=found.number), "success")
    return redirect(url_for("inspections.show", inspection_id=inspection_id, _anchor="findings"))


@bp.get("/inspections/<int:inspection_id>/files/<int:attachment_id>")
@login_required
def file(inspection_id: int, attachment_id: int):
    """A finding's evidence or the report's file (docs/ATTACHMENTS.md)."""
    return send_attachment(access.visible_file(context.db_session(), context.person(), inspection_id, attachment_id))


@bp.get("/inspections/<int:inspection_id>/report.docx")
@login_required
def report_docx(inspection_id: int):
    """The report as a .docx once it is out; before, there is none (404)."""
    session = context.db_session()
    inspection = access.visible_inspection(session, context.person(), inspection_id)
    if inspection.reported_at is None:
        raise NotFound(f"report of inspection {inspection_id}")
    return downloads.docx(report.report_docx(session, inspection), f"{inspection.title}报告.docx")


def _page(inspection: Inspection, values: dict | None = None, errors: dict | None = None, status: int = 200):
    """The page; after a refused finding, with what was typed and each field's error."""
    session, me, now = context.db_session(), context.person(), context.now()
    instance = session.get(ProcessInstance, inspection.instance_id)
    return render_template(
        "inspections/show.html",
        inspection=inspection,
        findings=queries.findings_of(session, inspection, queries.supervised(session, me.body_id, now)),
        units=ledger.unit_names(session, me.body_id),
        members=queries.member_units(session, me.body_id),
        may_record=access.may_record(me, inspection) and inspection.status == "inspecting",
        may_see_instance=workflow_access.can_see_instance(session, me, instance),
        sees_item=lambda item: item_access.concerns(me, item["lead"], item["cooperating"]),
        values=values or {},
        errors=errors or {},
        today=now.astimezone(SHANGHAI).date().isoformat(),
        max_mb=attachments.MAX_BYTES // (1024 * 1024),
        triggers=TRIGGER_NAMES,
        trigger_from=TRIGGER_FROM_NAMES,
    ), status
