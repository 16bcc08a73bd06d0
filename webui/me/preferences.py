"""通知设置: how a person hears of reminders — the channels, their e-mail address, the daily digest.

站内通知 is always on: the notification centre is where every reminder can be found again. The
body's 工作群机器人 is the office's to set (webui.admin.reminders), not a person's.
"""

from __future__ import annotations

import re

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from engine.reminders.recipients import channels_of, choose_channels
from webui.common import context
from webui.me import bp

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
EMAIL_MAX = 200


@bp.get("/preferences")
@login_required
def preferences():
    me = context.person()
    form = {"email_channel": "email" in channels_of(me), "email": me.email or "", "digest": me.digest}
    return _page(form, {})


@bp.post("/preferences")
@login_required
def preferences_save():
    form = {
        "email_channel": request.form.get("email_channel") == "on",
        "email": request.form.get("email", "").strip(),
        "digest": request.form.get("digest") == "on",
    }
    errors = _check(form)
    if errors:
        return _page(form, errors, 422)
    with context.unit_of_work() as uow:
        choose_channels(
            context.person_in(uow), by_email=form["email_channel"], email=form["email"], digest=form["digest"]
        )
        uow.commit()
    flash(_("通知设置已保存。"), "success")
    return redirect(url_for("me.preferences"))


def _check(form: dict) -> dict[str, str]:
    errors = {}
    if len(form["email"]) > EMAIL_MAX:
        errors["email"] = _("不能超过 %(max)s 个字。", max=EMAIL_MAX)
    elif form["email"] and not EMAIL.match(form["email"]):
        errors["email"] = _("请输入有效的电子邮件地址，如 name@example.gov.cn。")
    elif form["email_channel"] and not form["email"]:
        errors["email"] = _("选择电子邮件通知时，请填写电子邮件地址。")
    if form["digest"] and not form["email_channel"]:
        errors["digest"] = _("每日汇总通过电子邮件发送，请同时选择电子邮件。")
    return errors


def _page(form: dict, errors: dict[str, str], status: int = 200):
    body = context.person().body
    return render_template("me/preferences.html", form=form, errors=errors, has_webhook=bool(body.webhook_url)), status
