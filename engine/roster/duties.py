"""Each unit's duties in the body (成员单位职责, the joint-meeting rules §三): a few lines the body's
administrator keeps on the roster, shown on the unit's page and offered as a hint where the office
picks the unit that leads a supervised item."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.core import audit
from engine.org.models import Person, Unit
from engine.roster import access, checks, units

DUTIES_MAX = 2000  # a few lines: the rules give each unit a paragraph


def save(session: Session, actor: Person, code: str, text: str, now: datetime) -> Unit:
    """The administrator writes a unit's duties (empty: none written); audited with the text before."""
    access.require(access.may_administer(actor), "a unit's duties")
    unit = units.find(session, actor.body_id, code)
    duties = "\n".join(line.rstrip() for line in text.strip().splitlines())
    checks.refuse_any({"duties": checks.length(duties, DUTIES_MAX)})
    before = {"duties": unit.duties}
    unit.duties = duties
    audit.record(
        session,
        now,
        actor.username,
        "unit_duties_changed",
        body_id=unit.body_id,
        summary=unit.name,
        before=before,
        after={"duties": duties},
    )
    return unit


def of_body(session: Session, body_id: int) -> dict[str, str]:
    """The duties written for the body's units, by unit code."""
    rows = session.execute(select(Unit.code, Unit.duties).where(Unit.body_id == body_id, Unit.duties != ""))
    return dict(rows.all())
