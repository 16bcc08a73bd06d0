"""One record of each kind in the demo body, with the URL values of its pages, who it belongs to
and who of another unit must not see it: the `records` fixture (tests/web/conftest.py) of the
route walks (tests/web/test_route_access.py, tests/web/test_every_page_reads.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from annual_setup import cycle_of
from incident_steps import failed_step
from information_steps import filed, released, request_of, requested
from inspection_steps import FINDINGS, approved, finding, recorded
from inspection_steps import reported as inspection_report
from other_body import OFFICE as OTHER_BODY_OFFICE
from other_body import new_body
from request_steps import document_of, drafted, started
from research_steps import reported, research_of
from sqlalchemy import select

from engine.annual import cycles, documents
from engine.annual.models import AnnualCycle
from engine.archive import archiving
from engine.attachments import store as attachments
from engine.attachments.models import Attachment
from engine.core.clock import SHANGHAI
from engine.core.uow import UnitOfWork
from engine.demo import walkthrough
from engine.inspections.findings import Evidence
from engine.meetings.models import Meeting
from engine.org import accounts
from engine.plan_runs.models import PlanRun
from engine.plan_runs.runs import plan_of
from engine.reminders.models import Notification
from engine.roster import people
from engine.supervision.models import SupervisedItem
from engine.workflow.forms import FILE_OWNER, Upload
from engine.workflow.models import HumanTask, ProcessInstance

STARTED = datetime(2026, 12, 1, 9, 0, tzinfo=SHANGHAI)
SUBMISSION = {
    "summary": "全年开展职业病防治宣传活动12场。",
    "plan": "开展职业健康宣传周活动｜宣传科｜4月",
    "topics": "联合执法",
}


@dataclass(frozen=True)
class Record:
    """A record of the demo body, its URL values, one who sees it and one of another unit who does not."""

    values: dict
    owner: str
    # mzj takes part in none of the records below; None where only the owner's role opens the
    # kind at all (the roster's administrator): the other body's office, its administrator too, tries it
    outsider: str | None = "liaison.mzj"
    owner_path: str | None = None  # a page the owner opens (200), to show the ids are real; else the first GET route


def _submitted_cycle(db, now: datetime) -> int:
    """The 2026 annual cycle, wjj's submission in with a document attached: the attachment's id."""
    cycles.start_due_cycles(db, STARTED)
    cycle = cycle_of(db, "qixing", 2026)
    walkthrough.act(db, "liaison.wjj", cycle.instance_id, "submit_annual", SUBMISSION, now, unit="wjj")
    with UnitOfWork(db) as uow:
        found = documents.attach(
            uow.session, accounts.find(uow.session, "liaison.wjj"), uow.session.get(AnnualCycle, cycle.id), "wjj",
            "总结.pdf", b"%PDF-1.4\n%test\n", now,
        )  # fmt: skip
        uow.commit()
        return found.id


def _form_file(db, instance_id: int, now: datetime) -> int:
    """A file a task's form kept for the meeting's instance: the attachment's id."""
    with UnitOfWork(db) as uow:
        instance = uow.session.get(ProcessInstance, instance_id)
        found = attachments.store(
            uow.session, instance.body_id, FILE_OWNER, instance_id, "会议材料.pdf", b"%PDF-1.4\n", "office.staff", now
        )
        uow.commit()
        return found.id


def _archived_meeting(db, held_id: int, now: datetime) -> int:
    """Another of the demo's issued meetings, archived by the office: the entry's id."""
    with UnitOfWork(db) as uow:
        issued = select(Meeting.id).where(Meeting.status == "issued", Meeting.id != held_id).order_by(Meeting.id)
        office = accounts.find(uow.session, "office.staff")
        entry = archiving.archive(uow.session, office, "meeting", uow.session.scalar(issued.limit(1)), now)
        uow.commit()
        return entry.id


def _inspection_with_evidence(db, now: datetime) -> dict:
    """An inspection whose team (rsj, yjj, wsjds) recorded one finding with its evidence and reported."""
    instance_id = approved(db, now)
    evidence = Evidence("现场.pdf", b"%PDF-1.4\n")
    found = recorded(db, instance_id, "liaison.yjj", finding(*FINDINGS[0][:4]), now, evidence)
    inspection_report(db, instance_id, now)
    return {"inspection_id": found.inspection_id, "attachment_id": found.evidence_id}


