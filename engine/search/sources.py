"""What each kind of record gives the index: a title and the text to find it by. A builder takes
record ids and answers the entries of those that still exist (one query per kind, two for
meetings); `ALL` lists every record id of a kind, for a rebuild."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.annual.access import DOCUMENT_OWNER
from engine.attachments.models import Attachment
from engine.meetings.models import Meeting, MinutesVersion
from engine.plan_runs.models import PlanRun
from engine.supervision.access import OWNER_KIND as ITEM_OWNER
from engine.supervision.models import SupervisedItem
from engine.workflow.models import HumanTask

DOCUMENT_OWNERS = (ITEM_OWNER, DOCUMENT_OWNER)  # the attachments someone may open, hence find
TITLE_MAX = 300


@dataclass(frozen=True)
class Entry:
    body_id: int
    kind: str
    record_id: str
    title: str
    text: str


def _tasks(session: Session, ids: list[str]) -> list[Entry]:
    rows = session.scalars(select(HumanTask).where(HumanTask.id.in_(ids)))
    return [Entry(t.body_id, "task", t.id, t.title, t.shown.get("_instance_title", "")) for t in rows]


def _meetings(session: Session, ids: list[str]) -> list[Entry]:
    """Title, topics and the latest minutes' text."""
    numbers = [int(i) for i in ids]
    minutes: dict[int, str] = {}
    versions = select(MinutesVersion).where(MinutesVersion.meeting_id.in_(numbers)).order_by(MinutesVersion.number)
    for version in session.scalars(versions):
        minutes[version.meeting_id] = version.text
    rows = session.scalars(select(Meeting).where(Meeting.id.in_(numbers)))
    return [Entry(m.body_id, "meeting", str(m.id), m.title, f"{m.topics}\n{minutes.get(m.id, '')}") for m in rows]


def _items(session: Session, ids: list[str]) -> list[Entry]:
    rows = session.scalars(select(SupervisedItem).where(SupervisedItem.id.in_([int(i) for i in ids])))
    return [Entry(i.body_id, "item", str(i.id), i.text[:TITLE_MAX], f"{i.text}\n{i.source_text}") for i in rows]


def _documents(session: Session, ids: list[str]) -> list[Entry]:
    rows = session.scalars(
        select(Attachment).where(Attachment.id.in_([int(i) for i in ids]), Attachment.owner_kind.in_(DOCUMENT_OWNERS))
    )
    return [Entry(a.body_id, "document", str(a.id), a.filename, a.note) for a in rows]


def _plans(session: Session, ids: list[str]) -> list[Entry]:
    rows = session.scalars(select(PlanRun).where(PlanRun.id.in_([int(i) for i in ids])))
    return [Entry(r.body_id, "plan", str(r.id), r.title, f"{r.code} {r.file}") for r in rows]


BUILDERS: dict[str, Callable[[Session, list[str]], list[Entry]]] = {
    "task": _tasks,
    "meeting": _meetings,
    "item": _items,
    "document": _documents,
    "plan": _plans,
}
ALL = {
    "task": select(HumanTask.id),
    "meeting": select(Meeting.id),
    "item": select(SupervisedItem.id),
    "document": select(Attachment.id).where(Attachment.owner_kind.in_(DOCUMENT_OWNERS)),
    "plan": select(PlanRun.id),
}


def key_of(obj: object, new: bool) -> tuple[str, str] | None:
    """The entry a flushed row changes, if any. A task's title never changes after it opens, so
    only a new task is indexed (its completion does not touch the index)."""
    if isinstance(obj, HumanTask):
        return ("task", obj.id) if new else None
    if isinstance(obj, MinutesVersion):
        return "meeting", str(obj.meeting_id)
    kinds = {Meeting: "meeting", SupervisedItem: "item", PlanRun: "plan", Attachment: "document"}
    kind = kinds.get(type(obj))
    return (kind, str(obj.id)) if kind else None
