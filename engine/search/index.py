"""Keeping the index: the entries of some records brought up to date, or every entry rebuilt.

Every write session is watched (`watch`, called by engine.core.db through engine.features): the
rows a flush adds, changes or deletes are noted, and just before the commit their entries are
rewritten in the same transaction. The index is never behind what was committed.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import delete, event, select
from sqlalchemy.orm import Session

from engine.search import sources, terms
from engine.search.models import SearchEntry

PENDING = "search_pending"
BATCH = 500


def watch(session: Session) -> None:
    event.listen(session, "after_flush", _note)
    event.listen(session, "before_commit", _write)


def _note(session: Session, _context) -> None:
    """In the order the rows were written, so that entries are added in the order their records
    were, however the writes are grouped into transactions."""
    pending = session.info.setdefault(PENDING, {})
    for obj, new in [(o, True) for o in session.new] + [(o, False) for o in (*session.dirty, *session.deleted)]:
        key = sources.key_of(obj, new)
        if key:
            pending[key] = None


def _write(session: Session) -> None:
    session.flush()  # what was added since the last flush is noted too
    pending = session.info.pop(PENDING, {})
    if pending:
        refresh(session, list(pending))


def refresh(session: Session, keys: list[tuple[str, str]]) -> None:
    """Rewrite the entries of these (kind, record id), in this order: a record that no longer
    exists loses its entry."""
    for start in range(0, len(keys), BATCH):
        _refresh(session, keys[start : start + BATCH])


def _refresh(session: Session, keys: list[tuple[str, str]]) -> None:
    by_kind: dict[str, list[str]] = defaultdict(list)
    for kind, record_id in keys:
        by_kind[kind].append(record_id)
    built, existing = {}, {}
    for kind, ids in by_kind.items():
        built.update({(kind, e.record_id): e for e in sources.BUILDERS[kind](session, ids)})
        entries = session.scalars(select(SearchEntry).where(SearchEntry.kind == kind, SearchEntry.record_id.in_(ids)))
        existing.update({(kind, e.record_id): e for e in entries})
    for key in keys:
        _apply(session, key, existing.get(key), built.get(key))


def _apply(session: Session, key: tuple[str, str], entry: SearchEntry | None, source: sources.Entry | None) -> None:
    if source is None:
        if entry is not None:
            session.delete(entry)
    elif entry is None:
        session.add(_fill(SearchEntry(kind=key[0], record_id=key[1]), source))
    else:
        _fill(entry, source)


def _fill(entry: SearchEntry, source: sources.Entry) -> SearchEntry:
    entry.body_id, entry.title, entry.text = source.body_id, source.title[: sources.TITLE_MAX], source.text
    entry.terms = terms.indexed(source.title, source.text)
    return entry


def rebuild(session: Session) -> int:
    """Every entry afresh, for `lianxi search rebuild`; how many there are now."""
    session.execute(delete(SearchEntry))
    count = 0
    for kind, ids in sources.ALL.items():
        found = [(kind, str(i)) for i in session.scalars(ids)]
        refresh(session, found)
        count += len(found)
    return count
