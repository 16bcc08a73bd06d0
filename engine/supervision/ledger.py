"""The ledger (督办台账): every supervised item of a body with its source, units, deadline,
latest progress and status, filtered by unit, status, source and year.

Filtered, paged, counted and summed in the database: one query reads the rows with their
meeting, latest report and status (engine.supervision.status, written as SQL), joined on the
body, never an IN list of the items' ids; no request holds the whole ledger: a page reads its
own rows, the summary its counts, the workbook CHUNK rows at a time."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import ColumnElement, Row, Select, String, case, cast, func, or_, select
from sqlalchemy.orm import Session, aliased

from engine.core.clock import SHANGHAI
from engine.dashboard import paging
from engine.meetings.models import Meeting
from engine.org.models import Unit
from engine.supervision.models import ProgressReport, SupervisedItem
from engine.supervision.status import DUE_SOON

# Where an item comes from: the kind of meeting whose minutes decided it, entered by hand, or an
# inspection's finding (engine.inspections). Their names are the pages' (webui.common.display.SOURCE_NAMES).
SOURCES = ("full", "special", "office", "by_hand", "inspection")
CHUNK = 1_000  # rows read at a time by `each_row`


@dataclass(frozen=True)
class Filters:
    unit: str | None = None  # lead or cooperating
    status: str | None = None
    source: str | None = None  # SOURCES
    year: int | None = None  # the year the item was put under supervision
    meeting_id: int | None = None
    item_id: int | None = None
    open_only: bool = False  # not yet closed (办结), whatever else its status


def unit_names(session: Session, body_id: int) -> dict[str, str]:
    return dict(session.execute(select(Unit.code, Unit.name).where(Unit.body_id == body_id)).all())


def rows(session: Session, body_id: int, now: datetime, filters: Filters = Filters()) -> list[dict]:
    return list(each_row(session, body_id, now, filters))


def each_row(session: Session, body_id: int, now: datetime, filters: Filters = Filters()) -> Iterator[dict]:
    """The rows in the ledger's order, read CHUNK at a time: a workbook of every item never holds
    them all."""
    names = unit_names(session, body_id)
    found = session.execute(query(body_id, now, filters).execution_options(yield_per=CHUNK))
    return (_row(row, names) for row in found)


def page(session: Session, body_id: int, now: datetime, filters: Filters, number: int, per_page: int) -> paging.Page:
    """One page of the rows; past the last page, the last."""
    found = paging.paginate(session, query(body_id, now, filters), number, per_page, as_rows=True)
    names = unit_names(session, body_id)
    return replace(found, items=[_row(row, names) for row in found.items])


def _latest_report() -> ColumnElement:
    return (
        select(func.max(ProgressReport.id))
        .where(ProgressReport.item_id == SupervisedItem.id)
        .correlate(SupervisedItem)
        .scalar_subquery()
    )


def _completion_awaiting() -> ColumnElement:
    """When the completion awaiting the office's verification was submitted (None if none is)."""
    return (
        select(ProgressReport.submitted_at)
        .where(
            ProgressReport.item_id == SupervisedItem.id,
            ProgressReport.kind == "completion",
            ProgressReport.outcome.is_(None),
        )
        .order_by(ProgressReport.id.desc())
        .limit(1)
        .correlate(SupervisedItem)
        .scalar_subquery()
    )


def _status(now: datetime) -> ColumnElement:
    """engine.supervision.status.status_of, in SQL, so that the ledger filters and counts by it."""
    awaiting = _completion_awaiting()
    return case(
        (SupervisedItem.status == "closed", "closed"),
        (awaiting <= SupervisedItem.due_at, "on_track"),
        (awaiting.is_not(None), "overdue"),
        (SupervisedItem.due_at < now, "overdue"),
        (SupervisedItem.due_at <= now + DUE_SOON, "due_soon"),
        else_="on_track",
    )


