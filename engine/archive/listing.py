"""Reading the archive: who may (the office, the conveners and whoever else sees the whole
body), the body's entries filtered by year, kind and unit concerned, and one entry's package."""

from __future__ import annotations

import re

from sqlalchemy import Select, String, cast, select
from sqlalchemy.orm import Session

from engine.archive.models import ArchiveEntry
from engine.attachments.models import Attachment
from engine.confidentiality.levels import RESTRICTED, cleared
from engine.core.errors import NotFound
from engine.documents.models import DOCUMENT_KINDS, OutgoingDocument
from engine.meetings.models import Meeting
from engine.org.models import Person

# A packaged attachment's name: attachments/[<unit>/]<attachment id>-<filename> (sources.files_of).
PACKAGED_FILE = re.compile(r"^attachments/(?:[^/]+/)?(\d+)-")


def may_see_archive(person: Person) -> bool:
    return person.sees_whole_body


def entries(body_id: int, *, year: int | None = None, kind: str | None = None, unit: str | None = None) -> Select:
    """The latest archived first: a query for engine.dashboard.paging."""
    query = select(ArchiveEntry).where(ArchiveEntry.body_id == body_id)
    if year:
        query = query.where(ArchiveEntry.year == year)
    if kind:
        query = query.where(ArchiveEntry.kind == kind)
    if unit:
        # The list's text holds each code in quotes, on both databases: '"wjj"' matches wjj only.
        query = query.where(cast(ArchiveEntry.units, String).like(f'%"{_escaped(unit)}"%', escape="\\"))
    return query.order_by(ArchiveEntry.archived_at.desc(), ArchiveEntry.id.desc())


def _escaped(unit: str) -> str:
    return unit.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_").replace('"', "")


def years(session: Session, body_id: int) -> list[int]:
    query = select(ArchiveEntry.year).where(ArchiveEntry.body_id == body_id).distinct()
    return sorted(session.scalars(query), reverse=True)


def visible_entry(session: Session, person: Person, entry_id: int) -> ArchiveEntry:
    """Another body's entry, or anyone who does not read the archive, is not found (404)."""
    entry = session.get(ArchiveEntry, entry_id)
    if entry is None or entry.body_id != person.body_id or not may_see_archive(person):
        raise NotFound(f"archive entry {entry_id}")
    if holds_restricted(session, entry) and not cleared(person, entry.units):
        raise NotFound(f"archive entry {entry_id}")  # as for an entry that does not exist
    return entry


def holds_restricted(session: Session, entry: ArchiveEntry) -> bool:
    """A package holding a restricted (机密) document or file is read only by those cleared for it
    (docs/CONFIDENTIALITY.md); the levels are read now, so a level set after archiving counts."""
    if _record_restricted(session, entry):
        return True
    ids = [int(m.group(1)) for f in entry.index if (m := PACKAGED_FILE.match(f["name"]))]
    restricted = select(Attachment.id).where(Attachment.id.in_(ids), Attachment.level == RESTRICTED).limit(1)
    return bool(ids) and session.scalar(restricted) is not None


# The archived record's own level: a document's, or a meeting's (its minutes).
LEVELLED_RECORDS = {**dict.fromkeys(DOCUMENT_KINDS, OutgoingDocument), "meeting": Meeting}


def _record_restricted(session: Session, entry: ArchiveEntry) -> bool:
    model = LEVELLED_RECORDS.get(entry.kind)
    record = session.get(model, entry.record_id) if model else None
    return record is not None and record.level == RESTRICTED
