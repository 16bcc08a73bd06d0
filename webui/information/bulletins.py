"""Bulletins (简报): the issues the person sees, beginning one (the office), an issue's page as
its .docx has it, with the copies signed for, and the .docx. Before release only the whole body's
readers see an issue; once released, the units it went to (engine.information.access)."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required
from sqlalchemy import select

from engine.core.errors import InvalidData
from engine.documents import layout
from engine.information import access, bulletin_docx, bulletins
from engine.org.queries import unit_names
from engine.workflow.models import HumanTask
from webui.common import context, downloads
from webui.information.reports import bp


@bp.get("/bulletins")
@login_required
def bulletins_page():
    session, me = context.db_session(), context.person()
    found = [b for b in bulletins.of_body(session, me.body_id) if access.can_see_bulletin(session, me, b)]
    return render_template(
        "information/bulletins.html",
        bulletins=found,
        numbers={b.id: bulletins.number_of(session, b) for b in found},
        candidates=len(bulletins.candidates(session, me.body_id)) if me.is_office else 0,
    )


@bp.post("/bulletins/new")
@login_required
def begin_bulletin():
    """An issue to compile: straight to its first task, where the office chooses the reports."""
    with context.unit_of_work() as uow:
        try:
            bulletin = bulletins.begin(uow.session, context.person_in(uow), context.now())
        except InvalidData:
            flash(_("没有可编入简报的信息：办公室采用的信息才能编入。"), "error")
            return redirect(url_for("information.bulletins_page"))
        task = uow.session.scalar(select(HumanTask.id).where(HumanTask.instance_id == bulletin.instance_id))
        uow.commit()
    return redirect(url_for("tasks.show", task_id=task))


@bp.get("/bulletins/<int:bulletin_id>")
@login_required
def bulletin(bulletin_id: int):
    session, me = context.db_session(), context.person()
    found = access.visible_bulletin(session, me, bulletin_id)
    sheet = bulletin_docx.sheet_of(session, found)
    return render_template(
        "information/bulletin.html",
        bulletin=found,
        sheet=sheet,
        dated=layout.chinese_date(sheet.dated),
        copies=bulletins.copies(session, found),
        units=unit_names(session, found.body_id),
    )


@bp.get("/bulletins/<int:bulletin_id>.docx")
@login_required
def bulletin_docx_file(bulletin_id: int):
    session = context.db_session()
    found = access.visible_bulletin(session, context.person(), bulletin_id)
    sheet = bulletin_docx.sheet_of(session, found)
    name = "".join(sheet.masthead[-1].split())  # 简报 or 工作动态
    return downloads.docx(bulletin_docx.render(sheet), f"{name}{sheet.number}.docx")
