"""The append-only audit log: who did what to which instance or task, when, before and after."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from engine.models.base import Base, Instant, JsonDoc


class AuditEvent(Base):
    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_instance", "instance_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(Instant)
    actor: Mapped[str] = mapped_column(String(80))  # a user name, or "system" for timers
    action: Mapped[str] = mapped_column(String(40))
    body_id: Mapped[int | None] = mapped_column(ForeignKey("body.id"))
    instance_id: Mapped[int | None] = mapped_column(ForeignKey("process_instance.id"))
    task_id: Mapped[str | None] = mapped_column(String(36))
    summary: Mapped[str] = mapped_column(Text, default="")
    before: Mapped[dict | None] = mapped_column(JsonDoc)
    after: Mapped[dict | None] = mapped_column(JsonDoc)
