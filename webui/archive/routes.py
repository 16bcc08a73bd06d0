"""The archive's pages. engine.archive.listing decides who reads it (whoever sees the whole body;
anyone else gets 403 for the list and 404 for an entry, as for another body's); archiving is the
office's, refused by engine.archive.archiving for anyone else or for a record not finished."""

from __future__ import annotations

import io

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required
from sqlalchemy import select

from engine.annual import access as annual
from engine.archive import archiving, listing
from engine.archive.models import KINDS
from engine.dashboard import paging
from engine.documents import access as documents
from engine.meetings import access as meetings
from engine.org.models import Unit
from webui.common import context

bp = Blueprint("archive", __name__)

KIND_NAMES = {
    "meeting": _l("会议"),
    "request": _l("请示"),
    "report": _l("报告"),
    "joint": _l("联合发文"),
    "annual": _l("年度工作总结"),
}
ZIP = "application/zip"


@bp.get("/archive")
@login_required
def index():
    session, me = context.db_session(), context.person()
    if not listing.may_see_archive(me):
        abort(403)
    chosen = _filters()
    query = listing.entries(me.body_id, **chosen)
    page = paging.paginate(session, query, paging.page_number(request.args.get("page")))
    names = select(Unit.code, Unit.name).where(Unit.body_id == me.body_id).order_by(Unit.code)
    units = {code: name for code, name in session.execute(names)}
    return render_template(
        "archive/index.html", page=page, chosen=chosen, kinds=KIND_NAMES, units=units,
        years=listing.years(session, me.body_id), args={k: v for k, v in chosen.items() if v},
    )  # fmt: skip


def _filters() -> dict:
    """What the list is filtered by; anything not on offer counts as no filter."""
    year = request.args.get("year", "")
    kind = request.args.get("kind", "")
    return {
        "year": int(year) if year.isdigit() and len(year) == 4 else None,  # a longer one overflows the column
        "kind": kind if kind in KINDS else None,
        "unit": request.args.get("unit", "").strip()[:40] or None,
    }


@bp.get("/archive/<int:entry_id>.zip")
@login_required
def download(entry_id: int):
    session, me = context.db_session(), context.person()
    entry = listing.visible_entry(session, me, entry_id)
    name = f"{entry.year}-{entry.kind}-{entry.record_id}-{entry.title}.zip"
    return send_file(io.BytesIO(entry.package), mimetype=ZIP, as_attachment=True, download_name=name)


@bp.post("/meetings/<int:meeting_id>/archive")
@login_required
def meeting(meeting_id: int):
    def seen(session, me):  # noqa: ANN001, ANN202
        return "meeting", meetings.visible_meeting(session, me, meeting_id).id

    return _archive(seen, url_for("meetings.show", meeting_id=meeting_id))


@bp.post("/documents/<int:document_id>/archive")
@login_required
def document(document_id: int):
    def seen(session, me):  # noqa: ANN001, ANN202
        found = documents.visible_document(session, me, document_id)
        return found.kind, found.id

    return _archive(seen, url_for("documents.index"))


@bp.post("/annual/<int:year>/archive")
@login_required
def annual_year(year: int):
    def seen(session, me):  # noqa: ANN001, ANN202
        return "annual", annual.visible_year(session, me, year).id

    return _archive(seen, url_for("annual.show", year=year))


def _archive(seen, back: str):  # noqa: ANN001
    """Whoever may not see the record gets 404 before anything else is asked; then the engine
    refuses anyone but the office (403)."""
    with context.unit_of_work() as uow:
        me = context.person_in(uow)
        kind, record_id = seen(uow.session, me)
        try:
            archiving.archive(uow.session, me, kind, record_id, context.now())
        except archiving.AlreadyArchived:
            flash(_("此事项已归档，不能重复归档。"), "error")
            return redirect(back)
        except archiving.NotFinished:
            flash(_("此事项尚未办结（签发），不能归档。"), "error")
            return redirect(back)
        uow.commit()
    flash(_("已归档。归档后不能再修改。"), "success")
    return redirect(back)


@bp.app_template_global()
def archived(kind: str, record_id: int) -> bool:
    """Whether a record's page should still offer 归档: its entry, if any, is the answer."""
    return archiving.entry_of(context.db_session(), kind, record_id) is not None
