"""Who may see an item, and what the office does to one besides the process's own tasks."""

from __future__ import annotations

from datetime import datetime

from SpiffWorkflow.bpmn import BpmnEvent
from SpiffWorkflow.spiff.specs.event_definitions import MessageEventDefinition
from sqlalchemy.orm import Session

from engine.attachments import store as attachments
from engine.attachments.models import Attachment
from engine.core import audit
from engine.core.errors import Forbidden, NoLongerOpen, NotFound
from engine.core.uow import UnitOfWork
from engine.org.models import Person
from engine.supervision.models import SupervisedItem
from engine.workflow import instances

OWNER_KIND = "supervised_item"
PROGRESS_REQUESTED = "progress_requested"


def may_see(person: Person, item: SupervisedItem) -> bool:
    """The office, the convener, and the people of the item's lead and cooperating units."""
    if person.body_id != item.body_id:
        return False
    return person.sees_whole_body or person.unit.code in (item.lead, *item.cooperating)


def visible_item(session: Session, person: Person, item_id: int) -> SupervisedItem:
    """Another body's item does not exist for the person; another unit's is refused."""
    item = session.get(SupervisedItem, item_id)
    if item is None or item.body_id != person.body_id:
        raise NotFound(f"item {item_id}")
    if not may_see(person, item):
        raise Forbidden(f"item {item_id} is not your unit's")
    return item


def request_progress(uow: UnitOfWork, person: Person, item_id: int, now: datetime) -> SupervisedItem:
    """The office asks the lead unit for a progress report now, besides the monthly one."""
    item = visible_item(uow.session, person, item_id)
    if not person.is_office:
        raise Forbidden("only the office asks for progress")
    if item.status == "closed":
        raise NoLongerOpen(f"item {item_id} is closed")

    def ask(workflow) -> None:  # noqa: ANN001
        if not any(e.name == PROGRESS_REQUESTED for e in workflow.waiting_events()):
            raise NoLongerOpen("a progress report is already asked for and not yet in")
        workflow.send_event(BpmnEvent(MessageEventDefinition(PROGRESS_REQUESTED), {}))

    instances.run_command(uow, item.instance_id, now, ask)
    audit.record(
        uow.session, now, person.username, "request_progress", body_id=item.body_id, instance_id=item.instance_id
    )
    return item


def attach(
    uow: UnitOfWork, person: Person, item_id: int, filename: str, content: bytes, now: datetime, note: str = ""
) -> Attachment:
    """Evidence (佐证材料) from the item's units or the office."""
    item = visible_item(uow.session, person, item_id)
    if not (person.is_office or (person.unit.code in (item.lead, *item.cooperating) and person.answers_for_unit)):
        raise Forbidden("only the office and the item's liaisons upload files")
    return attachments.store(
        uow.session, item.body_id, OWNER_KIND, item.id, filename, content, person.username, now, note
    )


def visible_attachment(session: Session, person: Person, attachment_id: int) -> Attachment:
    attachment = attachments.get(session, person.body_id, attachment_id)
    if attachment.owner_kind != OWNER_KIND:
        raise NotFound(f"attachment {attachment_id}")
    visible_item(session, person, attachment.owner_id)
    return attachment
