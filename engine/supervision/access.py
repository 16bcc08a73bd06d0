"""Who may see a supervised item (督办事项), its files and the ledger's rows of it.

The office, the convener and the administrator see every item of their body; a unit's people see
the items their unit leads or cooperates on. Anything else is not found (NotFound, 404), exactly
like an id that does not exist, so ids reveal nothing across units or bodies. What the office
alone does to an item it may see is refused (Forbidden, 403) by engine.supervision.commands.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from engine.attachments import store as attachments
from engine.attachments.models import Attachment
from engine.confidentiality.levels import may_read
from engine.core.errors import NotFound
from engine.org.models import Person
from engine.supervision.models import SupervisedItem

OWNER_KIND = "supervised_item"  # the attachments' owner kind for an item's files (佐证材料)


def concerns(person: Person, lead: str, cooperating: list[str] | tuple[str, ...]) -> bool:
    """The office, the convener, and the people of the item's lead and cooperating units."""
    return person.sees_whole_body or person.unit.code in (lead, *cooperating)


def can_see_item(person: Person, item: SupervisedItem) -> bool:
    return person.body_id == item.body_id and concerns(person, item.lead, item.cooperating)


def may_upload(person: Person, item: SupervisedItem) -> bool:
    """Evidence comes from the office or from the liaisons of the item's units."""
    return person.is_office or (person.answers_for_unit and person.unit.code in (item.lead, *item.cooperating))


def visible_item(session: Session, person: Person, item_id: int) -> SupervisedItem:
    """The item, if the person may see it; NotFound otherwise (another unit's or body's item)."""
    item = session.get(SupervisedItem, item_id)
    if item is None or not can_see_item(person, item):
        raise NotFound(f"item {item_id}")
    return item


def may_read_attachment(person: Person, item: SupervisedItem, attachment: Attachment) -> bool:
    """The item's rule, narrowed or widened by the file's level (engine.confidentiality)."""
    if person.body_id != item.body_id:
        return False
    return may_read(person, attachment.level, (item.lead, *item.cooperating), sees_record=can_see_item(person, item))


def readable_events(person: Person, item: SupervisedItem, events: list[dict]) -> list[dict]:
    """The item's timeline as the person may read it: a restricted file's event shows only to whoever
    may read the file; the others do not learn it exists."""
    return [e for e in events if e.get("attachment") is None or may_read_attachment(person, item, e["attachment"])]


def visible_attachment(session: Session, person: Person, attachment_id: int) -> Attachment:
    """An item's file, if its level lets the person read it; NotFound otherwise, as for an id
    that does not exist, so a restricted file's existence is not revealed."""
    attachment = attachments.get(session, person.body_id, attachment_id, OWNER_KIND)
    item = session.get(SupervisedItem, attachment.owner_id)
    if item is None or not may_read_attachment(person, item, attachment):
        raise NotFound(f"attachment {attachment_id}")
    return attachment


def visible_rows(person: Person, rows: list[dict]) -> list[dict]:
    """The ledger's rows (engine.supervision.ledger.rows) of items the person may see."""
    return [row for row in rows if concerns(person, row["lead"], row["cooperating"])]


def ledger_unit(person: Person, unit: str | None) -> str | None:
    """The unit a ledger may be filtered by: any for the office (None: every unit); a unit's people
    only ever see their own unit's items, and asking for another unit's is not found."""
    if person.sees_whole_body:
        return unit
    if unit not in (None, person.unit.code):
        raise NotFound(f"items of unit {unit}")
    return person.unit.code
