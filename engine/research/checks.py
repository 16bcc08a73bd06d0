"""What a research plan and report must be, beyond what their forms check: the units taking part are
member units of the body, the days run in order, and a report makes at least one proposal."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.core.errors import FieldError
from engine.org.models import Unit

# A proposal typed with its own number ("1.", "2、", "（3）"): the report numbers them itself.
NUMBERED = re.compile(r"^\s*(?:\d+\s*[.．、)）]|[（(]\d+[)）])\s*")


def plan_errors(session: Session, body_id: int, values: dict) -> dict[str, FieldError]:
    """The form offers the body's member units; the rule holds whatever a form offers: another
    body's unit, a guest or a unit that left takes no part. The units gather their findings within
    the research's days."""
    errors = {}
    outside = outside_units(session, body_id, list(values["taking_part"]))
    if outside:
        errors["taking_part"] = FieldError("unknown_unit", {"codes": ", ".join(outside)})
    starts, ends, due = (date.fromisoformat(values[name]) for name in ("starts_on", "ends_on", "findings_due"))
    if ends < starts:
        errors["ends_on"] = FieldError("too_small", {"min": starts.isoformat()})
    if due < starts:
        errors["findings_due"] = FieldError("too_small", {"min": starts.isoformat()})
    elif due > ends:
        errors["findings_due"] = FieldError("too_large", {"max": ends.isoformat()})
    return errors


def outside_units(session: Session, body_id: int, codes: list[str]) -> list[str]:
    """The codes that name no member unit of the body."""
    members = set(session.scalars(select(Unit.code).where(Unit.body_id == body_id, Unit.kind == "member")))
    return [code for code in codes if code not in members]


def proposals(text: str) -> list[str]:
    """The report's proposals, one a line, without the numbers people type before them."""
    lines = (NUMBERED.sub("", line).strip() for line in text.splitlines())
    return [line for line in lines if line]
