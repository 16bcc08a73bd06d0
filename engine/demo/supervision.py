"""The demo's supervision ledger: issued office minutes whose decided items are under
supervision, one closed, one overdue, one due soon, one on track with its units' reports.
(The demo's other office meeting, issued a week before DEMO_NOW, adds two on-track items.)"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from engine.core import audit
from engine.core.db import Database
from engine.core.uow import UnitOfWork
from engine.demo.walkthrough import act, days_after, minutes, proposed
from engine.meetings.models import Meeting
from engine.org import accounts
from engine.supervision import commands
from engine.supervision.models import SupervisedItem
from engine.workflow import instances

# A one-page PDF: the evidence the demo's closed item was accepted with.
EVIDENCE_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def issue_office_minutes(
    db: Database, now: datetime, units: list[str], decided_items: str, title: str = "办公室会议"
) -> int:
    """An office meeting proposed at `now`, held two days later and signed by the director the
    same afternoon: its decided items go under supervision. Returns the meeting's instance."""
    meeting_at = now + timedelta(days=2)
    instance_id = proposed(db, now, units, meeting_at, title)
    act(db, "office.director", instance_id, "decide_meeting", {"decision": "approve", "chair": "office.director"}, now)
    held = meeting_at + timedelta(hours=3)
    fire_timers(db, instance_id, held)
    record = {**minutes(units, held), "decided_items": decided_items}
    act(db, "office.staff", instance_id, "record_minutes", record, held)
    act(db, "office.director", instance_id, "sign_minutes", {"signature": "sign"}, held)
    return instance_id


def fire_timers(db: Database, instance_id: int, now: datetime) -> None:
    """One instance's due timers only, so that walking the past leaves other demo work alone."""
    with UnitOfWork(db) as uow:
        instances.run_command(uow, instance_id, now, lambda wf: wf.refresh_timers())
        audit.record(uow.session, now, "system", "timer", instance_id=instance_id)
        uow.commit()


def items_of(db: Database, meeting_instance_id: int) -> list[SupervisedItem]:
    with db.read_session() as session:
        meeting = session.scalar(select(Meeting).where(Meeting.instance_id == meeting_instance_id))
        query = select(SupervisedItem).where(SupervisedItem.meeting_id == meeting.id)
        return list(session.scalars(query.order_by(SupervisedItem.number)))


def demo_items(now: datetime) -> str:
    """Closed, overdue, due soon, on track: deadlines laid from the day the demo is loaded."""
    return "\n".join(
        [
            f"排查重点行业企业职业病危害底数｜gxj｜｜{days_after(now, -13)}",
            f"制定职业病危害专项治理实施方案｜yjj｜ybj，czj｜{days_after(now, -7)}",
            f"开展尘肺病患者随访救治｜ybj｜zjj｜{days_after(now, 4)}",
            f"组织《职业病防治法》宣传周活动｜xcb｜czj｜{days_after(now, 27)}",
        ]
    )


def load(db: Database, now: datetime) -> None:
    start = now - timedelta(days=44)
    units = ["yjj", "gxj", "ybj", "zjj", "xcb", "czj"]
    meeting = issue_office_minutes(db, start, units, demo_items(now), "部署职业病防治重点工作")
    closed, overdue, due_soon, on_track = items_of(db, meeting)
    issued = start + timedelta(days=2, hours=3)
    for code in units:  # long since signed for
        act(db, f"liaison.{code}", meeting, "receive_minutes", {"acknowledged": True}, issued + timedelta(days=1),
            unit=code)  # fmt: skip
    _close(db, closed, issued + timedelta(days=20))
    progress = {"action": "progress", "text": "方案已起草，正在征求意见"}
    act(db, "liaison.yjj", overdue.instance_id, "work_item", progress, issued + timedelta(days=14))
    first_month = issued + timedelta(days=30, minutes=1)
    for item in (overdue, due_soon, on_track):
        fire_timers(db, item.instance_id, first_month)
    report = {"progress_text": "宣传周活动方案已印发"}
    act(db, "liaison.xcb", on_track.instance_id, "report_progress", report, first_month + timedelta(days=2))
    part = {"contribution_text": "已安排宣传周活动经费"}
    act(db, "liaison.czj", on_track.instance_id, "contribute", part, now - timedelta(days=3), unit="czj")


def _close(db: Database, item: SupervisedItem, at: datetime) -> None:
    """Completion with its evidence, accepted by the office the next day."""
    with UnitOfWork(db) as uow:
        liaison = accounts.find(uow.session, "liaison.gxj")
        commands.attach(uow, liaison, item.id, "职业病危害底数排查报告.pdf", EVIDENCE_PDF, at, "排查报告")
        uow.commit()
    completion = {"action": "completion", "text": "已排查重点企业86家，建立底数台账"}
    act(db, "liaison.gxj", item.instance_id, "work_item", completion, at)
    act(db, "office.staff", item.instance_id, "verify_completion", {"verdict": "accept"}, at + timedelta(days=1))
