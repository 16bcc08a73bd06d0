"""Putting decided items under supervision: one `item_supervision` instance per item, started
from issued minutes (inside the signing's own transaction) or entered by the office by hand."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.core.clock import parse_instant
from engine.core.errors import FieldError, Forbidden, InvalidData
from engine.meetings import referrals
from engine.meetings.models import Meeting, MinutesVersion
from engine.org.models import Body, Person, Unit
from engine.supervision.models import SupervisedItem
from engine.workflow import instances

PROCESS_ID = "item_supervision"
REPORT_EVERY_DAYS = 30  # progress is reported monthly unless the item says otherwise
REPORT_WITHIN_DAYS = 5  # a report asked for is due this many days later
TEXT_MAX = 2000


def start_from_minutes(session: Session, meeting: Meeting, version: MinutesVersion, by: str, now: datetime) -> list:
    """Called when the minutes are issued: every decided item of the issued version but those
    left to the government, which are not decided until it decides (§六(三), start_decided)."""
    pending = referrals.pending_numbers(session, version.id)
    return [
        start_decided(session, meeting, version, number, item, by, now)
        for number, item in enumerate(version.decided_items, start=1)
        if number not in pending
    ]


def start_decided(
    session: Session, meeting: Meeting, version: MinutesVersion, number: int, item: dict, by: str, now: datetime
) -> SupervisedItem:
    """One item of the minutes, as issued or as the government decided it; its origin is the meeting."""
    return _start(
        session,
        session.get(Body, meeting.body_id),
        item,
        by,
        now,
        source_kind=meeting.kind,
        source_text=meeting.title,
        meeting_id=meeting.id,
        minutes_version_id=version.id,
        number=number,
    )


def start_by_hand(
    session: Session, person: Person, source_text: str, item: dict, now: datetime, report_every_days: int | None = None
) -> SupervisedItem:
    """An item the office enters itself, e.g. a leader's instruction (领导批示); `item` has the
    shape of a decided item: text, lead, cooperating (codes), due (YYYY-MM-DD)."""
    if not person.is_office:
        raise Forbidden("only the office puts an item under supervision")
    body = session.get(Body, person.body_id)
    cleaned = _checked(session, body, source_text, item)
    return _start(
        session,
        body,
        cleaned,
        person.username,
        now,
        source_kind="by_hand",
        source_text=source_text.strip(),
        report_every_days=report_every_days,
    )


def start_from_inspection(
    session: Session, body: Body, title: str, item: dict, by: str, now: datetime
) -> SupervisedItem:
    """A finding of an inspection (engine.inspections.findings) that needs fixing, already checked
    there: the responsible unit leads it, by the day the team set; its origin is the inspection."""
    return _start(session, body, item, by, now, source_kind="inspection", source_text=title)


def _checked(session: Session, body: Body, source_text: str, item: dict) -> dict:
    errors = {}
    text = str(item.get("text") or "").strip()
    if not text or len(text) > TEXT_MAX:
        errors["text"] = FieldError("required" if not text else "too_long", {"max": TEXT_MAX})
    if not source_text.strip():
        errors["source_text"] = FieldError("required")
    codes = set(session.scalars(select(Unit.code).where(Unit.body_id == body.id, Unit.kind != "government")))
    lead = str(item.get("lead") or "")
    if lead not in codes:
        errors["lead"] = FieldError("unknown_unit", {"codes": lead}) if lead else FieldError("required")
    cooperating = [c for c in dict.fromkeys(item.get("cooperating") or []) if c != lead]
    strangers = [c for c in cooperating if c not in codes]
    if strangers:
        errors["cooperating"] = FieldError("unknown_unit", {"codes": ", ".join(strangers)})
    try:
        due = date.fromisoformat(str(item.get("due") or "")).isoformat()
    except ValueError:
        errors["due"] = FieldError("not_date")
    if errors:
        raise InvalidData(errors)
    return {"text": text, "lead": lead, "cooperating": cooperating, "due": due}


def _start(
    session: Session,
    body: Body,
    item: dict,
    by: str,
    now: datetime,
    *,
    source_kind: str,
    source_text: str,
    meeting_id: int | None = None,
    minutes_version_id: int | None = None,
    number: int = 1,
    report_every_days: int | None = None,
) -> SupervisedItem:
    names = dict(session.execute(select(Unit.code, Unit.name).where(Unit.body_id == body.id)).all())
    data = {
        "title": f"督办：{item['text'][:80]}",
        "item_text": item["text"],
        "source_title": source_text,
        "lead": item["lead"],
        "cooperating": list(item["cooperating"]),
        "cooperating_units": {code: {"code": code, "name": names[code]} for code in item["cooperating"]},
        "item_due": item["due"],
        "report_every_days": report_every_days or REPORT_EVERY_DAYS,
        "report_within_days": REPORT_WITHIN_DAYS,
    }
    instance = instances.start(session, PROCESS_ID, body, data, by, now)
    due_at = parse_instant(item["due"])
    supervised = SupervisedItem(
        body_id=body.id,
        instance_id=instance.id,
        source_kind=source_kind,
        meeting_id=meeting_id,
        minutes_version_id=minutes_version_id,
        number=number,
        source_text=source_text,
        text=item["text"],
        lead=item["lead"],
        cooperating=list(item["cooperating"]),
        due_at=due_at,
        original_due_at=due_at,
        status="open",
        created_at=now,
        created_by=by,
    )
    session.add(supervised)
    session.flush()
    return supervised
