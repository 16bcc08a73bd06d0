"""What the core keeps: the audit log, the working-day overrides, the simulated time and the scheduler's lease."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from engine.core.base import Base, Instant, JsonDoc


class AuditEvent(Base):
    __tablename__ = "audit_event"
    # A body's events of some actions, newest first: its 登录记录 page (engine.org.sign_in_log).
    __table_args__ = (
        Index("ix_audit_instance", "instance_id", "id"),
        Index("ix_audit_body_action", "body_id", "action", "id"),
    )

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


class SimulatedTime(Base):
    """Under LIANXI_CLOCK=simulated, the one instant every process reads as "now"."""

    __tablename__ = "simulated_time"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=1)
    now: Mapped[datetime] = mapped_column(Instant)


class CalendarDay(Base):
    """An administrator's entry from the year's official notice: this day is (not) a working day."""

    __tablename__ = "calendar_day"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    working: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str] = mapped_column(String(200), default="")
    entered_by: Mapped[str] = mapped_column(String(80))


class SchedulerLease(Base):
    """Which scheduler process runs the pass. Two started by mistake take turns, never both."""

    __tablename__ = "scheduler_lease"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    holder: Mapped[str] = mapped_column(String(120))
    until: Mapped[datetime] = mapped_column(Instant)
