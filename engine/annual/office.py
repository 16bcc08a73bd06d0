"""What the office does on the year's overview and compile pages. Reviews and finalising are the
process's own tasks, completed through the same service as the inbox (permissions, records and
audit come with it); drafts are saved here, by the office only."""

from __future__ import annotations

from datetime import datetime

from engine.annual import drafts
from engine.annual import queries as views
from engine.annual.models import AnnualCycle, AnnualDraft
from engine.core.errors import Forbidden, NoLongerOpen
from engine.core.uow import UnitOfWork
from engine.org.models import Person
from engine.workflow import tasks


def review(uow: UnitOfWork, person: Person, cycle: AnnualCycle, unit: str, values: dict, now: datetime) -> None:
    """Accept the unit's latest submission, or return it with comments and a date to resubmit by."""
    task_id = _review_tasks(uow, cycle).get(unit)
    if task_id is None:
        raise NoLongerOpen(f"no submission of {unit} awaits review")
    tasks.complete(uow, person, task_id, values, now)


def accept_all(uow: UnitOfWork, person: Person, cycle: AnnualCycle, now: datetime) -> int:
    pending = _review_tasks(uow, cycle)
    for task_id in pending.values():
        tasks.complete(uow, person, task_id, {"review_decision": "accept"}, now)
    return len(pending)


def finalise(uow: UnitOfWork, person: Person, cycle: AnnualCycle, note: str, now: datetime) -> None:
    """Complete the compile task: the current draft becomes the result (see recorders)."""
    task = views.open_task(uow.session, cycle, "compile_summary")
    if task is None:
        raise NoLongerOpen(f"the {cycle.year} summary is not being compiled")
    tasks.complete(uow, person, task.id, {"compile_note": note}, now)


def save_draft(
    uow: UnitOfWork, person: Person, cycle: AnnualCycle, text: str, based_on: int, now: datetime
) -> AnnualDraft:
    if not person.is_office:
        raise Forbidden("only the office edits the compiled summary")
    saved = drafts.latest(uow.session, cycle.id)
    if saved is not None and saved.number == based_on and saved.text == text.replace("\r\n", "\n"):
        return saved  # nothing changed: no new version
    return drafts.save(uow.session, cycle, text, based_on, person.username, now)


def _review_tasks(uow: UnitOfWork, cycle: AnnualCycle) -> dict[str, str]:
    return {row.code: row.review_task for row in views.overview(uow.session, cycle) if row.review_task}
