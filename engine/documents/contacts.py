"""Whom the reader of a document calls about it: the notice's contact line and a request's 附注
(GB/T 9704-2012 7.3.6) name a person and their telephone (their own, else their unit's)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.org.models import Body, Person, PersonRole


def contact_of(person: Person | None) -> str:
    """联系人：<name>，联系电话：<phone>, without a telephone when neither has one; "" for nobody."""
    if person is None:
        return ""
    phone = person.phone or person.unit.phone
    return f"联系人：{person.display_name}" + (f"，联系电话：{phone}" if phone else "")


def office_staff(session: Session, body: Body) -> Person | None:
    """The office's first staff member, whom the units call about a meeting."""
    return session.scalar(
        select(Person)
        .join(PersonRole, PersonRole.person_id == Person.id)
        .where(Person.body_id == body.id, Person.active, PersonRole.role == "office_staff")
        .order_by(Person.username)
    )


def person_named(session: Session, username: str | None) -> Person | None:
    return session.scalar(select(Person).where(Person.username == username)) if username else None
