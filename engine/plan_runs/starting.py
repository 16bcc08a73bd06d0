"""Starting a plan: check the file and the body, keep the file with the run, lay out every
unit's deadlines, and start the `action_plan` process with the dates it waits for.

The process holds the phases and the quarterly dispatch reviews; the dated deliverables and the
periodic indicator reports are opened by the scheduler (`opening.py`) as their time comes.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.core import audit
from engine.core.clock import SHANGHAI, iso
from engine.core.errors import InvalidData
from engine.core.uow import UnitOfWork
from engine.org.models import Body, Unit
from engine.plan_runs.models import PlanDeadline, PlanRun
from engine.plan_runs.periods import periods
from engine.plans import Plan, parse_plan, schedule
from engine.workflow import instances

PROCESS = "action_plan"
LEAD_DAYS = 14  # a deliverable's task reaches the unit this many days before it falls due
REVIEW_DAY = 15  # the quarterly dispatch review: the 15th of the quarter's last month …
REVIEW_AT = time(9, 0)  # … at nine, before the quarter's "by the 30th" deliverables fall due
EVALUATION_DAYS = 30  # time the office has for the stage evaluation
MOBILIZE_DAYS = 30  # when a plan names no mobilize phase, units file their plans within this


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
    instance = instances.start(session, PROCESS, body, process_data(run, plan, now), actor, now)
    run.instance_id = instance.id
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
    """One row per deadline and unit. A deadline already past when the plan starts is kept as
    `lapsed` (shown, not sent: a plan started late must not flood the inboxes)."""
    for deadline in schedule(plan):
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
            if deadline.due is None:
                row.status = "waiting"
            else:
                row.opens_on = max(deadline.due - timedelta(days=LEAD_DAYS), plan.start)
                row.status = "lapsed" if deadline.due < today else "scheduled"
            session.add(row)


def process_data(run: PlanRun, plan: Plan, now: datetime) -> dict:
    reviews = review_dates(plan, now)
    stage_at = plan.start + (plan.end - plan.start) / 2
    final_at = _final_summary_opens(plan)
    return {
        "title": plan.title,
        "plan_title": plan.title,
        "plan_run_id": run.id,
        "plan_units": {code: {"code": code, "name": plan.unit(code).name} for code in plan.participants()},
        "mobilize_due": _mobilize_due(plan).isoformat(),
        "review_dates": [iso(at) for _, at in reviews],
        "review_quarters": [quarter for quarter, _ in reviews],
        "review_index": 0,
        "stage_evaluation_at": iso(_morning(stage_at)),
        "stage_evaluation_due": (stage_at + timedelta(days=EVALUATION_DAYS)).isoformat(),
        "final_summary_at": iso(_morning(final_at)),
        "final_summary_due": plan.end.isoformat(),
    }


def review_dates(plan: Plan, now: datetime) -> list[tuple[str, datetime]]:
    """A review in each quarter of the implement phases (the whole plan if it names none),
    from now on."""
    windows = [part for p in plan.phases if p.kind == "implement" for part in p.parts()] or [(plan.start, plan.end)]
    first, last = min(w[0] for w in windows), max(w[1] for w in windows)
    found = []
    for quarter in periods("quarter", first, last):
        at = _morning(quarter.end.replace(day=REVIEW_DAY))
        if at > now and any(s <= at.date() <= e for s, e in windows):
            found.append((quarter.label, at))
    return found


def _mobilize_due(plan: Plan) -> date:
    ends = [p.end for p in plan.phases if p.kind == "mobilize"]
    return min(ends) if ends else plan.start + timedelta(days=MOBILIZE_DAYS)


def _final_summary_opens(plan: Plan) -> date:
    starts = [p.start for p in plan.phases if p.kind == "evaluate"]
    return max(starts) if starts else plan.end - timedelta(days=EVALUATION_DAYS)


def _morning(day: date) -> datetime:
    return datetime.combine(day, REVIEW_AT, tzinfo=SHANGHAI)
