"""Who may see a running action plan (行动方案) and a unit's part of it.

The office, the convener and the administrator see every plan of their body; a unit's people see
the plans their unit takes part in, narrowed to their own unit's part. Anything else is not found
(NotFound, 404), exactly like a plan or unit that does not exist. What only the office does to a
plan the person sees (record an event, clone it) is refused (Forbidden, 403) by the caller.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from engine.core.errors import NotFound
from engine.org.models import Person
from engine.plan_runs.models import PlanRun
from engine.plan_runs.runs import get_run, plan_of, runs_of


def can_see_run(person: Person, run: PlanRun) -> bool:
    if person.body_id != run.body_id:
        return False
    return person.sees_whole_body or person.unit.code in {u.code for u in plan_of(run).units}


def can_see_unit(person: Person, run: PlanRun, unit: str) -> bool:
    """A unit's part of a plan: for those who see the whole plan, and for the unit's own people."""
    return can_see_run(person, run) and (person.sees_whole_body or person.unit.code == unit)


def visible_run(session: Session, person: Person, run_id: int) -> PlanRun:
    run = get_run(session, person.body_id, run_id)  # another body's is not found already
    if not can_see_run(person, run):
        raise NotFound(f"plan {run_id}")
    return run


def visible_unit_of_run(session: Session, person: Person, run_id: int, unit: str) -> PlanRun:
    """The run as one of its units' page shows it, if the unit takes part and the person may see its part."""
    run = visible_run(session, person, run_id)
    if unit not in {u.code for u in plan_of(run).units} or not can_see_unit(person, run, unit):
        raise NotFound(f"unit {unit} of plan {run_id}")
    return run


def visible_runs(session: Session, person: Person) -> list[PlanRun]:
    return [run for run in runs_of(session, person.body_id) if can_see_run(person, run)]
