"""A body's annual-cycle settings: the day the scheduler starts the year's round (default
1 December), the units' deadline (default 20 December, the joint-meeting rules §六(五)) and whether the
convener must approve the result (default no: the rules name no approver).

A change applies from the next cycle: a year already started keeps the deadline it started with.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from engine.annual.models import AnnualSetting
from engine.core import audit
from engine.core.errors import FieldError, InvalidData

_MONTH_DAY = re.compile(r"^(\d{1,2})-(\d{1,2})$")


@dataclass(frozen=True)
class CycleSettings:
    start_day: str = "12-01"  # MM-DD
    deadline_day: str = "12-20"
    require_convener_approval: bool = False

    def start_date(self, year: int) -> date:
        return _on(year, self.start_day)

    def deadline(self, year: int) -> date:
        return _on(year, self.deadline_day)


DEFAULTS = CycleSettings()


def settings_of(session: Session, body_id: int) -> CycleSettings:
    row = session.get(AnnualSetting, body_id)
    if row is None:
        return DEFAULTS
    return CycleSettings(row.start_day, row.deadline_day, row.require_convener_approval)


def save(session: Session, body_id: int, values: dict, actor: str, now: datetime) -> CycleSettings:
    """Check and keep the body's settings; bad input changes nothing (InvalidData per field)."""
    wanted = CycleSettings(
        _month_day(values.get("start_day"), "start_day"),
        _month_day(values.get("deadline_day"), "deadline_day"),
        bool(values.get("require_convener_approval")),
    )
    if wanted.deadline(2001) <= wanted.start_date(2001):  # any year without 29 February
        raise InvalidData({"deadline_day": FieldError("deadline_before_start")})
    before = settings_of(session, body_id)
    row = session.get(AnnualSetting, body_id) or AnnualSetting(body_id=body_id)
    row.start_day, row.deadline_day = wanted.start_day, wanted.deadline_day
    row.require_convener_approval = wanted.require_convener_approval
    row.updated_by, row.updated_at = actor, now
    session.add(row)
    audit.record(session, now, actor, "annual_settings", body_id=body_id, before=asdict(before), after=asdict(wanted))
    return wanted


def _month_day(text, field: str) -> str:
    """MM-DD of a day every year has (29 February is refused)."""
    found = _MONTH_DAY.match(str(text or "").strip())
    try:
        if not found:
            raise ValueError
        month, day = int(found.group(1)), int(found.group(2))
        date(2001, month, day)
    except ValueError:
        raise InvalidData({field: FieldError("not_month_day")}) from None
    return f"{month:02d}-{day:02d}"


def _on(year: int, month_day: str) -> date:
    month, day = (int(part) for part in month_day.split("-"))
    return date(year, month, day)
