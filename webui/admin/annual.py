"""年度总结设置: the day the scheduler starts the body's annual cycle, the units' deadline and
whether the convener approves the result. For the administrator and the office director; a
change applies from the next cycle (engine.annual.settings)."""

from __future__ import annotations

from dataclasses import asdict

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required

from engine.annual import settings
from engine.core.errors import InvalidData
from webui.admin import bp
from webui.admin.access import administrator
from webui.common import context

MESSAGES = {
    "not_month_day": _l("请按“月-日”填写，如 12-01。"),
    "deadline_before_start": _l("报送截止日须在发起日之后（同一年内）。"),
}


@bp.get("/admin/annual")
@login_required
def annual_page():
    administrator()
    current = settings.settings_of(context.db_session(), context.person().body_id)
    return _page(asdict(current), {})


@bp.post("/admin/annual")
@login_required
def annual_save():
    me = administrator()
    form = {
        "start_day": request.form.get("start_day", "").strip(),
        "deadline_day": request.form.get("deadline_day", "").strip(),
        "require_convener_approval": request.form.get("require_convener_approval") == "on",
    }
    try:
        with context.unit_of_work() as uow:
            settings.save(uow.session, me.body_id, form, me.username, context.now())
            uow.commit()
    except InvalidData as invalid:
        return _page(form, {name: str(MESSAGES[error.code]) for name, error in invalid.errors.items()}, 422)
    flash(_("年度总结设置已保存，自下一年度起生效。"), "success")
    return redirect(url_for("admin.annual_page"))


def _page(form: dict, errors: dict[str, str], status: int = 200):
    return render_template("admin/annual.html", form=form, errors=errors, defaults=settings.DEFAULTS), status
