"""A body's document numbers: one sequence per body, kind and year, and the number each issued
document took from it (docs/DOCUMENTS.md)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from engine.core.base import Base, Instant

# minutes 纪要, request 请示, report 报告, joint 联合发文, annual 年度工作总结, notice 通知
KINDS = ("minutes", "request", "report", "joint", "annual", "notice")


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
