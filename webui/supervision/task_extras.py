"""What the task page adds for a supervised item's task: the item it serves, linked to its page
for those who may see that page."""

from __future__ import annotations

from sqlalchemy import select

from engine.supervision import access as seeing
from engine.supervision.models import SupervisedItem
from engine.workflow.models import HumanTask
from webui.common import context


def extras(task: HumanTask) -> dict:
    """{"supervised_item": …} on an item_supervision task the person may follow to the item."""
    if task.process_id != "item_supervision":
        return {}
    query = select(SupervisedItem).where(SupervisedItem.instance_id == task.instance_id)
    item = context.db_session().scalar(query)
    if item is None or not seeing.can_see_item(context.person(), item):
        return {}
    return {"supervised_item": item}
