"""Timeliness per unit and year (办理时效), for the office's year-end evaluation.

The rule (RULE, shown beside every figure): a thing a unit owes counts on time when it was
submitted by its deadline. An approved extension sets a new deadline; a return for revision
does not stop the clock (the completion that counts is the one the office did not return).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.org.models import Unit
from engine.supervision.models import Contribution, ProgressReport, SupervisedItem
from engine.supervision.status import status_of
from engine.workflow.models import HumanTask

RULE = (
    "按时办理率 = 按时报送数 ÷ 应报送数。应报送：完成时限在本年度内的牵头事项（已报告办结或已逾期）、"
    "办公室要求报送的进展和配合单位的配合情况（已报送或已逾期）。按时：在完成时限前报送；"
    "经批准延期的，以延期后的时限为准；退回修改不中止计时，以未被退回的办结报告的报送时间为准。"
)
OWED_TASKS = ("report_progress", "report_requested", "contribute")


@dataclass
class UnitTimeliness:
    unit: str
    name: str
    counted: int = 0
    on_time: int = 0
    overdue_items: list[SupervisedItem] = field(default_factory=list)

    @property
    def rate(self) -> float | None:
        return self.on_time / self.counted if self.counted else None

    def count(self, submitted_at: datetime | None, due_at: datetime) -> None:
        self.counted += 1
        self.on_time += submitted_at is not None and submitted_at <= due_at


def by_unit(session: Session, body_id: int, year: int, now: datetime) -> list[UnitTimeliness]:
    units = session.execute(
        select(Unit.code, Unit.name).where(Unit.body_id == body_id, Unit.kind != "government").order_by(Unit.sort_order)
    ).all()
    found = {code: UnitTimeliness(code, name) for code, name in units}
    _items(session, body_id, year, now, found)
    _submissions(session, body_id, year, found)
    _unanswered(session, body_id, year, now, found)
    return list(found.values())


def _in_year(at: datetime, year: int) -> bool:
    return at.year == year


def _items(session: Session, body_id: int, year: int, now: datetime, found: dict) -> None:
    items = session.scalars(select(SupervisedItem).where(SupervisedItem.body_id == body_id)).all()
    completions = _completions(session, [i.id for i in items])
    for item in items:
        submitted = completions.get(item.id)
        if status_of(item, now, submitted) == "overdue":
            found[item.lead].overdue_items.append(item)
        if _in_year(item.due_at, year) and (submitted is not None or now > item.due_at):
            found[item.lead].count(submitted, item.due_at)


def _completions(session: Session, item_ids: list[int]) -> dict[int, datetime]:
    """The completion that counts: the latest one the office did not return."""
    rows = session.execute(
        select(ProgressReport.item_id, ProgressReport.submitted_at)
        .where(
            ProgressReport.item_id.in_(item_ids),
            ProgressReport.kind == "completion",
            (ProgressReport.outcome.is_(None)) | (ProgressReport.outcome == "accepted"),
        )
        .order_by(ProgressReport.id)
    ).all()
    return dict(rows)


def _submissions(session: Session, body_id: int, year: int, found: dict) -> None:
    requested = select(ProgressReport.unit, ProgressReport.submitted_at, ProgressReport.due_at).where(
        ProgressReport.kind == "requested"
    )
    parts = select(Contribution.unit, Contribution.submitted_at, Contribution.due_at)
    for query, model in ((requested, ProgressReport), (parts, Contribution)):
        query = query.join(SupervisedItem, SupervisedItem.id == model.item_id).where(SupervisedItem.body_id == body_id)
        for unit, submitted_at, due_at in session.execute(query):
            if due_at is not None and _in_year(due_at, year) and unit in found:
                found[unit].count(submitted_at, due_at)


def _unanswered(session: Session, body_id: int, year: int, now: datetime, found: dict) -> None:
    """Reports and contributions still owed past their deadline count as late."""
    tasks = session.scalars(
        select(HumanTask).where(
            HumanTask.body_id == body_id,
            HumanTask.process_id == "item_supervision",
            HumanTask.name.in_(OWED_TASKS),
            HumanTask.status == "open",
            HumanTask.due_at < now,
        )
    )
    for task in tasks:
        if _in_year(task.due_at, year) and task.assignee in found:
            found[task.assignee].count(None, task.due_at)
