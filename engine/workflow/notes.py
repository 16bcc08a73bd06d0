"""What people leave on a task besides its form: a draft, and comments (批示/意见)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from engine.core.base import Base, Instant, JsonDoc


class TaskDraft(Base):
    __tablename__ = "task_draft"
    __table_args__ = (UniqueConstraint("task_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[str] = mapped_column(ForeignKey("human_task.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    data: Mapped[dict] = mapped_column(JsonDoc)
    saved_at: Mapped[datetime] = mapped_column(Instant)


class TaskComment(Base):
    __tablename__ = "task_comment"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[str] = mapped_column(ForeignKey("human_task.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    author: Mapped[str] = mapped_column(String(120))  # display name at the time of writing
    kind: Mapped[str] = mapped_column(String(20), default="opinion")  # opinion | instruction
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(Instant)
