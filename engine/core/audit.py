"""The append-only audit log: writing an event, and reading an instance's history."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.core.models import AuditEvent


def record(
    session: Session,
    at: datetime,
    actor: str,
    action: str,
    *,
    body_id: int | None = None,
    instance_id: int | None = None,
    task_id: str | None = None,
    summary: str = "",
    before: dict | None = None,
    after: dict | None = None,
) -> None:
    session.add(
        AuditEvent(
            at=at,
            actor=actor,
            action=action,
            body_id=body_id,
            instance_id=instance_id,
            task_id=task_id,
            summary=summary,
            before=before,
            after=after,
        )
    )


def of_instance(session: Session, instance_id: int) -> list[AuditEvent]:
    """An instance's events, oldest first."""
    return list(
        session.scalars(select(AuditEvent).where(AuditEvent.instance_id == instance_id).order_by(AuditEvent.id))
    )
