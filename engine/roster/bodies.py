"""A body as data: created by the site administrator, its profile kept by its own administrator.

The profile is what documents print: the body's name, the government it reports to (its unit of
kind `government`, which receives copies of minutes), the seals its documents carry and the
prefix of their numbers. Nothing of one district or city is written into the code.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.core import audit
from engine.core.errors import FieldError, NotFound
from engine.org.models import Body, Unit
from engine.roster import checks

GOVERNMENT_CODE = "gov"
# Fields of the profile (save_profile) and their longest values.
PROFILE = {"name": 200, "government_name": 200, "office_seal": 100, "body_seal": 100, "doc_prefix": 40}


def create(session: Session, values: dict, actor: str, now: datetime) -> Body:
    """A new body with its government as a unit. Bad input changes nothing (InvalidData)."""
    code = (values.get("code") or "").strip()
    clean = {k: (values.get(k) or "").strip() for k in PROFILE}
    level = (values.get("level") or "").strip()
    taken = session.scalar(select(Body.id).where(Body.code == code))
    checks.refuse_any(
        {
            "code": checks.code(code) or (FieldError("taken") if taken else None),
            "name": checks.required(clean["name"], PROFILE["name"]),
            "level": checks.level(level),
            "government_name": checks.required(clean["government_name"], PROFILE["government_name"]),
            **{k: checks.length(clean[k], PROFILE[k]) for k in ("office_seal", "body_seal", "doc_prefix")},
        }
    )
    body = Body(
        code=code,
        name=clean["name"],
        level=level,
        office_seal=clean["office_seal"],
        body_seal=clean["body_seal"],
        doc_prefix=clean["doc_prefix"],
    )
    session.add(body)
    session.add(Unit(body=body, code=GOVERNMENT_CODE, name=clean["government_name"], sort_order=999, kind="government"))
    session.flush()
    audit.record(session, now, actor, "body_created", body_id=body.id, summary=body.name, after=profile_of(body))
    return body


def save_profile(session: Session, body_id: int, values: dict, actor: str, now: datetime) -> Body:
    """Keep the body's name, level, government, seals, document prefix and its convener's and
    office's units, all checked before any is written."""
    body = session.get(Body, body_id)
    if body is None:
        raise NotFound(f"body {body_id}")
    clean = {k: (values.get(k) or "").strip() for k in (*PROFILE, "level", "convener_unit", "office_unit")}
    members = set(session.scalars(select(Unit.code).where(Unit.body_id == body_id, Unit.kind == "member")))
    errors = {k: checks.required(clean[k], n) for k, n in PROFILE.items() if k != "doc_prefix"}
    errors["doc_prefix"] = checks.length(clean["doc_prefix"], PROFILE["doc_prefix"])
    errors["level"] = checks.level(clean["level"])
    for field in ("convener_unit", "office_unit"):
        errors[field] = FieldError("not_a_choice") if clean[field] and clean[field] not in members else None
    checks.refuse_any(errors)
    before = profile_of(body)
    for field in ("name", "level", "office_seal", "body_seal", "doc_prefix", "convener_unit", "office_unit"):
        setattr(body, field, clean[field])
    _government(session, body).name = clean["government_name"]
    audit.record(session, now, actor, "body_profile", body_id=body.id, before=before, after=profile_of(body))
    return body


def profile_of(body: Body) -> dict:
    return {
        "code": body.code,
        "name": body.name,
        "level": body.level,
        "government_name": body.government_name,
        "office_seal": body.office_seal,
        "body_seal": body.body_seal,
        "doc_prefix": body.doc_prefix,
        "convener_unit": body.convener_unit,
        "office_unit": body.office_unit,
    }


def _government(session: Session, body: Body) -> Unit:
    """The body's government unit, made when a body from before bodies were data has none."""
    government = body.government
    if government is None:
        government = Unit(body=body, code=GOVERNMENT_CODE, name="", sort_order=999, kind="government")
        session.add(government)
    return government
