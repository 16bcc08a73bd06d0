"""Research (调查研究, the joint-meeting rules §二 duty 4): the office's study of a matter with the
member units taking part, each unit's findings, and the report's proposals, each of which the office
may put into the topic pool of the next full meeting (engine.research.pool)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engine.core.base import Base, Instant, JsonDoc

# planned: the units are gathering their findings; reported: the office's report is written.
STATUSES = ("planned", "reported")


class Research(Base):
    """One research task of a body, run by its `research` process (workflows/research.bpmn)."""

    __tablename__ = "research"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id"), index=True)
    instance_id: Mapped[int] = mapped_column(ForeignKey("process_instance.id"), unique=True)
    subject: Mapped[str] = mapped_column(String(300))
    plan: Mapped[str] = mapped_column(Text)  # what is studied, and how
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    units: Mapped[list] = mapped_column(JsonDoc, default=list)  # the member units taking part, by code
    findings_due: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="planned")  # STATUSES
    planned_by: Mapped[str] = mapped_column(String(80))
    planned_at: Mapped[datetime] = mapped_column(Instant)
    report: Mapped[str] = mapped_column(Text, default="")  # the office's findings, as the report states them
    report_file: Mapped[dict | None] = mapped_column(JsonDoc)  # {"attachment_id", "name", "size"}
    reported_by: Mapped[str | None] = mapped_column(String(80))
    reported_at: Mapped[datetime | None] = mapped_column(Instant)

    proposals: Mapped[list[ResearchProposal]] = relationship(order_by="ResearchProposal.number")


class ResearchFinding(Base):
    """A taking-part unit's findings, kept against the unit asked, whoever answered for it."""

    __tablename__ = "research_finding"
    __table_args__ = (UniqueConstraint("research_id", "unit"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    research_id: Mapped[int] = mapped_column(ForeignKey("research.id"), index=True)
    unit: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)
    file: Mapped[dict | None] = mapped_column(JsonDoc)  # {"attachment_id", "name", "size"}
    submitted_by: Mapped[str] = mapped_column(String(80))
    submitted_at: Mapped[datetime] = mapped_column(Instant)


class ResearchProposal(Base):
    """One of the report's proposals (对策建议). Put into the pool, it is a proposed topic of the
    body's next full meeting, once (engine.research.pool)."""

    __tablename__ = "research_proposal"
    __table_args__ = (UniqueConstraint("research_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    research_id: Mapped[int] = mapped_column(ForeignKey("research.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)  # its place in the report, from 1
    text: Mapped[str] = mapped_column(Text)
    pooled_at: Mapped[datetime | None] = mapped_column(Instant)
    pooled_by: Mapped[str | None] = mapped_column(String(80))
