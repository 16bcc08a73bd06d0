"""Information reports (信息报送): the reports a person sees, filing one, a report's page with the
office's review or the unit's revision, its file, and the office's review queue.

engine.information.access finds every report: another unit's or body's is not found (404) before
anything else is read; what only the office, or only the unit's liaison, does to a report the
person may see is refused (403) by engine.information.reports and review."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required

from engine.confidentiality.levels import INTERNAL, RESTRICTED
from engine.core import limits
from engine.core.errors import Forbidden, InvalidData
from engine.information import access, reports, review
from engine.information.models import InformationReport
from engine.org.queries import unit_names
from engine.workflow.forms import Choices, Upload
from webui.common import context
from webui.common.i18n import field_error_message
from webui.information import names
from webui.supervision.levels import LEVEL_NAMES
from webui.supervision.routes import send_attachment
from webui.tasks.forms import fields

bp = Blueprint("information", __name__)
bp.app_context_processor(names.template_names)

# The filing form, in the shape of a task's form (docs/AUTHORING.md) so that its inputs are drawn alike.
FORM = {
    "fields": [
        {"name": "kind", "type": "choice", "required": True, "label": _l("信息类别"),
         "choices": [{"value": value, "label": label} for value, label in names.KINDS.items()],
         "help": _l("重大事件信息报送后立即提醒办公室主任")},
        {"name": "title", "type": "text", "required": True, "max_length": limits.TITLE_MAX, "label": _l("信息标题")},
        {"name": "text", "type": "textarea", "required": True, "max_length": limits.TEXT_MAX, "label": _l("信息内容")},
        {"name": "level", "type": "choice", "label": _l("密级"),
         "choices": [{"value": level, "label": LEVEL_NAMES[level]} for level in (INTERNAL, RESTRICTED)],
         "help": _l("公开须经办公室主任同意")},
        {"name": "file", "type": "file", "label": _l("附件"), "help": _l("可选")},
    ]
}  # fmt: skip
REVIEWED = {"accept": _l("已采用。"), "return": _l("已退回报送单位修改。"), "merge": _l("已合并。")}


def form_fields(values: dict, errors: dict | None = None) -> list[dict]:
    return fields(FORM, {"level": INTERNAL, **values}, errors or {}, Choices({}, {}))


def _submitted() -> tuple[dict, Upload | None]:
    chosen = request.files.get("file")
    upload = Upload(chosen.filename, chosen.read()) if chosen and chosen.filename else None
    return {name: request.form.get(name, "") for name in ("kind", "title", "text", "level")}, upload


@bp.get("/reports")
@login_required
def reports_page():
    session, me = context.db_session(), context.person()
    return render_template(
        "information/reports.html",
        reports=access.visible_reports(session, me),
        units=unit_names(session, me.body_id),
        may_file=reports.may_file(me),
        waiting=len(review.waiting(session, me.body_id)) if me.is_office else 0,
    )


@bp.get("/reports/review")
@login_required
def review_queue():
    session, me = context.db_session(), context.person()
    if not me.is_office:
        raise Forbidden("the office reviews the information reported")
    return render_template(
        "information/queue.html", reports=review.waiting(session, me.body_id), units=unit_names(session, me.body_id)
    )


@bp.route("/reports/new", methods=["GET", "POST"])
@login_required
def new_report():
    if not reports.may_file(context.person()):
        raise Forbidden("only a member unit's liaison files information")
    errors, values = {}, dict(request.form)
    if request.method == "POST":
        submitted, upload = _submitted()
        with context.unit_of_work() as uow:
            try:
                report = reports.file(uow.session, context.person_in(uow), None, submitted, upload, context.now())
            except InvalidData as invalid:
                errors = invalid.errors
            else:
                uow.commit()
                flash(_("已报送，等待办公室审核。"), "success")
                return redirect(url_for("information.report", report_id=report.id))
    return render_template("information/new.html", fields=form_fields(values, errors)), 422 if errors else 200


@bp.get("/reports/<int:report_id>")
@login_required
def report(report_id: int):
    return _report_page(access.visible_report(context.db_session(), context.person(), report_id))


def _report_page(report: InformationReport, status: int = 200, errors: dict | None = None, values: dict | None = None):
    """The report; for the office while it waits, the review; for its unit's liaison once
    returned, the revision, filled with the report or with what was just refused."""
    session, me = context.db_session(), context.person()
    errors = errors or {}
    may_review = me.is_office and report.status == "submitted"
    may_revise = report.status == "returned" and reports.may_file(me) and me.unit.code == report.unit
    shown = values if values is not None else {n: getattr(report, n) for n in ("kind", "title", "text", "level")}
    page = render_template(
        "information/report.html",
        report=report,
        units=unit_names(session, report.body_id),
        merged_into=session.get(InformationReport, report.merged_into_id) if report.merged_into_id else None,
        request_of=access.visible_request(session, me, report.request_id) if report.request_id else None,
        targets=review.merge_targets(session, report) if may_review else [],
        may_review=may_review,
        revision=form_fields(shown, errors) if may_revise else [],
        errors={name: field_error_message(error) for name, error in errors.items()},
        values=values or {},
    )
    return page, status


@bp.post("/reports/<int:report_id>/review")
@login_required
def review_report(report_id: int):
    decision, note = request.form.get("decision", ""), request.form.get("note", "")
    merged_into = request.form.get("merged_into", "")
    with context.unit_of_work() as uow:
        me = context.person_in(uow)
        found = access.visible_report(uow.session, me, report_id)
        try:
            target = int(merged_into) if merged_into.isdigit() else None
            review.review(uow.session, me, found, decision, note, context.now(), target)
        except InvalidData as invalid:
            return _report_page(found, 422, invalid.errors, dict(request.form))
        uow.commit()
    flash(REVIEWED[decision], "success")
    return redirect(url_for("information.review_queue"))


@bp.post("/reports/<int:report_id>/revise")
@login_required
def revise_report(report_id: int):
    submitted, upload = _submitted()
    with context.unit_of_work() as uow:
        me = context.person_in(uow)
        found = access.visible_report(uow.session, me, report_id)
        try:
            reports.revise(uow.session, me, found, submitted, upload, context.now())
        except InvalidData as invalid:
            return _report_page(found, 422, invalid.errors, submitted)
        uow.commit()
    flash(_("已修改并重新报送，等待办公室审核。"), "success")
    return redirect(url_for("information.report", report_id=report_id))


@bp.get("/reports/<int:report_id>/file")
@login_required
def report_file(report_id: int):
    return send_attachment(access.visible_report_file(context.db_session(), context.person(), report_id))
