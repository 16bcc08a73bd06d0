"""Searching: the entries whose terms hold every term of the query, in the person's body, kept
only when the person may open the record (each kind's own access rule), the newest first."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from engine.annual import access as annual_access
from engine.attachments.models import Attachment
from engine.core.errors import NotFound
from engine.meetings.access import can_see_meeting
from engine.meetings.models import Meeting
from engine.org.models import Person
from engine.plan_runs.access import can_see_run
from engine.plan_runs.models import PlanRun
from engine.search import terms
from engine.search.models import SearchEntry
from engine.supervision import access as item_access
from engine.supervision.models import SupervisedItem
from engine.workflow.access import can_see_task
from engine.workflow.models import HumanTask

LIMIT = 50
# Entries read to fill a page of hits: those the person may not open are dropped after reading.
CANDIDATES = 400
EXCERPT = 60


@dataclass(frozen=True)
class Hit:
    kind: str
    record: object  # the task, meeting, item, attachment or plan run
    title: str
    excerpt: str


def search(session: Session, person: Person, query: str, limit: int = LIMIT) -> list[Hit]:
    wanted = terms.query(query)
    if not wanted:
        return []
    rows = session.scalars(
        select(SearchEntry)
        .where(SearchEntry.body_id == person.body_id, _matching(session, wanted))
        .order_by(SearchEntry.id.desc())
        .limit(CANDIDATES)
    )
    hits = []
    for entry in rows:
        record = VISIBLE[entry.kind](session, person, entry.record_id)
        if record is not None:
            hits.append(Hit(entry.kind, record, entry.title, excerpt(entry.text, query)))
        if len(hits) == limit:
            break
    return hits


def _matching(session: Session, wanted: list[str]):
    """FTS5 on SQLite, a tsquery over the terms on PostgreSQL; both match whole terms, never
    tokenising them again (engine.search.terms did)."""
    if session.get_bind().dialect.name == "sqlite":
        phrase = " ".join(f'"{t}"' for t in wanted)
        found = text("SELECT rowid FROM search_fts WHERE search_fts MATCH :phrase").bindparams(phrase=phrase)
        return SearchEntry.id.in_(found)
    query = " & ".join(f"'{t}'" for t in wanted)
    return text("array_to_tsvector(string_to_array(search_entry.terms, ' ')) @@ CAST(:tsquery AS tsquery)").bindparams(
        tsquery=query
    )


def excerpt(body: str, query: str) -> str:
    """Where the query's first word occurs in the text, or the text's beginning."""
    first = query.split()[0] if query.split() else ""
    at = max(body.find(first) - EXCERPT // 3, 0) if first and first in body else 0
    cut = body[at : at + EXCERPT].replace("\n", " ")
    return ("…" if at else "") + cut + ("…" if len(body) > at + EXCERPT else "")


def _task(session: Session, person: Person, record_id: str):
    task = session.get(HumanTask, record_id)
    return task if task is not None and can_see_task(person, task) else None


def _meeting(session: Session, person: Person, record_id: str):
    meeting = session.get(Meeting, int(record_id))
    return meeting if meeting is not None and can_see_meeting(session, person, meeting) else None


def _item(session: Session, person: Person, record_id: str):
    item = session.get(SupervisedItem, int(record_id))
    return item if item is not None and item_access.can_see_item(person, item) else None


def _document(session: Session, person: Person, record_id: str):
    attachment = session.get(Attachment, int(record_id))
    opens = {
        item_access.OWNER_KIND: item_access.visible_attachment,
        annual_access.DOCUMENT_OWNER: annual_access.visible_document,
    }
    try:
        return opens[attachment.owner_kind](session, person, attachment.id) if attachment else None
    except NotFound:
        return None


def _plan(session: Session, person: Person, record_id: str):
    run = session.get(PlanRun, int(record_id))
    return run if run is not None and can_see_run(person, run) else None


VISIBLE: dict[str, Callable[[Session, Person, str], object | None]] = {
    "task": _task,
    "meeting": _meeting,
    "item": _item,
    "document": _document,
    "plan": _plan,
}
