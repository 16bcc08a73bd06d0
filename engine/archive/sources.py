"""What each kind of record gives the archive: whose it is, whether it is finished, its title,
the units it concerned and the files of its package. One module per kind keeps the files."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from engine.attachments import store as attachments
from engine.core.cells import FORMULA_STARTS
from engine.core.clock import as_aware
from engine.core.models import AuditEvent


@dataclass(frozen=True)
class Source:
    body_id: int
    title: str
    finished_at: datetime | None  # None: not finished, so not to be archived yet
    units: list[str]
    files: Callable[[], list[tuple[str, bytes]]]  # built only once the record may be archived


def text(content: str) -> bytes:
    return content.encode("utf-8")


def table(header: list[str], rows: list[list]) -> bytes:
    """A CSV with a byte-order mark, so that a spreadsheet on the office's machine reads the Chinese."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([["" if v is None else _cell(v) for v in row] for row in rows])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _cell(value) -> str:  # noqa: ANN001
    """A text a spreadsheet would read as a formula (engine.core.cells) starts with an apostrophe,
    as OWASP advises for CSV: opened in Excel, a unit's comment `=HYPERLINK(…)` stays text."""
    if isinstance(value, datetime):
        return as_aware(value).isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return str(value)


def audit_lines(events: list[AuditEvent]) -> bytes:
    """An instance's audit, one event a line: when, who, what, on which task, and its summary."""
    lines = [
        "\t".join([as_aware(e.at).isoformat(), e.actor, e.action, e.task_id or "", e.summary or ""]) for e in events
    ]
    return text("\n".join(lines) + "\n")


def files_of(session: Session, owner_kind: str, owner_id: int, folder: str = "attachments") -> list[tuple[str, bytes]]:
    """A record's uploaded files, each under its id so that two of the same name stay apart."""
    return [(f"{folder}/{a.id}-{a.filename}", a.content) for a in attachments.of_owner(session, owner_kind, owner_id)]


def as_json(value) -> str:  # noqa: ANN001
    return json.dumps(value, ensure_ascii=False, default=str)
