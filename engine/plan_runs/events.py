"""After-event deliverables (如“发现后1个月内完成核实”): due only once the event happens. Recording
the event opens the deliverable at once for the units that owe it, due the rule's offset later."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select

from engine.core import audit
from engine.core.errors import FieldError, InvalidData
from engine.core.uow import UnitOfWork
from engine.meetings.rounds import add_months
from engine.plan_runs.models import PlanDeadline, PlanRun
from engine.plan_runs.opening import open_deadline
from engine.plan_runs.runs import plan_of

NOTE_MAX = 100  # the note is added to the deadline's title: 核实新发现的应帮扶企业（某五金厂）


def after_event_deliverables(run: PlanRun) -> list:
    return [d for d in plan_of(run).deliverables if d.rule.kind == "after_event"]


def _due_after(params: dict, event_on: date) -> date | None:
    """The rule's offset from the event; without one (汇总后上报) the duty has no time limit."""
    if "months" not in params and "days" not in params:
        return None
    return add_months(event_on, params.get("months", 0)) + timedelta(days=params.get("days", 0))


def record_event(
    uow: UnitOfWork, run: PlanRun, deliverable: str, event_on: date, note: str, actor: str, now: datetime
) -> list[PlanDeadline]:
    """One new deadline per unit owing the deliverable, opened now; the event may recur."""
    found = next((d for d in after_event_deliverables(run) if d.code == deliverable), None)
    if found is None:
        raise InvalidData({"deliverable": FieldError("not_a_choice")}, f"no after-event deliverable {deliverable!r}")
    if run.status != "running":
        raise InvalidData({"deliverable": FieldError("plan_finished")})
    if len(note) > NOTE_MAX:
        raise InvalidData({"note": FieldError("too_long", {"max": NOTE_MAX})})
    due = _due_after(found.rule.params, event_on)
    waiting = uow.session.scalars(
        select(PlanDeadline)
        .where(PlanDeadline.run_id == run.id, PlanDeadline.deliverable == deliverable)
        .where(PlanDeadline.status == "waiting")
    ).all()
    opened = []
    for template in waiting:
        row = PlanDeadline(
            run_id=run.id,
            deliverable=deliverable,
            title=f"{template.title}（{note}）" if note else template.title,
            phase=template.phase,
            unit=template.unit,
            due=due,
            rule_text=template.rule_text,
            opens_on=event_on,
            event_on=event_on,
            status="scheduled",
            summary="",
        )
        uow.session.add(row)
        uow.session.flush()
        open_deadline(uow.session, row.id, now)
        opened.append(row)
    audit.record(uow.session, now, actor, "plan_event", body_id=run.body_id, summary=f"{deliverable} {event_on}")
    return opened
