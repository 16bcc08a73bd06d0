"""Sign-in state kept on the server: sessions, API tokens and the failed-login throttle."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engine.core.base import Base, Instant
from engine.org.models import Person


class LoginSession(Base):
    """A signed-in browser. The cookie holds only the token; its hash is the key here, so
    deleting the row (log-out, password change) ends the session even for a copied cookie."""

    __tablename__ = "login_session"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(Instant)
    last_seen_at: Mapped[datetime] = mapped_column(Instant)
    address: Mapped[str] = mapped_column(String(64), default="")

    person: Mapped[Person] = relationship(lazy="joined")


class ApiToken(Base):
    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(Instant)
    revoked_at: Mapped[datetime | None] = mapped_column(Instant)
    last_used_at: Mapped[datetime | None] = mapped_column(Instant)

    person: Mapped[Person] = relationship(lazy="joined")


class LoginThrottle(Base):
    """Failed log-ins counted per account (`user:NAME`) and per address (`addr:IP`)."""

    __tablename__ = "login_throttle"

    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[datetime] = mapped_column(Instant)
    locked_until: Mapped[datetime | None] = mapped_column(Instant)
