"""Where the features plug into the workflow core: the records their tasks keep, and the search
index every write session keeps current (`watch`, called by engine.core.db).

engine.workflow runs any process; what a task's completion writes (a meeting, a co-signature, a
progress report, an indicator value) belongs to the feature that owns the record, named by the
task's BPMN `record` property. The features import the workflow core, so the core reads this
table at call time (engine.workflow.records.recorders) rather than importing them.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from engine.annual import recorders as annual
from engine.archive import guard as archive
from engine.documents import joint_records
from engine.documents import request_records as documents
from engine.information import recorders as information
from engine.inspections import recorders as inspections
from engine.meetings import recorders as meetings
from engine.plan_runs import recorders as plan_runs
from engine.research import recorders as research
from engine.search import index as search
from engine.supervision import recorders as supervision

RECORDERS = {
    **meetings.RECORDERS,
    **supervision.RECORDERS,
    **plan_runs.RECORDERS,
    **annual.RECORDERS,
    **documents.RECORDERS,
    **joint_records.RECORDERS,
    **information.RECORDERS,
    **inspections.RECORDERS,
    **research.RECORDERS,
}


def watch(session: Session) -> None:
    """What a write session does to the records people search for is indexed before it commits."""
    search.watch(session)
    archive.watch(session)  # nothing archived is changed (docs/ARCHIVE.md)
