"""年度总结: the office's overview of the year (who has and has not submitted, late flags, each
submission, accept or return with comments) and the compile page (edit the gathered draft,
download it as .docx, finalise). The convener and administrator may read; only the office acts.
Liaisons submit through their inbox tasks as usual; of these pages they see only their own
unit's, where they attach documents (.docx, .pdf) to a submission awaiting review. Who sees which
page is engine.annual.access: a year or unit page not theirs is not found (404), like one that
does not exist; what only the office does on a page the person sees is refused (403).
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from engine.annual import access as seeing
from engine.annual import documents, docx_export, drafts, office
from engine.annual import queries as views
from engine.annual.models import AnnualCycle, AnnualSubmission
from engine.annual.unit_view import unit_view
from engine.core.errors import Forbidden, InvalidData
from engine.org.models import Person
from webui.common import context, downloads
from webui.common.i18n import field_error_message
from webui.supervision import levels
from webui.supervision.routes import send_attachment

bp = Blueprint("annual", __name__)


def reader() -> Person:
    """The list of years is a page of the office's, the convener's and the administrator's."""
    me = context.person()
    if not me.sees_whole_body:
        raise Forbidden("the annual pages are the office's")
    return me


def office_member() -> Person:
    """After the record's own check: the person sees the page but only the office acts (403)."""
    me = context.person()
    if not me.is_office:
        raise Forbidden("only the office acts on the annual cycle")
    return me


def _cycle(year: int) -> AnnualCycle:
    """The year's cycle, for the office, convener and administrator; not found for anyone else."""
    return seeing.visible_year(context.db_session(), context.person(), year)


def _unit_cycle(year: int, unit: str) -> AnnualCycle:
    """The year's cycle on a member unit's page, for those who see the year and the unit's liaisons."""
    return seeing.visible_unit_year(context.db_session(), context.person(), year, unit)


def _messages(invalid: InvalidData) -> dict[str, str]:
    return {name: field_error_message(error) for name, error in invalid.errors.items()}


@bp.get("/annual")
@login_required
def index():
    me = reader()
    cycles = views.cycles_of(context.db_session(), me.body_id)
    if cycles:
        return redirect(url_for("annual.show", year=cycles[-1].year))
    return render_template("annual/none.html")


@bp.get("/annual/<int:year>")
@login_required
def show(year: int):
    session, cycle = context.db_session(), _cycle(year)
    rows = views.overview(session, cycle)
    return render_template(
        "annual/show.html",
        cycle=cycle,
        rows=rows,
        cycles=views.cycles_of(session, cycle.body_id),
        submitted=sum(1 for r in rows if r.submissions),
        pending=sum(1 for r in rows if r.review_task),
        past_deadline=context.now() > cycle.deadline_at,
    )


@bp.get("/annual/<int:year>/units/<code>")
@login_required
def unit(year: int, code: str, errors: dict | None = None, form: dict | None = None, status: int = 200):
    cycle = _unit_cycle(year, code)
    view = unit_view(context.db_session(), context.person(), cycle, code)
    page = render_template(
        "annual/unit.html",
        cycle=cycle,
        row=view.row,
        documents=view.documents,
        may_attach=view.may_attach,
        errors=errors or {},
        form=form or {},
    )
    return page, status


@bp.post("/annual/<int:year>/units/<code>/documents")
@login_required
def attach(year: int, code: str):
    upload = request.files.get("file")
    try:
        with context.unit_of_work() as uow:
            me = context.person_in(uow)
            cycle = seeing.visible_unit_year(uow.session, me, year, code)
            content = upload.read() if upload else b""
            filename = upload.filename if upload else ""
            documents.attach(uow.session, me, cycle, code, filename, content, context.now())
            uow.commit()
    except InvalidData as invalid:
        return unit(year, code, errors=_messages(invalid), status=422)
    flash(_("附件已上传。"), "success")
    return redirect(url_for("annual.unit", year=year, code=code))


@bp.get("/annual/documents/<int:attachment_id>")
@login_required
def document(attachment_id: int):
    return send_attachment(seeing.visible_document(context.db_session(), context.person(), attachment_id))


