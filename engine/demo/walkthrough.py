"""Meetings driven through the services as their roles would: the demo's work in progress,
the tests' scenarios and the benchmarks all walk the processes this way."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from engine.core.clock import iso
from engine.core.db import Database
from engine.core.uow import UnitOfWork
from engine.org import accounts
from engine.org.models import Body
from engine.workflow import closing, inbox, instances, tasks, timers
from engine.workflow.models import HumanTask


def start_meeting(
    db: Database,
    now: datetime,
    title: str = "办公室会议",
    body: str = "qixing",
    process: str = "office_meeting",
    by: str = "office.staff",
) -> int:
    with UnitOfWork(db) as uow:
        found = uow.session.scalar(select(Body).where(Body.code == body))
        instance = instances.start(uow.session, process, found, {"title": title}, by, now)
        uow.commit()
        return instance.id


def open_task(db: Database, instance_id: int, name: str, unit: str | None = None) -> HumanTask:
    with db.read_session() as session:
        found = [
            t
            for t in inbox.all_tasks(session, instance_id=instance_id)
            if t.name == name and unit in (None, t.assignee)
        ]
    if not found:
        raise LookupError(f"no open {name} task in instance {instance_id}")
    return found[0]


def complete(db: Database, username: str, task_id: str, data: dict, now: datetime, **kw) -> HumanTask:
    with UnitOfWork(db) as uow:
        task = tasks.complete(uow, accounts.find(uow.session, username), task_id, data, now, **kw)
        uow.commit()
        return task


def act(db, username, instance_id, name, data, now, unit=None) -> HumanTask:  # noqa: ANN001
    return complete(db, username, open_task(db, instance_id, name, unit).id, data, now)


def proposal(
    units: list[str], meeting_at: datetime, title: str = "研究职业病防治重点工作", place: str = "区卫生健康局三楼会议室"
) -> dict:
    return {
        "title": title,
        "topics": "1. 通报近期工作进展\n2. 研究下一步工作安排",
        "meeting_at": iso(meeting_at),
        "place": place,
        "attending_units": units,
    }


def minutes(units: list[str], held: datetime) -> dict:
    """The minutes of a meeting `held` then: two decided items, due some weeks after it."""
    return {
        "attended_units": units,
        "minutes_text": "会议听取了各成员单位职业病防治工作进展情况汇报，研究了下一步工作安排。",
        "decided_items": "\n".join(
            [
                f"起草年度工作要点｜wjj｜｜{days_after(held, 46)}",
                f"开展用人单位劳动合同专项检查｜rsj｜zgh｜{days_after(held, 77)}",
            ]
        ),
    }


def days_after(moment: datetime, days: int) -> str:
    """A decided item's deadline: an ISO day `days` after `moment`, so the demo keeps its picture
    whatever day it is loaded."""
    return (moment + timedelta(days=days)).date().isoformat()


def proposed(db: Database, now: datetime, units: list[str], meeting_at: datetime, title: str) -> int:
    """A meeting the office has proposed, awaiting the director's decision."""
    instance_id = start_meeting(db, now, title)
    act(db, "office.staff", instance_id, "propose_meeting", proposal(units, meeting_at, title), now)
    return instance_id


def at_receipts(
    db: Database,
    now: datetime,
    units: list[str],
    chair: str = "office.director",
    title: str = "办公室会议",
) -> int:
    """A meeting held and signed on the days after `now`, its minutes out with `units`."""
    meeting_at = now + timedelta(days=2)
    instance_id = proposed(db, now, units, meeting_at, title)
    act(
        db,
        "office.director",
        instance_id,
        "decide_meeting",
        {"decision": "approve", "chair": chair},
        now,
    )
    held = meeting_at + timedelta(hours=3)
    timers.fire_due_timers(db, held)
    act(db, "office.staff", instance_id, "record_minutes", minutes(units, held), held)
    act(db, chair, instance_id, "sign_minutes", {"signature": "sign"}, held)
    return instance_id


def full_meeting_in_cosigning(
    db: Database,
    now: datetime,
    absent: tuple[str, ...] = (),
    late: tuple[str, ...] = (),
    title: str = "年度全体会议",
    draft: dict | None = None,
) -> tuple[int, datetime]:
    """A full meeting of every member unit but `absent`, with the 区司法局 invited and present
    and the 区税务局 invited and absent, its first minutes (`draft`, or a default one) out for
    co-signing. The units in `late` never suggest a topic and are closed at the deadline.
    Returns the instance and when the minutes went out."""
    with UnitOfWork(db) as uow:
        body = uow.session.scalar(select(Body).where(Body.code == "qixing"))
        members = [code for code, unit in instances.body_units(uow.session, body).items() if unit["kind"] == "member"]
        instance = instances.start(uow.session, "full_meeting", body, {"title": title}, "office.staff", now)
        uow.commit()
    deadline = now + timedelta(days=5)
    act(db, "office.staff", instance.id, "open_round", {"title": title, "topic_deadline": iso(deadline)}, now)
    for unit in (u for u in members if u not in late):
        act(
            db, f"liaison.{unit}", instance.id, "suggest_topics", {"topics": "通报本单位职业病防治工作"}, now, unit=unit
        )
    after = deadline + timedelta(hours=1)
    closing.close_overdue(db, after)
    meeting_at = after + timedelta(days=7)
    proposal = {
        "title": title,
        "topics": "1. 年度工作总结\n2. 下一年度工作计划",
        "meeting_at": iso(meeting_at),
        "place": "区卫生健康局三楼会议室",
        "invited_units": ["sfj", "swj"],
    }
    act(db, "office.staff", instance.id, "compile_proposal", proposal, after)
    act(db, "convener", instance.id, "decide_meeting", {"decision": "approve"}, after)
    held = meeting_at + timedelta(hours=3)
    timers.fire_due_timers(db, held)
    attended = [u for u in members if u not in absent] + ["sfj"]
    act(db, "office.staff", instance.id, "record_attendance", {"attended_units": attended}, held)
    draft = draft or {
        "minutes_text": "会议听取了各成员单位年度工作情况汇报，研究部署了下一年度重点工作。",
        "decided_items": f"起草下一年度工作要点｜wjj｜rsj，zgh｜{days_after(held, 30)}",
    }
    act(db, "office.staff", instance.id, "draft_minutes", draft, held)
    return instance.id, held


def revised_after_dissent(db: Database, instance_id: int, mediator: str, draft: dict, now: datetime) -> None:
    """The convener or the office director (`mediator`) settles a dissent; the office redrafts
    the minutes as agreed (`draft`) and they go out for a new round of co-signing."""
    settled = {"outcome": "revised", "mediation_note": "经协调，各方同意按修改后的纪要办理"}
    act(db, mediator, instance_id, "mediate", settled, now)
    act(db, "office.staff", instance_id, "draft_minutes", draft, now)


def special_meeting_consulted(db: Database, now: datetime, units: list[str], title: str) -> int:
    """A special meeting the office opened on `title`, consulting the concerned `units` with a
    three-day deadline; each has given its opinion, so the proposal is the office's to make."""
    instance_id = start_meeting(db, now, title, process="special_meeting")
    consultation = {
        "title": title,
        "topics": "研究尘肺病患者救治救助",
        "concerned_units": units,
        "topic_deadline": iso(now + timedelta(days=3)),
    }
    act(db, "office.staff", instance_id, "open_consultation", consultation, now)
    for unit in units:
        act(db, f"liaison.{unit}", instance_id, "suggest_topics", {"topics": "同意召开"}, now, unit=unit)
    return instance_id
