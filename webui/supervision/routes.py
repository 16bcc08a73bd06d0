"""Supervision of decided items (督办): the ledger with its Excel export, one item's page, the
files attached to it, the units' timeliness, and an item entered by hand.

Who sees what: the office and the convener see every item; a unit's people see the items their
unit leads or cooperates on (engine.supervision.access). Another unit's or body's item is not
found (404) on every route, exactly like an id that does not exist; 403 is only for what the office
alone does to an item the person may see.
"""

from __future__ import annotations

from datetime import MAXYEAR, MINYEAR
from urllib.parse import quote

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required

from engine.attachments import store as attachments
from engine.attachments.models import Attachment
from engine.core.errors import Forbidden, InvalidData
from engine.dashboard import paging
from engine.meetings.models import Meeting
from engine.org.models import Person
from engine.roster import duties
from engine.supervision import access as item_access
from engine.supervision import commands, ledger, starting, timeliness, workbook
from engine.supervision.item_view import item_view
from engine.supervision.status import COLOURS, STATUSES
from webui.common import context, display
from webui.common.i18n import field_error_message
from webui.supervision import levels

bp = Blueprint("supervision", __name__)
bp.app_context_processor(levels.template_names)

BADGES = {"green": "status-completed", "yellow": "soon", "red": "overdue", "grey": "status-cancelled"}
EVENT_NAMES = {
    "progress": _l("报送进展"),
    "requested": _l("按要求报送进展"),
    "completion": _l("报告办结"),
    "accepted": _l("核验通过，办结"),
    "returned": _l("核验退回"),
    "contribution": _l("配合单位报送配合情况"),
    "extension_requested": _l("申请延期"),
    "extension_approved": _l("同意延期"),
    "extension_refused": _l("不同意延期"),
    "attachment": _l("上传佐证材料"),
}


@bp.app_template_filter("item_status")
def _status_name(status: str) -> str:
    return str(display.ITEM_STATUS_NAMES.get(status, status))


@bp.app_template_filter("item_badge")
def _status_badge(status: str) -> str:
    return BADGES[COLOURS[status]]


@bp.app_template_global("supervised_items")
def _items_of_meeting(meeting: Meeting) -> list[dict]:
    """The meeting page's list of its decided items under supervision, as far as the person may see."""
    me = context.person()
    found = ledger.rows(context.db_session(), me.body_id, context.now(), ledger.Filters(meeting_id=meeting.id))
    return item_access.visible_rows(me, found)


def _filters() -> ledger.Filters:
    """The page's filters; a unit's people only ever see their own unit's items."""
    unit = item_access.ledger_unit(context.person(), request.args.get("unit") or None)
    year = request.args.get("year", "")
    return ledger.Filters(
        unit=unit,
        status=request.args.get("status") if request.args.get("status") in STATUSES else None,
        source=request.args.get("source") if request.args.get("source") in ledger.SOURCES else None,
        year=int(year) if year.isdigit() and MINYEAR < int(year) < MAXYEAR else None,  # a year beyond dates: none
    )


@bp.get("/supervision")
@login_required
def index():
    session, me, now, filters = context.db_session(), context.person(), context.now(), _filters()
    number, size = paging.page_number(request.args.get("page")), paging.per_page(request.args.get("per_page"))
    return render_template(
        "supervision/index.html",
        page=ledger.page(session, me.body_id, now, filters, number, size),
        summary=ledger.summary(session, me.body_id, now, filters),
        filters=filters,
        units=ledger.unit_names(session, me.body_id),
        statuses=STATUSES,
        sources=display.SOURCE_NAMES,
        years=range(now.year + 1, now.year - 4, -1),
        args={k: v for k, v in request.args.items() if v and k != "page"},
    )


@bp.get("/supervision/ledger.xlsx")
@login_required
def export():
    return workbook_response(context.person(), _filters())


