"""Timeliness per unit and year (办理时效), for the office's year-end evaluation.

The rule (RULE, shown beside every figure): a thing a unit owes counts on time when it was
submitted by its deadline. An approved extension sets a new deadline; a return for revision
does not stop the clock (the completion that counts is the one the office did not return).

Counted in the database, grouped by unit: the page reads a row per unit and source of what is
owed, and the overdue items it lists, never every item of the body.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import ColumnElement, Row, Select, Subquery, and_, case, func, literal_column, or_, select
from sqlalchemy.orm import Session

from engine.core.clock import SHANGHAI
from engine.org.models import Unit
from engine.supervision import ledger
from engine.supervision.models import Contribution, ProgressReport, SupervisedItem
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
    overdue_items: list[Row] = field(default_factory=list)  # ledger rows: id, text, lead …

    @property
    def rate(self) -> float | None:
        return self.on_time / self.counted if self.counted else None


def by_unit(session: Session, body_id: int, year: int, now: datetime) -> list[UnitTimeliness]:
    units = session.execute(
        select(Unit.code, Unit.name).where(Unit.body_id == body_id, Unit.kind != "government").order_by(Unit.sort_order)
    ).all()
    found = {code: UnitTimeliness(code, name) for code, name in units}
    owed = (_items(body_id, year, now), _requested(body_id, year), _contributions(body_id, year))
    for query in (*owed, _unanswered(body_id, year, now)):
        for unit, counted, on_time in session.execute(query):
            if unit in found:
                found[unit].counted += counted
                found[unit].on_time += on_time
    for item in session.execute(ledger.query(body_id, now, ledger.Filters(status="overdue"))):
        if item.lead in found:
            found[item.lead].overdue_items.append(item)
    return list(found.values())


def _in_year(at: ColumnElement, year: int) -> ColumnElement:
    """In the year as Shanghai counts it, as the deadlines are read."""
    start = datetime(year, 1, 1, tzinfo=SHANGHAI)
    return and_(at >= start, at < start.replace(year=year + 1))


def _tallied(owed: Subquery) -> Select:
    """Per unit: how many of `owed` (unit, submitted_at, due_at) count, and how many of them were
    submitted by their deadline."""
    on_time = func.coalesce(func.sum(case((owed.c.submitted_at <= owed.c.due_at, 1), else_=0)), 0)
    return select(owed.c.unit, func.count(), on_time).group_by(owed.c.unit)


def _items(body_id: int, year: int, now: datetime) -> Select:
    """The items a unit leads, due this year, that it reported done or that are past due."""
    owed = (
        select(SupervisedItem.lead.label("unit"), _completion().label("submitted_at"), SupervisedItem.due_at)
        .where(SupervisedItem.body_id == body_id, _in_year(SupervisedItem.due_at, year))
        .subquery()
    )
    return _tallied(owed).where(or_(owed.c.submitted_at.is_not(None), owed.c.due_at < now))


def _completion() -> ColumnElement:
    """The completion that counts: the latest one the office did not return."""
    return (
        select(ProgressReport.submitted_at)
        .where(
            ProgressReport.item_id == SupervisedItem.id,
            ProgressReport.kind == "completion",
            (ProgressReport.outcome.is_(None)) | (ProgressReport.outcome == "accepted"),
        )
        .order_by(ProgressReport.id.desc())
        .limit(1)
        .correlate(SupervisedItem)
        .scalar_subquery()
    )


def _requested(body_id: int, year: int) -> Select:
    owed = select(ProgressReport.unit, ProgressReport.submitted_at, ProgressReport.due_at).where(
        ProgressReport.kind == "requested", _in_year(ProgressReport.due_at, year)
    )
    return _tallied(_of_body(owed, ProgressReport, body_id))


def _contributions(body_id: int, year: int) -> Select:
    owed = select(Contribution.unit, Contribution.submitted_at, Contribution.due_at).where(
        _in_year(Contribution.due_at, year)
    )
    return _tallied(_of_body(owed, Contribution, body_id))


def _of_body(owed: Select, model: type[ProgressReport | Contribution], body_id: int) -> Subquery:
    return (
        owed.join(SupervisedItem, SupervisedItem.id == model.item_id)
        .where(SupervisedItem.body_id == body_id)
        .subquery()
    )


def _unanswered(body_id: int, year: int, now: datetime) -> Select:
    """Reports and contributions still owed past their deadline count as late."""
    return (
        select(HumanTask.assignee, func.count(), literal_column("0"))
        .where(
            HumanTask.body_id == body_id,
            HumanTask.process_id == "item_supervision",
            HumanTask.name.in_(OWED_TASKS),
            HumanTask.status == "open",
            HumanTask.due_at < now,
            _in_year(HumanTask.due_at, year),
        )
        .group_by(HumanTask.assignee)
    )
