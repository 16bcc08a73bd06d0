"""催办记录 as the pages name them: a reminder's kind, each delivery's channel, status and
recipient, and whether the unit it was for may be linked to. The reminders themselves are read by
engine.reminders.history."""

from __future__ import annotations

from flask import Flask
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from engine.org import access
from webui.common import context, display

KIND_NAMES = {
    "before": _l("到期前提醒"),
    "due": _l("到期提醒"),
    "overdue": _l("逾期催办"),
    "escalation": _l("逾期通报"),
    "manual": _l("人工催办"),
    "urgent": _l("紧急提醒"),
}
CHANNEL_NAMES = {"in_app": _l("站内"), "email": _l("邮件"), "webhook": _l("工作群")}
DELIVERY_NAMES = {
    "pending": _l("待发送"),
    "sending": _l("发送中"),
    "sent": _l("已送达"),
    "failed": _l("发送失败"),
    "skipped": _l("已取消"),
}


def may_see_unit(code: str | None) -> bool:
    """Whether the signed-in person may open the unit's page (engine.org.access), to link to it."""
    return access.can_see_unit(context.person(), code)


def recipient_name(recipient: str) -> str:
    if recipient.startswith("body:"):
        return _("工作群机器人")
    return display.person_name(recipient)


def _named(names: dict, key: str) -> str:
    return str(names.get(key, key))


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(
        reminder_kind=lambda kind: _named(KIND_NAMES, kind),
        channel_name=lambda channel: _named(CHANNEL_NAMES, channel),
        delivery_name=lambda status: _named(DELIVERY_NAMES, status),
        recipient_name=recipient_name,
    )
    app.jinja_env.globals["may_see_unit"] = may_see_unit
