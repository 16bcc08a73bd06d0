"""What the meeting pages show: the unit-by-unit matrix of a request sent to many, the minutes'
versions with their co-signatures, what changed since a unit last signed, disputed matters, topic
suggestions, copies and receipts. Who may see a meeting is engine.meetings.access; recording a
receipt is engine.meetings.receipts."""

from __future__ import annotations

import difflib
from datetime import datetime

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from engine.meetings.models import CoSignature, DisputedMatter, Distribution, Meeting, MinutesVersion, TopicSuggestion
from engine.org.models import Person, Unit
from engine.workflow import access
from engine.workflow.models import HumanTask, ProcessInstance
from engine.workflow.notes import TaskDraft

# A unit's state in a request sent to many, stragglers first. A co-signature is answered as
# accepted (agree, with comments or not) or returned (disagree).
STATES = ("not_opened", "opened", "draft_saved", "returned", "answered", "accepted", "closed")
RECEIPT_RECORD = "minutes_received"  # the `record` of a task in which a unit signs for its copy


def meeting_of_instance(session: Session, instance_id: int) -> Meeting | None:
    """The meeting a process instance runs, if it runs one."""
    return session.scalar(select(Meeting).where(Meeting.instance_id == instance_id))


def instance_of(session: Session, meeting: Meeting) -> ProcessInstance:
    return session.get(ProcessInstance, meeting.instance_id)


def units_owing(session: Session, instance_ids: list[int]) -> dict[int, int]:
    """How many units still owe an answer in each of these meetings' processes (none: left out)."""
    query = (
        select(HumanTask.instance_id, func.count())
        .where(
            HumanTask.instance_id.in_(instance_ids),
            HumanTask.status == "open",
            HumanTask.assignee_kind == "unit",
        )
        .group_by(HumanTask.instance_id)
    )
    return dict(session.execute(query).all())


def matrix(session: Session, instance_id: int, task_name: str) -> list[dict]:
    """Each unit's latest task of this name: its state, when, by whom; stragglers first."""
    tasks = session.scalars(
        select(HumanTask)
        .where(HumanTask.instance_id == instance_id, HumanTask.name == task_name, HumanTask.assignee_kind == "unit")
        .order_by(HumanTask.created_at)
    ).all()
    latest = {task.assignee: task for task in tasks}  # a second round replaces the first
    names = dict(session.execute(select(Unit.code, Unit.name).where(Unit.code.in_(list(latest)))).all())
    ids = [t.id for t in latest.values()]
    drafted = set(session.scalars(select(TaskDraft.task_id).where(TaskDraft.task_id.in_(ids))))
    signed = dict(
        session.execute(select(CoSignature.task_id, CoSignature.decision).where(CoSignature.task_id.in_(ids))).all()
    )
    rows = [_row(task, names.get(unit, unit), task.id in drafted, signed.get(task.id)) for unit, task in latest.items()]
    return sorted(rows, key=lambda r: (STATES.index(r["state"]), r["unit_name"]))


def _row(task: HumanTask, unit_name: str, drafted: bool, decision: str | None) -> dict:
    if task.status == "completed":
        state, at, by = _answered(task, decision), task.closed_at, task.completed_by
    elif drafted:
        state, at, by = "draft_saved", task.first_opened_at, task.first_opened_by
    elif task.first_opened_at:
        state, at, by = "opened", task.first_opened_at, task.first_opened_by
    else:
        state, at, by = "not_opened", None, None
    return {
        "unit": task.assignee,
        "unit_name": unit_name,
        "task_id": task.id,
        "state": state,
        "at": at,
        "by": by,
        "due_at": task.due_at,
        "status": task.status,
    }


def _answered(task: HumanTask, decision: str | None) -> str:
    if task.completed_by == "system":
        return "closed"
    if decision is None:
        return "answered"
    return "returned" if decision == "disagree" else "accepted"


def note_opened(session: Session, task: HumanTask, person: Person, now: datetime) -> bool:
    """The first time someone who answers for the task opens it: the office looking, even from
    inside the health bureau where it sits, is not the bureau's liaison opening it. True when
    this call recorded it (the caller commits)."""
    if task.first_opened_at is not None or task.status != "open" or not access.can_complete(person, task):
        return False
    task.first_opened_at, task.first_opened_by = now, person.username
    return True


def versions(session: Session, meeting: Meeting) -> list[MinutesVersion]:
    return list(
        session.scalars(
            select(MinutesVersion).where(MinutesVersion.meeting_id == meeting.id).order_by(MinutesVersion.number)
        )
    )


def signatures(session: Session, version: MinutesVersion) -> list[CoSignature]:
    """The co-signatures given to one version of the minutes, in the order they came."""
    query = select(CoSignature).where(CoSignature.version_id == version.id).order_by(CoSignature.signed_at)
    return list(session.scalars(query))


def latest_decisions(session: Session, meeting: Meeting) -> dict[str, str]:
    """Each unit's decision on the latest version it co-signed: unit -> decision."""
    query = (
        select(CoSignature.unit, CoSignature.decision)
        .join(MinutesVersion, MinutesVersion.id == CoSignature.version_id)
        .where(CoSignature.meeting_id == meeting.id)
        .order_by(MinutesVersion.number)
    )
    return dict(session.execute(query).all())  # a later version's decision replaces an earlier one


