"""The roster pages' fixtures: the body's administrator signed in, what the roster holds (to
show a refusal wrote nothing) and the audit events an action left."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from engine.core.models import AuditEvent
from engine.org.models import Body, Person, PersonRole, SeatHolding, Unit

ADMIN = "office.director"  # office_director and admin in the demo
ROSTER_TABLES = (Body, Unit, Person, PersonRole, SeatHolding, AuditEvent)


@pytest.fixture
def admin(signed_in):
    return signed_in(ADMIN)


@pytest.fixture
def roster_state(app):
    """roster_state() → every row of the roster's tables and the audit log, to compare."""
    db = app.extensions["lianxi"].db

    def snapshot() -> list:
        with db.read_session() as session:
            return [
                session.execute(select(*model.__table__.columns).order_by(*model.__table__.primary_key)).all()
                for model in ROSTER_TABLES
            ]

    return snapshot


@pytest.fixture
def audited(read):
    """audited("person_added") → the events of that action, latest last."""

    def find(action: str) -> list[AuditEvent]:
        read.rollback()
        return list(read.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)))

    return find


@pytest.fixture
def person_row(read):
    def find(username: str) -> Person | None:
        read.rollback()
        return read.scalar(select(Person).where(Person.username == username))

    return find


@pytest.fixture
def unit_row(read):
    def find(code: str) -> Unit | None:
        read.rollback()
        return read.scalar(select(Unit).where(Unit.code == code, Unit.body.has(code="qixing")))

    return find
