"""One unit's part of a year as a person reads it, on its page or through the API: its row of the
overview, each submission's documents the person may read, and whether the person may attach one
now (to the latest submission, while it awaits review)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from engine.annual import access, documents
from engine.annual.models import AnnualCycle
from engine.annual.queries import UnitRow, may_act_for, overview
from engine.attachments.models import Attachment
from engine.org.models import Person


@dataclass(frozen=True)
class UnitView:
    row: UnitRow
    documents: dict[int, list[Attachment]]  # by submission id
    may_attach: bool


def unit_view(session: Session, person: Person, cycle: AnnualCycle, code: str) -> UnitView:
    row = next(r for r in overview(session, cycle) if r.code == code)  # a member unit: it has a row
    readable = access.readable_documents(session, person, documents.of_submissions(session, row.submissions))
    return UnitView(row, readable, may_act_for(person, code) and row.state == "pending")
