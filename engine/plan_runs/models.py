"""A running action plan (行动方案): the file it was started from, each unit's dated deliverables,
the indicator values units report, and the office's quarterly dispatch reviews (调度)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Float, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from engine.core.base import Base, Instant, JsonDoc


class PlanRun(Base):
    __tablename__ = "plan_run"
    __table_args__ = (UniqueConstraint("body_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id"), index=True)
    code: Mapped[str] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(String(300))
    file: Mapped[str] = mapped_column(String(300))  # the file's name, as errors name it
    # The plan file as it was started: the run is read from it, never from a file that may change.
    source: Mapped[str] = mapped_column(Text)
    source_hash: Mapped[str] = mapped_column(String(64))
    start: Mapped[date] = mapped_column(Date)
    end: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="running")  # running | finished
    instance_id: Mapped[int | None] = mapped_column(ForeignKey("process_instance.id"))
    cloned_from_id: Mapped[int | None] = mapped_column(ForeignKey("plan_run.id"))
    started_by: Mapped[str] = mapped_column(String(80))
    started_at: Mapped[datetime] = mapped_column(Instant)
    finished_at: Mapped[datetime | None] = mapped_column(Instant)


class PlanDeadline(Base):
    """One deliverable owed by one unit by one date; its task opens `opens_on` (a few days ahead)."""

    __tablename__ = "plan_deadline"
    __table_args__ = (Index("ix_plan_deadline_opening", "status", "opens_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("plan_run.id"), index=True)
    deliverable: Mapped[str] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(String(300))
    phase: Mapped[str] = mapped_column(String(80))
    unit: Mapped[str] = mapped_column(String(40))
    due: Mapped[date | None] = mapped_column(Date)  # None: an after_event rule whose event has not come
    rule_text: Mapped[str] = mapped_column(String(300), default="")
    opens_on: Mapped[date | None] = mapped_column(Date)
    event_on: Mapped[date | None] = mapped_column(Date)  # after_event: when the event was recorded
    # waiting (for its event) | scheduled | open | submitted | cancelled
    status: Mapped[str] = mapped_column(String(20), default="scheduled")
    instance_id: Mapped[int | None] = mapped_column(ForeignKey("process_instance.id"), unique=True)
    submitted_at: Mapped[datetime | None] = mapped_column(Instant)
    submitted_by: Mapped[str | None] = mapped_column(String(80))
    summary: Mapped[str] = mapped_column(Text, default="")


class IndicatorReport(Base):
    """A unit's report for one period: the task that asked for it, and when it was given."""

    __tablename__ = "indicator_report"
    __table_args__ = (UniqueConstraint("run_id", "unit", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("plan_run.id"), index=True)
    unit: Mapped[str] = mapped_column(String(40))
    period: Mapped[str] = mapped_column(String(10))  # 2025, 2025H1, 2025Q3
    period_end: Mapped[date] = mapped_column(Date)
    due: Mapped[date] = mapped_column(Date)
    instance_id: Mapped[int | None] = mapped_column(ForeignKey("process_instance.id"), unique=True)
    status: Mapped[str] = mapped_column(String(20), default="open")  # open | submitted
    submitted_at: Mapped[datetime | None] = mapped_column(Instant)


class IndicatorValue(Base):
    __tablename__ = "indicator_value"
    __table_args__ = (UniqueConstraint("run_id", "indicator", "unit", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("plan_run.id"), index=True)
    indicator: Mapped[str] = mapped_column(String(80))
    unit: Mapped[str] = mapped_column(String(40))
    period: Mapped[str] = mapped_column(String(10))
    value: Mapped[float] = mapped_column(Float)
    reported_by: Mapped[str] = mapped_column(String(80))
    reported_at: Mapped[datetime] = mapped_column(Instant)


class DispatchReview(Base):
    """A quarterly dispatch review: the briefing drawn up for it, and the findings the office recorded."""

    __tablename__ = "dispatch_review"
    __table_args__ = (UniqueConstraint("run_id", "quarter"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("plan_run.id"), index=True)
    quarter: Mapped[str] = mapped_column(String(10))  # 2025Q1
    review_at: Mapped[datetime] = mapped_column(Instant)
    briefing: Mapped[dict] = mapped_column(JsonDoc, default=dict)
    briefed_at: Mapped[datetime] = mapped_column(Instant)
    findings: Mapped[str | None] = mapped_column(Text)
    held_by: Mapped[str | None] = mapped_column(String(80))
    held_at: Mapped[datetime | None] = mapped_column(Instant)
