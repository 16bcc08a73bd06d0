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

# The newest entries matching a query that are read; those the person may not open are dropped
# after reading, and what is left is counted and paged (webui.search); the page says when it was reached.
CANDIDATES = 400
EXCERPT = 60


@dataclass(frozen=True)
class Hit:
    kind: str
    record: object  # the task, meeting, item, attachment or plan run
    title: str
    excerpt: str


@dataclass(frozen=True)
class Found:
    hits: list[Hit]  # every candidate the person may open, the newest first
    capped: bool  # more than CANDIDATES entries match: the older ones were not read


def find(session: Session, person: Person, query: str) -> Found:
    """Every hit is read before any is shown, so that what is counted and paged is only what the
    person may open."""
    wanted = terms.query(query)
    if not wanted:
        return Found([], False)
    entries = session.scalars(
        select(SearchEntry)
        .where(SearchEntry.body_id == person.body_id, _matching(session, wanted))
        .order_by(SearchEntry.id.desc())
        .limit(CANDIDATES + 1)  # the one more tells whether any were left unread
    ).all()
    return Found(_visible(session, person, entries[:CANDIDATES], query), len(entries) > CANDIDATES)


def search(session: Session, person: Person, query: str) -> list[Hit]:
    """The hits alone, for a caller that neither pages them nor tells the cap."""
    return find(session, person, query).hits


def _visible(session: Session, person: Person, entries: list[SearchEntry], query: str) -> list[Hit]:
    loaded = _load(session, entries)  # noqa: F841 (held while the checks run)
    hits = []
    for entry in entries:
        record = VISIBLE[entry.kind](session, person, entry.record_id)
        if record is not None:
            hits.append(Hit(entry.kind, record, entry.title, excerpt(entry.text, query)))
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


def _load(session: Session, entries: list[SearchEntry]) -> list[object]:
    """The records in one query a kind, and the items whose files they are, so that each access
    check below finds its rows in the session instead of reading them one by one (hundreds of
    reads on a busy query). The caller holds what this answers: the session keeps only the rows
    someone refers to."""
    ids: dict[str, list[str]] = {}
    for entry in entries:
        ids.setdefault(entry.kind, []).append(entry.record_id)
    loaded: list[object] = []
    for kind, record_ids in ids.items():
        model = MODELS[kind]
        keys = record_ids if model is HumanTask else [int(i) for i in record_ids]
        loaded += session.scalars(select(model).where(model.id.in_(keys))).all()
    owners = {a.owner_id for a in loaded if isinstance(a, Attachment) and a.owner_kind == item_access.OWNER_KIND}
    return loaded + list(session.scalars(select(SupervisedItem).where(SupervisedItem.id.in_(owners))))


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


MODELS = {"task": HumanTask, "meeting": Meeting, "item": SupervisedItem, "document": Attachment, "plan": PlanRun}
VISIBLE: dict[str, Callable[[Session, Person, str], object | None]] = {
    "task": _task,
    "meeting": _meeting,
    "item": _item,
    "document": _document,
    "plan": _plan,
}
