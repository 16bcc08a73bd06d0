"""A body's own settings (催办规则): the offsets, the robot's address kept, replaced or removed,
how often the full meeting sits, and the audit that never shows the robot's key."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from engine.core.clock import SHANGHAI
from engine.core.models import AuditEvent
from engine.core.uow import UnitOfWork
from engine.org import bodies, queries

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=SHANGHAI)
ROBOT = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=secret"


def save(db, **changes) -> None:
    values = {
        "reminder_policy": "",
        "webhook_url": "",
        "clear_webhook": False,
        "full_meeting_every_months": None,
        "actor": "office.director",
        "now": NOW,
    }
    with UnitOfWork(db) as uow:
        body_id = queries.body_by_code(uow.session, "qixing").id
        bodies.save_settings(uow.session, body_id, **{**values, **changes})
        uow.commit()


def qixing(db):
    with db.read_session() as session:
        return queries.body_by_code(session, "qixing")


def test_the_robot_is_kept_unless_replaced_or_removed(db):
    save(db, reminder_policy="before=1", webhook_url=ROBOT, full_meeting_every_months=6)
    body = qixing(db)
    assert (body.reminder_policy, body.webhook_url, body.full_meeting_every_months) == ("before=1", ROBOT, 6)
    save(db, reminder_policy="before=1")  # no new address: the robot stays
    assert qixing(db).webhook_url == ROBOT and qixing(db).full_meeting_every_months is None
    save(db, webhook_url=ROBOT + "2", clear_webhook=True)  # a new address wins over the box
    assert qixing(db).webhook_url == ROBOT + "2"
    save(db, clear_webhook=True)
    assert qixing(db).webhook_url is None


def test_each_save_is_audited_without_the_robots_address(db):
    save(db, reminder_policy="before=1", webhook_url=ROBOT)
    save(db, clear_webhook=True)
    with db.read_session() as session:
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "reminder_settings").order_by(AuditEvent.id)
        ).all()
    assert [(e.actor, e.before, e.after) for e in events] == [
        ("office.director", {"policy": "", "webhook": False}, {"policy": "before=1", "webhook": True}),
        ("office.director", {"policy": "before=1", "webhook": True}, {"policy": "", "webhook": False}),
    ]
    assert all("secret" not in str(e.after) + str(e.before) for e in events)
