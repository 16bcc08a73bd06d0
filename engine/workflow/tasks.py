"""What people do to their tasks: complete them (or 代办 for a unit), reassign, draft, comment."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from engine.core import audit, limits
from engine.core.clock import iso
from engine.core.errors import (
    DeadlinePassed,
    FieldError,
    Forbidden,
    InvalidData,
    NoLongerOpen,
    NotReassignable,
)
from engine.core.uow import UnitOfWork
from engine.org.models import Person, PersonRole, Unit
from engine.workflow import access, completion, forms, free_data, instances
from engine.workflow.models import HumanTask
from engine.workflow.notes import TaskComment, TaskDraft

COMMENT_MAX = 5000
# Why a reassignment is refused, by access.reassign_refusal's rule.
REASSIGN_REFUSALS = {
    "own_consent": "task {task.name} is its unit's own consent (proxy=no): it reaches every liaison of "
    "{task.assignee} already and is not reassigned",
    "lane_role": "task {task.name} is the {task.lane}'s work: it goes only to a person holding that role, "
    "not to {kind} {assignee}",
}


def form_of(task: HumanTask) -> dict:
    return task.instance.spec.forms.get(task.form_key) or {"fields": []}


def form_choices(session: Session, body_id: int, form: dict | None = None, data: dict | None = None) -> forms.Choices:
    """The body's units and people a form may offer; only the kinds its fields use, because
    this runs on every completion (all of them when no form is given). `data`: the task's."""
    kinds = {f["type"] for f in form["fields"]} if form is not None else {"units", "person"}
    units = people = unit_kinds = {}
    if "units" in kinds:
        rows = session.execute(
            select(Unit.code, Unit.name, Unit.kind).where(Unit.body_id == body_id).order_by(Unit.sort_order)
        ).all()
        units, unit_kinds = {code: name for code, name, _ in rows}, {code: kind for code, _, kind in rows}
    if "person" in kinds:
        people = _people_with_roles(session, body_id)
    return forms.Choices(units=units, people=people, unit_kinds=unit_kinds, data=data or {})


def _people_with_roles(session: Session, body_id: int) -> dict[str, tuple[str, frozenset[str]]]:
    rows = session.execute(
        select(Person.username, Person.display_name, PersonRole.role)
        .join(PersonRole, PersonRole.person_id == Person.id)
        .where(Person.body_id == body_id, Person.active)
        .order_by(Person.id)
    ).all()
    people: dict[str, tuple[str, set[str]]] = {}
    for username, name, role in rows:
        people.setdefault(username, (name, set()))[1].add(role)
    return {username: (name, frozenset(roles)) for username, (name, roles) in people.items()}


def complete(
    uow: UnitOfWork,
    person: Person,
    task_id: str,
    submitted: dict,
    now: datetime,
    on_behalf_reason: str | None = None,
) -> HumanTask:
    task = _locked_task(uow, person, task_id)
    _check_may_complete(person, task, on_behalf_reason)
    limits.refuse_long({"on_behalf_reason": on_behalf_reason or ""})
    if completion.past_deadline(task, now):
        _refuse_late(uow, task, now)
    if task.status != "open":
        raise NoLongerOpen(f"task {task.id} is {task.status}")
    values = _values(uow.session, task, submitted, now)
    _store_files(uow.session, task, values, person.username, now)
    action = "complete_on_behalf" if on_behalf_reason else "complete"
    completion.finish(uow, task, values, person.username, now, action, on_behalf_reason)
    uow.session.execute(delete(TaskDraft).where(TaskDraft.task_id == task.id))
    return task


def _values(session: Session, task: HumanTask, submitted: dict, now: datetime) -> dict:
    """What the completion keeps: its form's clean values, or without a form, the data as given."""
    form = form_of(task)
    if task.form_key is None and not form["fields"]:
        return free_data.checked(submitted)
    choices = form_choices(session, task.body_id, form, task.shown)
    values, errors = forms.validate(form, submitted, choices, now)
    if errors:
        raise InvalidData(errors)
    return values


def _store_files(session: Session, task: HumanTask, values: dict, by: str, now: datetime) -> None:
    """Each `file` field's upload kept as an attachment of the instance, in the completion's unit
    of work (a refused completion keeps none); the value becomes its id, name and size."""
    from engine.attachments import store as attachments  # deferred: docs/ARCHITECTURE.md, import rules

    for name, value in values.items():
        if isinstance(value, forms.Upload):
            kept = attachments.store(
                session, task.body_id, forms.FILE_OWNER, task.instance_id, value.filename, value.content, by, now, name
            )
            values[name] = forms.file_value(kept)


