"""People kept by the body's administrator: locking and deactivating end access at once, and a
body is never left without its convener, its administrator, or a unit's last liaison."""

from __future__ import annotations

import pytest
from conftest import DEMO_NOW
from sqlalchemy import select

from engine.core.errors import Forbidden, InvalidData
from engine.core.uow import UnitOfWork
from engine.org import accounts, signin
from engine.org.credentials import ApiToken, LoginSession
from engine.org.models import Body, Person
from engine.roster import people
from engine.workflow.models import HumanTask


def qixing(session) -> int:
    return session.scalar(select(Body.id).where(Body.code == "qixing"))


def signed_in_everywhere(db, username: str) -> None:
    with UnitOfWork(db) as uow:
        person = accounts.find(uow.session, username)
        signin.open_session(uow.session, person, "127.0.0.1", DEMO_NOW)
        signin.issue_api_token(uow.session, person, DEMO_NOW)
        uow.commit()


def deactivate(db, username: str, hand_over_to: str | None = None) -> None:
    with UnitOfWork(db) as uow:
        admin = accounts.find(uow.session, "office.director")
        people.deactivate(uow, admin, username, hand_over_to, DEMO_NOW)
        uow.commit()


def access_left(db, username: str) -> tuple[int, int]:
    with db.read_session() as session:
        person = accounts.find(session, username)
        sessions = session.scalars(select(LoginSession).where(LoginSession.person_id == person.id)).all()
        tokens = session.scalars(select(ApiToken).where(ApiToken.person_id == person.id, ApiToken.revoked_at.is_(None)))
        return len(sessions), len(tokens.all())


def test_a_new_person_gets_a_temporary_password_that_signs_in(db):
    with UnitOfWork(db) as uow:
        values = {"username": "zhang.san", "unit": "jyj", "display_name": "张三", "roles": ["office_staff"]}
        person, password = people.add(uow.session, qixing(uow.session), values, "office.director", DEMO_NOW)
        uow.commit()
    assert signin.sign_in(db, "zhang.san", password, "127.0.0.1", DEMO_NOW)


def test_bad_fields_are_named_and_nothing_is_written(db):
    values = {"username": "9bad", "unit": "nowhere", "display_name": "", "email": "not-mail", "phone": "0773-abc"}
    with UnitOfWork(db) as uow, pytest.raises(InvalidData) as refused:
        people.add(uow.session, qixing(uow.session), {**values, "roles": ["boss"]}, "office.director", DEMO_NOW)
    assert {k: e.code for k, e in refused.value.errors.items()} == {
        "username": "bad_username",
        "unit": "not_a_choice",
        "display_name": "required",
        "email": "not_email",
        "phone": "not_phone",
        "roles": "unknown_role",
    }


def test_locking_ends_sessions_and_tokens_and_unlocking_lets_them_back(db):
    signed_in_everywhere(db, "office.staff")
    with UnitOfWork(db) as uow:
        people.lock(uow.session, qixing(uow.session), "office.staff", True, "office.director", DEMO_NOW)
        uow.commit()
    assert access_left(db, "office.staff") == (0, 0)
    from engine.demo import DEMO_PASSWORD

    with pytest.raises(signin.SignInRefused):
        signin.sign_in(db, "office.staff", DEMO_PASSWORD, "127.0.0.1", DEMO_NOW)
    with UnitOfWork(db) as uow:
        people.lock(uow.session, qixing(uow.session), "office.staff", False, "office.director", DEMO_NOW)
        uow.commit()
    assert signin.sign_in(db, "office.staff", DEMO_PASSWORD, "127.0.0.2", DEMO_NOW)


def test_deactivating_ends_access_closes_seats_and_keeps_what_they_did(db):
    signed_in_everywhere(db, "member.jyj")
    deactivate(db, "member.jyj")
    assert access_left(db, "member.jyj") == (0, 0)
    with db.read_session() as session:
        person = session.scalar(select(Person).where(Person.username == "member.jyj"))
        assert (person.active, person.roles) == (False, frozenset())


def test_the_only_convener_and_a_units_last_liaison_with_open_work_stay(db):
    with pytest.raises(InvalidData) as refused:
        deactivate(db, "convener")
    assert refused.value.errors["roles"].code == "last_holder"
    with pytest.raises(InvalidData) as refused:
        deactivate(db, "liaison.scjgj")  # scjgj still owes its receipt
    assert refused.value.errors["liaison"].code == "last_liaison"
    with UnitOfWork(db) as uow, pytest.raises(InvalidData):
        people.set_roles(uow.session, qixing(uow.session), "office.director", ["office_director"], "x", DEMO_NOW)
    with UnitOfWork(db) as uow, pytest.raises(Forbidden):
        people.deactivate(uow, accounts.find(uow.session, "office.director"), "office.director", None, DEMO_NOW)


def test_tasks_addressed_by_name_are_handed_over_or_the_person_stays(db):
    with UnitOfWork(db) as uow:
        query = select(HumanTask).where(HumanTask.status == "open", HumanTask.assignee == "kjyq")
        task = uow.session.scalars(query).one()  # the unit's plan task, given to its liaison by name
        task.assignee_kind, task.assignee = "person", "liaison.kjyq"
        uow.commit()
    with pytest.raises(InvalidData) as refused:
        deactivate(db, "liaison.kjyq")
    assert refused.value.errors["hand_over_to"].code == "required"
    deactivate(db, "liaison.kjyq", hand_over_to="member.kjyq")
    with db.read_session() as session:
        assert session.get(HumanTask, task.id).assignee == "member.kjyq"
