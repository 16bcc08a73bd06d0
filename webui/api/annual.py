"""The JSON API of the annual cycle (年度总结和计划): each unit's summary and plan, and the office's
compilation, as the annual pages show and do them (webui.annual.routes, engine.annual).

The office, the convener and the administrator read the years; a unit's liaisons read their own
unit's part and attach documents to it. A year or unit not theirs is not found (404), like one
that does not exist; what only the office does (review, accept all, save or finalise the draft,
export, a document's 密级) is refused to the others who see the page (403). The settings are the
administrator's and the office director's, as on their page. Liaisons submit through their inbox
tasks (/api/v1/tasks).
"""

from __future__ import annotations

from dataclasses import asdict

from flask import request
from werkzeug.exceptions import BadRequest

from engine.annual import access as seeing
from engine.annual import documents, docx_export, office, settings
from engine.annual import queries as views
from engine.annual.unit_view import unit_view
from engine.confidentiality import setting
from engine.core.errors import Forbidden
from webui.admin.access import may_administer
from webui.annual.routes import office_member, reader
from webui.api import bp
from webui.api.responses import error_response
from webui.api.supervision import asked_level
from webui.common import context, downloads
from webui.common.annual_shapes import (
    cycle_dict,
    document_dict,
    draft_dict,
    submission_dict,
    unit_row_dict,
    year_dict,
)
from webui.supervision.routes import send_attachment

REVIEW_FIELDS = ("review_decision", "review_comments", "resubmit_by")
SETTING_DAYS = ("start_day", "deadline_day")


@bp.get("/annual")
def list_annual_cycles():
    return {"cycles": [cycle_dict(cycle) for cycle in views.cycles_of(context.db_session(), reader().body_id)]}


@bp.get("/annual/<int:year>")
def get_annual_year(year: int):
    session = context.db_session()
    cycle = seeing.visible_year(session, context.person(), year)
    return year_dict(cycle, views.overview(session, cycle), context.now())


@bp.get("/annual/<int:year>/units/<code>")
def get_annual_unit(year: int, code: str):
    session, me = context.db_session(), context.person()
    cycle = seeing.visible_unit_year(session, me, year, code)
    view = unit_view(session, me, cycle, code)
    return {
        "year": cycle.year,
        "deadline": cycle.deadline,
        **unit_row_dict(view.row, context.now() > cycle.deadline_at),
        "submissions": [submission_dict(s, view.documents[s.id]) for s in view.row.submissions],
        "may_attach": view.may_attach,
    }


@bp.get("/annual/documents/<int:attachment_id>")
def get_annual_document(attachment_id: int):
    return send_attachment(seeing.visible_document(context.db_session(), context.person(), attachment_id))


@bp.post("/annual/<int:year>/units/<code>/documents")
def attach_annual_document(year: int, code: str):
    """A document (.docx, .pdf) for the unit's latest submission while it awaits review, by the
    unit's liaisons or the office: multipart/form-data, the file in the part `file`."""
    seeing.visible_unit_year(context.db_session(), context.person(), year, code)  # 404 before reading the body
    if request.mimetype != "multipart/form-data" or set(request.files) != {"file"} or request.form:
        raise BadRequest("send multipart/form-data with the file in the part file")
    upload = request.files["file"]
    with context.unit_of_work() as uow:
        me = context.person_in(uow)
        cycle = seeing.visible_unit_year(uow.session, me, year, code)
        found = documents.attach(uow.session, me, cycle, code, upload.filename or "", upload.read(), context.now())
        result = document_dict(found)
        uow.commit()
    return result, 201


@bp.post("/annual/documents/<int:attachment_id>/level")
def set_annual_document_level(attachment_id: int):
    """The office's 密级 of a submission's document; 公开 needs the office director (403 needs_director)."""
    with context.unit_of_work() as uow:
        me = context.person_in(uow)
        found = seeing.visible_document(uow.session, me, attachment_id)
        setting.set_level(uow.session, me, found, asked_level(), context.now())
        result = document_dict(found)
        uow.commit()
    return result


