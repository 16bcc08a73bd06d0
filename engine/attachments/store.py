"""Uploaded files owned by any record of a body (docs/ATTACHMENTS.md): size-limited, checked by
extension and by their first bytes, kept with their SHA-256 in the database."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import PurePath

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.attachments.models import Attachment
from engine.core.errors import FieldError, InvalidData, NotFound

MAX_BYTES = 20 * 1024 * 1024
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the legacy Office container (.doc, .xls)
_ZIP = b"PK\x03\x04"  # the Office Open XML formats are zip files too
# extension -> (content type, the magic bytes a genuine file of that kind starts with)
ALLOWED = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (_ZIP,)),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (_ZIP,)),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", (_ZIP,)),
    "doc": ("application/msword", (_OLE,)),
    "xls": ("application/vnd.ms-excel", (_OLE,)),
    "zip": ("application/zip", (_ZIP,)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "ofd": ("application/ofd", (_ZIP,)),  # the national e-document format used for official papers
}


def store(
    session: Session,
    body_id: int,
    owner_kind: str,
    owner_id: int,
    filename: str,
    content: bytes,
    by: str,
    now: datetime,
    note: str = "",
) -> Attachment:
    """Checks and adds the file; the caller's unit of work commits it with the owner's change.
    The content type is the one its extension names (what the browser claimed is not trusted)."""
    name = _base_name(filename)
    content_type = _check(name, content)
    attachment = Attachment(
        body_id=body_id,
        owner_kind=owner_kind,
        owner_id=owner_id,
        filename=name[:255],
        content_type=content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        note=note[:300],
        uploaded_by=by,
        uploaded_at=now,
    )
    session.add(attachment)
    session.flush()
    return attachment


def check(filename: str, content: bytes) -> None:
    """The refusal `store` would raise, adding nothing: a form checks its files before it stores."""
    _check(_base_name(filename), content)


def _base_name(filename: str) -> str:
    return PurePath(filename.replace("\\", "/")).name.strip()


def _check(name: str, content: bytes) -> str:
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED:
        _refuse("file_type", types=", ".join(sorted(ALLOWED)))
    if not content:
        _refuse("file_empty")
    if len(content) > MAX_BYTES:
        _refuse("file_too_large", max_mb=MAX_BYTES // (1024 * 1024))
    content_type, magic = ALLOWED[extension]
    if not content.startswith(magic):
        _refuse("file_content", extension=extension)
    return content_type


def _refuse(code: str, **params) -> None:
    raise InvalidData({"file": FieldError(code, params)})


def of_owner(session: Session, owner_kind: str, owner_id: int) -> list[Attachment]:
    return list(
        session.scalars(
            select(Attachment)
            .where(Attachment.owner_kind == owner_kind, Attachment.owner_id == owner_id)
            .order_by(Attachment.id)
        )
    )


def get(session: Session, body_id: int, attachment_id: int, owner_kind: str | None = None) -> Attachment:
    """The file with its bytes, of that kind of owner when one is named; whether the person may
    see its owner is the caller's check (each owner's access module)."""
    attachment = session.get(Attachment, attachment_id)
    if attachment is None or attachment.body_id != body_id or owner_kind not in (None, attachment.owner_kind):
        raise NotFound(f"attachment {attachment_id}")
    return attachment
