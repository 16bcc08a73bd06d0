"""催办规则: the body's own reminder offsets (Body.reminder_policy, a form of the engine's Policy:
webui.admin.policy_form) and its enterprise-chat robot (Body.webhook_url). For the administrator
and the office director.

The robot's address carries its key, so the page never shows it back: it says whether one is
set and on which host; a new address replaces it, and a box removes it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from engine.reminders import changes
from engine.reminders.policy import Policy
from engine.reminders.policy import in_force as policy_in_force
from engine.reminders.policy import saved as saved_policy
from webui.admin import bp, policy_form
from webui.admin.access import administrator
from webui.common import context

WEBHOOK_MAX = 500  # Body.webhook_url


@bp.get("/admin/reminders")
@login_required
def reminders_page():
    administrator()
    body = context.person().body
    every = body.full_meeting_every_months
    form = {"webhook_url": "", "clear_webhook": False, "meeting_every": str(every or "")}
    return _page({**policy_form.shown(policy_in_force(body.reminder_policy)), **form}, {})


@bp.post("/admin/reminders")
@login_required
def reminders_save():
    me = administrator()
    form = {
        **policy_form.typed(request.form, policy_in_force(me.body.reminder_policy)),
        "webhook_url": request.form.get("webhook_url", "").strip(),
        "clear_webhook": request.form.get("clear_webhook") == "on",
        "meeting_every": request.form.get("meeting_every", "").strip(),
    }
    policy, policy_errors = policy_form.policy_text(form)
    errors = {
        **policy_errors,
        **_webhook_errors(form["webhook_url"]),
        **_every_errors(form["meeting_every"]),
    }
    if errors:
        return _page(form, errors, 422)
    with context.unit_of_work() as uow:
        changes.save_body_settings(
            uow.session,
            me.body_id,
            reminder_policy=policy,
            webhook_url=form["webhook_url"],
            clear_webhook=form["clear_webhook"],
            full_meeting_every_months=int(form["meeting_every"]) if form["meeting_every"] else None,
            actor=me.username,
            now=context.now(),
        )
        uow.commit()
    flash(_("催办规则已保存。"), "success")
    return redirect(url_for("admin.reminders_page"))


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
    return render_template(
        "admin/reminders.html",
        form=form,
        errors=errors,
        effective=saved_policy(body.reminder_policy),
        custom=bool(body.reminder_policy),
        defaults=Policy(),
        webhook_host=urlsplit(body.webhook_url).hostname if body.webhook_url else None,
    ), status