def workbook_response(me: Person, filters: ledger.Filters) -> Response:
    """The ledger under these filters as the .xlsx the page and the API both send."""
    session, now = context.db_session(), context.now()
    found = ledger.each_row(session, me.body_id, now, filters)
    content = workbook.build(me.body.name, found, now, display.ledger_names())
    response = Response(content, mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response.headers["Content-Disposition"] = f"attachment; filename=ledger-{now:%Y%m%d}.xlsx"
    return response


@bp.get("/supervision/items/<int:item_id>")
@login_required
def show(item_id: int):
    session, me = context.db_session(), context.person()
    item = item_access.visible_item(session, me, item_id)
    view = item_view(session, me, item, context.now())
    return render_template(
        "supervision/item.html",
        item=item,
        row=view.row,
        events=view.events,
        tasks=view.tasks,
        event_names=EVENT_NAMES,
        units=ledger.unit_names(session, me.body_id),
        may_upload=view.may_upload,
        may_request=view.may_request_progress,
        max_mb=attachments.MAX_BYTES // (1024 * 1024),
        types=", ".join(sorted(attachments.ALLOWED)),
    )


@bp.post("/supervision/items/<int:item_id>/request-progress")
@login_required
def request_progress(item_id: int):
    with context.unit_of_work() as uow:
        commands.request_progress(uow, context.person_in(uow), item_id, context.now())
        uow.commit()
    flash(_("已要求牵头单位报送进展。"), "success")
    return redirect(url_for("supervision.show", item_id=item_id))


@bp.post("/supervision/items/<int:item_id>/attachments")
@login_required
def upload(item_id: int):
    item_access.visible_item(context.db_session(), context.person(), item_id)  # 404 before reading the body
    file = request.files.get("file")
    content = file.read() if file else b""
    with context.unit_of_work() as uow:
        try:
            commands.attach(
                uow, context.person_in(uow), item_id, file.filename if file else "", content, context.now(),
                request.form.get("note", ""),
            )  # fmt: skip
        except InvalidData as invalid:
            flash(field_error_message(invalid.errors["file"]), "error")
            return redirect(url_for("supervision.show", item_id=item_id))
        uow.commit()
    flash(_("已上传：%(name)s", name=file.filename), "success")
    return redirect(url_for("supervision.show", item_id=item_id, _anchor="timeline"))


@bp.get("/supervision/attachments/<int:attachment_id>")
@login_required
def download(attachment_id: int):
    found = item_access.visible_attachment(context.db_session(), context.person(), attachment_id)
    return send_attachment(found)


@bp.post("/supervision/attachments/<int:attachment_id>/level")
@login_required
def set_level(attachment_id: int):
    """The office's 密级 of an item's file (docs/CONFIDENTIALITY.md)."""
    with context.unit_of_work() as uow:
        me = context.person_in(uow)
        found = item_access.visible_attachment(uow.session, me, attachment_id)
        back = url_for("supervision.show", item_id=found.owner_id, _anchor="timeline")
        levels.change(uow, me, found)
    return redirect(back)


def send_attachment(found: Attachment) -> Response:
    """The stored bytes as a download, never rendered inline (docs/ATTACHMENTS.md)."""
    response = Response(found.content, mimetype=found.content_type)
    response.headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(found.filename, safe='')}"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Checksum-SHA256"] = found.sha256
    return response


@bp.get("/supervision/timeliness")
@login_required
def timeliness_page():
    me, now = context.person(), context.now()
    if not me.sees_whole_body:
        raise Forbidden("the units' timeliness is the office's")
    year = request.args.get("year", "")
    year = int(year) if year.isdigit() and MINYEAR < int(year) < MAXYEAR else now.year  # a year beyond dates: this one
    found = timeliness.by_unit(context.db_session(), me.body_id, year, now)
    return render_template(
        "supervision/timeliness.html",
        units=found,
        year=year,
        rule=timeliness.RULE,
        years=range(now.year, now.year - 5, -1),
    )


@bp.route("/supervision/new", methods=["GET", "POST"])
@login_required
def new():
    me = context.person()
    if not me.is_office:
        raise Forbidden("only the office puts an item under supervision")
    errors, values = {}, request.form
    if request.method == "POST":
        item = {
            "text": values.get("text", ""),
            "lead": values.get("lead", ""),
            "cooperating": values.getlist("cooperating"),
            "due": values.get("due", ""),
        }
        with context.unit_of_work() as uow:
            try:
                found = starting.start_by_hand(uow.session, context.person_in(uow), values.get("source_text", ""), item,
                                               context.now())  # fmt: skip
            except InvalidData as invalid:
                errors = {name: field_error_message(error) for name, error in invalid.errors.items()}
            else:
                uow.commit()
                return redirect(url_for("supervision.show", item_id=found.id))
    units = ledger.unit_names(context.db_session(), me.body_id)
    hints = duties.of_body(context.db_session(), me.body_id)  # each unit's duties, to pick the lead by
    status = 422 if errors else 200
    return render_template("supervision/new.html", errors=errors, values=values, units=units, duties=hints), status
