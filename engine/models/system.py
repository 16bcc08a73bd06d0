"""Process-wide state kept in the database."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer
from sqlalchemy.orm import Mapped, mapped_column

from engine.models.base import Base, Instant


class SimulatedTime(Base):
    """Under LIANXI_CLOCK=simulated, the one instant every process reads as "now"."""

    __tablename__ = "simulated_time"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=1)
    now: Mapped[datetime] = mapped_column(Instant)
