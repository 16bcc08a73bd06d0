"""Joint documents (联合发文, the joint-meeting rules §六(四)): an issuing unit (主办单位) and the
member units it names issue one document together. Each named unit co-signs (会签) by the day
set; a dissent is weighed by the office, which revises the draft (all co-sign again) or keeps the
comments on record and sends it on: the rules ask the units to assist, not to hold a veto. The
issuing unit signs the issue (签发) and the document takes the body's next `joint` number.

A joint document is an OutgoingDocument of kind `joint`: the same drafts, co-signatures, number
and list as a request (engine.documents.requests), plus its issuing unit and co-signing day."""

from __future__ import annotations

from sqlalchemy.orm import Session

from engine.core.errors import FieldError
from engine.documents import requests
from engine.documents.models import OutgoingDocument

KIND = "joint"


def drafting_errors(issuing: dict, cosigning: dict, starter: str | None) -> dict[str, FieldError]:
    """One issuing unit, and co-signing units other than it: a unit does not co-sign its own
    document. A member unit that started the document is its issuing unit: it drafts it to issue it."""
    errors = {}
    if len(issuing) != 1:
        errors["issuing_unit"] = FieldError("not_a_choice")
    elif starter is not None and starter not in issuing:
        errors["issuing_unit"] = FieldError("starter_issues")
    if set(issuing) & set(cosigning):
        errors["cosigning_units"] = FieldError("not_a_choice")
    return errors


def organs(session: Session, document: OutgoingDocument) -> list[str]:
    """The issuing organs' names as the head and the signature print them: the issuing unit first,
    then the co-signing units in roster order (GB/T 9704-2012 7.2.3, 7.3.5)."""
    names = requests.unit_names(session, document.body_id)
    codes = [document.issuing_unit, *(code for code in names if code in document.signatories)]
    return [names.get(code, code) for code in codes if code]
