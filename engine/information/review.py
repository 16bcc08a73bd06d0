"""The office's review of the reports filed (the joint-meeting rules §二 duty 5: it collects and
sorts the information): accept one, return it to its unit with the reason (the unit revises and
files it again), or merge it into another report on the same matter. Only a report waiting for
review is reviewed; one reviewed meanwhile is a conflict (409) and nothing changes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.core import audit, limits
from engine.core.errors import Conflict, FieldError, Forbidden, InvalidData
from engine.information.access import can_see_report
from engine.information.models import InformationReport
from engine.meetings.notices import to_liaisons
from engine.org.models import Person

DECISIONS = {"accept": "accepted", "return": "returned", "merge": "merged"}
RETURNED = "信息退回修改：{title}"
RETURNED_TEXT = "办公室退回了本单位报送的信息，请在“信息报送”中修改后重新报送。\n退回理由：{reason}"


def waiting(session: Session, body_id: int) -> list[InformationReport]:
    """The body's reports waiting for review, the longest waiting first."""
    query = select(InformationReport).where(
        InformationReport.body_id == body_id, InformationReport.status == "submitted"
    )
    return list(session.scalars(query.order_by(InformationReport.submitted_at, InformationReport.id)))


def waiting_for(session: Session, person: Person) -> list[InformationReport]:
    """Those of them the person may read: the overview names no 机密 report to someone not cleared."""
    return [report for report in waiting(session, person.body_id) if can_see_report(person, report)]


def merge_targets(session: Session, report: InformationReport) -> list[InformationReport]:
    """What a report may be merged into: another of the body's reports waiting or accepted."""
    query = select(InformationReport).where(
        InformationReport.body_id == report.body_id,
        InformationReport.id != report.id,
        InformationReport.status.in_(("submitted", "accepted")),
    )
    return list(session.scalars(query.order_by(InformationReport.submitted_at.desc(), InformationReport.id.desc())))


def review(
    session: Session,
    person: Person,
    report: InformationReport,
    decision: str,
    note: str,
    now: datetime,
    merged_into: int | None = None,
) -> None:
    if not person.is_office:
        raise Forbidden("the office reviews the information reported")
    if decision not in DECISIONS:
        raise InvalidData({"decision": FieldError("not_a_choice")})
    limits.refuse_long({"note": note})
    if report.status != "submitted":
        raise Conflict(f"information report {report.id} is {report.status}, no longer waiting for review")
    if decision == "return":
        _returned(session, report, note, now)
    elif decision == "merge":
        report.merged_into_id = _target(session, report, merged_into).id
    report.status, report.review_note = DECISIONS[decision], note.strip()
    report.reviewed_by, report.reviewed_at = person.username, now
    audit.record(
        session, now, person.username, f"report_{DECISIONS[decision]}", body_id=report.body_id,
        summary=f"information_report {report.id}", after={"note": report.review_note, "merged_into": merged_into},
    )  # fmt: skip


def _returned(session: Session, report: InformationReport, reason: str, now: datetime) -> None:
    """A return says why, and the unit's liaisons hear of it in their notification centre."""
    if not reason.strip():
        raise InvalidData({"note": FieldError("required")})
    title, text = RETURNED.format(title=report.title), RETURNED_TEXT.format(reason=reason.strip())
    to_liaisons(session, report.body_id, [report.unit], title, text, now)


def _target(session: Session, report: InformationReport, merged_into: int | None) -> InformationReport:
    found = {target.id: target for target in merge_targets(session, report)}
    if merged_into not in found:
        raise InvalidData({"merged_into": FieldError("not_a_choice")})
    return found[merged_into]
