"""Who: bodies, their member units, and the people who act for them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engine.core.base import Base, Instant, JsonDoc

# Roles a person can hold in a body. A liaison answers for the unit's inbox; the backup
# liaison covers when the primary is away; the member is the unit's responsible leader.
ROLES = (
    "convener",
    "office_director",
    "office_deputy",
    "office_staff",
    "liaison",
    "backup_liaison",
    "member",
    "admin",
)
OFFICE_ROLES = frozenset({"office_director", "office_deputy", "office_staff"})
LIAISON_ROLES = frozenset({"liaison", "backup_liaison"})
# Lanes address roles; the `office` lane is the whole office, the `mediator` lane whoever may
# mediate a disagreement among the units (the Qixing rules §六(三): the convener or the office director).
LANE_ROLES = {
    "office": OFFICE_ROLES,
    "office_director": frozenset({"office_director"}),
    "convener": frozenset({"convener"}),
    "mediator": frozenset({"convener", "office_director"}),
}


class Body(Base):
    __tablename__ = "body"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(20), default="district")
    # Overrides of the default reminder policy (engine.reminders.policy), e.g. "before=7,3".
    reminder_policy: Mapped[str] = mapped_column(String(200), default="", server_default="")
    # 定期召开: a full meeting every so many months opens its round by itself; None: as needed.
    full_meeting_every_months: Mapped[int | None] = mapped_column(Integer)
    # The body's enterprise-chat robot (WeCom / DingTalk), if it has one.
    webhook_url: Mapped[str | None] = mapped_column(String(500))

    units: Mapped[list[Unit]] = relationship(back_populates="body", order_by="Unit.sort_order")


class Unit(Base):
    __tablename__ = "unit"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id"), index=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    # member: sits in the body (the office's own health bureau too); guest: an outside unit a
    # meeting may invite; government: receives copies (抄报) of full and special minutes.
    kind: Mapped[str] = mapped_column(String(20), default="member", server_default="member")

    body: Mapped[Body] = relationship(back_populates="units")
    people: Mapped[list[Person]] = relationship(back_populates="unit")


class Person(Base):
    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    title: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str | None] = mapped_column(String(200))
    password_hash: Mapped[str | None] = mapped_column(String(200))
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    password_changed_at: Mapped[datetime | None] = mapped_column(Instant)
    # The channels the person chose for reminders; None means the default (in-app, and e-mail
    # when they have an address). A digest person gets one e-mail a day instead of several.
    channels: Mapped[list | None] = mapped_column(JsonDoc)
    digest: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    body: Mapped[Body] = relationship()
    unit: Mapped[Unit] = relationship(back_populates="people")
    role_rows: Mapped[list[PersonRole]] = relationship(cascade="all, delete-orphan", lazy="selectin")

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(r.role for r in self.role_rows)

    @property
    def is_office(self) -> bool:
        return bool(self.roles & OFFICE_ROLES)

    @property
    def sees_whole_body(self) -> bool:
        """The office sees everything of its body, and so does the convener who heads it."""
        return self.is_office or "convener" in self.roles or "admin" in self.roles

    @property
    def answers_for_unit(self) -> bool:
        return bool(self.roles & LIAISON_ROLES)


class PersonRole(Base):
    __tablename__ = "person_role"
    __table_args__ = (UniqueConstraint("person_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(40))
