"""What the annual pages show, read from rows: the year's cycle, who has and has not submitted,
each unit's submissions, and the topic pool the next full meetings' rounds show the office."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.annual.models import AnnualCycle, AnnualSubmission, AnnualTopic
from engine.core.errors import NotFound
from engine.org.models import Person, Unit
from engine.workflow.models import HumanTask


@dataclass(frozen=True)
class UnitRow:
    code: str
    name: str
    submissions: list[AnnualSubmission]  # oldest first
    review_task: str | None  # the open 审阅 task, if the office owes one

    @property
    def latest(self) -> AnnualSubmission | None:
        return self.submissions[-1] if self.submissions else None

    @property
    def late(self) -> bool:
        """Late when the first submission came after the deadline (see recorders)."""
        return bool(self.submissions) and self.submissions[0].late

    @property
    def state(self) -> str:
        """not_submitted | pending (the office to review) | returned (the unit to revise) | accepted"""
        return self.latest.review if self.latest else "not_submitted"


@dataclass(frozen=True)
class PoolTopic:
    unit: str
    unit_name: str
    year: int
    text: str


def cycle_of_body(session: Session, body_id: int, year: int) -> AnnualCycle:
    cycle = session.scalar(select(AnnualCycle).where(AnnualCycle.body_id == body_id, AnnualCycle.year == year))
    if cycle is None:
        raise NotFound(f"no annual cycle for {year}")
    return cycle


def cycle_of_instance(session: Session, instance_id: int) -> AnnualCycle | None:
    """The cycle an annual_summary instance runs, if it is one."""
    return session.scalar(select(AnnualCycle).where(AnnualCycle.instance_id == instance_id))


def may_act_for(person: Person, unit: str) -> bool:
    """The office, or the unit's own liaisons."""
    return person.is_office or (person.answers_for_unit and person.unit.code == unit)


def cycles_of(session: Session, body_id: int) -> list[AnnualCycle]:
    return list(session.scalars(select(AnnualCycle).where(AnnualCycle.body_id == body_id).order_by(AnnualCycle.year)))


def latest_submission(session: Session, cycle_id: int, unit: str) -> AnnualSubmission | None:
    return session.scalar(
        select(AnnualSubmission)
        .where(AnnualSubmission.cycle_id == cycle_id, AnnualSubmission.unit == unit)
        .order_by(AnnualSubmission.number.desc())
        .limit(1)
    )


def latest_submissions(session: Session, cycle_id: int) -> dict[str, AnnualSubmission]:
    rows = session.scalars(
        select(AnnualSubmission).where(AnnualSubmission.cycle_id == cycle_id).order_by(AnnualSubmission.number)
    )
    return {row.unit: row for row in rows}  # the last number wins


def member_units(session: Session, body_id: int) -> list[tuple[str, str]]:
    return session.execute(
        select(Unit.code, Unit.name).where(Unit.body_id == body_id, Unit.kind == "member").order_by(Unit.sort_order)
    ).all()


def overview(session: Session, cycle: AnnualCycle) -> list[UnitRow]:
    """Every member unit in roster order, with its submissions and the office's open review."""
    submissions: dict[str, list[AnnualSubmission]] = {}
    for row in session.scalars(
        select(AnnualSubmission).where(AnnualSubmission.cycle_id == cycle.id).order_by(AnnualSubmission.number)
    ):
        submissions.setdefault(row.unit, []).append(row)
    reviews = _open_reviews(session, cycle)
    return [
        UnitRow(code, name, submissions.get(code, []), reviews.get(code))
        for code, name in member_units(session, cycle.body_id)
    ]


def _open_reviews(session: Session, cycle: AnnualCycle) -> dict[str, str]:
    """The open review task per unit: its `reporter` (shown on the task) names the unit."""
    tasks = session.scalars(
        select(HumanTask).where(
            HumanTask.instance_id == cycle.instance_id,
            HumanTask.name == "review_submission",
            HumanTask.status == "open",
        )
    )
    return {task.shown["reporter"]["code"]: task.id for task in tasks}


def open_task(session: Session, cycle: AnnualCycle, name: str) -> HumanTask | None:
    return session.scalar(
        select(HumanTask).where(
            HumanTask.instance_id == cycle.instance_id, HumanTask.name == name, HumanTask.status == "open"
        )
    )


def pool(session: Session, body_id: int, opened_at: datetime) -> list[PoolTopic]:
    """The topic suggestions of the latest annual cycle started before a full meeting's round
    opened: each unit's latest submission's topics, in roster order."""
    cycle = session.scalar(
        select(AnnualCycle)
        .where(AnnualCycle.body_id == body_id, AnnualCycle.started_at <= opened_at)
        .order_by(AnnualCycle.year.desc())
        .limit(1)
    )
    if cycle is None:
        return []
    latest = [s.id for s in latest_submissions(session, cycle.id).values()]
    rows = session.execute(
        select(AnnualTopic, Unit.name)
        .join(Unit, (Unit.code == AnnualTopic.unit) & (Unit.body_id == AnnualTopic.body_id))
        .where(AnnualTopic.submission_id.in_(latest))
        .order_by(Unit.sort_order, AnnualTopic.position)
    ).all()
    return [PoolTopic(topic.unit, name, topic.year, topic.text) for topic, name in rows]
