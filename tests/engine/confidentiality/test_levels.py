"""The levels (密级) and who may read each, and who may set them: the joint-meeting rules §六(六),
important materials are not made public without the office director's consent."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from engine.attachments import store as attachments
from engine.attachments.models import Attachment
from engine.confidentiality.levels import INTERNAL, PUBLIC, RESTRICTED, may_read
from engine.confidentiality.setting import NeedsDirector, set_level
from engine.core.clock import SHANGHAI
from engine.core.errors import Forbidden, InvalidData
from engine.core.models import AuditEvent
from engine.core.uow import UnitOfWork
from engine.org import accounts
from engine.roster import people

NOW = datetime(2026, 12, 5, 10, 0, tzinfo=SHANGHAI)
NAMED = ("gxj", "wjj")  # the units the record names


def person(db, username: str):
    with db.read_session() as session:
        found = accounts.find(session, username)
        found.roles, found.unit.code  # noqa: B018 (loaded before the session closes)
        return found


def test_public_is_read_by_anyone_of_the_body(db):
    assert may_read(person(db, "liaison.mzj"), PUBLIC, NAMED, sees_record=False)


def test_internal_is_the_records_own_rule(db):
    mzj = person(db, "liaison.mzj")
    assert may_read(mzj, INTERNAL, NAMED, sees_record=True)
    assert not may_read(mzj, INTERNAL, NAMED, sees_record=False)


@pytest.mark.parametrize("username", ["office.staff", "office.director", "convener", "liaison.gxj"])
def test_restricted_is_read_by_the_office_the_convener_and_the_units_named(db, username):
    assert may_read(person(db, username), RESTRICTED, NAMED, sees_record=True)


def test_restricted_is_not_read_by_a_unit_not_named_nor_by_the_administrator(db):
    with UnitOfWork(db) as uow:  # sees the whole body to keep its roster, not cleared for what is restricted
        people.set_roles(uow.session, person(db, "liaison.mzj").body_id, "liaison.mzj", ["admin"], "setup", NOW)
        uow.commit()
    administrator = person(db, "liaison.mzj")
    assert administrator.sees_whole_body
    assert may_read(administrator, INTERNAL, NAMED, sees_record=True)
    assert not may_read(administrator, RESTRICTED, NAMED, sees_record=True)


def test_restricted_never_widens_the_records_rule(db):
    assert not may_read(person(db, "liaison.gxj"), RESTRICTED, NAMED, sees_record=False)


def _file(db) -> int:
    with UnitOfWork(db) as uow:
        body_id = accounts.find(uow.session, "office.staff").body_id
        found = attachments.store(uow.session, body_id, "test", 1, "a.pdf", b"%PDF-1.4\n", "office.staff", NOW)
        uow.commit()
        assert found.level == INTERNAL  # the default
        return found.id


def _set(db, username: str, attachment_id: int, level: str) -> None:
    with UnitOfWork(db) as uow:
        me = accounts.find(uow.session, username)
        set_level(uow.session, me, attachments.get(uow.session, me.body_id, attachment_id), level, NOW)
        uow.commit()


def _level_and_events(db, attachment_id: int):
    with db.read_session() as session:
        events = session.scalars(select(AuditEvent).where(AuditEvent.summary == f"attachment {attachment_id}")).all()
        level = session.get(Attachment, attachment_id).level
        return level, [(e.actor, e.action, e.before, e.after) for e in events]


def test_the_office_restricts_and_the_change_is_audited(db):
    found = _file(db)
    _set(db, "office.staff", found, RESTRICTED)
    assert _level_and_events(db, found) == (
        RESTRICTED,
        [("office.staff", "set_level", {"level": INTERNAL}, {"level": RESTRICTED})],
    )


def test_making_public_without_the_director_is_refused_and_changes_nothing(db):
    found = _file(db)
    with pytest.raises(NeedsDirector):
        _set(db, "office.staff", found, PUBLIC)
    assert _level_and_events(db, found) == (INTERNAL, [])


def test_the_directors_consent_is_the_recorded_publication(db):
    found = _file(db)
    _set(db, "office.director", found, PUBLIC)
    assert _level_and_events(db, found) == (
        PUBLIC,
        [("office.director", "publish", {"level": INTERNAL}, {"level": PUBLIC})],
    )


@pytest.mark.parametrize(("username", "level", "refusal"), [
    ("liaison.gxj", RESTRICTED, Forbidden),
    ("convener", INTERNAL, Forbidden),
    ("office.staff", "secret", InvalidData),
])  # fmt: skip
def test_only_the_office_sets_a_level_and_only_a_level(db, username, level, refusal):
    found = _file(db)
    with pytest.raises(refusal):
        _set(db, username, found, level)
    assert _level_and_events(db, found) == (INTERNAL, [])
