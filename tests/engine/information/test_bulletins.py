"""Bulletins (简报): nothing is released without the office director's approval (the joint-meeting
rules §六(六)); a refusal returns the issue with its reason and takes no number; a released issue
keeps its 第N期, the next issue takes the next, and a report goes into one issue only."""

from __future__ import annotations

import pytest
from information_steps import begun, bulletin_of, compiled, decided, filed, reviewed

from engine.core.errors import Conflict, Forbidden, InvalidData
from engine.core.uow import UnitOfWork
from engine.demo import walkthrough
from engine.information import bulletins
from engine.information.bulletins import NotApproved
from engine.information.models import Bulletin


def accepted(db, now, *units: str) -> None:
    for unit in units:
        reviewed(db, filed(db, unit, now), "accept", now)


def release(db, instance_id: int, now) -> None:
    with UnitOfWork(db) as uow:
        bulletin = bulletins.of_instance(uow.session, instance_id)
        bulletins.release(uow.session, bulletin, ["wjj"], "office.staff", now)
        uow.commit()


def number(db, instance_id: int) -> str | None:
    with db.read_session() as session:
        found = bulletins.number_of(session, session.get(Bulletin, bulletin_of(db, instance_id).id))
        return found.text if found else None


def test_no_release_without_the_directors_approval_and_a_refusal_takes_no_number(db, clock):
    now = clock.now()
    accepted(db, now, "wjj", "rsj")
    instance_id = begun(db, now)
    compiled(db, instance_id, [1, 2], now)
    with pytest.raises(NotApproved):
        release(db, instance_id, now)
    with pytest.raises(Forbidden):  # the office director's lane: the office cannot approve it
        walkthrough.act(db, "office.staff", instance_id, "approve_bulletin", {"approval": "approve"}, now)
    decided(db, instance_id, now, reason="请删去第二条")
    returned = bulletin_of(db, instance_id)
    assert (returned.status, returned.return_reason, returned.approved_at) == ("compiling", "请删去第二条", None)
    assert number(db, instance_id) is None
    with pytest.raises(NotApproved):
        release(db, instance_id, now)
    compiled(db, instance_id, [1], now)
    decided(db, instance_id, now)
    assert number(db, instance_id) == "第1期"


def test_a_released_issue_keeps_its_number_and_the_next_takes_the_next(db, clock):
    now = clock.now()
    accepted(db, now, "wjj")
    first = begun(db, now)
    compiled(db, first, [1], now)
    decided(db, first, now)
    with pytest.raises(Conflict):  # released once: never again, under another number or the same
        release(db, first, now)
    accepted(db, now, "zgh")
    second = begun(db, now)
    compiled(db, second, [1], now)
    decided(db, second, now)
    assert (number(db, first), number(db, second)) == ("第1期", "第2期")


def test_a_report_goes_into_one_issue_only(db, clock):
    now = clock.now()
    accepted(db, now, "wjj")
    first, second = begun(db, now), begun(db, now)  # both offer the one report
    compiled(db, first, [1], now)
    with pytest.raises(InvalidData) as taken:
        compiled(db, second, [1], now)
    assert set(taken.value.errors) == {"reports"}
    assert bulletin_of(db, second).status == "compiling"
    with pytest.raises(InvalidData):  # nothing left to compile from
        begun(db, now)
