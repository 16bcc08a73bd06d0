"""What each step of a supervision leaves on record (the keys item_supervision.bpmn names)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.core.clock import parse_instant
from engine.core.errors import FieldError, InvalidData
from engine.org.queries import liaisons_of
from engine.reminders.models import Notification
from engine.supervision.models import Contribution, ExtensionRequest, ProgressReport, SupervisedItem
from engine.workflow.models import HumanTask

if TYPE_CHECKING:
    from engine.workflow.records import Completion


def item_of(session: Session, c: Completion) -> SupervisedItem:
    return session.scalar(select(SupervisedItem).where(SupervisedItem.instance_id == c.instance.id))


def worked(session: Session, c: Completion) -> None:
    """The lead unit's answer: progress of its own accord, completion, or an extension request."""
    item = item_of(session, c)
    if c.values["action"] == "extension":
        _request_extension(session, item, c)
        return
    kind = "completion" if c.values["action"] == "completion" else "progress"
    session.add(_report(item, c, kind, c.values["text"]))


def progress_reported(session: Session, c: Completion) -> None:
    """A report the period or the office asked for: it counts in the unit's timeliness."""
    session.add(_report(item_of(session, c), c, "requested", c.values["progress_text"]))


def _report(item: SupervisedItem, c: Completion, kind: str, text: str) -> ProgressReport:
    return ProgressReport(
        item_id=item.id,
        task_id=c.task.id,
        unit=c.task.assignee,
        kind=kind,
        text=text,
        due_at=c.task.due_at,
        submitted_by=c.by,
        submitted_at=c.now,
        outcome_reason="",
    )


def _request_extension(session: Session, item: SupervisedItem, c: Completion) -> None:
    wanted = parse_instant(c.values["new_due"])
    if wanted <= max(item.due_at, c.now):  # an extension into the past would change nothing
        raise InvalidData({"new_due": FieldError("extension_not_later", {"due": item.due_at.date().isoformat()})})
    session.add(
        ExtensionRequest(
            item_id=item.id,
            unit=c.task.assignee,
            reason=c.values["text"],
            previous_due_at=item.due_at,
            requested_due_at=wanted,
            requested_by=c.by,
            requested_at=c.now,
            decision="pending",
            decision_comment="",
        )
    )


def extension_decided(session: Session, c: Completion) -> None:
    item = item_of(session, c)
    request = session.scalar(
        select(ExtensionRequest)
        .where(ExtensionRequest.item_id == item.id, ExtensionRequest.decision == "pending")
        .order_by(ExtensionRequest.id.desc())
    )
    approved = c.values["extension_decision"] == "approve"
    request.decision = "approved" if approved else "refused"
    request.decision_comment = c.values.get("extension_comment") or ""
    request.decided_by, request.decided_at = c.by, c.now
    if approved:
        move_deadline(session, item, request.requested_due_at, c)


def move_deadline(session: Session, item: SupervisedItem, due_at, c: Completion) -> None:  # noqa: ANN001
    """The item's open tasks that were due at its deadline move with it, and so do their
    reminders: the next planning pass works them out afresh, as for a task just opened (the
    tasks the process opens from now on are dated from the new deadline by the process)."""
    previous, item.due_at = item.due_at, due_at
    for task in session.scalars(
        select(HumanTask).where(
            HumanTask.instance_id == c.instance.id, HumanTask.status == "open", HumanTask.due_at == previous
        )
    ):
        task.due_at, task.next_reminder_at = due_at, c.now


def completion_verified(session: Session, c: Completion) -> None:
    item = item_of(session, c)
    report = session.scalar(
        select(ProgressReport)
        .where(ProgressReport.item_id == item.id, ProgressReport.kind == "completion", ProgressReport.outcome.is_(None))
        .order_by(ProgressReport.id.desc())
    )
    accepted = c.values["verdict"] == "accept"
    report.outcome = "accepted" if accepted else "returned"
    report.outcome_reason = c.values.get("verdict_reason") or ""
    report.outcome_by, report.outcome_at = c.by, c.now
    if accepted:
        item.status, item.closed_at = "closed", c.now


def contributed(session: Session, c: Completion) -> None:
    """A cooperating unit's part reaches the lead unit: on the item, and in its liaisons'
    notification centre."""
    item = item_of(session, c)
    session.add(
        Contribution(
            item_id=item.id,
            task_id=c.task.id,
            unit=c.task.assignee,
            text=c.values["contribution_text"],
            due_at=c.task.due_at,
            submitted_by=c.by,
            submitted_at=c.now,
        )
    )
    for person in liaisons_of(session, item.body_id, item.lead):
        session.add(
            Notification(
                person_id=person.id,
                task_id=None,
                title=f"配合情况：{item.text[:80]}",
                text=f"{c.task.assignee}：{c.values['contribution_text']}",
                created_at=c.now,
            )
        )


RECORDERS = {
    "item_worked": worked,
    "progress_reported": progress_reported,
    "extension_decided": extension_decided,
    "completion_verified": completion_verified,
    "contribution_made": contributed,
}
