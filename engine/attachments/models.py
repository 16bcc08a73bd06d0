"""An uploaded file, owned by any record of a body."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from engine.core.base import Base, Instant


class Attachment(Base):
    """An uploaded file, owned by any record (`owner_kind`, `owner_id`); its bytes are kept in
    the database so they commit and roll back with the record (docs/ATTACHMENTS.md)."""

    __tablename__ = "attachment"
    __table_args__ = (Index("ix_attachment_owner", "owner_kind", "owner_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id"), index=True)
    owner_kind: Mapped[str] = mapped_column(String(40))
    owner_id: Mapped[int] = mapped_column(Integer)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    note: Mapped[str] = mapped_column(String(300), default="")
    uploaded_by: Mapped[str] = mapped_column(String(80))
    uploaded_at: Mapped[datetime] = mapped_column(Instant)
    # 密级: public | internal | restricted (engine.confidentiality.levels, which this package may
    # not import); internal leaves the owner's own access rule to decide.
    level: Mapped[str] = mapped_column(String(20), default="internal", server_default="internal")
