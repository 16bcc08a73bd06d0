"""Notices a meeting sends to the liaisons of the units it concerns, in their notification centre
(the in-app channel, written directly: they are news, not reminders of a task)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy.orm import Session

from engine.meetings.models import Meeting
from engine.meetings.queries import receipt_tasks
from engine.org.queries import liaisons_of
from engine.reminders.models import Notification

# Where a recipient signs for its copy (engine.meetings.queries.note_receipt): by opening it
# from 收文, or, where the process asks for it, by doing its 签收 task.
READ_IN_INBOX = "会议纪要已印发本单位，请在“待办事项”页的“收文”中查阅；打开即为签收。"
SIGN_IN_TASK = "会议纪要已印发本单位，请在“待办事项”中办理“{task}”；办理完成即为签收。"


def to_liaisons(session: Session, body_id: int, units: Iterable[str], title: str, text: str, now: datetime) -> None:
    for code in units:
        for person in liaisons_of(session, body_id, code):
            session.add(Notification(person_id=person.id, task_id=None, title=title, text=text, created_at=now))


def minutes_issued(session: Session, meeting: Meeting, units: list[str], now: datetime) -> None:
    """Each recipient hears that its copy is out and how it signs for it."""
    in_task = receipt_tasks(session, meeting)
    title = f"会议纪要印发：{meeting.title}"
    for unit in units:
        task = in_task.get(unit)
        text = SIGN_IN_TASK.format(task=task.title) if task else READ_IN_INBOX
        to_liaisons(session, meeting.body_id, [unit], title, text, now)
