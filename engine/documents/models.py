"""A body's document numbers (one sequence per body, kind and year, and the number each issued
document took from it) and the requests and reports it sends its government (docs/DOCUMENTS.md)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from engine.confidentiality.levels import INTERNAL
from engine.core.base import Base, Instant, JsonDoc

# minutes 纪要, request 请示, report 报告, joint 联合发文, annual 年度工作总结, notice 通知, bulletin 简报
KINDS = ("minutes", "request", "report", "joint", "annual", "notice", "bulletin")


class DocumentSequence(Base):
    """The last serial given in a body's kind and year. Its row is what concurrent issues lock,
    so the serial it hands out is never given twice and, rolled back, is given again."""

    __tablename__ = "document_sequence"

    body_id: Mapped[int] = mapped_column(ForeignKey("body.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_serial: Mapped[int] = mapped_column(Integer)


class DocumentNumber(Base):
    """The number an issued document carries, e.g. 职防联〔2026〕3号, kept as printed."""

    __tablename__ = "document_number"
    __table_args__ = (
        UniqueConstraint("body_id", "kind", "year", "serial"),
        UniqueConstraint("record_kind", "record_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id"))
    kind: Mapped[str] = mapped_column(String(20))  # KINDS
    year: Mapped[int] = mapped_column(Integer)
    serial: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(String(120))
    # The record the document is, e.g. ("meeting", its id) for minutes.
    record_kind: Mapped[str] = mapped_column(String(30))
    record_id: Mapped[int] = mapped_column(Integer)
    issued_at: Mapped[datetime] = mapped_column(Instant)
    issued_by: Mapped[str] = mapped_column(String(80))


# What an outgoing document is, and where it stands on its way out.
DOCUMENT_KINDS = ("request", "report", "joint")  # 请示, 报告, 联合发文
STATUSES = ("drafting", "cosigning", "mediating", "signing", "issued")


class OutgoingDocument(Base):
    """A request (请示) or report (报告) the body sends its government in several departments'
    name (the joint-meeting rules §六(三)): drafted by the office, co-signed by every member unit,
    issued (签发) by the convener, signed for by the government's unit."""

    __tablename__ = "outgoing_document"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id"), index=True)
    instance_id: Mapped[int] = mapped_column(ForeignKey("process_instance.id"), unique=True)
    kind: Mapped[str] = mapped_column(String(20))  # DOCUMENT_KINDS
    title: Mapped[str] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text, default="")
    main_to: Mapped[str] = mapped_column(String(200), default="")  # 主送: the government, by default
    copy_to: Mapped[str] = mapped_column(Text, default="")  # 抄送
    attachment: Mapped[dict | None] = mapped_column(JsonDoc)  # {"attachment_id", "name", "size"}
    # The draft co-signed now (1, 2, …): a redraft asks every unit again.
    version: Mapped[int] = mapped_column(Integer, default=0)
    # The units asked to co-sign (unit codes): the body's member units when the process started.
    signatories: Mapped[list] = mapped_column(JsonDoc, default=list)
    # Mediation that did not settle a dissent: the differing views go with the document.
    differing_views: Mapped[str] = mapped_column(Text, default="")
    mediated_by: Mapped[str | None] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(20), default="drafting")  # STATUSES
    drafted_at: Mapped[datetime] = mapped_column(Instant)
    drafted_by: Mapped[str] = mapped_column(String(80))
    issued_at: Mapped[datetime | None] = mapped_column(Instant)  # the convener signed (签发)
    issued_by: Mapped[str | None] = mapped_column(String(80))
    received_at: Mapped[datetime | None] = mapped_column(Instant)  # the government signed for it
    received_by: Mapped[str | None] = mapped_column(String(80))
    # A joint document's issuing unit (主办单位, a unit code; None: the office) and the day the
    # units it names co-sign by (engine.documents.joint).
    issuing_unit: Mapped[str | None] = mapped_column(String(40))
    cosign_due: Mapped[date | None] = mapped_column(Date)
    # 密级 (engine.confidentiality.levels): who may read the document beyond its own rule.
    level: Mapped[str] = mapped_column(String(20), default=INTERNAL, server_default=INTERNAL)


class DocumentCosignature(Base):
    """A member unit's co-signature (会签) of one draft of an outgoing document. A parallel of the
    minutes' CoSignature, whose meeting and minutes version it cannot name."""

    __tablename__ = "document_cosignature"
    __table_args__ = (UniqueConstraint("document_id", "version", "unit"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("outgoing_document.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    unit: Mapped[str] = mapped_column(String(40))  # the unit asked, whoever answered for it
    decision: Mapped[str] = mapped_column(String(20))  # agree | disagree
    comment: Mapped[str] = mapped_column(Text, default="")
    signed_by: Mapped[str] = mapped_column(String(80))
    signed_at: Mapped[datetime] = mapped_column(Instant)
