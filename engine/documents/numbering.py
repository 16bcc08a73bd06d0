"""Document numbers (发文字号): each issued document takes the next serial of its body's kind and
year, e.g. 职防联〔2026〕3号 (docs/DOCUMENTS.md).

The serial comes from the sequence row, incremented in place: on PostgreSQL the UPDATE locks the
row until the issuing transaction ends, and a second issuer waits and reads the committed serial;
on SQLite a write session began with BEGIN IMMEDIATE, so issuers take turns. A rolled-back issue
rolls its increment back with it: serials are never duplicated and never skipped.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from engine.core.clock import as_aware
from engine.documents.models import KINDS, DocumentNumber, DocumentSequence
from engine.org.models import Body

MINUTES = "minutes"
NOTICE = "notice"  # 通知: a meeting's notice, numbered when the meeting is approved
# What a number is on: record kinds, each the record's table.
MEETING = "meeting"
REFERRAL = "government_referral"  # a disputed matter's request (engine.meetings.referrals)
OUTGOING = "outgoing_document"  # a request or report to the government (engine.documents.requests)
MEETING_NOTICE = "meeting_notice"  # a meeting's notice (会议通知): the meeting's id, a number of its own
BULLETIN = "bulletin"  # 简报 (engine.information.bulletins): kind and record kind, printed 第N期, not as a 发文字号


def number_text(prefix: str, year: int, serial: int) -> str:
    """As GB/T 9704-2012 7.2.4 writes it: 机关代字, the year in 六角括号〔〕, the serial, 号 (no 第, no leading 0)."""
    return f"{prefix}〔{year}〕{serial}号"


def prefix_of(body: Body) -> str:
    """The body's 机关代字; without one, its name: a document goes out numbered rather than held
    up at signing for a setting, and the name leaves no doubt who issued it."""
    return body.doc_prefix or body.name


def number_of(session: Session, record_kind: str, record_id: int) -> DocumentNumber | None:
    query = select(DocumentNumber).where(
        DocumentNumber.record_kind == record_kind, DocumentNumber.record_id == record_id
    )
    return session.scalar(query)


def assign(
    session: Session, body_id: int, kind: str, record_kind: str, record_id: int, now: datetime, by: str
) -> DocumentNumber:
    """The record's number, taken now if it has none. Call it in a write session, in the
    transaction that issues the record, so that the number and the issuing stand or fall together."""
    if kind not in KINDS:
        raise ValueError(f"unknown document kind {kind!r}")
    existing = number_of(session, record_kind, record_id)
    if existing is not None:
        return existing
    year = as_aware(now).year
    serial = _next_serial(session, body_id, kind, year)
    number = DocumentNumber(
        body_id=body_id,
        kind=kind,
        year=year,
        serial=serial,
        text=f"第{serial}期" if kind == BULLETIN else number_text(prefix_of(session.get(Body, body_id)), year, serial),
        record_kind=record_kind,
        record_id=record_id,
        issued_at=now,
        issued_by=by,
    )
    session.add(number)
    session.flush()
    return number


def _next_serial(session: Session, body_id: int, kind: str, year: int) -> int:
    key = {"body_id": body_id, "kind": kind, "year": year}
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    # The year's first issue makes the row; one made meanwhile by another issuer is waited for.
    session.execute(dialect.insert(DocumentSequence).values(**key, last_serial=0).on_conflict_do_nothing())
    taken = (
        update(DocumentSequence)
        .where(*(getattr(DocumentSequence, name) == value for name, value in key.items()))
        .values(last_serial=DocumentSequence.last_serial + 1)
        .returning(DocumentSequence.last_serial)
        .execution_options(synchronize_session=False)
    )
    return session.execute(taken).scalar_one()
