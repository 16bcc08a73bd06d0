"""Closing a record into the archive (§六(六)): the demo's issued meeting packed with its
minutes, versions, co-signatures, timeline and an index whose sha256s are right; archived once
only, and only when finished; afterwards read only, on SQLite and on PostgreSQL."""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from datetime import datetime

import pytest
from sqlalchemy import select

from engine.archive import archiving
from engine.archive.guard import ReadOnly
from engine.archive.models import ArchiveEntry
from engine.core.clock import SHANGHAI
from engine.core.errors import Conflict, Forbidden
from engine.core.uow import UnitOfWork
from engine.meetings.models import Distribution, Meeting, MinutesVersion
from engine.org import accounts

NOW = datetime(2026, 12, 6, 10, 0, tzinfo=SHANGHAI)
HELD_MEETING = "筹备联席会议全体会议"


def meeting_id(db, *, issued: bool = True) -> int:
    with db.read_session() as session:
        query = select(Meeting.id).where(Meeting.status != "issued") if not issued else None
        return session.scalar(query if query is not None else select(Meeting.id).where(Meeting.title == HELD_MEETING))


def archive(db, record_id: int, username: str = "office.staff", kind: str = "meeting") -> int:
    with UnitOfWork(db) as uow:
        entry = archiving.archive(uow.session, accounts.find(uow.session, username), kind, record_id, NOW)
        uow.commit()
        return entry.id


def package_of(db, entry_id: int) -> zipfile.ZipFile:
    with db.read_session() as session:
        return zipfile.ZipFile(io.BytesIO(session.get(ArchiveEntry, entry_id).package))


def test_the_package_holds_the_minutes_versions_cosignatures_timeline_and_a_true_index(db):
    held = meeting_id(db)
    package = package_of(db, archive(db, held))
    names = package.namelist()
    assert f"{HELD_MEETING}纪要.docx" in names and {"cosignatures.csv", "timeline.txt", "index.csv"} <= set(names)
    assert any(n.startswith("minutes/v") for n in names)
    assert package.read(f"{HELD_MEETING}纪要.docx")[:2] == b"PK"  # a .docx is a zip itself
    index = list(csv.DictReader(io.StringIO(package.read("index.csv").decode("utf-8-sig"))))
    assert {row["file"] for row in index} == set(names) - {"index.csv"}
    for row in index:
        assert row["sha256"] == hashlib.sha256(package.read(row["file"])).hexdigest()
    assert "issued" in package.read("timeline.txt").decode()


def test_the_entry_names_the_year_title_and_units(db):
    held = meeting_id(db)
    entry_id = archive(db, held)
    with db.read_session() as session:
        entry = session.get(ArchiveEntry, entry_id)
        meeting = session.get(Meeting, held)
        assert (entry.kind, entry.record_id, entry.title) == ("meeting", held, HELD_MEETING)
        assert entry.archived_by == "office.staff"
        assert set(meeting.attended_units) <= set(entry.units)
        assert entry.package_sha256 == hashlib.sha256(entry.package).hexdigest()


def test_a_second_archive_is_a_conflict(db):
    held = meeting_id(db)
    archive(db, held)
    with pytest.raises(archiving.AlreadyArchived) as refused:
        archive(db, held)
    assert isinstance(refused.value, Conflict) and "already archived" in refused.value.message


def test_a_meeting_not_issued_is_refused(db):
    with pytest.raises(archiving.NotFinished):
        archive(db, meeting_id(db, issued=False))
    with db.read_session() as session:
        assert session.scalar(select(ArchiveEntry.id)) is None


def test_only_the_office_archives(db):
    with pytest.raises(Forbidden):
        archive(db, meeting_id(db), username="convener")


def refuses_edits_after_archiving(db) -> None:
    held = meeting_id(db)
    archive(db, held)
    with UnitOfWork(db) as uow, pytest.raises(ReadOnly) as refused:
        uow.session.get(Meeting, held).title = "改过的标题"
        uow.commit()
    assert "已归档，不能修改" in refused.value.message
    with UnitOfWork(db) as uow, pytest.raises(ReadOnly):
        version = uow.session.scalar(select(MinutesVersion).where(MinutesVersion.meeting_id == held))
        version.text = "改过的纪要"
        uow.commit()
    with db.read_session() as session:
        assert session.get(Meeting, held).title == HELD_MEETING
        assert "改过的纪要" not in {v.text for v in session.get(Meeting, held).versions}


def test_editing_after_archiving_is_refused_and_nothing_written(db):
    refuses_edits_after_archiving(db)


def test_editing_after_archiving_is_refused_on_postgresql(pg_demo):
    refuses_edits_after_archiving(pg_demo)


def test_a_copy_is_still_received_after_archiving(db):
    """A receipt records what the unit did with its copy, not what was sent: it is let through."""
    held = meeting_id(db)
    archive(db, held)
    with UnitOfWork(db) as uow:
        copy = uow.session.scalar(select(Distribution).where(Distribution.meeting_id == held))
        copy.opened_at, copy.opened_by = NOW, "liaison.x"
        uow.commit()
    with UnitOfWork(db) as uow, pytest.raises(ReadOnly):
        uow.session.scalar(select(Distribution).where(Distribution.meeting_id == held)).role = "copy"
        uow.commit()
