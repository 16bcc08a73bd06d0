"""An archived record: what it was, whom it concerned, and its package (a .zip) with the list of
the files in it and their sha256."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from engine.core.base import Base, Instant, JsonDoc

# meeting 会议, request 请示, report 报告, joint 联合发文, annual 年度工作总结
KINDS = ("meeting", "request", "report", "joint", "annual")


class ArchiveEntry(Base):
    """One record closed into the archive, once: (kind, record_id) is unique, so a second archive
    of it cannot be kept even by two offices at the same moment."""

    __tablename__ = "archive_entry"
    __table_args__ = (UniqueConstraint("kind", "record_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # KINDS
    record_id: Mapped[int] = mapped_column(Integer)  # a meeting's, an outgoing document's or a year's (annual_cycle) id
    year: Mapped[int] = mapped_column(Integer)  # the year the record was finished, Asia/Shanghai
    title: Mapped[str] = mapped_column(String(300))
    units: Mapped[list] = mapped_column(JsonDoc, default=list)  # the unit codes concerned
    archived_at: Mapped[datetime] = mapped_column(Instant)
    archived_by: Mapped[str] = mapped_column(String(80))
    index: Mapped[list] = mapped_column(JsonDoc, default=list)  # [{"name", "size", "sha256"}]
    # Kept in the database, as attachments are, so the package commits and rolls back with its
    # entry; deferred, so listing the archive never reads the packages.
    package: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    package_sha256: Mapped[str] = mapped_column(String(64))
