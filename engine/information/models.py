"""What the member units report to the office, what the office asks them for, and the bulletins
(简报) it compiles from what it accepted (docs/INFORMATION.md)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from engine.confidentiality.levels import INTERNAL
from engine.core.base import Base, Instant, JsonDoc

# 日常监管信息, 工作动态, 案件线索, 重大事件 (the joint-meeting rules §五(一))
REPORT_KINDS = ("supervision", "work_news", "case_lead", "major_event")
MAJOR_EVENT = "major_event"
# Waiting for the office's review, sent back to the unit to revise, taken up, or merged into another.
REPORT_STATUSES = ("submitted", "returned", "accepted", "merged")
# A bulletin's masthead: 《<body>简报》 or 《工作动态》, numbered in one series either way.
MASTHEADS = ("bulletin", "work_news")
# Being compiled by the office, waiting for the office director's approval, released.
BULLETIN_STATUSES = ("compiling", "approving", "released")


class InformationRequest(Base):
    """The office asks named member units for information on a subject by a day; each answers
    with a report (InformationReport.request_id)."""

    __tablename__ = "information_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id"), index=True)
    instance_id: Mapped[int] = mapped_column(ForeignKey("process_instance.id"), unique=True)
    subject: Mapped[str] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text, default="")
    units: Mapped[list] = mapped_column(JsonDoc, default=list)  # the unit codes asked
    due: Mapped[date] = mapped_column(Date)
    requested_by: Mapped[str] = mapped_column(String(80))
    requested_at: Mapped[datetime] = mapped_column(Instant)


class InformationReport(Base):
    """A member unit's report to the office, filed by its liaison. A returned report is revised
    and filed again as the next version; the office's decision is kept with who took it."""

    __tablename__ = "information_report"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id"), index=True)
    unit: Mapped[str] = mapped_column(String(40))  # the reporting unit's code
    kind: Mapped[str] = mapped_column(String(20))  # REPORT_KINDS
    title: Mapped[str] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text)
    attachment: Mapped[dict | None] = mapped_column(JsonDoc)  # {"attachment_id", "name", "size"}
    # 密级 (engine.confidentiality.levels): 内部 or 机密 as the unit files it.
    level: Mapped[str] = mapped_column(String(20), default=INTERNAL)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("information_request.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="submitted")  # REPORT_STATUSES
    version: Mapped[int] = mapped_column(Integer, default=1)
    filed_by: Mapped[str] = mapped_column(String(80))
    filed_at: Mapped[datetime] = mapped_column(Instant)
    submitted_at: Mapped[datetime] = mapped_column(Instant)  # the version in hand
    reviewed_by: Mapped[str | None] = mapped_column(String(80))
    reviewed_at: Mapped[datetime | None] = mapped_column(Instant)
    review_note: Mapped[str] = mapped_column(Text, default="")  # a return's reason, or the office's note
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("information_report.id"))
    # A major event's 阅示 by the office director (workflows/major_event.bpmn) and what they wrote.
    event_instance_id: Mapped[int | None] = mapped_column(ForeignKey("process_instance.id"))
    director_note: Mapped[str] = mapped_column(Text, default="")
    noted_by: Mapped[str | None] = mapped_column(String(80))
    noted_at: Mapped[datetime | None] = mapped_column(Instant)


class Bulletin(Base):
    """An issue of the body's bulletin (简报), compiled by the office from accepted reports and
    released only with the office director's approval (§六(六)); numbered 第N期 at release."""

    __tablename__ = "bulletin"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id"), index=True)
    instance_id: Mapped[int] = mapped_column(ForeignKey("process_instance.id"), unique=True)
    masthead: Mapped[str] = mapped_column(String(20), default="bulletin")  # MASTHEADS
    foreword: Mapped[str] = mapped_column(Text, default="")  # 编者按
    level: Mapped[str] = mapped_column(String(20), default=INTERNAL)  # 机密 when a report in it is
    status: Mapped[str] = mapped_column(String(20), default="compiling")  # BULLETIN_STATUSES
    begun_by: Mapped[str] = mapped_column(String(80))
    begun_at: Mapped[datetime] = mapped_column(Instant)
    compiled_by: Mapped[str | None] = mapped_column(String(80))
    compiled_at: Mapped[datetime | None] = mapped_column(Instant)
    return_reason: Mapped[str] = mapped_column(Text, default="")  # the director's, when refused
    approved_by: Mapped[str | None] = mapped_column(String(80))
    approved_at: Mapped[datetime | None] = mapped_column(Instant)
    released_at: Mapped[datetime | None] = mapped_column(Instant)


class BulletinItem(Base):
    """A report printed in an issue, in its place. A report goes into one issue only."""

    __tablename__ = "bulletin_item"
    __table_args__ = (UniqueConstraint("report_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bulletin_id: Mapped[int] = mapped_column(ForeignKey("bulletin.id"), index=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("information_report.id"))
    position: Mapped[int] = mapped_column(Integer)


class BulletinCopy(Base):
    """A released issue's copy to one unit: each member unit (发) and the government (报), which
    signs for it."""

    __tablename__ = "bulletin_copy"
    __table_args__ = (UniqueConstraint("bulletin_id", "unit"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bulletin_id: Mapped[int] = mapped_column(ForeignKey("bulletin.id"), index=True)
    unit: Mapped[str] = mapped_column(String(40))
    sent_at: Mapped[datetime] = mapped_column(Instant)
    received_by: Mapped[str | None] = mapped_column(String(80))
    received_at: Mapped[datetime | None] = mapped_column(Instant)