@bp.post("/annual/documents/<int:attachment_id>/level")
@login_required
def set_document_level(attachment_id: int):
    """The office's 密级 of a submission's document (docs/CONFIDENTIALITY.md)."""
    with context.unit_of_work() as uow:
        me = context.person_in(uow)
        found = seeing.visible_document(uow.session, me, attachment_id)
        submission = uow.session.get(AnnualSubmission, found.owner_id)
        back = url_for("annual.unit", year=uow.session.get(AnnualCycle, submission.cycle_id).year, code=submission.unit)
        levels.change(uow, me, found)
    return redirect(back)


@bp.post("/annual/<int:year>/units/<code>/review")
@login_required
def review(year: int, code: str):
    _unit_cycle(year, code)  # not found (404) before not the office's (403)
    office_member()
    form = {key: request.form.get(key, "").strip() for key in ("review_decision", "review_comments", "resubmit_by")}
    try:
        with context.unit_of_work() as uow:
            me = context.person_in(uow)
            office.review(uow, me, seeing.visible_unit_year(uow.session, me, year, code), code, form, context.now())
            uow.commit()
    except InvalidData as invalid:
        return unit(year, code, errors=_messages(invalid), form=form, status=422)
    flash(_("已退回修改。") if form["review_decision"] == "return" else _("已接收。"), "success")
    return redirect(url_for("annual.show", year=year))


@bp.post("/annual/<int:year>/accept-all")
@login_required
def accept_all(year: int):
    _cycle(year)  # not found (404) before not the office's (403)
    office_member()
    with context.unit_of_work() as uow:
        me = context.person_in(uow)
        count = office.accept_all(uow, me, seeing.visible_year(uow.session, me, year), context.now())
        uow.commit()
    flash(_("已接收 %(num)s 份报送材料。", num=count), "success")
    return redirect(url_for("annual.show", year=year))


@bp.get("/annual/<int:year>/compile")
@login_required
def compile_page(year: int, text: str | None = None, errors: dict | None = None, status: int = 200):
    session, cycle = context.db_session(), _cycle(year)
    saved = drafts.versions(session, cycle.id)
    if text is None:
        text = drafts.gather(session, cycle) if request.args.get("regather") else drafts.current_text(session, cycle)
    page = render_template(
        "annual/compile.html",
        cycle=cycle,
        text=text,
        versions=saved,
        based_on=saved[-1].number if saved else 0,
        may_edit=context.person().is_office and cycle.status != "archived",
        compile_open=views.open_task(session, cycle, "compile_summary") is not None,
        errors=errors or {},
    )
    return page, status


@bp.post("/annual/<int:year>/compile")
@login_required
def save(year: int):
    """Save the edited draft as a new version; with action=finalise, also make it final."""
    _cycle(year)  # not found (404) before not the office's (403)
    office_member()
    text, finalising = request.form.get("text", ""), request.form.get("action") == "finalise"
    try:
        based_on = int(request.form.get("based_on") or 0)
    except ValueError:
        abort(400)
    try:
        with context.unit_of_work() as uow:
            me = context.person_in(uow)
            cycle = seeing.visible_year(uow.session, me, year)
            draft = office.save_draft(uow, me, cycle, text, based_on, context.now())
            if finalising:
                office.finalise(uow, me, cycle, "", context.now())
            uow.commit()
    except InvalidData as invalid:
        return compile_page(year, text=text, errors=_messages(invalid), status=422)
    flash(
        _("已定稿（第 %(num)s 稿）。", num=draft.number)
        if finalising
        else _("已保存第 %(num)s 稿。", num=draft.number),
        "success",
    )
    return redirect(url_for("annual.compile_page", year=year))


@bp.get("/annual/<int:year>/export.docx")
@login_required
def export(year: int):
    session, cycle = context.db_session(), _cycle(year)
    office_member()
    data = docx_export.of_cycle(session, cycle)
    return downloads.docx(data, f"annual-summary-{year}.docx")
