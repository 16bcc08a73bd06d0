"""What a meeting leaves on record: the meeting itself, its topic suggestions, every version of
its minutes, each co-signature against the version it signed, a matter sent up to the
government, and the copies distributed with their receipts."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engine.confidentiality.levels import INTERNAL
from engine.core.base import Base, Instant, JsonDoc


def seal_for(body, kind: str) -> str:
    """The unit whose seal an issued document goes out under, 代章 (docs/RULES.md, 印章): the
    body's minutes under its `body_seal`, the office's under its `office_seal`."""
    return body.office_seal if kind == "office" else body.body_seal


class Meeting(Base):
    __tablename__ = "meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id"), index=True)
    instance_id: Mapped[int] = mapped_column(ForeignKey("process_instance.id"), unique=True)
    kind: Mapped[str] = mapped_column(String(20))  # full | special | office
    title: Mapped[str] = mapped_column(String(300))
    topics: Mapped[str] = mapped_column(Text, default="")
    meeting_at: Mapped[datetime | None] = mapped_column(Instant)
    place: Mapped[str] = mapped_column(String(200), default="")
    chair: Mapped[str | None] = mapped_column(String(80))  # a user name
    status: Mapped[str] = mapped_column(String(20), default="soliciting")
    invited_units: Mapped[list] = mapped_column(JsonDoc, default=list)  # unit codes
    attended_units: Mapped[list] = mapped_column(JsonDoc, default=list)
    absent_units: Mapped[list] = mapped_column(JsonDoc, default=list)
    # The office's people who sat in (列席) on a full meeting, by user name (engine.meetings.sitting_in).
    sitting_in: Mapped[list] = mapped_column(JsonDoc, default=list)
    # The sealing unit's name, kept as it was when the meeting opened (seal_for).
    seal: Mapped[str] = mapped_column(String(100), default="")
    opened_at: Mapped[datetime] = mapped_column(Instant)
    issued_at: Mapped[datetime | None] = mapped_column(Instant)
    signed_by: Mapped[str | None] = mapped_column(String(80))
    # 密级 of its minutes (engine.confidentiality.levels; engine.meetings.access reads it).
    level: Mapped[str] = mapped_column(String(20), default=INTERNAL, server_default=INTERNAL)

    versions: Mapped[list[MinutesVersion]] = relationship(order_by="MinutesVersion.number")


class TopicSuggestion(Base):
    """A unit's answer to the round's solicitation; also the pool the next meeting draws on."""

    __tablename__ = "topic_suggestion"
    __table_args__ = (UniqueConstraint("meeting_id", "unit"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    unit: Mapped[str] = mapped_column(String(40))
    topics: Mapped[str] = mapped_column(Text, default="")  # empty: no suggestion
    closed_at_deadline: Mapped[bool] = mapped_column(default=False)
    submitted_by: Mapped[str] = mapped_column(String(80))
    submitted_at: Mapped[datetime] = mapped_column(Instant)


class MinutesVersion(Base):
    __tablename__ = "minutes_version"
    __table_args__ = (UniqueConstraint("meeting_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    # [{"text", "lead", "cooperating": [codes], "due": "YYYY-MM-DD"}]: what supervision starts from
    decided_items: Mapped[list] = mapped_column(JsonDoc, default=list)
    drafted_by: Mapped[str] = mapped_column(String(80))
    drafted_at: Mapped[datetime] = mapped_column(Instant)


class CoSignature(Base):
    __tablename__ = "cosignature"
    __table_args__ = (UniqueConstraint("version_id", "unit"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("minutes_version.id"))
    task_id: Mapped[str | None] = mapped_column(String(36), index=True)  # the co-sign task it answered
    unit: Mapped[str] = mapped_column(String(40))
    decision: Mapped[str] = mapped_column(String(30))  # agree | agree_with_comments | disagree
    comment: Mapped[str] = mapped_column(Text, default="")
    signed_by: Mapped[str] = mapped_column(String(80))
    signed_at: Mapped[datetime] = mapped_column(Instant)

    version: Mapped[MinutesVersion] = relationship()


class DisputedMatter(Base):
    """A disagreement mediation could not settle: the positions and reasons go to the
    government to decide (§六(三)); the minutes issue with its items marked as waiting for it."""

    __tablename__ = "disputed_matter"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    description: Mapped[str] = mapped_column(Text)
    dissenting_units: Mapped[list] = mapped_column(JsonDoc, default=list)
    recorded_by: Mapped[str] = mapped_column(String(80))
    recorded_at: Mapped[datetime] = mapped_column(Instant)
    # The co-signed version and the numbers (from 1) of its decided items left to the government:
    # they are not decided items until it decides. Empty for matters kept before the referral.
    version_id: Mapped[int | None] = mapped_column(ForeignKey("minutes_version.id"))
    items: Mapped[list] = mapped_column(JsonDoc, default=list)
    majority_view: Mapped[str] = mapped_column(Text, default="")  # the view of the minutes as drafted
    dissenting_view: Mapped[str] = mapped_column(Text, default="")


class GovernmentReferral(Base):
    """The request (请示) that takes a disputed matter to the government, from the office's draft
    through each unit's check of its own view and the convener's issuing to the government's
    decision as the office records it (§六(三))."""

    __tablename__ = "government_referral"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id"), index=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    matter_id: Mapped[int] = mapped_column(ForeignKey("disputed_matter.id"), unique=True)
    instance_id: Mapped[int] = mapped_column(ForeignKey("process_instance.id"), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    matter: Mapped[str] = mapped_column(Text, default="")  # as the request states it
    majority_view: Mapped[str] = mapped_column(Text, default="")
    dissenting_view: Mapped[str] = mapped_column(Text, default="")
    # {unit code: {"side", "confirmation": as_written | corrected, "view", "by", "at"}}
    unit_views: Mapped[dict] = mapped_column(JsonDoc, default=dict)
    started_at: Mapped[datetime] = mapped_column(Instant)
    sent_at: Mapped[datetime | None] = mapped_column(Instant)  # the convener issued it (签发)
    sent_by: Mapped[str | None] = mapped_column(String(80))
    received_at: Mapped[datetime | None] = mapped_column(Instant)  # the government signed for it
    received_by: Mapped[str | None] = mapped_column(String(80))
    decision_received_on: Mapped[date | None] = mapped_column(Date)
    decision_text: Mapped[str] = mapped_column(Text, default="")
    decision_number: Mapped[str] = mapped_column(String(100), default="")  # the government's 文号
    decision_file: Mapped[dict | None] = mapped_column(JsonDoc)  # {"attachment_id", "name", "size"}
    decided_at: Mapped[datetime | None] = mapped_column(Instant)  # recorded by the office
    decided_by: Mapped[str | None] = mapped_column(String(80))


class GovernmentItemDecision(Base):
    """What the government decided for one disputed item: supervised as it said, or not at all.
    One per item of a meeting, so a second decision for it cannot be kept."""

    __tablename__ = "government_item_decision"
    __table_args__ = (UniqueConstraint("meeting_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("government_referral.id"), index=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"))
    number: Mapped[int] = mapped_column(Integer)  # the item's place among the version's decided items
    supervised: Mapped[bool] = mapped_column(default=False)
    supervised_item_id: Mapped[int | None] = mapped_column(ForeignKey("supervised_item.id"))


class Distribution(Base):
    """A copy of the issued minutes to one recipient; its receipt is recorded when opened."""

    __tablename__ = "distribution"
    # The unit's copies not yet opened are read on every inbox page of its liaisons (收文).
    __table_args__ = (UniqueConstraint("meeting_id", "unit"), Index("ix_distribution_unit_opened", "unit", "opened_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("minutes_version.id"))
    unit: Mapped[str] = mapped_column(String(40))
    role: Mapped[str] = mapped_column(String(20))  # member | invited | copy (抄报)
    sent_at: Mapped[datetime] = mapped_column(Instant)
    opened_at: Mapped[datetime | None] = mapped_column(Instant)
    opened_by: Mapped[str | None] = mapped_column(String(80))
