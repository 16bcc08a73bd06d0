"""Closing a finished record into the archive (归档, §六(六)): the office does it, once, for a
meeting whose minutes are issued, an issued request, report or joint document, or a year whose
summary its own process archived. The caller commits."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from engine.archive import annual_files, document_files, meeting_files, package
from engine.archive.models import KINDS, ArchiveEntry
from engine.archive.sources import Source
from engine.core.clock import as_aware
from engine.core.errors import Conflict, Forbidden, NotFound
from engine.org.models import Person


class AlreadyArchived(Conflict):
    code = "already_archived"


class NotFinished(Conflict):
    code = "not_finished"


def source_of(session: Session, kind: str, record_id: int) -> Source | None:
    if kind == "meeting":
        return meeting_files.source(session, record_id)
    if kind == "annual":
        return annual_files.source(session, record_id)
    return document_files.source(session, record_id, kind)


def archive(session: Session, person: Person, kind: str, record_id: int, now: datetime) -> ArchiveEntry:
    source = source_of(session, kind, record_id) if kind in KINDS else None
    if source is None or source.body_id != person.body_id:
        raise NotFound(f"{kind} {record_id}")
    if not person.is_office:
        raise Forbidden("only the office archives")
    if source.finished_at is None:
        raise NotFinished(f"{kind} {record_id} is not finished: it cannot be archived yet")
    if entry_of(session, kind, record_id) is not None:
        raise AlreadyArchived(f"{kind} {record_id} is already archived")
    return _keep(session, _entry(source, kind, record_id, person, now), now, source)


def entry_of(session: Session, kind: str, record_id: int) -> ArchiveEntry | None:
    return session.scalar(select(ArchiveEntry).where(ArchiveEntry.kind == kind, ArchiveEntry.record_id == record_id))


def _entry(source: Source, kind: str, record_id: int, person: Person, now: datetime) -> ArchiveEntry:
    return ArchiveEntry(
        body_id=source.body_id, kind=kind, record_id=record_id, year=as_aware(source.finished_at).year,
        title=source.title[:300], units=source.units, archived_at=now, archived_by=person.username,
    )  # fmt: skip


def _keep(session: Session, entry: ArchiveEntry, now: datetime, source: Source) -> ArchiveEntry:
    files = source.files()
    entry.index = package.indexed(files)
    entry.package = package.build(files, entry.index, now)
    entry.package_sha256 = package.sha256(entry.package)
    session.add(entry)
    try:
        session.flush()
    except IntegrityError as error:  # another office archived it since we looked: the unique key caught it
        raise AlreadyArchived(f"{entry.kind} {entry.record_id} is already archived") from error
    return entry
