"""The home page's inspections in progress read what they show: a closed inspection whose
findings are all fixed costs no statement, and no item already closed is read."""

from __future__ import annotations

from inspection_steps import FINDINGS, LEADER, approved, finding
from inspection_steps import recorded as found
from sqlalchemy import select, update
from statements import reading, recorded

from engine.inspections import queries
from engine.inspections.models import Inspection
from engine.org.models import Body
from engine.supervision.models import SupervisedItem


def test_closed_inspections_whose_items_are_closed_are_not_read(db, clock):
    now = clock.now()
    done = []
    for number in range(2):
        instance_id = approved(db, now)
        done.append(found(db, instance_id, LEADER, finding(*FINDINGS[number][:4]), now))
    ongoing = approved(db, now)
    still_open = found(db, ongoing, LEADER, finding(*FINDINGS[3][:4]), now)
    with db.write_session() as session:  # as if each was fixed, closed under supervision, and its report read
        session.execute(
            update(SupervisedItem).where(SupervisedItem.id.in_([f.item_id for f in done])).values(status="closed")
        )
        session.execute(
            update(Inspection).where(Inspection.id.in_([f.inspection_id for f in done])).values(status="closed")
        )
        session.commit()
    with db.read_session() as session, recorded(db.engine) as statements:
        body_id = session.scalar(select(Body.id).where(Body.code == "qixing"))
        listed = queries.in_progress(session, body_id, now)
    assert [row.inspection.id for row in listed] == [still_open.inspection_id]
    assert [row.item["id"] for row in listed[0].open_findings] == [still_open.item_id]
    findings_read = [s for s in reading(statements, "inspection_finding") if s.startswith("SELECT inspection_finding.")]
    assert len(findings_read) == 1  # the open inspection's, none of the closed ones'
