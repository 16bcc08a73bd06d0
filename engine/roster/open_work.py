"""What a unit or a person still owes: the open tasks a roster change must not strand."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.workflow.models import HumanTask


def of_unit(session: Session, body_id: int, code: str) -> list[HumanTask]:
    return _open(session, body_id, "unit", code)


def of_person(session: Session, body_id: int, username: str) -> list[HumanTask]:
    return _open(session, body_id, "person", username)


def _open(session: Session, body_id: int, kind: str, assignee: str) -> list[HumanTask]:
    query = select(HumanTask).where(
        HumanTask.body_id == body_id,
        HumanTask.status == "open",
        HumanTask.assignee_kind == kind,
        HumanTask.assignee == assignee,
    )
    return list(session.scalars(query.order_by(HumanTask.created_at)))
