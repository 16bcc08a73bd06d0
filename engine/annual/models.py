"""The annual cycle (the joint-meeting rules §六(五)): each body's settings, its year's cycle, every unit's
submissions with their plan items and topic suggestions, and the office's compiled drafts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engine.core.base import Base, Instant, JsonDoc


class AnnualSetting(Base):
    """A body's own start day, deadline and approval rule; a body without a row has the defaults."""

    __tablename__ = "annual_setting"

    body_id: Mapped[int] = mapped_column(ForeignKey("body.id"), primary_key=True)
    start_day: Mapped[str] = mapped_column(String(5))  # MM-DD
    deadline_day: Mapped[str] = mapped_column(String(5))  # MM-DD
    require_convener_approval: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_by: Mapped[str] = mapped_column(String(80))
    updated_at: Mapped[datetime] = mapped_column(Instant)


class AnnualCycle(Base):
    """One body's year. (body, year) is unique, so two schedulers can never start it twice; the
    deadline and the approval rule are fixed when it starts (a settings change waits for next year)."""

    __tablename__ = "annual_cycle"
    __table_args__ = (UniqueConstraint("body_id", "year", name="annual_cycle_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    instance_id: Mapped[int] = mapped_column(ForeignKey("process_instance.id"), unique=True)
    deadline: Mapped[str] = mapped_column(String(10))  # YYYY-MM-DD, due by the end of that day
    deadline_at: Mapped[datetime] = mapped_column(Instant)
    require_convener_approval: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(20), default="collecting")  # collecting|compiling|approving|archived
    started_at: Mapped[datetime] = mapped_column(Instant)
    archived_at: Mapped[datetime | None] = mapped_column(Instant)
    archived_draft: Mapped[int | None] = mapped_column(Integer)  # the draft number made final


# The summary's 发文字号 (engine.documents.numbering): the body's "annual" sequence, taken on the
# year's record when the summary is archived, i.e. issued (engine.annual.recorders).
DOCUMENT_KIND = "annual"
RECORD_KIND = AnnualCycle.__tablename__


class AnnualSubmission(Base):
    """One submission by one unit; a returned unit's resubmission is the next number. Each keeps
    its own time and late flag."""

    __tablename__ = "annual_submission"
    __table_args__ = (UniqueConstraint("cycle_id", "unit", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("annual_cycle.id"), index=True)
    unit: Mapped[str] = mapped_column(String(40))
    number: Mapped[int] = mapped_column(Integer)
    task_id: Mapped[str] = mapped_column(String(36))
    summary: Mapped[str] = mapped_column(Text)
    plan: Mapped[list] = mapped_column(JsonDoc, default=list)  # [{"item", "owner", "month": "YYYY-MM"}]
    submitted_by: Mapped[str] = mapped_column(String(80))
    submitted_at: Mapped[datetime] = mapped_column(Instant)
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    review: Mapped[str] = mapped_column(String(20), default="pending")  # pending | accepted | returned
    review_comments: Mapped[str] = mapped_column(Text, default="")
    reviewed_by: Mapped[str | None] = mapped_column(String(80))
    reviewed_at: Mapped[datetime | None] = mapped_column(Instant)

    topics: Mapped[list[AnnualTopic]] = relationship(order_by="AnnualTopic.position", lazy="selectin")


class AnnualTopic(Base):
    """A topic suggestion for the joint meeting: the pool the next full meetings' rounds show."""

    __tablename__ = "annual_topic"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("annual_submission.id"), index=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id"), index=True)
    unit: Mapped[str] = mapped_column(String(40))
    year: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class AnnualDraft(Base):
    """A version of the office's compiled summary and plan; every save is kept."""

    __tablename__ = "annual_draft"
    __table_args__ = (UniqueConstraint("cycle_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("annual_cycle.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    saved_by: Mapped[str] = mapped_column(String(80))
    saved_at: Mapped[datetime] = mapped_column(Instant)
