"""Document numbers (发文字号): one gap-free sequence per body, kind and year, a number per
issued record, and twenty issued at once numbered 1 to 20 on SQLite and on PostgreSQL."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from engine.core import schema
from engine.core.clock import SHANGHAI
from engine.core.db import Database
from engine.core.uow import UnitOfWork
from engine.demo.roster import BODY, PROFILE
from engine.documents import numbering
from engine.documents.models import DocumentNumber
from engine.meetings.models import Meeting
from engine.org.models import Body

NOW = datetime(2026, 12, 4, 10, 0, tzinfo=SHANGHAI)
PREFIX = PROFILE["doc_prefix"]


def body_id(db: Database, code: str = BODY[0]) -> int:
    with db.read_session() as session:
        return session.scalar(select(Body.id).where(Body.code == code))


def issue(db: Database, kind: str, record_id: int, now: datetime = NOW) -> DocumentNumber:
    with UnitOfWork(db) as uow:
        number = numbering.assign(uow.session, body_id(db), kind, "test_record", record_id, now, "office.staff")
        uow.commit()
    return number


def test_the_number_reads_as_the_standard_writes_it(db):
    assert issue(db, "joint", 1).text == f"{PREFIX}〔2026〕1号"
    assert issue(db, "joint", 2).text == f"{PREFIX}〔2026〕2号"


def test_each_kind_and_year_counts_on_its_own(db):
    assert [issue(db, kind, n).serial for n, kind in enumerate(("request", "report", "request", "report"))] == [
        1,
        1,
        2,
        2,
    ]
    next_year = issue(db, "request", 10, NOW + timedelta(days=40))
    assert (next_year.year, next_year.serial, next_year.text) == (2027, 1, f"{PREFIX}〔2027〕1号")


def test_the_year_is_the_one_in_china(db):
    still_2026_in_utc = datetime(2027, 1, 1, 0, 30, tzinfo=SHANGHAI).astimezone(UTC)
    assert issue(db, "joint", 1, still_2026_in_utc).year == 2027


def test_a_record_keeps_its_first_number(db):
    first = issue(db, "report", 7)
    again = issue(db, "report", 7, NOW + timedelta(days=3))
    assert (again.id, again.serial, again.issued_at) == (first.id, 1, first.issued_at)
    with db.read_session() as session:
        assert numbering.number_of(session, "test_record", 7).text == first.text
        assert numbering.number_of(session, "test_record", 8) is None


def test_a_rolled_back_issue_gives_its_number_back(db):
    with UnitOfWork(db) as uow:
        numbering.assign(uow.session, body_id(db), "joint", "test_record", 1, NOW, "office.staff")
        # no commit: the issuing failed
    assert issue(db, "joint", 2).serial == 1


def test_each_body_counts_on_its_own(db):
    with UnitOfWork(db) as uow:
        other = Body(code="other", name="另一个联席会议")
        uow.session.add(other)
        uow.session.flush()
        own = numbering.assign(uow.session, other.id, "joint", "test_record", 99, NOW, "someone")
        uow.commit()
    assert issue(db, "joint", 1).serial == 1
    # a body without its 机关代字 still numbers, under its name
    assert (own.serial, own.text) == (1, "另一个联席会议〔2026〕1号")


def test_an_unknown_kind_is_refused(db):
    with pytest.raises(ValueError), UnitOfWork(db) as uow:
        numbering.assign(uow.session, body_id(db), "memo", "test_record", 1, NOW, "office.staff")


def issue_twenty_at_once(db: Database) -> list[int]:
    start = threading.Barrier(20)

    def one(record_id: int) -> int:
        start.wait()
        return issue(db, "request", record_id).serial

    with ThreadPoolExecutor(max_workers=20) as pool:
        return list(pool.map(one, range(1, 21)))


def assert_numbered_one_to_twenty(db: Database, serials: list[int]) -> None:
    assert sorted(serials) == list(range(1, 21))
    with db.read_session() as session:
        kept = session.scalars(select(DocumentNumber).where(DocumentNumber.kind == "request")).all()
    assert sorted(n.serial for n in kept) == list(range(1, 21))
    assert len({n.record_id for n in kept}) == 20


def test_twenty_issued_at_once_on_sqlite(db):
    assert_numbered_one_to_twenty(db, issue_twenty_at_once(db))


def test_twenty_issued_at_once_on_postgresql(pg_demo):
    assert_numbered_one_to_twenty(pg_demo, issue_twenty_at_once(pg_demo))


def issued_minutes(db: Database) -> list[tuple[int, int]]:
    with db.read_session() as session:
        meetings = session.scalars(select(Meeting).where(Meeting.issued_at.is_not(None))).all()
        return sorted(((m.body_id, m.issued_at, m.id) for m in meetings), key=lambda m: (m[0], m[1], m[2]))


def upgrade_numbers_the_minutes_issued_before(db: Database) -> None:
    """0016 numbers the minutes issued before it, in the order issued, per body and year."""
    schema.downgrade(db, "0015")
    schema.upgrade(db)
    issued = issued_minutes(db)
    assert issued, "the demo has issued minutes"
    with db.read_session() as session:
        for body, issued_at, meeting_id in issued:
            number = numbering.number_of(session, numbering.MEETING, meeting_id)
            assert (number.body_id, number.kind, number.year) == (body, "minutes", issued_at.year)
            assert number.text.endswith(f"〔{issued_at.year}〕{number.serial}号")
        bodies = {body for body, *_ in issued}
        for body in bodies:
            serials = [numbering.number_of(session, "meeting", m).serial for b, _, m in issued if b == body]
            assert serials == list(range(1, len(serials) + 1))
    with UnitOfWork(db) as uow:
        body = issued[0][0]
        year = issued[0][1].year
        following = numbering.assign(uow.session, body, "minutes", "meeting", 10_000, issued[0][1], "office.staff")
        taken = len([1 for b, at, _ in issued if b == body and at.year == year])
        assert following.serial == taken + 1


def test_upgrade_numbers_the_minutes_issued_before_on_sqlite(db):
    upgrade_numbers_the_minutes_issued_before(db)


def test_upgrade_numbers_the_minutes_issued_before_on_postgresql(pg_demo):
    upgrade_numbers_the_minutes_issued_before(pg_demo)
