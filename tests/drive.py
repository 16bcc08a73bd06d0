"""Driving an office meeting through the engine's services, as the real roles would."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from engine import accounts, inbox, instances, tasks
from engine.clock import iso
from engine.db import Database
from engine.models import Body, HumanTask
from engine.uow import UnitOfWork


def start_meeting(db: Database, now: datetime, title: str = "测试办公室会议") -> int:
    with UnitOfWork(db) as uow:
        body = uow.session.scalar(select(Body).where(Body.code == "qixing"))
        instance = instances.start(
            uow.session, "office_meeting", body, {"title": title}, "office.staff", now
        )
        uow.commit()
        return instance.id


def open_task(db: Database, instance_id: int, name: str, unit: str | None = None) -> HumanTask:
    with db.read_session() as session:
        found = [
            t
            for t in inbox.all_tasks(session, instance_id=instance_id)
            if t.name == name and unit in (None, t.assignee)
        ]
        assert found, f"no open {name} task in instance {instance_id}"
        return found[0]


def complete(
    db: Database, username: str, task_id: str, data: dict, now: datetime, **kw
) -> HumanTask:
    with UnitOfWork(db) as uow:
        task = tasks.complete(uow, accounts.find(uow.session, username), task_id, data, now, **kw)
        uow.commit()
        return task


def act(db, username, instance_id, name, data, now, unit=None) -> HumanTask:
    return complete(db, username, open_task(db, instance_id, name, unit).id, data, now)


def meeting_at_receipts(db: Database, now: datetime, units: list[str]) -> int:
    """A meeting held and signed, its minutes out with `units` for acknowledgement."""
    meeting_at = now + timedelta(days=2)
    instance_id = start_meeting(db, now)
    act(db, "office.staff", instance_id, "propose_meeting", proposal(units, meeting_at), now)
    act(
        db,
        "office.director",
        instance_id,
        "decide_meeting",
        {"decision": "approve", "chair": "office.director"},
        now,
    )
    held = meeting_at + timedelta(hours=3)
    assert instances.fire_due_timers(db, held) >= 1
    act(db, "office.staff", instance_id, "record_minutes", minutes(units), held)
    act(db, "office.director", instance_id, "sign_minutes", {"signature": "sign"}, held)
    return instance_id


def proposal(units: list[str], meeting_at: datetime) -> dict:
    return {
        "title": "研究职业病防治重点工作",
        "topics": "1. 通报工作进展\n2. 研究下一步安排",
        "meeting_at": iso(meeting_at),
        "place": "区卫生健康局三楼会议室",
        "attending_units": units,
    }


def minutes(units: list[str]) -> dict:
    return {
        "attended_units": units,
        "minutes_text": "会议研究了有关事项。",
        "decided_items": "事项一",
    }
