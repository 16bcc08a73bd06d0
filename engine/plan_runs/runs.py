"""Finding a run and the plan it was started from (read from the run's own copy of the file)."""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.core.errors import NotFound
from engine.plan_runs.models import PlanRun
from engine.plans import Plan, parse_plan


@lru_cache(maxsize=64)
def _parsed(source: str, file: str) -> Plan:
    return parse_plan(source, file)


def plan_of(run: PlanRun) -> Plan:
    """The source was valid when the run started; the cache keeps pages from re-parsing it."""
    return _parsed(run.source, run.file)


def run_by_instance(session: Session, instance_id: int) -> PlanRun | None:
    return session.scalar(select(PlanRun).where(PlanRun.instance_id == instance_id))


def get_run(session: Session, body_id: int, run_id: int) -> PlanRun:
    run = session.get(PlanRun, run_id)
    if run is None or run.body_id != body_id:
        raise NotFound(f"plan {run_id}")
    return run


def runs_of(session: Session, body_id: int) -> list[PlanRun]:
    return list(session.scalars(select(PlanRun).where(PlanRun.body_id == body_id).order_by(PlanRun.start.desc())))


def unit_names(run: PlanRun) -> dict[str, str]:
    return {u.code: u.name for u in plan_of(run).units}
