"""Reminders: the formal 催办 record, the outbox that delivers it, and what people receive."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engine.core.base import Base, Instant
from engine.workflow.models import HumanTask

# A reminder a person or an event raises, not the policy's: planning counts from the policy's own.
# An urgent one (a major event, engine.information.alerts) goes out in quiet hours too.
URGENT = "urgent"
UNPLANNED = ("manual", URGENT)


class Reminder(Base):
    """One 催办: who nagged (the system or a person), about which task, of which kind, when.
    The key (task, kind, planned instant) is unique, so planning twice — or two schedulers —
    can never record the same reminder twice."""

    __tablename__ = "reminder"
    __table_args__ = (UniqueConstraint("task_id", "kind", "planned_at", name="reminder_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[str] = mapped_column(ForeignKey("human_task.id"), index=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id"))
    unit: Mapped[str | None] = mapped_column(String(40), index=True)  # the unit that owes, if any
    kind: Mapped[str] = mapped_column(String(20))  # before | due | overdue | escalation | manual | urgent
    planned_at: Mapped[datetime] = mapped_column(Instant)
    created_at: Mapped[datetime] = mapped_column(Instant)
    late: Mapped[bool] = mapped_column(Boolean, default=False)  # planned while nobody was planning
    created_by: Mapped[str] = mapped_column(String(80))  # "system" or the office person's name
    note: Mapped[str] = mapped_column(Text, default="")

    task: Mapped[HumanTask] = relationship()
    messages: Mapped[list[OutboxMessage]] = relationship(back_populates="reminder", order_by="OutboxMessage.id")


class OutboxMessage(Base):
    """One delivery of a reminder to one recipient through one channel."""

    __tablename__ = "outbox_message"
    __table_args__ = (
        UniqueConstraint("reminder_id", "recipient", "channel", name="message_key"),
        # Each channel's queue in the order a pass claims it (engine.reminders.outbox.claim).
        Index("ix_outbox_queue", "channel", "status", "next_attempt_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reminder_id: Mapped[int] = mapped_column(ForeignKey("reminder.id"), index=True)
    recipient: Mapped[str] = mapped_column(String(80))  # a user name, or "body:CODE" for a webhook
    channel: Mapped[str] = mapped_column(String(20))  # in_app | email | webhook
    status: Mapped[str] = mapped_column(String(20), default="pending")  # pending|sending|sent|failed|skipped
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(Instant)
    lease_until: Mapped[datetime | None] = mapped_column(Instant)
    sent_at: Mapped[datetime | None] = mapped_column(Instant)
    last_error: Mapped[str] = mapped_column(Text, default="")

    reminder: Mapped[Reminder] = relationship(back_populates="messages")


class DeliveryAttempt(Base):
    __tablename__ = "delivery_attempt"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("outbox_message.id"), index=True)
    at: Mapped[datetime] = mapped_column(Instant)
    ok: Mapped[bool] = mapped_column(Boolean)
    error: Mapped[str] = mapped_column(Text, default="")


class Notification(Base):
    """The in-app channel: what the notification centre lists, with its unread count."""

    __tablename__ = "notification"
    __table_args__ = (Index("ix_notification_unread", "person_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    message_id: Mapped[int | None] = mapped_column(ForeignKey("outbox_message.id"), unique=True)
    task_id: Mapped[str | None] = mapped_column(String(36))
    title: Mapped[str] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(Instant)
    read_at: Mapped[datetime | None] = mapped_column(Instant)
