"""站点管理: every body on the installation, a new body created, and what a new body needs before
its own office takes over without the command line: its first unit and its first administrator.

The administrator's temporary password is shown once, on the page the request answers: it is
never flashed, which would keep it in the session cookie.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from engine.core.errors import InvalidData
from engine.org.models import Body
from engine.roster import bodies as body_service
from engine.roster import site, units
from webui.common import context
from webui.common.display import LEVEL_NAMES
from webui.common.i18n import field_error_message
from webui.site import bp, site_admin

BODY_FIELDS = ("code", "name", "level", "government_name", "body_seal", "office_seal", "doc_prefix")
UNIT_FIELDS = ("code", "name", "phone", "email")
ADMIN_FIELDS = ("username", "unit", "display_name", "title", "email", "phone")


@bp.get("/site/bodies")
@login_required
def bodies():
    site_admin()
    return _list_page({"level": "district"}, {})


@bp.post("/site/bodies")
@login_required
def create_body():
    me = site_admin()
    form = _form(BODY_FIELDS)
    try:
        with context.unit_of_work() as uow:
            body = body_service.create(uow.session, form, me.username, context.now())
            uow.commit()
    except InvalidData as invalid:
        return _list_page(form, _messages(invalid), 422)
    flash(_("已创建%(name)s。请为其添加第一个成员单位和管理员。", name=body.name), "success")
    return redirect(url_for("site.body", code=body.code))


@bp.get("/site/bodies/<code>")
@login_required
def body(code: str):
    site_admin()
    return _body_page(_body(code))


@bp.post("/site/bodies/<code>/units")
@login_required
def add_unit(code: str):
    me = site_admin()
    body, form = _body(code), _form(UNIT_FIELDS)
    try:
        with context.unit_of_work() as uow:
            unit = units.add(uow.session, body.id, {**form, "kind": "member"}, me.username, context.now())
            uow.commit()
    except InvalidData as invalid:
        return _body_page(body, unit_form=form, unit_errors=_messages(invalid), status=422)
    flash(_("已添加成员单位：%(name)s。", name=unit.name), "success")
    return redirect(url_for("site.body", code=body.code))


@bp.post("/site/bodies/<code>/administrators")
@login_required
def add_administrator(code: str):
    me = site_admin()
    body, form = _body(code), _form(ADMIN_FIELDS)
    try:
        with context.unit_of_work() as uow:
            person, password = site.add_administrator(uow.session, body.id, form, me.username, context.now())
            uow.commit()
            created = (person.display_name, person.username, password)
    except InvalidData as invalid:
        return _body_page(body, admin_form=form, admin_errors=_messages(invalid), status=422)
    context.db_session().rollback()  # its snapshot predates the new administrator
    return _body_page(body, created=created)


def _form(fields: tuple[str, ...]) -> dict[str, str]:
    return {name: request.form.get(name, "").strip() for name in fields}


def _messages(invalid: InvalidData) -> dict[str, str]:
    return {name: field_error_message(error) for name, error in invalid.errors.items()}


def _body(code: str) -> Body:
    return site.find(context.db_session(), code)


def _list_page(form: dict, errors: dict[str, str], status: int = 200):
    rows = site.overview(context.db_session())
    return render_template("site/bodies.html", rows=rows, form=form, errors=errors, levels=LEVEL_NAMES), status


def _body_page(body: Body, status: int = 200, **shown):
    session = context.db_session()
    return render_template(
        "site/body.html",
        body=body,
        levels=LEVEL_NAMES,
        members=[u for u in body.units if u.kind == "member"],
        administrators=site.administrators(session, body.id),
        unit_form=shown.get("unit_form", {}),
        unit_errors=shown.get("unit_errors", {}),
        admin_form=shown.get("admin_form", {}),
        admin_errors=shown.get("admin_errors", {}),
        created=shown.get("created"),
    ), status
