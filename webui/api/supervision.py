"""The JSON API of supervision (督办): the ledger of decided items, one item's course, and its commands.

The same services and checks as the pages (webui/supervision/routes.py): the office and the
convener read every item, a unit's people the items their unit leads or cooperates on; another
unit's or body's item or file is 404; what only the office does is 403 for the others who see it.
The process's own steps (progress reports, completion, extensions and their verification) are
tasks, done through /api/v1/tasks."""

from __future__ import annotations

from datetime import MAXYEAR, MINYEAR, datetime

from flask import request
from sqlalchemy.orm import Session
from werkzeug.exceptions import BadRequest

from engine.attachments.models import Attachment
from engine.confidentiality import setting
from engine.core.clock import iso
from engine.core.errors import Forbidden
from engine.dashboard import paging
from engine.org.models import Person
from engine.supervision import access as item_access
from engine.supervision import commands, ledger, starting, timeliness
from engine.supervision.item_view import item_view
from engine.supervision.models import SupervisedItem
from engine.supervision.status import STATUSES
from webui.api import bp, listing
from webui.common import context
from webui.common import shapes as views
from webui.supervision.routes import send_attachment, workbook_response

NEW_ITEM_TEXTS = ("source_text", "text", "lead", "due")
YEARS = (MINYEAR + 1, MAXYEAR - 1)  # as the pages: a year a date can hold, first and last


def row_dict(row: dict) -> dict:
    """A ledger row (engine.supervision.ledger) with its instants as ISO text."""
    return {key: _plain(value) for key, value in row.items()}


def _plain(value: object) -> object:
    return iso(value) if isinstance(value, datetime) else value


def attachment_dict(found: Attachment) -> dict:
    return {
        "id": found.id,
        "filename": found.filename,
        "content_type": found.content_type,
        "size": found.size,
        "sha256": found.sha256,
        "level": found.level,
        "note": found.note,
        "uploaded_by": found.uploaded_by,
        "uploaded_at": iso(found.uploaded_at),
    }


def _filters(me: Person) -> ledger.Filters:
    """The page's filters, refused (400) where the page would ignore them; another unit's items
    are 404 for a unit's people (engine.supervision.access.ledger_unit)."""
    return ledger.Filters(
        unit=item_access.ledger_unit(me, request.args.get("unit") or None),
        status=listing.choice("status", STATUSES),
        source=listing.choice("source", ledger.SOURCES),
        year=listing.whole("year", *YEARS),
    )


@bp.get("/supervision/items")
def list_supervised_items():
    """One page of the ledger and the summary of all of it under the same filters, as the page."""
    session, me, now = context.db_session(), context.person(), context.now()
    filters = _filters(me)
    number, size = listing.asked_page(paging.PER_PAGE, paging.MAX_PER_PAGE)
    page = ledger.page(session, me.body_id, now, filters, number, size)
    summary = ledger.summary(session, me.body_id, now, filters)
    return {
        "items": [row_dict(row) for row in page.items],
        **listing.page_keys(page),
        "summary": {
            "by_unit": {name: dict(counts) for name, counts in summary.by_unit.items()},
            "by_source": {name: dict(counts) for name, counts in summary.by_source.items()},
        },
    }


@bp.get("/supervision/ledger.xlsx")
def ledger_workbook():
    me = context.person()
    return workbook_response(me, _filters(me))


@bp.get("/supervision/items/<int:item_id>")
def get_supervised_item(item_id: int):
    session, me = context.db_session(), context.person()
    return _item_detail(session, me, item_access.visible_item(session, me, item_id))


def _item_detail(session: Session, me: Person, item: SupervisedItem) -> dict:
    """The ledger's row with the item's history (a file only if its level lets the caller read it)
    and its open steps the caller may see, as the item's page shows them."""
    view = item_view(session, me, item, context.now())
    return {
        **row_dict(view.row),
        "created_at": iso(item.created_at),
        "events": [_event(e) for e in view.events],
        "tasks": [views.task_dict(t) for t in view.tasks],
        "may_upload": view.may_upload,
        "may_request_progress": view.may_request_progress,
    }