def demo_records(app, clock, read) -> dict[str, Record]:
    """One record of each kind in the demo body, and (started after the annual cycle, so it has
    none) another body whose office tries them all."""
    db = app.extensions["lianxi"].db
    clock.set(datetime(2026, 12, 5, 10, 0, tzinfo=SHANGHAI))
    document = _submitted_cycle(db, clock.now())
    new_body(db, clock.now())
    with UnitOfWork(db) as uow:  # the other body's office keeps its roster too
        office = accounts.find(uow.session, OTHER_BODY_OFFICE)
        people.set_roles(uow.session, office.body_id, office.username, ["office_staff", "admin"], "setup", clock.now())
        uow.commit()
    read.rollback()
    held = read.scalar(select(Meeting).where(Meeting.title == "筹备联席会议全体会议"))
    form_file = _form_file(db, held.instance_id, clock.now())
    archived = _archived_meeting(db, held.id, clock.now())
    incident = failed_step(db, clock.now())
    request_id = started(db, clock.now())
    drafted(db, request_id, clock.now())
    outgoing = document_of(db, request_id)
    report = filed(db, "wjj", clock.now(), Upload("随访记录.pdf", b"%PDF-1.4\n"))
    bulletin = released(db, "zgh", clock.now())
    information_request = request_of(db, requested(db, clock.now(), ["wjj", "zgh"]))
    inspected = _inspection_with_evidence(db, clock.now())
    research = research_of(db, reported(db, clock.now()))
    task = read.scalar(
        select(HumanTask).where(
            HumanTask.instance_id == held.instance_id, HumanTask.assignee == "scjgj", HumanTask.status == "open"
        )
    )
    item = read.scalar(select(SupervisedItem).where(SupervisedItem.lead == "gxj"))
    evidence = read.scalar(select(Attachment).where(Attachment.owner_kind == "supervised_item"))
    run = read.scalar(select(PlanRun))
    plan_units = [u.code for u in plan_of(run).units]
    assert "mzj" not in plan_units and {"wjj", "gxj"} <= set(plan_units)
    wjj = accounts.find(read, "liaison.wjj")
    notice = read.scalar(select(Notification).where(Notification.person_id == wjj.id).limit(1))
    assert read.get(ProcessInstance, held.instance_id).body_id == wjj.body_id and evidence.owner_id == item.id
    return {
        "task": Record({"task_id": task.id}, "liaison.scjgj"),
        "instance": Record({"instance_id": held.instance_id}, "liaison.scjgj"),
        "instance's file": Record({"instance_id": held.instance_id, "attachment_id": form_file}, "liaison.scjgj"),
        "meeting": Record({"meeting_id": held.id}, "liaison.scjgj", owner_path=f"/meetings/{held.id}/copy"),
        "unit": Record({"code": "wjj"}, "liaison.wjj"),
        "supervised item": Record({"item_id": item.id}, "liaison.gxj", outsider="liaison.zgh"),
        "supervised item's file": Record({"attachment_id": evidence.id}, "liaison.gxj", outsider="liaison.zgh"),
        "annual year": Record({"year": 2026}, "convener"),
        "annual unit": Record({"year": 2026, "code": "wjj"}, "liaison.wjj"),
        "annual submission's document": Record({"attachment_id": document}, "liaison.wjj"),
        "plan run": Record({"run_id": run.id}, "liaison.gxj"),
        "unit of a plan run": Record({"run_id": run.id, "code": "wjj"}, "liaison.wjj", outsider="liaison.gxj"),
        "notification": Record({"notification_id": notice.id}, "liaison.wjj", owner_path="/notifications"),
        "roster unit": Record({"code": "wjj"}, "office.director", outsider=None),
        "roster person": Record({"username": "liaison.wjj"}, "office.director", outsider=None),
        # every member unit co-signs a request: a guest unit is the one of the body that may not read it
        "outgoing document": Record({"document_id": outgoing.id}, "liaison.mzj", outsider="liaison.sfj"),
        # the archive is read by whoever sees the whole body: a member unit's liaison is not found
        "archive entry": Record({"entry_id": archived}, "office.staff"),
        # the office and the administrator see incidents; a member unit's liaison is not found
        "incident": Record({"incident_id": incident}, "office.director", outsider="liaison.scjgj"),
        "information report": Record({"report_id": report}, "liaison.wjj"),
        "information request": Record({"request_id": information_request}, "liaison.wjj"),
        # every member unit has a copy of a released issue: a guest unit is the one that may not read it
        "bulletin": Record({"bulletin_id": bulletin}, "liaison.wjj", outsider="liaison.sfj"),
        # the team's units and the units answering a finding see an inspection; mzj is neither
        "inspection": Record({"inspection_id": inspected["inspection_id"]}, "liaison.yjj"),
        "inspection's file": Record(inspected, "liaison.yjj"),
        # the units taking part see a research; mzj takes part in none
        "research": Record({"research_id": research.id, "number": 1}, "liaison.wjj"),
    }
