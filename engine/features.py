"""Where the features plug into the workflow core: the records their tasks keep.

engine.workflow runs any process; what a task's completion writes (a meeting, a co-signature, a
progress report, an indicator value) belongs to the feature that owns the record, named by the
task's BPMN `record` property. The features import the workflow core, so the core reads this
table at call time (engine.workflow.records.recorders) rather than importing them.
"""

from __future__ import annotations

from engine.annual import recorders as annual
from engine.meetings import recorders as meetings
from engine.plan_runs import recorders as plan_runs
from engine.supervision import recorders as supervision

RECORDERS = {
    **meetings.RECORDERS,
    **supervision.RECORDERS,
    **plan_runs.RECORDERS,
    **annual.RECORDERS,
}
