"""An inspection (联合督查, 联合执法 or 专项整治: the joint-meeting rules §五(二), §一(三), §四(三))
with its trigger, plan, team and report, and what its team found."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from engine.core.base import Base, Instant, JsonDoc

# 联合督查, 联合执法, 专项整治: the same work of a team, named as the office meeting planned it.
KINDS = ("inspection", "enforcement", "rectification")
# What set it going: a leader's written instruction (领导批示), a problem the media or another
# channel raised, or an office meeting's decision.
TRIGGERS = ("instruction", "media", "meeting")
# planning: the office drafts the plan (again, when returned); approving: the director has it;
# inspecting: the team records findings; reported: the report is out; closed: read and, after a
# leader's instruction, sent back up.
STATUSES = ("planning", "approving", "inspecting", "reported", "closed")


class Inspection(Base):
    __tablename__ = "inspection"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id"), index=True)
    instance_id: Mapped[int] = mapped_column(ForeignKey("process_instance.id"), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20))  # KINDS
    trigger: Mapped[str] = mapped_column(String(20))  # TRIGGERS
    # Who gave the instruction, the outlet or channel, or the meeting's name (optional for a meeting).
    trigger_from: Mapped[str] = mapped_column(String(200), default="")
    trigger_on: Mapped[date] = mapped_column(Date)
    trigger_text: Mapped[str] = mapped_column(Text)
    scope: Mapped[str] = mapped_column(Text)
    period_from: Mapped[date] = mapped_column(Date)
    period_to: Mapped[date] = mapped_column(Date)
    team_units: Mapped[list] = mapped_column(JsonDoc, default=list)  # unit codes, in roster order
    team_leader: Mapped[str] = mapped_column(String(80))  # a user name of a team unit's person
    status: Mapped[str] = mapped_column(String(20), default="approving")  # STATUSES
    planned_at: Mapped[datetime] = mapped_column(Instant)
    planned_by: Mapped[str] = mapped_column(String(80))
    # The director's answer to the plan: approved, or returned with comments.
    decided_at: Mapped[datetime | None] = mapped_column(Instant)
    decided_by: Mapped[str | None] = mapped_column(String(80))
    plan_comments: Mapped[str] = mapped_column(Text, default="")
    # The inspection report (督查报告), from the team leader to the office director.
    report_text: Mapped[str] = mapped_column(Text, default="")
    report_file: Mapped[dict | None] = mapped_column(JsonDoc)  # {"attachment_id", "name", "size"}
    reported_at: Mapped[datetime | None] = mapped_column(Instant)
    reported_by: Mapped[str | None] = mapped_column(String(80))
    read_at: Mapped[datetime | None] = mapped_column(Instant)
    read_by: Mapped[str | None] = mapped_column(String(80))
    read_comments: Mapped[str] = mapped_column(Text, default="")
    # After a leader's instruction, the report goes back to whoever gave it: to whom and when.
    sent_to: Mapped[str] = mapped_column(String(200), default="")
    sent_on: Mapped[date | None] = mapped_column(Date)
    sent_note: Mapped[str] = mapped_column(Text, default="")
    sent_by: Mapped[str | None] = mapped_column(String(80))


class Finding(Base):
    """One enterprise or place the team found a problem at, and the unit responsible for it. One
    that needs fixing is supervised (督办) with that unit as its lead, until the fixing day."""

    __tablename__ = "inspection_finding"
    __table_args__ = (UniqueConstraint("inspection_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspection.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)  # 1, 2, … in the order recorded
    place: Mapped[str] = mapped_column(String(200))
    problem: Mapped[str] = mapped_column(Text)
    responsible_unit: Mapped[str] = mapped_column(String(40))
    needs_fixing: Mapped[bool] = mapped_column(Boolean)
    fix_by: Mapped[date | None] = mapped_column(Date)
    evidence_id: Mapped[int | None] = mapped_column(ForeignKey("attachment.id"))
    item_id: Mapped[int | None] = mapped_column(ForeignKey("supervised_item.id"), unique=True)
    recorded_by: Mapped[str] = mapped_column(String(80))
    recorded_at: Mapped[datetime] = mapped_column(Instant)
