"""One supervised item as a person reads it, on its page or through the API: its ledger row, its
history as far as the person may read it, its open steps the person may see, and what the person
may do with it now."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from engine.org.models import Person
from engine.supervision import access as item_access
from engine.supervision import ledger, timeline
from engine.supervision.models import SupervisedItem
from engine.workflow import access
from engine.workflow.models import HumanTask


@dataclass(frozen=True)
class ItemView:
    row: dict  # the ledger's row (engine.supervision.ledger)
    events: list[dict]
    tasks: list[HumanTask]
    may_upload: bool  # evidence, while the item is open
    may_request_progress: bool


def item_view(session: Session, person: Person, item: SupervisedItem, now: datetime) -> ItemView:
    open_ = item.status != "closed"
    return ItemView(
        row=ledger.rows(session, person.body_id, now, ledger.Filters(item_id=item.id))[0],
        events=item_access.readable_events(person, item, timeline.events(session, item)),
        tasks=[t for t in timeline.open_tasks(session, item) if access.can_see_task(person, t)],
        may_upload=open_ and item_access.may_upload(person, item),
        may_request_progress=open_ and person.is_office,
    )
