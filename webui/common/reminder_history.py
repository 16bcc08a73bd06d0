"""催办记录 as the pages read them: a task's or a unit's reminders, newest first, each with the
deliveries it made (to whom, through which channel, delivered or not)."""

from __future__ import annotations

from flask import Flask
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from engine.org import access
from engine.reminders.models import Reminder
from webui.common import context, display

UNIT_HISTORY_LIMIT = 200  # a unit's page lists its most recent reminders

KIND_NAMES = {
    "before": _l("到期前提醒"),
    "due": _l("到期提醒"),
    "overdue": _l("逾期催办"),
    "escalation": _l("逾期通报"),
    "manual": _l("人工催办"),
}
CHANNEL_NAMES = {"in_app": _l("站内"), "email": _l("邮件"), "webhook": _l("工作群")}
DELIVERY_NAMES = {
    "pending": _l("待发送"),
    "sending": _l("发送中"),
    "sent": _l("已送达"),
    "failed": _l("发送失败"),
    "skipped": _l("已取消"),
}


def _newest_first(query):
    return query.options(selectinload(Reminder.messages)).order_by(Reminder.created_at.desc(), Reminder.id.desc())


def for_task(task_id: str) -> list[Reminder]:
    return list(context.db_session().scalars(_newest_first(select(Reminder).where(Reminder.task_id == task_id))))


def for_unit(body_id: int, unit: str) -> list[Reminder]:
    query = select(Reminder).where(Reminder.body_id == body_id, Reminder.unit == unit)
    query = _newest_first(query).options(selectinload(Reminder.task)).limit(UNIT_HISTORY_LIMIT)
    return list(context.db_session().scalars(query))


def counts_by_task(task_ids: list[str]) -> dict[str, int]:
    """How many times each task has been reminded: one grouped COUNT."""
    if not task_ids:
        return {}
    query = select(Reminder.task_id, func.count()).where(Reminder.task_id.in_(task_ids)).group_by(Reminder.task_id)
    return dict(context.db_session().execute(query).all())


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
