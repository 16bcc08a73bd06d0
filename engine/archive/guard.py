"""Nothing archived can be edited: every write session refuses, before it flushes, a row added,
changed or deleted that belongs to an archived record (watched through engine.features.watch).

One check in one place, whoever writes: a task's record, a service, the command line. The only
changes let through are receipts: a unit opening its copy of the minutes (Distribution.opened_*)
and the government signing for a document (OutgoingDocument.received_*). They record what the
recipient did with what was sent, not what was sent, and the recipient may do it after the
office has archived; refusing them would leave the recipient's task impossible to finish.
A document's level (密级, engine.confidentiality) may also change after archiving: it decides who
reads the document, not what it says. Bulk UPDATE and DELETE statements do not pass through a
flush, and lianxi issues none on these tables.
"""

from __future__ import annotations

from sqlalchemy import event, inspect, or_, select
from sqlalchemy.orm import Session

from engine.annual.models import AnnualCycle
from engine.archive.models import ArchiveEntry
from engine.core.errors import Conflict
from engine.documents.models import DOCUMENT_KINDS, DocumentCosignature, OutgoingDocument
from engine.meetings.models import CoSignature, DisputedMatter, Distribution, Meeting, MinutesVersion

# Which archived record a row belongs to: the archive's kinds for it, and the record's id.
OWNERS = {
    Meeting: (("meeting",), lambda row: row.id),
    MinutesVersion: (("meeting",), lambda row: row.meeting_id),
    CoSignature: (("meeting",), lambda row: row.meeting_id),
    Distribution: (("meeting",), lambda row: row.meeting_id),
    DisputedMatter: (("meeting",), lambda row: row.meeting_id),
    OutgoingDocument: (DOCUMENT_KINDS, lambda row: row.id),
    DocumentCosignature: (DOCUMENT_KINDS, lambda row: row.document_id),
    AnnualCycle: (("annual",), lambda row: row.id),
}
# Let through: receipts, and a document's or meeting's level (密级), which says who reads it, not
# what was sent.
RECEIPTS = {
    Distribution: {"opened_at", "opened_by"},
    OutgoingDocument: {"received_at", "received_by", "level"},
    Meeting: {"level"},
}


class ReadOnly(Conflict):
    code = "archived"

    def __init__(self, kind: str, record_id: int):
        super().__init__(f"已归档，不能修改 (archived: read only): {kind} {record_id}")


def watch(session: Session) -> None:
    event.listen(session, "before_flush", _refuse_archived)


def _refuse_archived(session: Session, _context, _instances) -> None:
    owners = {owner for row in _touched(session) if (owner := _owner(row)) is not None}
    if owners:  # the one query, only when a flush touches such rows
        _check(session, owners)


def _touched(session: Session) -> list:
    dirty = [row for row in session.dirty if type(row) in OWNERS and _edited(session, row)]
    return [row for row in (*session.new, *session.deleted) if type(row) in OWNERS] + dirty


def _edited(session: Session, row) -> bool:  # noqa: ANN001
    """Changed in anything but a receipt."""
    if not session.is_modified(row):
        return False
    changed = {a.key for a in inspect(row).attrs if a.history.has_changes()}
    return bool(changed - RECEIPTS.get(type(row), set()))


def _owner(row) -> tuple[tuple[str, ...], int] | None:  # noqa: ANN001
    kinds, record_id = OWNERS[type(row)]
    found = record_id(row)
    return (kinds, found) if found is not None else None


def _check(session: Session, owners: set[tuple[tuple[str, ...], int]]) -> None:
    wanted = or_(*(ArchiveEntry.kind.in_(kinds) & (ArchiveEntry.record_id == rid) for kinds, rid in owners))
    with session.no_autoflush:
        archived = session.execute(select(ArchiveEntry.kind, ArchiveEntry.record_id).where(wanted).limit(1)).first()
    if archived is not None:
        raise ReadOnly(*archived)
