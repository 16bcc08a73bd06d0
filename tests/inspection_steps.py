"""A joint inspection (联合督查) after a leader's instruction, walked through the services as its
roles would (the joint-meeting rules §五(二)): a team of three units, five findings, the report
to the office director and back to the leader. The engine tests, the web tests, the route walks
and tests/task_states.py share these steps."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from engine.core.uow import UnitOfWork
from engine.demo import walkthrough
from engine.inspections import findings
from engine.inspections.models import Finding, Inspection
from engine.org import accounts

PROCESS_ID = "joint_inspection"
TITLE = "用人单位职业病危害因素检测联合督查"
TEAM = ["rsj", "yjj", "wsjds"]  # in roster order
LEADER = "liaison.wsjds"
INSTRUCTED_BY = "分管副区长"
REPORT = "一、督查基本情况\n督查组检查用人单位5家，发现问题5个，均已交责任单位限期整改。\n二、下一步建议"
# (place, problem, responsible unit, fix by, recorded by)
FINDINGS = [
    ("某铸造有限公司", "未按规定开展职业病危害因素定期检测", "wsjds", "2026-12-15", "liaison.wsjds"),
    ("某石材加工厂", "粉尘作业岗位未配备防尘口罩", "yjj", "2026-12-20", "liaison.yjj"),
    ("某家具制造公司", "劳动合同未告知职业病危害", "rsj", "2026-12-25", "liaison.rsj"),
    ("某电镀厂", "作业场所警示标识缺失", "scjgj", "2026-12-31", "liaison.wsjds"),
    ("某建材市场", "商户使用淘汰的高粉尘设备", "sthjj", "2027-01-15", "liaison.yjj"),
]


def plan(**changes) -> dict:
    return {
        "title": TITLE,
        "inspection_kind": "inspection",
        "trigger": "instruction",
        "trigger_from": INSTRUCTED_BY,
        "trigger_on": "2026-11-20",
        "trigger_text": "请卫健、应急、人社等部门联合督查用人单位职业病危害因素检测落实情况。",
        "scope": "辖区内粉尘、化学毒物危害较重的用人单位",
        "period_from": "2026-11-25",
        "period_to": "2026-12-04",
        "team_units": TEAM,
        "team_leader": LEADER,
        **changes,
    }


def started(db, now: datetime, title: str = TITLE) -> int:
    return walkthrough.start_meeting(db, now, title=title, process=PROCESS_ID)


def planned(db, instance_id: int, at: datetime, **changes) -> None:
    walkthrough.act(db, "office.staff", instance_id, "plan_inspection", plan(**changes), at)


def approved(db, now: datetime) -> int:
    """An inspection whose plan the director approved: its team is recording findings."""
    instance_id = started(db, now)
    planned(db, instance_id, now)
    walkthrough.act(db, "office.director", instance_id, "approve_plan", {"plan_decision": "approve"}, now)
    return instance_id


def finding(place: str, problem: str, unit: str, fix_by: str | None) -> dict:
    return {
        "place": place,
        "problem": problem,
        "responsible_unit": unit,
        "needs_fixing": bool(fix_by),
        "fix_by": fix_by,
    }


def recorded(db, instance_id: int, username: str, values: dict, at: datetime, evidence=None) -> Finding:  # noqa: ANN001
    with UnitOfWork(db) as uow:
        found = findings.record(
            uow, accounts.find(uow.session, username), inspection_of(db, instance_id).id, values, evidence, at
        )
        uow.commit()
        return found


def all_found(db, instance_id: int, at: datetime) -> None:
    for place, problem, unit, fix_by, by in FINDINGS:
        recorded(db, instance_id, by, finding(place, problem, unit, fix_by), at)


def reported(db, instance_id: int, at: datetime) -> None:
    walkthrough.act(db, LEADER, instance_id, "write_report", {"report_text": REPORT}, at)


def read(db, instance_id: int, at: datetime) -> None:
    walkthrough.act(db, "office.director", instance_id, "read_report", {"report_read": True}, at)


def report_awaiting_sending(db, now: datetime) -> int:
    """For tests/task_states.py: every step done once, the office's sending to the leader open."""
    instance_id = approved(db, now)
    recorded(db, instance_id, LEADER, finding(*FINDINGS[0][:4]), now)
    reported(db, instance_id, now)
    read(db, instance_id, now)
    return instance_id


def inspection_of(db, instance_id: int) -> Inspection:
    with db.read_session() as session:
        return session.scalar(select(Inspection).where(Inspection.instance_id == instance_id))
