"""Supervision of decided items (督办): the item under supervision with its source, what its
units reported, contributed and asked for, and the files attached to anything of the body."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from engine.core.base import Base, Instant, JsonDoc


class SupervisedItem(Base):
    """One decided item (议定事项) under supervision: a row of the office's ledger (督办台账)."""

    __tablename__ = "supervised_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id"), index=True)
    instance_id: Mapped[int] = mapped_column(ForeignKey("process_instance.id"), unique=True)
    # full | special | office (the meeting kind whose minutes decided it) | by_hand
    source_kind: Mapped[str] = mapped_column(String(20))
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"), index=True)
    minutes_version_id: Mapped[int | None] = mapped_column(ForeignKey("minutes_version.id"))
    number: Mapped[int] = mapped_column(Integer, default=1)  # its place among the minutes' items
    source_text: Mapped[str] = mapped_column(String(300), default="")  # e.g. 领导批示 for one entered by hand
    text: Mapped[str] = mapped_column(Text)
    lead: Mapped[str] = mapped_column(String(40), index=True)  # unit code
    cooperating: Mapped[list] = mapped_column(JsonDoc, default=list)  # unit codes
    due_at: Mapped[datetime] = mapped_column(Instant)  # moved by an approved extension
    original_due_at: Mapped[datetime] = mapped_column(Instant)
    status: Mapped[str] = mapped_column(String(20), default="open")  # open | closed
    created_at: Mapped[datetime] = mapped_column(Instant)
    created_by: Mapped[str] = mapped_column(String(80))
    closed_at: Mapped[datetime | None] = mapped_column(Instant)


class ProgressReport(Base):
    """What the lead unit reported: progress (asked for, or of its own accord) or completion."""

    __tablename__ = "progress_report"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("supervised_item.id"), index=True)
    task_id: Mapped[str] = mapped_column(String(36))
    unit: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(20))  # progress | requested | completion
    text: Mapped[str] = mapped_column(Text)
    due_at: Mapped[datetime | None] = mapped_column(Instant)  # the deadline it answered
    submitted_by: Mapped[str] = mapped_column(String(80))
    submitted_at: Mapped[datetime] = mapped_column(Instant)
    # A completion's verification: None while awaited, then accepted | returned.
    outcome: Mapped[str | None] = mapped_column(String(20))
    outcome_reason: Mapped[str] = mapped_column(Text, default="")
    outcome_by: Mapped[str | None] = mapped_column(String(80))
    outcome_at: Mapped[datetime | None] = mapped_column(Instant)


class Contribution(Base):
    """A cooperating unit's part (配合情况), which reaches the lead unit."""

    __tablename__ = "contribution"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("supervised_item.id"), index=True)
    task_id: Mapped[str] = mapped_column(String(36))
    unit: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)
    due_at: Mapped[datetime | None] = mapped_column(Instant)
    submitted_by: Mapped[str] = mapped_column(String(80))
    submitted_at: Mapped[datetime] = mapped_column(Instant)


class ExtensionRequest(Base):
    __tablename__ = "extension_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("supervised_item.id"), index=True)
    unit: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(Text)
    previous_due_at: Mapped[datetime] = mapped_column(Instant)
    requested_due_at: Mapped[datetime] = mapped_column(Instant)
    requested_by: Mapped[str] = mapped_column(String(80))
    requested_at: Mapped[datetime] = mapped_column(Instant)
    decision: Mapped[str] = mapped_column(String(20), default="pending")  # pending | approved | refused
    decision_comment: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[str | None] = mapped_column(String(80))
    decided_at: Mapped[datetime | None] = mapped_column(Instant)
