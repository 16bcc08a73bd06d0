"""One item's history as its page shows it: reports, contributions, extensions and files, in
the order they happened."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.attachments import store as attachments
from engine.supervision.access import OWNER_KIND
from engine.supervision.models import Contribution, ExtensionRequest, ProgressReport, SupervisedItem
from engine.workflow.models import HumanTask

# Within the same instant, in the order they can happen: evidence before the report it backs,
# a request before its decision, a report before its verdict.
_RANK = {
    "attachment": 0,
    "contribution": 1,
    "extension_requested": 3,
    "extension_approved": 4,
    "extension_refused": 4,
    "accepted": 5,
    "returned": 5,
}


def events(session: Session, item: SupervisedItem) -> list[dict]:
    found = []
    for report in _of(session, ProgressReport, item):
        found.append(
            _event(report.kind, report.submitted_at, report.submitted_by, report.text, report.unit, report.due_at)
        )
        if report.outcome:
            found.append(_event(report.outcome, report.outcome_at, report.outcome_by, report.outcome_reason))
    for part in _of(session, Contribution, item):
        found.append(_event("contribution", part.submitted_at, part.submitted_by, part.text, part.unit, part.due_at))
    for asked in _of(session, ExtensionRequest, item):
        wanted = asked.requested_due_at
        found.append(
            _event("extension_requested", asked.requested_at, asked.requested_by, asked.reason, asked.unit, wanted)
        )
        if asked.decided_at:
            kind = f"extension_{asked.decision}"
            found.append(_event(kind, asked.decided_at, asked.decided_by, asked.decision_comment, due_at=wanted))
    for file in attachments.of_owner(session, OWNER_KIND, item.id):
        found.append(_event("attachment", file.uploaded_at, file.uploaded_by, file.note, attachment=file))
    return sorted(found, key=lambda e: (e["at"], _RANK.get(e["kind"], 2)))


def _event(kind: str, at, by: str, text: str, unit: str | None = None, due_at=None, **more) -> dict:  # noqa: ANN001
    return {"kind": kind, "at": at, "by": by, "text": text, "unit": unit, "due_at": due_at, **more}


def _of(session: Session, model, item: SupervisedItem) -> list:  # noqa: ANN001
    return list(session.scalars(select(model).where(model.item_id == item.id).order_by(model.id)))


def open_tasks(session: Session, item: SupervisedItem) -> list[HumanTask]:
    return list(
        session.scalars(
            select(HumanTask)
            .where(HumanTask.instance_id == item.instance_id, HumanTask.status == "open")
            .order_by(HumanTask.created_at, HumanTask.name)
        )
    )
