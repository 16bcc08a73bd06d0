"""What is done to an item besides the process's own tasks: the office asks for progress, the
item's units and the office attach files. Who may see an item is engine.supervision.access."""

from __future__ import annotations

from datetime import datetime

from SpiffWorkflow.bpmn import BpmnEvent
from SpiffWorkflow.spiff.specs.event_definitions import MessageEventDefinition

from engine.attachments import store as attachments
from engine.attachments.models import Attachment
from engine.core import audit
from engine.core.errors import Forbidden, NoLongerOpen
from engine.core.uow import UnitOfWork
from engine.org.models import Person
from engine.supervision import access
from engine.supervision.models import SupervisedItem
from engine.workflow import instances

PROGRESS_REQUESTED = "progress_requested"


def request_progress(uow: UnitOfWork, person: Person, item_id: int, now: datetime) -> SupervisedItem:
    """The office asks the lead unit for a progress report now, besides the monthly one."""
    item = access.visible_item(uow.session, person, item_id)
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
    item = access.visible_item(uow.session, person, item_id)
    if not access.may_upload(person, item):
        raise Forbidden("only the office and the item's liaisons upload files")
    return attachments.store(
        uow.session, item.body_id, access.OWNER_KIND, item.id, filename, content, person.username, now, note
    )
