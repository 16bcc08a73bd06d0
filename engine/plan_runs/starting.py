"""Starting a plan: check the file and the body, keep the file with the run, lay out every
unit's deadlines, and start the `action_plan` process with the dates it waits for.

The process holds the phases, the implementation plans and the office's reviews the file declares
(`office.py`); the dated deliverables and the periodic indicator reports are opened by the
scheduler (`opening.py`) as their time comes.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.core import audit
from engine.core.clock import SHANGHAI
from engine.core.errors import InvalidData
from engine.core.uow import UnitOfWork
from engine.org.models import Body, Unit
from engine.plan_runs import opening
from engine.plan_runs.models import PlanDeadline, PlanRun
from engine.plan_runs.office import process_data
from engine.plans import Deadline, Plan, parse_plan, schedule
from engine.workflow import instances

PROCESS = "action_plan"
LEAD_DAYS = 14  # a deliverable's task reaches the unit this many days before it falls due


class PlanRefused(InvalidData):
    """The file reads, but cannot be started here (units the body lacks, a code already running)."""

    def __init__(self, message: str):
        super().__init__({}, message)


def start(
    uow: UnitOfWork, body: Body, text: str, file: str, actor: str, now: datetime, add_units: bool = False
) -> PlanRun:
    """Everything or nothing: a malformed file raises PlanError before anything is written."""
    plan = parse_plan(text, file)
    session = uow.session
    _check_units(session, body, plan, add_units)
    if session.scalar(select(PlanRun.id).where(PlanRun.body_id == body.id, PlanRun.code == plan.code)):
        raise PlanRefused(f"plan {plan.code!r} has already been started in {body.code}")
    run = PlanRun(
        body_id=body.id,
        code=plan.code,
        title=plan.title,
        file=file,
        source=text,
        source_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        start=plan.start,
        end=plan.end,
        status="running",
        started_by=actor,
        started_at=now,
    )
    session.add(run)
    session.flush()
    _lay_out_deadlines(session, run, plan, now.astimezone(SHANGHAI).date())
    instance = instances.start(session, PROCESS, body, process_data(run.id, plan, now), actor, now)
    run.instance_id = instance.id
    opening.open_baseline(session, run, now)  # the office enters the baseline year's values once
    audit.record(session, now, actor, "plan_start", body_id=body.id, instance_id=instance.id, summary=plan.title)
    return run


def _check_units(session: Session, body: Body, plan: Plan, add_units: bool) -> None:
    codes = set(session.scalars(select(Unit.code).where(Unit.body_id == body.id)))
    missing = [u for u in plan.units if u.code not in codes]
    if not missing:
        return
    listed = "、".join(f"{u.code}（{u.name}）" for u in missing)
    if not add_units:
        raise PlanRefused(f"{body.code} has no units {listed}; add them, or start with --add-units")
    elsewhere = set(session.scalars(select(Unit.code).where(Unit.code.in_([u.code for u in missing]))))
    if elsewhere:
        raise PlanRefused(f"unit codes {', '.join(sorted(elsewhere))} belong to another body")
    order = len(codes)
    for offset, unit in enumerate(missing, start=1):
        session.add(Unit(body_id=body.id, code=unit.code, name=unit.name, sort_order=order + offset, kind="member"))
    session.flush()


def _lay_out_deadlines(session: Session, run: PlanRun, plan: Plan, today: date) -> None:
    """One row per deadline and unit."""
    for deadline in schedule(plan):
        if deadline.task != "submit_deliverable":
            continue  # the implementation plans are the process's own task
        for unit in deadline.units:
            row = PlanDeadline(
                run_id=run.id,
                deliverable=deadline.deliverable,
                title=deadline.title,
                phase=deadline.phase,
                unit=unit,
                due=deadline.due,
                rule_text=deadline.rule_text,
                summary="",
            )
            row.opens_on, row.status = opening_of(plan, deadline, today)
            session.add(row)


def opening_of(plan: Plan, deadline: Deadline, today: date) -> tuple[date | None, str]:
    """When a deadline's task opens, and its status now. An after-event one waits for its event; an
    open-ended duty opens with its phase; one already past when the plan starts is kept as `lapsed`
    (shown, not sent: a plan started late must not flood the inboxes)."""
    if deadline.kind == "after_event":
        return None, "waiting"
    if deadline.due is None:
        return max(plan.phase(deadline.phase).start, plan.start), "scheduled"
    opens = deadline.opens or max(deadline.due - timedelta(days=LEAD_DAYS), plan.start)
    return opens, "lapsed" if deadline.due < today else "scheduled"
