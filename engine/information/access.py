"""Who sees what of the information reported (docs/INFORMATION.md). A report: the office and the
conveners (who see the whole body) and the people of the unit that filed it, as its level narrows
that. A request: the whole body's readers and the units asked. An issue of the bulletin: the whole
body's readers while it is compiled, and once released the units it went to. Anything else, and
anything of another body, is not found (404), exactly like an id that does not exist."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.attachments import store as attachments
from engine.attachments.models import Attachment
from engine.confidentiality.levels import may_read
from engine.core.errors import NotFound
from engine.information.models import Bulletin, BulletinCopy, InformationReport, InformationRequest
from engine.org.models import Person


def can_see_report(person: Person, report: InformationReport) -> bool:
    if person.body_id != report.body_id:
        return False
    own = person.sees_whole_body or person.unit.code == report.unit
    return may_read(person, report.level, [report.unit], sees_record=own)


def visible_report(session: Session, person: Person, report_id: int) -> InformationReport:
    report = session.get(InformationReport, report_id)
    if report is None or not can_see_report(person, report):
        raise NotFound(f"information report {report_id}")
    return report


def visible_reports(session: Session, person: Person) -> list[InformationReport]:
    """The reports the person sees, the latest filed first: the whole body's, or their unit's."""
    query = select(InformationReport).where(InformationReport.body_id == person.body_id)
    if not person.sees_whole_body:
        query = query.where(InformationReport.unit == person.unit.code)
    found = session.scalars(query.order_by(InformationReport.submitted_at.desc(), InformationReport.id.desc()))
    return [report for report in found if can_see_report(person, report)]


def visible_report_file(session: Session, person: Person, report_id: int) -> Attachment:
    """The file of a report the person may see; one filed with an answer is kept with its request's
    instance, one filed on the page with the report."""
    report = visible_report(session, person, report_id)
    if not report.attachment:
        raise NotFound(f"the file of information report {report_id}")
    return attachments.get(session, report.body_id, report.attachment["attachment_id"])


def can_see_request(person: Person, request: InformationRequest) -> bool:
    return person.body_id == request.body_id and (person.sees_whole_body or person.unit.code in request.units)


def visible_request(session: Session, person: Person, request_id: int) -> InformationRequest:
    request = session.get(InformationRequest, request_id)
    if request is None or not can_see_request(person, request):
        raise NotFound(f"information request {request_id}")
    return request


def can_see_bulletin(session: Session, person: Person, bulletin: Bulletin) -> bool:
    if person.body_id != bulletin.body_id:
        return False
    sent_to = session.scalars(select(BulletinCopy.unit).where(BulletinCopy.bulletin_id == bulletin.id)).all()
    own = person.sees_whole_body or person.unit.code in sent_to
    return may_read(person, bulletin.level, sent_to, sees_record=own)


def visible_bulletin(session: Session, person: Person, bulletin_id: int) -> Bulletin:
    bulletin = session.get(Bulletin, bulletin_id)
    if bulletin is None or not can_see_bulletin(session, person, bulletin):
        raise NotFound(f"bulletin {bulletin_id}")
    return bulletin
