"""Cloning a finished plan into the next year's: the same file with every date and year moved
on by whole years (29 February → 28 February), started through the same service."""

from __future__ import annotations

import re
from datetime import date, datetime

from engine.core.uow import UnitOfWork
from engine.org.models import Body
from engine.plan_runs import starting
from engine.plan_runs.models import PlanRun
from engine.plans.periods import shift_years

# A date, or a year standing alone (in a code, a title, a milestone key, a rule's `year:`).
_DATE_OR_YEAR = re.compile(r"(?<![\d.])(?:(\d{4})-(\d{2})-(\d{2})|((?:19|20)\d{2}))(?![\d])")
# A number that only looks like a year: a target's value is a quantity, not a date.
_QUANTITY = ("value: ", "low: ", "high: ", "value:", "low:", "high:")
_CODE = re.compile(r"^code:\s*(\S+)\s*$", re.MULTILINE)


def shifted_source(text: str, years: int) -> str:
    def shift(found: re.Match) -> str:
        if found.group(4):
            if text[: found.start()].endswith(_QUANTITY):
                return found.group(0)
            return str(int(found.group(4)) + years)
        day = date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
        return shift_years(day, years).isoformat()

    shifted = _DATE_OR_YEAR.sub(shift, text)
    code = _CODE.search(text)
    if code and _CODE.search(shifted).group(1) == code.group(1):  # a code without a year to move
        shifted = _CODE.sub(f"code: {code.group(1)}-next", shifted, count=1)
    return shifted


def clone(uow: UnitOfWork, run: PlanRun, actor: str, now: datetime, years: int = 1) -> PlanRun:
    if run.status != "finished":
        raise starting.PlanRefused(f"plan {run.code} has not finished; only a finished plan is cloned")
    body = uow.session.get(Body, run.body_id)
    copy = starting.start(uow, body, shifted_source(run.source, years), run.file, actor, now)
    copy.cloned_from_id = run.id
    return copy
