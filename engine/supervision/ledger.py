"""The ledger (督办台账): every supervised item of a body with its source, units, deadline,
latest progress and status, filtered by unit, status, source and year."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.meetings.models import Meeting
from engine.org.models import Unit
from engine.supervision.models import ProgressReport, SupervisedItem
from engine.supervision.status import status_of

# Where an item comes from: the kind of meeting whose minutes decided it, entered by hand, or an
# inspection's finding (engine.inspections). Their names are the pages' (webui.common.display.SOURCE_NAMES).
SOURCES = ("full", "special", "office", "by_hand", "inspection")


@dataclass(frozen=True)
class Filters:
    unit: str | None = None  # lead or cooperating
    status: str | None = None
    source: str | None = None  # SOURCES
    year: int | None = None  # the year the item was put under supervision
    meeting_id: int | None = None
    item_id: int | None = None


def unit_names(session: Session, body_id: int) -> dict[str, str]:
    return dict(session.execute(select(Unit.code, Unit.name).where(Unit.body_id == body_id)).all())


def rows(session: Session, body_id: int, now: datetime, filters: Filters = Filters()) -> list[dict]:
    query = select(SupervisedItem).where(SupervisedItem.body_id == body_id)
    if filters.source:
        query = query.where(SupervisedItem.source_kind == filters.source)
    if filters.meeting_id:
        query = query.where(SupervisedItem.meeting_id == filters.meeting_id)
    if filters.item_id:
        query = query.where(SupervisedItem.id == filters.item_id)
    items = session.scalars(query.order_by(SupervisedItem.created_at, SupervisedItem.id)).all()
    names = unit_names(session, body_id)
    meetings = _meetings(session, {i.meeting_id for i in items if i.meeting_id})
    latest, pending = _reports(session, [i.id for i in items])
    found = []
    for item in items:
        row = _row(item, now, names, meetings.get(item.meeting_id), latest.get(item.id), pending.get(item.id))
        if _matches(row, item, filters):
            found.append(row)
    return found


def _matches(row: dict, item: SupervisedItem, filters: Filters) -> bool:
    if filters.unit and filters.unit not in (item.lead, *item.cooperating):
        return False
    if filters.status and row["status"] != filters.status:
        return False
    return not filters.year or item.created_at.year == filters.year


def _meetings(session: Session, ids: set[int]) -> dict[int, Meeting]:
    return {m.id: m for m in session.scalars(select(Meeting).where(Meeting.id.in_(ids)))} if ids else {}


def _reports(session: Session, item_ids: list[int]) -> tuple[dict, dict]:
    """Each item's latest report, and the submission of a completion awaiting verification."""
    latest, pending = {}, {}
    reports = session.scalars(
        select(ProgressReport).where(ProgressReport.item_id.in_(item_ids)).order_by(ProgressReport.id)
    )
    for report in reports:
        latest[report.item_id] = report
        if report.kind == "completion" and report.outcome is None:
            pending[report.item_id] = report.submitted_at
    return latest, pending


def _row(item: SupervisedItem, now: datetime, names: dict, meeting: Meeting | None, latest, pending) -> dict:  # noqa: ANN001
    return {
        "id": item.id,
        "instance_id": item.instance_id,
        "number": item.number,
        "source_kind": item.source_kind,
        "source": "" if meeting else item.source_text,  # an item entered by hand: its source as written
        "meeting_id": item.meeting_id,
        "meeting_instance_id": meeting.instance_id if meeting else None,
        "meeting_title": meeting.title if meeting else "",
        "issued_at": meeting.issued_at if meeting else item.created_at,
        "text": item.text,
        "lead": item.lead,
        "lead_name": names.get(item.lead, item.lead),
        "cooperating": list(item.cooperating),
        "cooperating_names": [names.get(c, c) for c in item.cooperating],
        "due_at": item.due_at,
        "original_due_at": item.original_due_at,
        "extended": item.due_at != item.original_due_at,
        "latest_progress": latest.text if latest else "",
        "latest_progress_at": latest.submitted_at if latest else None,
        "status": status_of(item, now, pending),
        "closed_at": item.closed_at,
    }


def summary(found: list[dict], key: str) -> dict[str, Counter]:
    """Counts by status per lead unit (`key="lead_name"`) or per source (`"meeting_title"`)."""
    counts: dict[str, Counter] = {}
    for row in found:
        counts.setdefault(row[key] or row["source"], Counter())[row["status"]] += 1
    return counts
