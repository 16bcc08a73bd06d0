"""Who may see and who may act on a task or an instance.

Seeing: the office and the convener see everything of their body; everyone else sees what is
addressed to them, their unit or their roles. Anything else is reported as not found (404), so
ids reveal nothing across units.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from engine.core.errors import NotFound
from engine.org.models import LANE_ROLES, Person
from engine.workflow.forms import FILE_OWNER
from engine.workflow.models import HumanTask, ProcessInstance

if TYPE_CHECKING:
    from engine.attachments.models import Attachment


def addressed_to(person: Person, task: HumanTask) -> bool:
    if task.body_id != person.body_id:
        return False
    if task.assignee_kind == "person":
        return task.assignee == person.username
    if task.assignee_kind == "unit":
        return task.assignee == person.unit.code
    return bool(person.roles & LANE_ROLES.get(task.assignee, frozenset()))


def can_see_task(person: Person, task: HumanTask) -> bool:
    if task.body_id != person.body_id:
        return False
    return person.sees_whole_body or addressed_to(person, task)


def can_complete(person: Person, task: HumanTask) -> bool:
    """A unit's task is answered by its liaisons, not by every colleague who can read it."""
    if not addressed_to(person, task):
        return False
    return task.assignee_kind != "unit" or person.answers_for_unit


def can_act_for_unit(person: Person, task: HumanTask) -> bool:
    """代办: the office may complete a unit's task on its behalf, unless the process forbids it."""
    return task.body_id == person.body_id and person.is_office and task.assignee_kind == "unit" and task.proxy_allowed


def reassign_refusal(task: HumanTask, kind: str, roles: frozenset[str]) -> str | None:
    """Why the task may not go to an assignee of that kind holding those roles, or None.

    "own_consent": a proxy=no task is the unit's own consent. It already reaches every liaison of
    the unit, and a change of liaison carries it along, so moving it could only put someone else's
    answer in the unit's name. "lane_role": a role's lane is that role's work (only the convener
    signs the minutes), so it goes only to a person holding the role."""
    if not task.proxy_allowed:
        return "own_consent"
    lane_roles = LANE_ROLES.get(task.lane)
    if lane_roles and (kind != "person" or not roles & lane_roles):
        return "lane_role"
    return None


def can_see_instance(session: Session, person: Person, instance) -> bool:
    if instance.body_id != person.body_id:
        return False
    if person.sees_whole_body:
        return True
    return session.scalar(select(takes_part(person, instance.id))) or False


def takes_part(person: Person, instance_id):
    """EXISTS a task of that instance (an id, or a column to correlate with) addressed to the
    person or their unit: who is not the office sees only such instances."""
    return exists(
        select(HumanTask.id).where(
            HumanTask.instance_id == instance_id,
            (
                (HumanTask.assignee_kind == "unit") & (HumanTask.assignee == person.unit.code)
                | (HumanTask.assignee_kind == "person") & (HumanTask.assignee == person.username)
            ),
        )
    )


def starts_as_office(person: Person) -> bool:
    """The office, the convener and the administrator start any process people may start."""
    return person.is_office or bool(person.roles & {"convener", "admin"})


def can_start(person: Person) -> bool:
    """Whether the person may start some process: a member unit's liaison, those whose
    `member_start` lets their unit start them (docs/AUTHORING.md)."""
    return starts_as_office(person) or starting_unit(person) is not None


def may_start(person: Person, member_start: bool) -> bool:
    return starts_as_office(person) or (member_start and starting_unit(person) is not None)


def starting_unit(person: Person) -> str | None:
    """The unit a person starts a process for: a member unit's liaison's own; None for the office."""
    if not starts_as_office(person) and person.answers_for_unit and person.unit.kind == "member":
        return person.unit.code
    return None


def visible_task(session: Session, person: Person, task_id: str) -> HumanTask:
    """The task, if the person may see it; NotFound otherwise, exactly as for an id that does not exist."""
    task = session.get(HumanTask, task_id)
    if task is None or not can_see_task(person, task):
        raise NotFound(f"task {task_id}")
    return task


def visible_instance(session: Session, person: Person, instance_id: int) -> ProcessInstance:
    """The instance, if the person may see it; NotFound otherwise (ids reveal nothing)."""
    instance = session.get(ProcessInstance, instance_id)
    if instance is None or not can_see_instance(session, person, instance):
        raise NotFound(f"instance {instance_id}")
    return instance


def visible_file(session: Session, person: Person, instance_id: int, attachment_id: int) -> Attachment:
    """A file a task's form kept for the instance, if the person may see the instance and the
    file's level lets them read it (docs/CONFIDENTIALITY.md); NotFound otherwise, as for a file of
    another instance."""
    from engine.attachments import store as attachments  # deferred: docs/ARCHITECTURE.md, import rules
    from engine.confidentiality.levels import may_read

    found = attachments.get(session, person.body_id, attachment_id, owner_kind=FILE_OWNER)
    instance = session.get(ProcessInstance, instance_id)
    sees = instance is not None and can_see_instance(session, person, instance)
    # The level decides with the instance's rule; a restricted file names the units given its steps.
    units = _units_of(session, instance_id)
    if found.owner_id != instance_id or not may_read(person, found.level, units, sees_record=sees):
        raise NotFound(f"attachment {attachment_id} of instance {instance_id}")
    return found


def _units_of(session: Session, instance_id: int) -> list[str]:
    """The units a step of the instance was addressed to."""
    query = select(HumanTask.assignee).where(HumanTask.instance_id == instance_id, HumanTask.assignee_kind == "unit")
    return list(session.scalars(query.distinct()))
