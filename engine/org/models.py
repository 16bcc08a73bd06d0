"""Who: bodies, their member units, and the people who act for them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engine.core.base import Base, Instant, JsonDoc

# Roles a person can hold in a body. A liaison answers for the unit's inbox; the backup
# liaison covers when the primary is away; the member is the unit's responsible leader.
ROLES = (
    "convener",
    "deputy_convener",
    "office_director",
    "office_deputy",
    "office_staff",
    "liaison",
    "backup_liaison",
    "member",
    "admin",
    "site_admin",
)
# The seats a unit fills (成员, 联络员, 备用联络员): one holder each, changed by a dated record.
SEATS = ("member", "liaison", "backup_liaison")
# Roles a body must never be left without: its head and whoever administers its roster.
INDISPENSABLE_ROLES = ("convener", "admin")
# Who sees the whole body: the office, the conveners and the administrators.
WHOLE_BODY_ROLES = frozenset({"convener", "deputy_convener", "admin"})
LEVELS = ("district", "city", "province")
# member: sits in the body (the office's own host unit too); guest: an outside unit a meeting
# may invite; government: the government the body reports to, which receives copies (抄报) of
# full and special minutes; former: a unit that left the body, kept for its history.
UNIT_KINDS = ("member", "guest", "government", "former")
OFFICE_ROLES = frozenset({"office_director", "office_deputy", "office_staff"})
LIAISON_ROLES = frozenset({"liaison", "backup_liaison"})
# Lanes address roles; the `office` lane is the whole office, the `mediator` lane whoever may
# mediate a disagreement among the units (the joint-meeting rules §六(三): the convener or the office director).
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
    # The seals its documents carry, as unit names: the office's own, and the unit whose seal
    # stands in (代章) for the body, which has none.
    office_seal: Mapped[str] = mapped_column(String(100), default="", server_default="")
    body_seal: Mapped[str] = mapped_column(String(100), default="", server_default="")
    # The prefix of its documents' numbers, e.g. 职防联 in 职防联〔2026〕3号 (a body puts its place's short name first).
    doc_prefix: Mapped[str] = mapped_column(String(40), default="", server_default="")
    # The codes of the unit that convenes it and the unit hosting its office.
    convener_unit: Mapped[str] = mapped_column(String(40), default="", server_default="")
    office_unit: Mapped[str] = mapped_column(String(40), default="", server_default="")
    # Overrides of the default reminder policy (engine.reminders.policy), e.g. "before=7,3".
    reminder_policy: Mapped[str] = mapped_column(String(200), default="", server_default="")
    # 定期召开: a full meeting every so many months opens its round by itself; None: as needed.
    full_meeting_every_months: Mapped[int | None] = mapped_column(Integer)
    # The body's enterprise-chat robot (WeCom / DingTalk), if it has one.
    webhook_url: Mapped[str | None] = mapped_column(String(500))

    units: Mapped[list[Unit]] = relationship(back_populates="body", order_by="Unit.sort_order")

    @property
    def government(self) -> Unit | None:
        """The government the body reports to: its unit of kind `government`."""
        return next((u for u in self.units if u.kind == "government"), None)

    @property
    def government_name(self) -> str:
        government = self.government
        return government.name if government else ""


class Unit(Base):
    __tablename__ = "unit"
    # A code is the body's own: two bodies may both have a unit called wjj.
    __table_args__ = (UniqueConstraint("body_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(20), default="member", server_default="member")  # UNIT_KINDS
    phone: Mapped[str] = mapped_column(String(40), default="", server_default="")
    email: Mapped[str] = mapped_column(String(200), default="", server_default="")
    left_on: Mapped[date | None] = mapped_column(Date)  # the day a former unit left the body
    # Its duties in the body, a few lines the administrator keeps (engine.roster.duties).
    duties: Mapped[str] = mapped_column(Text, default="", server_default="")

    body: Mapped[Body] = relationship(back_populates="units")
    people: Mapped[list[Person]] = relationship(back_populates="unit")


class Person(Base):
    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    title: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(40), default="", server_default="")
    password_hash: Mapped[str | None] = mapped_column(String(200))
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    # Deactivated (left the body) is for good; locked is until the administrator unlocks.
    # Either way the person cannot sign in and what they did stays theirs.
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    locked: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
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
    def may_sign_in(self) -> bool:
        return self.active and not self.locked

    @property
    def is_office(self) -> bool:
        return bool(self.roles & OFFICE_ROLES)

    @property
    def sees_whole_body(self) -> bool:
        """The office sees everything of its body, and so do the conveners who head it."""
        return self.is_office or bool(self.roles & WHOLE_BODY_ROLES)

    @property
    def answers_for_unit(self) -> bool:
        return bool(self.roles & LIAISON_ROLES)


class PersonRole(Base):
    __tablename__ = "person_role"
    __table_args__ = (UniqueConstraint("person_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(40))


class SeatHolding(Base):
    """A person in one of a unit's seats (SEATS) from a day until a day (成员调整): changes are
    dated records, never overwrites. An open holding (`until_day` None) is a holder now, and
    matches the person's role of the same name."""

    __tablename__ = "seat_holding"
    __table_args__ = (Index("ix_seat_holding_unit_seat", "unit_id", "seat"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    seat: Mapped[str] = mapped_column(String(20))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    from_day: Mapped[date | None] = mapped_column(Date)  # None: since before lianxi kept history
    until_day: Mapped[date | None] = mapped_column(Date)
    recorded_by: Mapped[str] = mapped_column(String(80))
    recorded_at: Mapped[datetime] = mapped_column(Instant)
    note: Mapped[str] = mapped_column(Text, default="")

    unit: Mapped[Unit] = relationship()
    person: Mapped[Person] = relationship()
