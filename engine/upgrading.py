"""Upgrading a database: the schema's migrations, then what only today's code can write.

A migration may not read today's models (they change after it is written), so what must be
derived from the records by the code of the day runs here, after the schema is at head, and
only for a database that came from before the revision that needs it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from engine.core import schema
from engine.core.db import Database
from engine.search import index
from engine.workflow import deploy, messages
from engine.workflow.spiff.parsing import parse_sources

UPGRADER = "upgrade"  # the actor a deploy by init-db is recorded under


def upgrade(db: Database) -> None:
    before = schema.upgrade(db)
    if before is not None and before < "0013":  # 0013 brought the search index, empty
        with db.write_session() as session:
            index.rebuild(session)
            session.commit()
    if before is not None and before < "0031":  # 0031 brought what instances wait for, written at each save since
        with db.write_session() as session:
            messages.note_waiting(session)
            session.commit()


def deploy_new_workflows(db: Database, workflows_dir: Path, now: datetime) -> list[str]:
    """The processes lianxi ships (`workflows/*.bpmn`) that the database has never had, deployed:
    an installation upgraded to a release with a new procedure (a joint document, a request to
    the government) can start it at once. One the database has is left at its versions, as its
    office may have changed it (docs/AUTHORING.md). Returns the process ids deployed."""
    paths = sorted(Path(workflows_dir).glob("*.bpmn"))
    if not paths:
        return []
    sources, forms = deploy.read_bpmn_files(paths)
    with db.write_session() as session:
        have = {spec.process_id for spec in deploy.deployed(session)}
        new = [process for process in parse_sources(sources).values() if process.process_id not in have]
        files = {file for process in new for file in deploy.files_of(process)}
        added = deploy.deploy(session, {f: sources[f] for f in sorted(files)}, forms, UPGRADER, now) if new else []
        session.commit()
    return [d.process_id for d in added if d.new]
