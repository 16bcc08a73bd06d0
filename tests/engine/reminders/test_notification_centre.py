"""The notification centre: the unread count, one's own notifications newest first, and marking
them read — one's own only."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from engine.core.clock import SHANGHAI
from engine.core.errors import NotFound
from engine.core.uow import UnitOfWork
from engine.org import accounts
from engine.reminders import notifications as centre
from engine.reminders.models import Notification

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=SHANGHAI)


def notify(db, username: str, *titles: str) -> list[int]:
    """One notification per title, a minute apart, the last the newest."""
    with UnitOfWork(db) as uow:
        person = accounts.find(uow.session, username)
        rows = [
            Notification(person_id=person.id, title=title, text="", created_at=NOW + timedelta(minutes=n))
            for n, title in enumerate(titles)
        ]
        uow.session.add_all(rows)
        uow.commit()
        return [row.id for row in rows]


def test_ones_own_notifications_newest_first_all_or_unread(db):
    first, second, third = notify(db, "member.wjj", "一", "二", "三")
    notify(db, "member.rsj", "别人的")
    with UnitOfWork(db) as uow:
        assert centre.mark_read(uow.session, accounts.find(uow.session, "member.wjj"), second, NOW)
        uow.commit()
    with db.read_session() as session:
        me = accounts.find(session, "member.wjj")
        assert [n.title for n in centre.of_person(session, me)] == ["三", "二", "一"]
        assert [n.id for n in centre.of_person(session, me, unread_only=True)] == [third, first]
        assert [n.id for n in centre.of_person(session, me, limit=1)] == [third]
        assert centre.unread_count(session, me) == 2


def test_marking_read_is_for_the_owner_only_and_once(db):
    (mine,) = notify(db, "member.wjj", "催办")
    with UnitOfWork(db) as uow:
        with pytest.raises(NotFound):
            centre.mark_read(uow.session, accounts.find(uow.session, "member.rsj"), mine, NOW)
        with pytest.raises(NotFound):
            centre.mark_read(uow.session, accounts.find(uow.session, "member.wjj"), mine + 1000, NOW)
        owner = accounts.find(uow.session, "member.wjj")
        assert centre.mark_read(uow.session, owner, mine, NOW)
        assert not centre.mark_read(uow.session, owner, mine, NOW + timedelta(hours=1))  # read already
        uow.commit()
    with db.read_session() as session:
        assert session.get(Notification, mine).read_at == NOW


def test_marking_all_read_touches_only_ones_own_unread(db):
    earlier, later = notify(db, "member.wjj", "一", "二")
    (theirs,) = notify(db, "member.rsj", "别人的")
    with UnitOfWork(db) as uow:
        me = accounts.find(uow.session, "member.wjj")
        centre.mark_read(uow.session, me, earlier, NOW)
        assert centre.mark_all_read(uow.session, me, NOW + timedelta(hours=1)) == 1
        assert centre.mark_all_read(uow.session, me, NOW + timedelta(hours=2)) == 0
        uow.commit()
    with db.read_session() as session:
        assert session.get(Notification, earlier).read_at == NOW  # not moved by "all"
        assert session.get(Notification, later).read_at == NOW + timedelta(hours=1)
        assert session.get(Notification, theirs).read_at is None
        assert centre.unread_count(session, accounts.find(session, "member.wjj")) == 0
        assert centre.unread_count(session, accounts.find(session, "member.rsj")) == 1
