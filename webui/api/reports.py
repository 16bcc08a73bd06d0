"""Information reports (信息报送): those the caller sees, and filing one for the caller's unit, as
the pages do (engine.information). Files are sent through the page only."""

from __future__ import annotations

from flask import request

from engine.core.clock import iso
from engine.information import access, reports
from engine.information.models import InformationReport
from webui.api import bp
from webui.api.responses import error_response
from webui.common import context

FIELDS = ("unit", "kind", "title", "text", "level")


def report_dict(report: InformationReport) -> dict:
    return {
        "id": report.id,
        "unit": report.unit,
        "kind": report.kind,
        "title": report.title,
        "text": report.text,
        "level": report.level,
        "status": report.status,
        "version": report.version,
        "request_id": report.request_id,
        "merged_into": report.merged_into_id,
        "filed_by": report.filed_by,
        "filed_at": iso(report.filed_at),
        "submitted_at": iso(report.submitted_at),
        "reviewed_by": report.reviewed_by,
        "reviewed_at": iso(report.reviewed_at) if report.reviewed_at else None,
        "review_note": report.review_note,
        "attachment": report.attachment["name"] if report.attachment else None,
    }


@bp.get("/reports")
def list_reports():
    found = access.visible_reports(context.db_session(), context.person())
    return {"reports": [report_dict(report) for report in found]}


@bp.post("/reports")
def file_report():
    submitted = request.get_json(silent=True)
    if not isinstance(submitted, dict) or any(not isinstance(submitted.get(n) or "", str) for n in FIELDS):
        return error_response(400, "bad_request", f"send a JSON object of texts: {', '.join(FIELDS)}")
    with context.unit_of_work() as uow:
        person = context.person_in(uow)
        report = reports.file(uow.session, person, submitted.get("unit"), submitted, None, context.now())
        result = report_dict(report)
        uow.commit()
    return result, 201
