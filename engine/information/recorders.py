"""What each step of the information processes leaves on record (the keys workflows/
information_request.bpmn, bulletin.bpmn and major_event.bpmn name in `record`)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from engine.information import bulletins, reports, requests
from engine.information.models import InformationReport, InformationRequest
from engine.org import accounts

if TYPE_CHECKING:
    from engine.workflow.records import Completion


def requested(session: Session, c: Completion) -> None:
    """The office's request: the subject, what to report, the units asked and by when."""
    session.add(
        InformationRequest(
            body_id=c.instance.body_id,
            instance_id=c.instance.id,
            subject=c.values["subject"],
            text=c.values["request_text"],
            units=list(c.values["asked_units"]),
            due=date.fromisoformat(c.values["answer_due"]),
            requested_by=c.by,
            requested_at=c.now,
        )  # fmt: skip
    )


def answered(session: Session, c: Completion) -> None:
    """A unit's answer is a report like any other, for the unit the task asked, linked to the request."""
    request = requests.of_instance(session, c.instance.id)
    cleaned = reports.checked(
        {
            "kind": c.values["report_kind"],
            "title": c.values["report_title"],
            "text": c.values["report_text"],
            "level": c.values.get("report_level"),
        }
    )
    report = reports.new(session, c.instance.body_id, c.data["asked_unit"]["code"], cleaned, c.by, c.now, request.id)
    report.attachment = c.values.get("report_file")


def noted(session: Session, c: Completion) -> None:
    """The office director's instructions on a major event."""
    report = session.get(InformationReport, c.data["report_id"])
    report.director_note, report.noted_by, report.noted_at = c.values["instruction"], c.by, c.now


def compiled(session: Session, c: Completion) -> None:
    ids = c.data["accepted_report_ids"]
    chosen = [ids[number - 1] for number in c.values["reports"]]
    bulletin = bulletins.of_instance(session, c.instance.id)
    bulletins.compile_issue(
        session, bulletin, chosen, c.values["masthead"], c.values.get("foreword") or "", c.by, c.now
    )


def decided(session: Session, c: Completion) -> None:
    """Approved, the issue is released to the recipients the process addresses; refused, it goes
    back to the office with the director's reason."""
    bulletin = bulletins.of_instance(session, c.instance.id)
    if c.values["approval"] == "return":
        bulletins.send_back(bulletin, c.values["return_reason"])
        return
    bulletins.approve(bulletin, accounts.find(session, c.by), c.now)
    bulletins.release(session, bulletin, list(c.data["bulletin_recipients"]), c.by, c.now)


def received(session: Session, c: Completion) -> None:
    """A recipient signs for its copy, whoever answered for it."""
    bulletin = bulletins.of_instance(session, c.instance.id)
    bulletins.received(session, bulletin, c.data["recipient"]["code"], c.by, c.now)


RECORDERS = {
    "information_requested": requested,
    "information_answered": answered,
    "major_event_noted": noted,
    "bulletin_compiled": compiled,
    "bulletin_decided": decided,
    "bulletin_received": received,
}