def query(body_id: int, now: datetime, filters: Filters = Filters()) -> Select:
    """The ledger's rows as columns, in the order items were put under supervision."""
    latest = aliased(ProgressReport)
    status = _status(now).label("status")
    rows_ = (
        select(
            SupervisedItem.id,
            SupervisedItem.instance_id,
            SupervisedItem.number,
            SupervisedItem.source_kind,
            SupervisedItem.source_text,
            SupervisedItem.meeting_id,
            SupervisedItem.text,
            SupervisedItem.lead,
            SupervisedItem.cooperating,
            SupervisedItem.due_at,
            SupervisedItem.original_due_at,
            SupervisedItem.created_at,
            SupervisedItem.closed_at,
            Meeting.id.label("meeting_found"),
            Meeting.instance_id.label("meeting_instance_id"),
            Meeting.title.label("meeting_title"),
            Meeting.issued_at,
            latest.text.label("latest_progress"),
            latest.submitted_at.label("latest_progress_at"),
            status,
        )
        .outerjoin(Meeting, Meeting.id == SupervisedItem.meeting_id)
        .outerjoin(latest, latest.id == _latest_report())
        .where(SupervisedItem.body_id == body_id, *_conditions(filters))
        .order_by(SupervisedItem.created_at, SupervisedItem.id)
    )
    return rows_.where(status == filters.status) if filters.status else rows_


def _conditions(filters: Filters) -> list[ColumnElement]:
    found = []
    if filters.unit:
        # The list's JSON text holds each code in quotes, on both databases: '"wjj"' is wjj only.
        cooperates = cast(SupervisedItem.cooperating, String).contains(f'"{filters.unit}"', autoescape=True)
        found.append(or_(SupervisedItem.lead == filters.unit, cooperates))
    if filters.source:
        found.append(SupervisedItem.source_kind == filters.source)
    if filters.year:
        start = datetime(filters.year, 1, 1, tzinfo=SHANGHAI)
        found += [SupervisedItem.created_at >= start, SupervisedItem.created_at < start.replace(year=filters.year + 1)]
    if filters.meeting_id:
        found.append(SupervisedItem.meeting_id == filters.meeting_id)
    if filters.item_id:
        found.append(SupervisedItem.id == filters.item_id)
    if filters.open_only:
        found.append(SupervisedItem.status != "closed")
    return found


def _row(row: Row, names: dict[str, str]) -> dict:
    has_meeting = row.meeting_found is not None
    return {
        "id": row.id,
        "instance_id": row.instance_id,
        "number": row.number,
        "source_kind": row.source_kind,
        "source": "" if has_meeting else row.source_text,  # an item entered by hand: its source as written
        "meeting_id": row.meeting_id,
        "meeting_instance_id": row.meeting_instance_id,
        "meeting_title": row.meeting_title or "",
        "issued_at": row.issued_at if has_meeting else row.created_at,
        "text": row.text,
        "lead": row.lead,
        "lead_name": names.get(row.lead, row.lead),
        "cooperating": list(row.cooperating),
        "cooperating_names": [names.get(c, c) for c in row.cooperating],
        "due_at": row.due_at,
        "original_due_at": row.original_due_at,
        "extended": row.due_at != row.original_due_at,
        "latest_progress": row.latest_progress or "",
        "latest_progress_at": row.latest_progress_at,
        "status": row.status,
        "closed_at": row.closed_at,
    }


@dataclass(frozen=True)
class Summary:
    """Counts by status per lead unit and per source (the meeting's title; for an item entered by
    hand its source as written), each in the order it first appears in the ledger."""

    by_unit: dict[str, Counter]
    by_source: dict[str, Counter]


def summary(session: Session, body_id: int, now: datetime, filters: Filters = Filters()) -> Summary:
    """Both tables of counts from one grouped query over the filtered ledger, never its rows."""
    found = query(body_id, now, filters).order_by(None).subquery()
    source = func.coalesce(found.c.meeting_title, found.c.source_text)
    keys = (found.c.lead, source, found.c.status)
    grouped = select(*keys, func.count(), func.min(found.c.created_at), func.min(found.c.id)).group_by(*keys)
    names = unit_names(session, body_id)
    by_unit, by_source = _Tally(), _Tally()
    for lead, source_name, status, count, created_at, item_id in session.execute(grouped):
        by_unit.add(names.get(lead, lead), status, count, (created_at, item_id))
        by_source.add(source_name, status, count, (created_at, item_id))
    return Summary(by_unit.in_order(), by_source.in_order())


class _Tally:
    def __init__(self):
        self.counts: dict[str, Counter] = {}
        self.first: dict[str, tuple] = {}

    def add(self, name: str, status: str, count: int, first: tuple) -> None:
        self.counts.setdefault(name, Counter())[status] += count
        self.first[name] = min(self.first.get(name, first), first)

    def in_order(self) -> dict[str, Counter]:
        return {name: self.counts[name] for name in sorted(self.counts, key=self.first.__getitem__)}
