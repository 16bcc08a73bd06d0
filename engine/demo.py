"""`lianxi init-db --demo`: a living Qixing body — people, processes, and work in progress."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from engine import accounts, deploy, inbox, instances, tasks
from engine.clock import iso
from engine.db import Database
from engine.demo_roster import BODY, OFFICE, UNITS
from engine.models import Body, Unit
from engine.uow import UnitOfWork

DEMO_PASSWORD = "qixing-demo-2026"


def load(db: Database, workflows_dir: Path, now: datetime) -> list[str]:
    """Load the body once (a second run changes nothing); returns the demo logins."""
    with UnitOfWork(db) as uow:
        if uow.session.scalar(select(Body.id).where(Body.code == BODY[0])) is None:
            _roster(uow, now)
            sources, forms = deploy.read_bpmn_files(sorted(workflows_dir.glob("*.bpmn")))
            deploy.deploy(uow.session, sources, forms, "demo", now)
            uow.commit()
            _work_in_progress(db, now)
    return [name for name, *_ in OFFICE] + [f"liaison.{code}" for code, *_ in UNITS]


def _roster(uow: UnitOfWork, now: datetime) -> None:
    body = Body(code=BODY[0], name=BODY[1], level="district")
    uow.session.add(body)
    for order, (code, name, _title) in enumerate(UNITS):
        uow.session.add(Unit(body=body, code=code, name=name, sort_order=order))
    uow.session.flush()
    for username, unit, roles, display, title in OFFICE:
        accounts.create(
            uow.session,
            username,
            unit,
            roles,
            display_name=display,
            title=title,
            password=DEMO_PASSWORD,
            now=now,
        )
    for code, name, title in UNITS:
        accounts.create(
            uow.session,
            f"liaison.{code}",
            code,
            ["liaison"],
            display_name=f"{name}联络员",
            password=DEMO_PASSWORD,
            now=now,
        )
        accounts.create(
            uow.session,
            f"member.{code}",
            code,
            ["member"],
            display_name=f"{name}成员",
            title=title,
            now=now,
        )


def _work_in_progress(db: Database, now: datetime) -> None:
    """One office meeting awaiting the director's decision, and one whose minutes are out with
    the attending units for acknowledgement, two of which have already signed for them."""
    _start_meeting(
        db,
        now,
        "研究部署职业病危害专项治理工作",
        days_ahead=7,
        units=["wjj", "rsj", "zgh", "yjj", "gxj"],
    )
    held = _start_meeting(
        db,
        now - timedelta(days=10),
        "筹备联席会议全体会议",
        days_ahead=3,
        units=["wjj", "rsj", "zgh", "scjgj", "sthjj", "wsjds"],
    )
    _complete(
        db,
        "office.director",
        held,
        "decide_meeting",
        now - timedelta(days=9),
        {"decision": "approve", "chair": "office.deputy"},
    )
    instances.fire_due_timers(db, now - timedelta(days=7))
    _complete(
        db,
        "office.staff",
        held,
        "record_minutes",
        now - timedelta(days=6),
        {
            "attended_units": ["wjj", "rsj", "zgh", "scjgj", "sthjj", "wsjds"],
            "minutes_text": "会议听取了各成员单位职业病防治工作进展情况汇报，"
            "研究了全体会议筹备事项。",
            "decided_items": "区卫健局牵头起草年度工作要点\n"
            "区人社局配合开展用人单位劳动合同专项检查",
        },
    )
    _complete(
        db, "office.deputy", held, "sign_minutes", now - timedelta(days=5), {"signature": "sign"}
    )
    for code in ("wjj", "rsj"):
        _complete(
            db,
            f"liaison.{code}",
            held,
            "receive_minutes",
            now - timedelta(days=4),
            {"acknowledged": True},
            unit=code,
        )


def _start_meeting(db: Database, at: datetime, title: str, days_ahead: int, units: list) -> int:
    with UnitOfWork(db) as uow:
        body = uow.session.scalar(select(Body).where(Body.code == BODY[0]))
        instance = instances.start(
            uow.session, "office_meeting", body, {"title": title}, "office.staff", at
        )
        uow.commit()
    _complete(
        db,
        "office.staff",
        instance.id,
        "propose_meeting",
        at,
        {
            "title": title,
            "topics": "1. 通报近期工作进展\n2. 研究下一步工作安排",
            "meeting_at": iso((at + timedelta(days=days_ahead)).replace(hour=9, minute=30)),
            "place": "区卫生健康局三楼会议室",
            "attending_units": units,
        },
    )
    return instance.id


def _complete(
    db: Database,
    username: str,
    instance_id: int,
    name: str,
    at: datetime,
    data: dict,
    unit: str | None = None,
) -> None:
    with UnitOfWork(db) as uow:
        task = next(
            t
            for t in inbox.all_tasks(uow.session, instance_id=instance_id)
            if t.name == name and unit in (None, t.assignee)
        )
        tasks.complete(uow, accounts.find(uow.session, username), task.id, data, at)
        uow.commit()
