"""登录记录: recent sign-ins, failures, lock-outs and credential changes (engine.org.sign_in_log), for
the body's administrator, who unlocks accounts and resets passwords; their own body's only. The
events of no body (user names nobody has, locked addresses) are the site administrator's
(webui.site.sign_ins), on the same template."""

from __future__ import annotations

from flask import abort, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required

from engine.core.models import AuditEvent
from engine.dashboard import paging
from engine.org import sign_in_log
from engine.roster import access as roster_access
from webui.admin import bp
from webui.common import context, display

FILTERS = {
    "all": _l("全部"),
    "success": _l("登录成功"),
    "failure": _l("登录失败"),
    "lockout": _l("锁定"),
    "other": _l("其他"),
}
WHAT = {
    "sign_in": _l("登录成功"),
    "sign_in_failed": _l("登录失败"),
    "sign_in_throttled": _l("尝试过多，已拒绝"),
    "sign_in_locked": _l("已锁定"),
    "sign_out": _l("退出登录"),
    "password_changed": _l("修改了密码"),
    "api_token_issued": _l("发放接口令牌"),
    "api_token_revoked": _l("吊销接口令牌"),
}
REASONS = {
    "password": _l("密码不正确"),
    "unknown_user": _l("没有这个用户名"),
    "may_not_sign_in": _l("账号已停用或锁定"),
}


@bp.get("/admin/sign-ins")
@login_required
def sign_ins():
    me = context.person()
    if not roster_access.may_administer(me):
        abort(403)
    return page(me.body_id, "admin.sign_ins", "admin/_tabs.html")


def page(body_id: int | None, endpoint: str, tabs: str):
    chosen = request.args.get("outcome") if request.args.get("outcome") in FILTERS else "all"
    query = sign_in_log.of_body(body_id, None if chosen == "all" else chosen)
    shown = paging.paginate(context.db_session(), query, paging.page_number(request.args.get("page")))
    return render_template(
        "admin/sign_ins.html",
        events=[_row(e) for e in shown.items],
        page=shown,
        filters=FILTERS,
        chosen=chosen,
        endpoint=endpoint,
        tabs=tabs,
        args={"outcome": chosen} if chosen != "all" else {},
    )


def _row(event: AuditEvent) -> dict:
    after = event.after or {}
    token = event.action.startswith("api_token")
    return {
        "at": event.at,
        "username": event.summary if token else event.actor,
        "what": WHAT[event.action],
        "failed": event.action in sign_in_log.OUTCOMES["failure"] + sign_in_log.OUTCOMES["lockout"],
        "address": after.get("address", ""),
        "detail": _detail(event.action, after),
    }


def _detail(action: str, after: dict) -> str:
    if action == "sign_in_failed":
        return str(REASONS.get(after.get("reason"), ""))
    if action == "sign_in_throttled":
        return _("需等待 %(seconds)s 秒", seconds=after.get("retry_after"))
    if action == "sign_in_locked":
        until = display.local_time(after.get("until"))
        return (
            _("账号锁定至 %(time)s", time=until)
            if after.get("locked") == "user"
            else _("该地址锁定至 %(time)s", time=until)
        )
    if action.startswith("api_token"):
        return _("令牌编号 %(id)s", id=after.get("token_id"))
    return ""