def _locked_task(uow: UnitOfWork, person: Person, task_id: str) -> HumanTask:
    """The row as it stands inside the instance's critical section, so the checks that follow see
    a reassignment committed since it was first read (PostgreSQL reads committed rows)."""
    task = access.visible_task(uow.session, person, task_id)
    instances.lock(uow, task.instance_id)
    uow.session.refresh(task)
    return access.visible_task(uow.session, person, task_id)


def _check_may_complete(person: Person, task: HumanTask, on_behalf_reason: str | None) -> None:
    if on_behalf_reason is not None:
        if not on_behalf_reason.strip() or not access.can_act_for_unit(person, task):
            raise Forbidden("代办 needs the office and a reason")
    elif not access.can_complete(person, task):
        raise Forbidden(f"task {task.id} is not yours to complete")


def _refuse_late(uow: UnitOfWork, task: HumanTask, now: datetime) -> None:
    """An answer after the deadline of a request that closes at it (the joint-meeting rules §四(一)): the unit is
    put on record as the scheduler's next pass would have put it, and that closing is kept (hence
    the commit) while the late answer is refused. One answered in time by a colleague is merely
    no longer open."""
    if task.status == "open":
        completion.close_at_due(uow, task.id, now)
        uow.commit()
    if task.completed_by == "system":  # closed at the deadline, just now or by the scheduler
        raise DeadlinePassed(f"task {task.id} closed at its deadline {iso(task.due_at)}; the late answer is not taken")


def reassign(
    uow: UnitOfWork,
    person: Person,
    task_id: str,
    kind: str,
    assignee: str,
    reason: str,
    now: datetime,
) -> HumanTask:
    task = _locked_task(uow, person, task_id)
    if not person.is_office:
        raise Forbidden("only the office reassigns tasks")
    if task.status != "open":
        raise NoLongerOpen(f"task {task.id} is {task.status}")
    roles = _assignee_roles(uow.session, task.body_id, kind, assignee)
    refusal = access.reassign_refusal(task, kind, roles)
    if refusal is not None:
        raise NotReassignable(refusal, REASSIGN_REFUSALS[refusal].format(task=task, kind=kind, assignee=assignee))
    before = {"kind": task.assignee_kind, "assignee": task.assignee}
    task.assignee_kind, task.assignee = kind, assignee
    audit.record(
        uow.session,
        now,
        person.username,
        "reassign",
        body_id=task.body_id,
        instance_id=task.instance_id,
        task_id=task.id,
        summary=reason,
        before=before,
        after={"kind": kind, "assignee": assignee},
    )
    return task


def _assignee_roles(session: Session, body_id: int, kind: str, assignee: str) -> frozenset[str]:
    """The roles of the unit or person a task would go to (a unit holds none); unknown ones are refused."""
    model, column = {"unit": (Unit, Unit.code), "person": (Person, Person.username)}.get(kind, (None, None))
    if model is None or not session.scalar(select(model.id).where(column == assignee, model.body_id == body_id)):
        raise InvalidData({"assignee": FieldError("unknown_assignee")})
    if kind == "unit":
        return frozenset()
    return frozenset(session.scalars(select(PersonRole.role).join(Person).where(Person.username == assignee)))


def save_draft(session: Session, person: Person, task_id: str, data: dict, now: datetime) -> None:
    task = access.visible_task(session, person, task_id)
    if task.status != "open":
        raise NoLongerOpen(f"task {task.id} is {task.status}")
    draft = session.scalar(select(TaskDraft).where(TaskDraft.task_id == task.id, TaskDraft.person_id == person.id))
    if draft is None:
        draft = TaskDraft(task_id=task.id, person_id=person.id)
        session.add(draft)
    draft.data, draft.saved_at = data, now


def draft_of(session: Session, person: Person, task_id: str) -> TaskDraft | None:
    return session.scalar(select(TaskDraft).where(TaskDraft.task_id == task_id, TaskDraft.person_id == person.id))


def add_comment(session: Session, person: Person, task_id: str, text: str, now: datetime) -> TaskComment:
    task = access.visible_task(session, person, task_id)
    text = text.strip()
    if not text:
        raise InvalidData({"text": FieldError("required")})
    if len(text) > COMMENT_MAX:
        raise InvalidData({"text": FieldError("too_long", {"max": COMMENT_MAX})})
    kind = "instruction" if person.roles & {"convener", "office_director"} else "opinion"
    comment = TaskComment(
        task_id=task.id,
        person_id=person.id,
        author=person.display_name,
        kind=kind,
        text=text,
        created_at=now,
    )
    session.add(comment)
    return comment


def comments_on(session: Session, task_id: str) -> list[TaskComment]:
    return list(session.scalars(select(TaskComment).where(TaskComment.task_id == task_id).order_by(TaskComment.id)))
