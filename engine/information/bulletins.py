"""Bulletins (简报, 工作动态): the office compiles an issue from the reports it accepted, the office
director approves its release (the joint-meeting rules §六(六): nothing is made public without the
director's consent; §五(一): the office is the one voice), and on release it takes the body's next
number of the year, 第N期, and goes to every member unit and up to the government (§二 duty 5).

The process (workflows/bulletin.bpmn) releases only after the director's approval; `release`
checks the same again, so no other way in releases an issue the director has not approved."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from engine.confidentiality.levels import INTERNAL, RESTRICTED
from engine.confidentiality.setting import DIRECTOR
from engine.core.errors import Conflict, FieldError, Forbidden, InvalidData
from engine.documents import layout, numbering
from engine.documents.models import DocumentNumber
from engine.information.models import Bulletin, BulletinCopy, BulletinItem, InformationReport
from engine.org.models import Body, Person
from engine.org.queries import unit_names
from engine.workflow import instances

PROCESS_ID = "bulletin"


class NotApproved(Conflict):
    """Releasing an issue the office director has not approved."""

    code = "not_approved"


def candidates(session: Session, body_id: int) -> list[InformationReport]:
    """The accepted reports in no issue yet, in the order they were accepted."""
    query = select(InformationReport).where(
        InformationReport.body_id == body_id,
        InformationReport.status == "accepted",
        InformationReport.id.not_in(select(BulletinItem.report_id)),
    )
    return list(session.scalars(query.order_by(InformationReport.reviewed_at, InformationReport.id)))


def begin(session: Session, person: Person, now: datetime) -> Bulletin:
    """An issue to compile, from the reports accepted by now: its process offers them by name."""
    if not person.is_office:
        raise Forbidden("the office compiles the bulletin")
    found = candidates(session, person.body_id)
    if not found:
        raise InvalidData({"reports": FieldError("required")})
    names = unit_names(session, person.body_id)
    data = {
        "title": f"简报（{layout.chinese_date(now)}起编）",
        "accepted_reports": [f"{names.get(r.unit, r.unit)}：{r.title}" for r in found],
        "accepted_report_ids": [r.id for r in found],
    }
    instance = instances.start(session, PROCESS_ID, session.get(Body, person.body_id), data, person.username, now)
    bulletin = Bulletin(
        body_id=person.body_id, instance_id=instance.id, masthead="bulletin", foreword="", level=INTERNAL,
        status="compiling", begun_by=person.username, begun_at=now, return_reason="",
    )  # fmt: skip
    session.add(bulletin)
    session.flush()
    return bulletin


def of_instance(session: Session, instance_id: int) -> Bulletin | None:
    return session.scalar(select(Bulletin).where(Bulletin.instance_id == instance_id))


def of_body(session: Session, body_id: int) -> list[Bulletin]:
    """The body's issues, the latest begun first."""
    query = select(Bulletin).where(Bulletin.body_id == body_id)
    return list(session.scalars(query.order_by(Bulletin.begun_at.desc(), Bulletin.id.desc())))


def reports_in(session: Session, bulletin: Bulletin) -> list[InformationReport]:
    query = select(InformationReport).join(BulletinItem, BulletinItem.report_id == InformationReport.id)
    return list(session.scalars(query.where(BulletinItem.bulletin_id == bulletin.id).order_by(BulletinItem.position)))


def compile_issue(
    session: Session, bulletin: Bulletin, report_ids: list[int], masthead: str, foreword: str, by: str, now: datetime
) -> None:
    """The office's choice, for the director to approve. A report no longer accepted, or in
    another issue meanwhile, is refused; the issue is as restricted as its most restricted report."""
    chosen = [session.get(InformationReport, report_id) for report_id in report_ids]
    taken = set(session.scalars(select(BulletinItem.report_id).where(BulletinItem.bulletin_id != bulletin.id)))
    if not chosen or any(r.status != "accepted" or r.body_id != bulletin.body_id or r.id in taken for r in chosen):
        raise InvalidData({"reports": FieldError("not_a_choice")})
    session.execute(delete(BulletinItem).where(BulletinItem.bulletin_id == bulletin.id))
    for position, report in enumerate(chosen, start=1):
        session.add(BulletinItem(bulletin_id=bulletin.id, report_id=report.id, position=position))
    bulletin.masthead, bulletin.foreword = masthead, foreword
    bulletin.level = RESTRICTED if any(r.level == RESTRICTED for r in chosen) else INTERNAL
    bulletin.status, bulletin.compiled_by, bulletin.compiled_at = "approving", by, now


def approve(bulletin: Bulletin, person: Person, now: datetime) -> None:
    """The office director's consent (§六(六)): theirs alone."""
    if DIRECTOR not in person.roles:
        raise Forbidden("only the office director approves a bulletin's release")
    if bulletin.status != "approving":
        raise Conflict(f"bulletin {bulletin.id} is {bulletin.status}, not waiting for approval")
    bulletin.approved_by, bulletin.approved_at, bulletin.return_reason = person.username, now, ""


def send_back(bulletin: Bulletin, reason: str) -> None:
    bulletin.status, bulletin.return_reason = "compiling", reason


def release(session: Session, bulletin: Bulletin, recipients: list[str], by: str, now: datetime) -> DocumentNumber:
    """The approved issue takes its number (never another's: engine.documents.numbering) and a
    copy goes to each recipient. Refused, changing nothing, unless the director approved it."""
    if bulletin.status == "released":
        raise Conflict(f"bulletin {bulletin.id} was released already")
    if bulletin.status != "approving" or bulletin.approved_at is None:
        raise NotApproved(f"bulletin {bulletin.id} has not been approved by the office director")
    number = numbering.assign(session, bulletin.body_id, numbering.BULLETIN, numbering.BULLETIN, bulletin.id, now, by)
    for unit in recipients:
        session.add(BulletinCopy(bulletin_id=bulletin.id, unit=unit, sent_at=now))
    bulletin.status, bulletin.released_at = "released", now
    return number


def number_of(session: Session, bulletin: Bulletin) -> DocumentNumber | None:
    return numbering.number_of(session, numbering.BULLETIN, bulletin.id)


def copies(session: Session, bulletin: Bulletin) -> list[BulletinCopy]:
    query = select(BulletinCopy).where(BulletinCopy.bulletin_id == bulletin.id)
    return list(session.scalars(query.order_by(BulletinCopy.id)))


def received(session: Session, bulletin: Bulletin, unit: str, by: str, now: datetime) -> None:
    copy = session.scalar(
        select(BulletinCopy).where(BulletinCopy.bulletin_id == bulletin.id, BulletinCopy.unit == unit)
    )
    copy.received_by, copy.received_at = by, now