def _event(event: dict) -> dict:
    attachment = event.get("attachment")
    return {
        **{key: _plain(event[key]) for key in ("kind", "at", "by", "text", "unit", "due_at")},
        "attachment": attachment_dict(attachment) if attachment is not None else None,
    }


@bp.post("/supervision/items/<int:item_id>/request-progress")
def request_item_progress(item_id: int):
    """The office asks the lead unit for a progress report now; 409 when one is asked for already."""
    with context.unit_of_work() as uow:
        me = context.person_in(uow)
        item = commands.request_progress(uow, me, item_id, context.now())
        uow.commit()
        return _item_detail(uow.session, me, item)


@bp.post("/supervision/items/<int:item_id>/attachments")
def attach_to_item(item_id: int):
    """佐证材料: multipart/form-data with the file in the part `file` and an optional text part `note`."""
    item_access.visible_item(context.db_session(), context.person(), item_id)  # 404 before reading the body
    if request.mimetype != "multipart/form-data" or set(request.files) - {"file"} or set(request.form) - {"note"}:
        raise BadRequest("send multipart/form-data: the file in the part file, a text part note if any")
    file = request.files.get("file")
    with context.unit_of_work() as uow:
        found = commands.attach(
            uow, context.person_in(uow), item_id, file.filename if file else "", file.read() if file else b"",
            context.now(), request.form.get("note", ""),
        )  # fmt: skip
        uow.commit()
        return attachment_dict(found), 201


@bp.get("/supervision/attachments/<int:attachment_id>")
def download_item_file(attachment_id: int):
    return send_attachment(item_access.visible_attachment(context.db_session(), context.person(), attachment_id))


@bp.post("/supervision/attachments/<int:attachment_id>/level")
def set_item_file_level(attachment_id: int):
    """The office's 密级 of an item's file; 公开 needs the office director (403 needs_director)."""
    with context.unit_of_work() as uow:
        me = context.person_in(uow)
        found = item_access.visible_attachment(uow.session, me, attachment_id)
        setting.set_level(uow.session, me, found, asked_level(), context.now())
        uow.commit()
        return attachment_dict(found)


def asked_level() -> str:
    """The level of a body {"level": …}; which levels there are is the engine's to say (422)."""
    submitted = request.get_json(silent=True)
    if not isinstance(submitted, dict) or not isinstance(submitted.get("level"), str):
        raise BadRequest("send {level: public|internal|restricted}")
    return submitted["level"]


@bp.get("/supervision/timeliness")
def unit_timeliness():
    """Each unit's share of what it owed that was in on time, in a year (this one if none is asked): the office's."""
    me, now = context.person(), context.now()
    if not me.sees_whole_body:
        raise Forbidden("the units' timeliness is the office's")
    year = listing.whole("year", *YEARS) or now.year
    found = timeliness.by_unit(context.db_session(), me.body_id, year, now)
    return {
        "year": year,
        "units": [
            {
                "unit": unit.unit,
                "name": unit.name,
                "counted": unit.counted,
                "on_time": unit.on_time,
                "rate": unit.rate,
                "overdue_items": [row.id for row in unit.overdue_items],
            }
            for unit in found
        ],
    }


@bp.post("/supervision/items")
def start_supervised_item():
    """An item the office enters itself, e.g. a leader's instruction (领导批示)."""
    submitted = request.get_json(silent=True)
    if not _new_item(submitted):
        raise BadRequest(f"send texts {', '.join(NEW_ITEM_TEXTS)} and a list of unit codes cooperating")
    item = {name: submitted.get(name, "") for name in ("text", "lead", "due", "cooperating")}
    with context.unit_of_work() as uow:
        me = context.person_in(uow)
        found = starting.start_by_hand(uow.session, me, submitted.get("source_text", ""), item, context.now())
        uow.commit()
        return _item_detail(uow.session, me, found), 201


def _new_item(submitted: object) -> bool:
    if not isinstance(submitted, dict):
        return False
    cooperating = submitted.get("cooperating", [])
    texts = all(isinstance(submitted.get(name, ""), str) for name in NEW_ITEM_TEXTS)
    return texts and isinstance(cooperating, list) and all(isinstance(code, str) for code in cooperating)
