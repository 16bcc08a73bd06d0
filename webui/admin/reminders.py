"""催办规则: the body's own reminder offsets (Body.reminder_policy, checked by the engine's Policy)
and its enterprise-chat robot (Body.webhook_url). For the administrator and the office director.

The robot's address carries its key, so the page never shows it back: it says whether one is
set and on which host; a new address replaces it, and a box removes it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from engine.org import bodies
from engine.reminders import planning
from engine.reminders.policy import Policy, PolicyProblem
from webui.admin import bp
from webui.admin.access import administrator
from webui.common import context

POLICY_MAX = 200  # Body.reminder_policy
WEBHOOK_MAX = 500  # Body.webhook_url


@bp.get("/admin/reminders")
@login_required
def reminders_page():
    administrator()
    body = context.person().body
    every = body.full_meeting_every_months
    return _page(
        {"policy": body.reminder_policy, "webhook_url": "", "clear_webhook": False, "meeting_every": str(every or "")},
        {},
    )


@bp.post("/admin/reminders")
@login_required
def reminders_save():
    me = administrator()
    form = {
        "policy": request.form.get("policy", "").strip(),
        "webhook_url": request.form.get("webhook_url", "").strip(),
        "clear_webhook": request.form.get("clear_webhook") == "on",
        "meeting_every": request.form.get("meeting_every", "").strip(),
    }
    errors = {
        **_policy_errors(form["policy"]),
        **_webhook_errors(form["webhook_url"]),
        **_every_errors(form["meeting_every"]),
    }
    if errors:
        return _page(form, errors, 422)
    with context.unit_of_work() as uow:
        bodies.save_settings(
            uow.session,
            me.body_id,
            reminder_policy=form["policy"],
            webhook_url=form["webhook_url"],
            clear_webhook=form["clear_webhook"],
            full_meeting_every_months=int(form["meeting_every"]) if form["meeting_every"] else None,
            actor=me.username,
            now=context.now(),
        )
        planning.replan(uow.session, context.now(), body_id=me.body_id)  # the new offsets, for open tasks
        uow.commit()
    flash(_("催办规则已保存。"), "success")
    return redirect(url_for("admin.reminders_page"))


def _policy_errors(text: str) -> dict[str, str]:
    if len(text) > POLICY_MAX:
        return {"policy": _("不能超过 %(max)s 个字。", max=POLICY_MAX)}
    try:
        Policy().with_text(text)
    except PolicyProblem as problem:
        return {"policy": _("催办规则有误：%(problem)s", problem=str(problem))}
    return {}


def _every_errors(text: str) -> dict[str, str]:
    """定期召开: every 1 to 24 months, or blank for as needed."""
    if text and not (text.isdigit() and 1 <= int(text) <= 24):
        return {"meeting_every": _("请填写 1 至 24 之间的月数，或留空表示不定期召开。")}
    return {}


def _webhook_errors(url: str) -> dict[str, str]:
    if not url:
        return {}
    parts = urlsplit(url)
    if len(url) > WEBHOOK_MAX or parts.scheme != "https" or not parts.hostname or any(c.isspace() for c in url):
        return {"webhook_url": _("请输入以 https:// 开头的有效地址。")}
    return {}


def _page(form: dict, errors: dict[str, str], status: int = 200):
    body = context.person().body
    try:
        effective = Policy().with_text(body.reminder_policy)
    except PolicyProblem:  # saved before this page checked it: show the defaults it falls back to
        effective = None
    return render_template(
        "admin/reminders.html",
        form=form,
        errors=errors,
        effective=effective,
        custom=bool(body.reminder_policy),
        defaults=Policy(),
        webhook_host=urlsplit(body.webhook_url).hostname if body.webhook_url else None,
    ), status
