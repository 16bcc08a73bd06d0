"""`lianxi init-db --demo`: a living Qixing body — people, processes, and work in progress — and
beside it a city's body (engine.demo.city)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from engine.core.db import Database
from engine.core.uow import UnitOfWork
from engine.demo import city, walkthrough
from engine.demo import plans as demo_plans
from engine.demo import supervision as demo_supervision
from engine.demo.roster import BODY, DUTIES, GOVERNMENT, GUESTS, OFFICE, PROFILE, UNITS
from engine.org import accounts
from engine.org.models import Body, Unit
from engine.reminders import planning
from engine.workflow import deploy

DEMO_PASSWORD = "qixing-demo-2026"


def load(db: Database, workflows_dir: Path, now: datetime) -> list[str]:
    """Load the bodies once (a second run changes nothing); returns the demo logins."""
    with UnitOfWork(db) as uow:
        if uow.session.scalar(select(Body.id).where(Body.code == BODY[0])) is None:
            _roster(uow, now)
            sources, forms = deploy.read_bpmn_files(sorted(workflows_dir.glob("*.bpmn")))
            deploy.deploy(uow.session, sources, forms, "demo", now)
            uow.commit()
            _work_in_progress(db, now)
            demo_supervision.load(db, now)
            demo_plans.load(db, workflows_dir.parent / "plans", now)
    logins = city.load(db, now, DEMO_PASSWORD)
    planning.plan_due(db, now)
    return [name for name, *_ in OFFICE] + [f"liaison.{code}" for code, *_ in [*UNITS, *GUESTS, GOVERNMENT]] + logins


def _roster(uow: UnitOfWork, now: datetime) -> None:
    body = Body(code=BODY[0], name=BODY[1], **PROFILE)
    uow.session.add(body)
    for order, (code, name, _title) in enumerate(UNITS):
        uow.session.add(
            Unit(body=body, code=code, name=name, sort_order=order, kind="member", duties=DUTIES.get(code, ""))
        )
    for order, (code, name) in enumerate(GUESTS, start=len(UNITS)):
        uow.session.add(Unit(body=body, code=code, name=name, sort_order=order, kind="guest"))
    uow.session.add(Unit(body=body, code=GOVERNMENT[0], name=GOVERNMENT[1], sort_order=99, kind="government"))
    uow.session.flush()
    for username, unit, roles, display, title in OFFICE:
        accounts.create(
            uow.session, username, unit, roles, display_name=display, title=title, password=DEMO_PASSWORD, now=now
        )
    for code, name, *_ in [*UNITS, *GUESTS, GOVERNMENT]:
        accounts.create(
            uow.session,
            f"liaison.{code}",
            code,
            ["liaison"],
            display_name=f"{name}联络员",
            password=DEMO_PASSWORD,
            now=now,
        )
    for code, name, title in UNITS:
        accounts.create(
            uow.session, f"member.{code}", code, ["member"], display_name=f"{name}成员", title=title, now=now
        )


def _work_in_progress(db: Database, now: datetime) -> None:
    """An office meeting awaiting the director's decision; another whose minutes are out with
    the attending units, two of which have signed for them and four of which are late; and a
    full meeting whose minutes are being co-signed."""
    walkthrough.proposed(
        db,
        now,
        ["wjj", "rsj", "zgh", "yjj", "gxj"],
        now + timedelta(days=7),
        "研究部署职业病危害专项治理工作",
    )
    units = ["wjj", "rsj", "zgh", "scjgj", "sthjj", "wsjds"]
    held = walkthrough.at_receipts(
        db, now - timedelta(days=10), units, chair="office.deputy", title="筹备联席会议全体会议"
    )
    for code in ("wjj", "rsj"):
        walkthrough.act(
            db,
            f"liaison.{code}",
            held,
            "receive_minutes",
            {"acknowledged": True},
            now - timedelta(days=4),
            unit=code,
        )
    # A full meeting in co-signing: the minutes went out yesterday; the first ten units have
    # signed, the rest are still owed. 华侨旅游经济区 was absent; 漓东街道 missed the topic round.
    full, sent = walkthrough.full_meeting_in_cosigning(
        db, now - timedelta(days=13, hours=4), absent=("hqlyq",), late=("ldjd",)
    )
    for code, *_ in UNITS[:10]:
        walkthrough.act(
            db, f"liaison.{code}", full, "cosign_minutes", {"decision": "agree"}, sent + timedelta(hours=2), unit=code
        )
