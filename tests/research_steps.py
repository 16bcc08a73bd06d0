"""A research task (调查研究, the joint-meeting rules §二 duty 4) of three member units, walked
through the services as its roles would: the engine tests, the web tests, the route walks
(tests/web/route_records.py) and tests/task_states.py share these steps."""

from __future__ import annotations

from datetime import datetime

from request_steps import open_tasks
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from engine.demo import walkthrough
from engine.research.models import Research

PROCESS_ID = "research"
UNITS = ["wjj", "rsj", "zgh"]  # mzj takes part in none: the route walks' outsider
PROPOSALS = ["建立尘肺病患者信息共享机制", "将职业健康检查纳入用人单位信用评价"]


def plan(**changes) -> dict:
    return {
        "subject": "尘肺病患者救治救助情况调研",
        "plan": "走访辖区重点企业和医疗机构，座谈了解尘肺病患者救治、救助和就业情况",
        "starts_on": "2026-11-23",
        "ends_on": "2026-12-31",
        "taking_part": UNITS,
        "findings_due": "2026-12-10",
        **changes,
    }


def report(proposals: list[str] = PROPOSALS) -> dict:
    return {
        "report": "辖区尘肺病患者多为早年务工人员，救治费用负担重，信息分散在多个部门。",
        "proposals": "\n".join(f"{n}. {text}" for n, text in enumerate(proposals, start=1)),
    }


def planned(db, now: datetime, **changes) -> int:
    """Started and planned by the office: the units' tasks are open. Returns the instance."""
    instance_id = walkthrough.start_meeting(db, now, title="尘肺病救治调研", process=PROCESS_ID)
    walkthrough.act(db, "office.staff", instance_id, "plan_research", plan(**changes), now)
    return instance_id


def contributed(db, instance_id: int, at: datetime) -> None:
    for task in open_tasks(db, instance_id, "contribute_findings"):
        findings = {"findings": "本单位职责范围内的尘肺病患者救治救助情况"}
        walkthrough.complete(db, f"liaison.{task.assignee}", task.id, findings, at)


def reported(db, now: datetime) -> int:
    """Every unit has sent its findings and the office has written the report with two proposals.
    Also tests/task_states.py's: every step of a research task done once."""
    instance_id = planned(db, now)
    contributed(db, instance_id, now)
    walkthrough.act(db, "office.staff", instance_id, "write_report", report(), now)
    return instance_id


def research_of(db, instance_id: int) -> Research | None:
    with db.read_session() as session:
        query = select(Research).options(selectinload(Research.proposals))
        return session.scalar(query.where(Research.instance_id == instance_id))
