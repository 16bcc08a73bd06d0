"""A body's own settings (催办规则): its reminder offsets, its enterprise-chat robot and how often
its full meeting sits. The offsets are checked by engine.reminders.policy before they are saved,
and the body's reminders replanned after (engine.reminders.planning.replan): the roster knows
neither."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from engine.core import audit
from engine.org.models import Body


def save_settings(
    session: Session,
    body_id: int,
    *,
    reminder_policy: str,
    webhook_url: str | None,
    clear_webhook: bool,
    full_meeting_every_months: int | None,
    actor: str,
    now: datetime,
) -> Body:
    """Keep the body's settings, audited. A new robot address replaces the old one; without one
    the old stays, unless `clear_webhook`. The audit says only whether a robot is set: its
    address carries its key."""
    body = session.get(Body, body_id)
    before = {"policy": body.reminder_policy, "webhook": bool(body.webhook_url)}
    body.reminder_policy = reminder_policy
    if webhook_url:
        body.webhook_url = webhook_url
    elif clear_webhook:
        body.webhook_url = None
    body.full_meeting_every_months = full_meeting_every_months
    after = {"policy": body.reminder_policy, "webhook": bool(body.webhook_url)}
    audit.record(session, now, actor, "reminder_settings", body_id=body.id, before=before, after=after)
    return body
