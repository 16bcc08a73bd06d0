"""The demo with every user task of every workflow reached at least once: what the demo already
has in progress, and the steps it never reaches (mediation and the request to the government it
leads to, a special meeting's signing, the annual cycle, an extension and a progress request,
the action plan's reviews) walked through the services as their roles would."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import information_steps
import inspection_steps
import joint_steps
import referral_steps
import request_steps
import research_steps
from plan_run_helpers import SMALL_PLAN, at, complete, plan_in_progress, plan_tasks, start_plan
from sqlalchemy import select

from engine.annual import cycles, office, settings
from engine.annual.models import AnnualCycle
from engine.core.clock import SHANGHAI, iso
from engine.core.uow import UnitOfWork
from engine.demo import walkthrough
from engine.demo.roster import GOVERNMENT
from engine.demo.supervision import issue_office_minutes, items_of
from engine.org import accounts
from engine.org.models import Body
from engine.supervision import commands
from engine.workflow import inbox, timers

ANNUAL_START = datetime(2026, 12, 1, 9, 0, tzinfo=SHANGHAI)
RECEIVED = {"acknowledged": True}


def build(db, app_settings, now: datetime) -> None:
    _mediation(db, now)
    request_steps.acknowledgement_open(db, now)
    joint_steps.issued_over_a_comment(db, now)
    information_steps.every_step(db, now)
    inspection_steps.report_awaiting_sending(db, now)
    research_steps.reported(db, now)
    research_steps.planned(db, now)  # and another with its units' findings still open
    _special_meeting_to_signing(db, now)
    _annual_cycle(db)
    _extension_and_progress_request(db, now)
    plan_in_progress(db, app_settings)
    _plan_evaluated(db)


def _mediation(db, now: datetime) -> None:
    """A dissent the mediation could not settle: the minutes issue with the disputed item left to
    the government, whose request the units concerned check, the convener signs and the
    government signs for; the office has its decision still to record."""
    instance_id, held = referral_steps.issued_with_dispute(db, now)
    referral = referral_steps.referral_of(db, instance_id)
    referral_steps.request_sent(db, referral, held)
    walkthrough.act(db, f"liaison.{GOVERNMENT[0]}", referral.instance_id, "acknowledge_request", RECEIVED, held)


def _special_meeting_to_signing(db, now: datetime) -> None:
    units = ["wjj", "mzj", "ybj"]
    instance_id = walkthrough.special_meeting_consulted(db, now, units, "尘肺病救治专题会议")
    meeting_at = now + timedelta(days=5)
    proposal = {
        "title": "尘肺病救治专题会议",
        "topics": "研究尘肺病患者救治救助",
        "meeting_at": iso(meeting_at),
        "place": "区卫健局会议室",
        "concerned_units": units,
        "invited_units": ["sfj"],
    }
    walkthrough.act(db, "office.staff", instance_id, "compile_proposal", proposal, now)
    walkthrough.act(db, "convener", instance_id, "decide_meeting", {"decision": "approve", "chair": "convener"}, now)
    held = meeting_at + timedelta(hours=2)
    timers.fire_due_timers(db, held)
    walkthrough.act(db, "office.staff", instance_id, "record_attendance", {"attended_units": units}, held)
    draft = {
        "minutes_text": "会议研究了尘肺病患者救治救助工作。",
        "decided_items": "建立救治台账｜wjj｜mzj｜2027-03-31",
    }
    walkthrough.act(db, "office.staff", instance_id, "draft_minutes", draft, held)


def _annual_cycle(db) -> None:
    """A year whose units all submitted, one of them still awaiting review, the draft compiled
    and awaiting the convener's approval."""
    with UnitOfWork(db) as uow:
        body = uow.session.scalar(select(Body).where(Body.code == "qixing"))
        values = {"start_day": "12-01", "deadline_day": "12-20", "require_convener_approval": True}
        settings.save(uow.session, body.id, values, "office.director", ANNUAL_START)
        uow.commit()
    cycles.start_due_cycles(db, ANNUAL_START)
    with db.read_session() as session:
        cycle = session.scalar(select(AnnualCycle).where(AnnualCycle.body_id == body.id))
    submission = {
        "summary": "全年开展职业病防治宣传活动12场。",
        "plan": "开展职业健康宣传周活动｜宣传科｜4月",
        "topics": "职业病防治联合执法",
    }
    at = ANNUAL_START + timedelta(days=3)
    for task in _open(db, cycle.instance_id, "submit_annual"):
        walkthrough.complete(db, f"liaison.{task.assignee}", task.id, submission, at)
    with UnitOfWork(db) as uow:
        office.accept_all(uow, accounts.find(uow.session, "office.staff"), uow.session.get(AnnualCycle, cycle.id), at)
        office.finalise(uow, accounts.find(uow.session, "office.staff"), uow.session.get(AnnualCycle, cycle.id), "", at)
        uow.commit()


def _extension_and_progress_request(db, now: datetime) -> None:
    items = items_of(db, issue_office_minutes(db, now, ["rsj", "zgh"], "开展劳动合同专项检查｜rsj｜zgh｜2027-01-31"))
    walkthrough.act(
        db,
        "liaison.rsj",
        items[0].instance_id,
        "work_item",
        {"action": "extension", "text": "涉及企业较多，需延长一个月", "new_due": "2027-02-28"},
        now,
    )
    with UnitOfWork(db) as uow:
        commands.request_progress(uow, accounts.find(uow.session, "office.staff"), items[0].id, now)
        uow.commit()


def _open(db, instance_id: int, name: str):
    with db.read_session() as session:
        return [t for t in inbox.all_tasks(session, instance_id=instance_id) if t.name == name]


def _plan_evaluated(db) -> None:
    """A second copy of the small plan, started late in its evaluation phase and summed up
    (the first, in progress, holds its dispatch review and indicator reports), measured against
    2026: the office's baseline form stays open."""
    text = (
        SMALL_PLAN.read_text(encoding="utf-8")
        .replace("qixing-2027-small", "qixing-2027-late")
        .replace("end: 2027-12-31\n", "end: 2027-12-31\nbaseline: 2026\n", 1)
        .replace(
            "value: 40, aggregate: total}\n    milestones",
            "value: 40, aggregate: total, cumulative_from: 2026}\n    milestones",
        )
    )
    start_plan(db, at(date(2027, 11, 2), 10, 0), text)
    for name in ("stage_evaluation", "final_summary"):
        task = next(t for t in plan_tasks(db) if t.name == name)
        complete(db, "office.staff", task, {"summary": "已完成"}, at(date(2027, 11, 3), 10))