def minutes_of_copy(session: Session, copy: Distribution) -> MinutesVersion:
    """The version of the minutes a copy was sent with."""
    return session.get(MinutesVersion, copy.version_id)


def disputes(session: Session, meeting: Meeting) -> list[DisputedMatter]:
    return list(session.scalars(select(DisputedMatter).where(DisputedMatter.meeting_id == meeting.id)))


def suggestions(session: Session, meeting: Meeting) -> list[TopicSuggestion]:
    """The topics the units suggested for the meeting (the page puts them in roster order)."""
    return list(session.scalars(select(TopicSuggestion).where(TopicSuggestion.meeting_id == meeting.id)))


def changes_since_signed(session: Session, meeting: Meeting, unit: str) -> dict | None:
    """What changed in the minutes since the version this unit last co-signed, as lines marked
    + and −; None when it has signed none, or signed the current one."""
    current = versions(session, meeting)[-1:]
    signed = session.scalar(
        select(MinutesVersion)
        .join(CoSignature, CoSignature.version_id == MinutesVersion.id)
        .where(CoSignature.meeting_id == meeting.id, CoSignature.unit == unit)
        .order_by(MinutesVersion.number.desc())
    )
    if not current or signed is None or signed.id == current[0].id:
        return None
    names = dict(session.execute(select(Unit.code, Unit.name).where(Unit.body_id == meeting.body_id)).all())
    before, after = _readable(signed, names), _readable(current[0], names)
    lines = [line for line in difflib.ndiff(before, after) if line[:1] in "+-"]
    return {"from": signed.number, "to": current[0].number, "lines": lines}


def _readable(version: MinutesVersion, names: dict[str, str]) -> list[str]:
    items = [
        f"议定事项：{i['text']}（牵头 {names.get(i['lead'], i['lead'])}；"
        f"配合 {'、'.join(names.get(c, c) for c in i['cooperating']) or '无'}；时限 {i['due']}）"
        for i in version.decided_items
    ]
    return version.text.splitlines() + items


def copies(session: Session, meeting: Meeting) -> list[Distribution]:
    return list(
        session.scalars(
            select(Distribution)
            .join(Unit, (Unit.code == Distribution.unit) & (Unit.body_id == meeting.body_id))
            .where(Distribution.meeting_id == meeting.id)
            .order_by(Distribution.opened_at.is_(None).desc(), Unit.sort_order)
        )
    )


def copy_for(session: Session, meeting: Meeting, person: Person) -> Distribution | None:
    return session.scalar(
        select(Distribution).where(Distribution.meeting_id == meeting.id, Distribution.unit == person.unit.code)
    )


def copies_to_read(session: Session, person: Person) -> list[tuple[Distribution, Meeting]]:
    """The issued copies the person's unit has not yet received, newest first: 收文 in the inbox
    of those who answer for the unit. A copy signed for in its own task (the office meeting's
    签收) is left to that task, which the inbox lists already."""
    if not person.answers_for_unit:
        return []
    signed_in_task = exists().where(
        HumanTask.instance_id == Meeting.instance_id,
        HumanTask.record == RECEIPT_RECORD,
        HumanTask.assignee_kind == "unit",
        HumanTask.assignee == Distribution.unit,
    )
    query = (
        select(Distribution, Meeting)
        .join(Meeting, Meeting.id == Distribution.meeting_id)
        .where(
            Meeting.body_id == person.body_id,
            Distribution.unit == person.unit.code,
            Distribution.opened_at.is_(None),
            ~signed_in_task,
        )
        .order_by(Distribution.sent_at.desc(), Meeting.id.desc())
    )
    return [(copy, meeting) for copy, meeting in session.execute(query).all()]


def receipt_tasks(session: Session, meeting: Meeting) -> dict[str, HumanTask]:
    """The units that sign for their copy in a task of the meeting's process (the office
    meeting's 签收会议纪要), each with its latest such task. For them completing that task is
    the receipt; opening the copy is not."""
    query = (
        select(HumanTask)
        .where(
            HumanTask.instance_id == meeting.instance_id,
            HumanTask.record == RECEIPT_RECORD,
            HumanTask.assignee_kind == "unit",
        )
        .order_by(HumanTask.created_at)
    )
    return {task.assignee: task for task in session.scalars(query)}


def meetings_with_copy(session: Session, person: Person, meeting_ids: list[int]) -> set[int]:
    """Which of these meetings sent the person's unit a copy."""
    query = select(Distribution.meeting_id).where(
        Distribution.meeting_id.in_(meeting_ids), Distribution.unit == person.unit.code
    )
    return set(session.scalars(query))


def note_receipt(session: Session, copy: Distribution, person: Person, now: datetime) -> bool:
    """A copy counts as received when someone who answers for its unit first opens it: the
    convener reading the health bureau's copy is not the bureau signing for it. A copy signed
    for in its own task is received when that task is done (recorders.received), never here."""
    if copy.opened_at is not None or person.unit.code != copy.unit or not person.answers_for_unit:
        return False
    if copy.unit in receipt_tasks(session, session.get(Meeting, copy.meeting_id)):
        return False
    copy.opened_at, copy.opened_by = now, person.username
    return True