@bp.post("/annual/<int:year>/units/<code>/review")
def review_annual_submission(year: int, code: str):
    seeing.visible_unit_year(context.db_session(), context.person(), year, code)  # 404 before 403
    office_member()
    values = request.get_json(silent=True)
    if not isinstance(values, dict) or not _texts(values, REVIEW_FIELDS):
        return error_response(400, "bad_request", f"send a JSON object of texts: {', '.join(REVIEW_FIELDS)}")
    with context.unit_of_work() as uow:
        me = context.person_in(uow)
        cycle = seeing.visible_unit_year(uow.session, me, year, code)
        form = {name: values.get(name, "").strip() for name in REVIEW_FIELDS}  # as the page sends them
        office.review(uow, me, cycle, code, form, context.now())
        row = next(r for r in views.overview(uow.session, cycle) if r.code == code)
        result = unit_row_dict(row, context.now() > cycle.deadline_at)
        uow.commit()
    return result


@bp.post("/annual/<int:year>/accept-all")
def accept_annual_submissions(year: int):
    seeing.visible_year(context.db_session(), context.person(), year)  # 404 before 403
    office_member()
    with context.unit_of_work() as uow:
        me = context.person_in(uow)
        count = office.accept_all(uow, me, seeing.visible_year(uow.session, me, year), context.now())
        uow.commit()
    return {"accepted": count}


# One rule for both methods: Werkzeug weighs a path's rules by method before their converters, so
# with two, a POST for a year beyond the database's integer would meet the GET rule and be told 405.
@bp.route("/annual/<int:year>/draft", methods=["GET", "POST"])
def annual_draft(year: int):
    return save_annual_draft(year) if request.method == "POST" else get_annual_draft(year)


def get_annual_draft(year: int):
    session, me = context.db_session(), context.person()
    cycle = seeing.visible_year(session, me, year)
    return draft_dict(session, cycle, me.is_office, regather=request.args.get("regather") == "1")


def save_annual_draft(year: int):
    """A new version of the compiled text; with finalise, it becomes the year's result."""
    seeing.visible_year(context.db_session(), context.person(), year)  # 404 before 403
    office_member()
    sent = request.get_json(silent=True)
    if not _draft_shape(sent):
        return error_response(400, "bad_request", "send {text: string, based_on: integer, finalise: boolean}")
    with context.unit_of_work() as uow:
        me = context.person_in(uow)
        cycle = seeing.visible_year(uow.session, me, year)
        office.save_draft(uow, me, cycle, sent["text"], sent["based_on"], context.now())
        if sent.get("finalise"):
            office.finalise(uow, me, cycle, "", context.now())
        result = draft_dict(uow.session, cycle, me.is_office)
        uow.commit()
    return result


@bp.get("/annual/<int:year>/export.docx")
def export_annual_docx(year: int):
    session = context.db_session()
    cycle = seeing.visible_year(session, context.person(), year)
    office_member()
    return downloads.docx(docx_export.of_cycle(session, cycle), f"annual-summary-{year}.docx")


@bp.get("/annual/settings")
def get_annual_settings():
    me = _administrator()
    return asdict(settings.settings_of(context.db_session(), me.body_id))


@bp.post("/annual/settings")
def save_annual_settings():
    """Applies from the next cycle: a year already started keeps its deadline."""
    me = _administrator()
    sent = request.get_json(silent=True)
    if not _settings_shape(sent):
        shape = "{start_day: MM-DD, deadline_day: MM-DD, require_convener_approval: boolean}"
        return error_response(400, "bad_request", f"send {shape}")
    with context.unit_of_work() as uow:
        saved = settings.save(uow.session, me.body_id, sent, me.username, context.now())
        uow.commit()
    return asdict(saved)


def _administrator():  # noqa: ANN202
    me = context.person()
    if not may_administer(me):
        raise Forbidden("the annual settings are the administrator's and the office director's")
    return me


def _texts(values: dict, names: tuple[str, ...]) -> bool:
    return set(values) <= set(names) and all(isinstance(v, str) for v in values.values())


def _draft_shape(sent: object) -> bool:
    return (
        isinstance(sent, dict)
        and isinstance(sent.get("text"), str)
        and type(sent.get("based_on")) is int
        and isinstance(sent.get("finalise", False), bool)
    )


def _settings_shape(sent: object) -> bool:
    return (
        isinstance(sent, dict)
        and _texts({k: sent.get(k) for k in SETTING_DAYS}, SETTING_DAYS)
        and isinstance(sent.get("require_convener_approval", False), bool)
    )
