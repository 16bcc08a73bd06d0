"""Filing a report (信息报送, the joint-meeting rules §五(一)): a member unit's liaison reports its
routine supervision information, work news, case leads and major events to the office, with an
optional file and a level. A report the office returned is revised by the unit and filed again.

Only a liaison of a member unit files, for that unit: a unit code that is not of the person's body
is a field to fix (422); anyone else, or another unit of the body, is refused (403). A refused
filing, or one whose file is refused, keeps nothing: the caller's unit of work rolls it all back."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.attachments import store as attachments
from engine.confidentiality.levels import INTERNAL, LEVELS, PUBLIC
from engine.confidentiality.setting import NeedsDirector
from engine.core import audit, limits
from engine.core.errors import Conflict, FieldError, Forbidden, InvalidData
from engine.information import alerts
from engine.information.models import REPORT_KINDS, InformationReport
from engine.org.models import Person, Unit
from engine.workflow.forms import Upload, file_value

OWNER_KIND = "information_report"  # the attachments' owner kind for a report's file


def may_file(person: Person) -> bool:
    return person.answers_for_unit and person.unit.kind == "member"


def filing_unit(session: Session, person: Person, code: str | None) -> Unit:
    """The unit a report is filed for (the person's own when no code is given), if the person is
    its liaison."""
    if not may_file(person):
        raise Forbidden("only a member unit's liaison files information")
    code = code or person.unit.code
    unit = session.scalar(select(Unit).where(Unit.body_id == person.body_id, Unit.code == code))
    if unit is None:
        raise InvalidData({"unit": FieldError("unknown_unit", {"codes": code})})
    if unit.id != person.unit_id:
        raise Forbidden(f"{person.username} is not a liaison of {code}")
    return unit


def checked(values: dict) -> dict:
    """The report's kind, title, text and level as kept, or InvalidData naming each field to fix.
    公开 is the office director's to give (engine.confidentiality.setting): refused (403)."""
    errors = {}
    kind = values.get("kind")
    if kind not in REPORT_KINDS:
        errors["kind"] = FieldError("not_a_choice")
    title = _text(values, "title", limits.TITLE_MAX, errors)
    text = _text(values, "text", limits.TEXT_MAX, errors)
    level = values.get("level") or INTERNAL
    if level == PUBLIC:
        raise NeedsDirector("公开须经办公室主任同意 (making public needs the office director)")
    if level not in LEVELS:
        errors["level"] = FieldError("not_a_choice")
    if errors:
        raise InvalidData(errors)
    return {"kind": kind, "title": title, "text": text, "level": level}


def _text(values: dict, name: str, most: int, errors: dict) -> str:
    value = values.get(name)
    if value is not None and not isinstance(value, str):
        errors[name] = FieldError("not_text")
        return ""
    value = (value or "").strip()
    if not value:
        errors[name] = FieldError("required")
    elif len(value) > most:
        errors[name] = FieldError("too_long", {"max": most})
    return value


def file(
    session: Session, person: Person, unit_code: str | None, values: dict, upload: Upload | None, now: datetime
) -> InformationReport:
    """A report the unit's liaison files from the page or the API."""
    unit = filing_unit(session, person, unit_code)
    cleaned = checked(values)
    report = new(session, person.body_id, unit.code, cleaned, person.username, now)
    if upload is not None:
        report.attachment = _stored(session, report, upload, person.username, now)
    return report


def new(
    session: Session, body_id: int, unit: str, cleaned: dict, by: str, now: datetime, request_id: int | None = None
) -> InformationReport:
    """A report waiting for the office's review; a major event reaches the office director now."""
    report = InformationReport(
        body_id=body_id, unit=unit, **cleaned, request_id=request_id, status="submitted", version=1,
        filed_by=by, filed_at=now, submitted_at=now, review_note="", director_note="",
    )  # fmt: skip
    session.add(report)
    session.flush()
    _audit(session, report, by, now, "report_filed")
    alerts.on_filing(session, report, by, now)
    return report


def revise(
    session: Session, person: Person, report: InformationReport, values: dict, upload: Upload | None, now: datetime
) -> None:
    """The unit's revision of a report the office returned: the next version, waiting for review
    again. A new file replaces the old; without one the old stays."""
    filing_unit(session, person, report.unit)
    if report.status != "returned":
        raise Conflict(f"information report {report.id} is {report.status}, not returned for revision")
    cleaned = checked(values)
    for name, value in cleaned.items():
        setattr(report, name, value)
    if upload is not None:
        report.attachment = _stored(session, report, upload, person.username, now)
    report.status, report.version, report.submitted_at = "submitted", report.version + 1, now
    _audit(session, report, person.username, now, "report_revised")
    alerts.on_filing(session, report, person.username, now)


def _stored(session: Session, report: InformationReport, upload: Upload, by: str, now: datetime) -> dict:
    kept = attachments.store(session, report.body_id, OWNER_KIND, report.id, upload.filename, upload.content, by, now)
    return file_value(kept)


def _audit(session: Session, report: InformationReport, by: str, now: datetime, action: str) -> None:
    audit.record(
        session, now, by, action, body_id=report.body_id, summary=f"information_report {report.id}",
        after={"unit": report.unit, "kind": report.kind, "title": report.title, "version": report.version},
    )  # fmt: skip


def of_body(session: Session, body_id: int) -> list[InformationReport]:
    """The body's reports, the latest filed first (the operator's list: no person's view)."""
    query = select(InformationReport).where(InformationReport.body_id == body_id)
    return list(session.scalars(query.order_by(InformationReport.submitted_at.desc(), InformationReport.id.desc())))
