"""Joint inspections (联合督查): those the caller sees, one with its plan, team, findings and report,
and the team recording a finding, as the pages do (engine.inspections): another unit's or body's
inspection is 404, one the caller sees but whose team they are not in takes no finding (403)."""

from __future__ import annotations

from werkzeug.exceptions import BadRequest

from engine.core.uow import UnitOfWork
from engine.inspections import access, findings, queries
from engine.inspections.models import Finding, Inspection
from engine.org.models import Person
from engine.supervision import access as item_access
from webui.api import bp
from webui.api.tasks import submission
from webui.common import context
from webui.common.work_shapes import finding_dict, inspection_detail, inspection_dict

TEXTS = ("place", "problem", "responsible_unit", "fix_by")
EVIDENCE = "evidence"  # the file part's name


@bp.get("/inspections")
def list_inspections():
    found = queries.listed(context.db_session(), context.person(), context.now())
    return {"inspections": [{**inspection_dict(row.inspection), "findings": len(row.findings)} for row in found]}


@bp.get("/inspections/<int:inspection_id>")
def get_inspection(inspection_id: int):
    session, me = context.db_session(), context.person()
    inspection = access.visible_inspection(session, me, inspection_id)
    items = queries.supervised(session, me.body_id, context.now())
    return inspection_detail(session, inspection, items, _sees_item(me))


@bp.post("/inspections/<int:inspection_id>/findings")
def record_finding(inspection_id: int):
    access.visible_inspection(context.db_session(), context.person(), inspection_id)  # 404 before reading the body
    values, given = submission()
    if not _well_formed(values):
        raise BadRequest(f"send texts {', '.join(TEXTS)} and a boolean needs_fixing")
    evidence = _evidence(given)
    with context.unit_of_work() as uow:
        person = context.person_in(uow)
        found = findings.record(uow, person, inspection_id, values, evidence, context.now())
        result = _recorded(uow, person, found)
        uow.commit()
    return result, 201


def _well_formed(values: dict) -> bool:
    texts = all(isinstance(values.get(name) or "", str) for name in TEXTS)
    return texts and isinstance(values.get("needs_fixing", False), bool)


def _evidence(given: list) -> findings.Evidence | None:
    """The one file part, named evidence and with a filename; anything else is a malformed request."""
    if not given:
        return None
    if len(given) > 1 or given[0][0] != EVIDENCE or not given[0][1]:
        raise BadRequest("send at most one file, in the part evidence, with a filename")
    _, filename, content = given[0]
    return findings.Evidence(filename, content)


def _recorded(uow: UnitOfWork, person: Person, found: Finding) -> dict:
    inspection = uow.session.get(Inspection, found.inspection_id)
    items = queries.supervised(uow.session, person.body_id, context.now())
    rows = queries.findings_of(uow.session, inspection, items)
    return finding_dict(next(row for row in rows if row.finding.id == found.id), _sees_item(person))


def _sees_item(person: Person):  # noqa: ANN202
    return lambda item: item_access.concerns(person, item["lead"], item["cooperating"])
