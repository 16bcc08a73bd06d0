"""A meeting in the archive: the issued minutes (.docx), every version of them, the
co-signatures, the timeline and the files kept by its process."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.archive.sources import Source, as_json, files_of, table, text
from engine.core.clock import as_aware
from engine.documents import official_docx
from engine.meetings import timeline
from engine.meetings.models import CoSignature, Distribution, Meeting, MinutesVersion
from engine.workflow.forms import FILE_OWNER


def source(session: Session, meeting_id: int) -> Source | None:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        return None
    finished = meeting.issued_at if meeting.status == "issued" else None
    return Source(meeting.body_id, meeting.title, finished, _units(session, meeting), lambda: files(session, meeting))


def _units(session: Session, meeting: Meeting) -> list[str]:
    """Invited, attending or sent a copy: every unit the meeting concerned."""
    copies = session.scalars(select(Distribution.unit).where(Distribution.meeting_id == meeting.id))
    return sorted({*meeting.invited_units, *meeting.attended_units, *copies})


def files(session: Session, meeting: Meeting) -> list[tuple[str, bytes]]:
    found = [(f"{meeting.title}纪要.docx", official_docx.minutes_docx(session, meeting))]
    found += [(f"minutes/v{v.number}.txt", _version(v)) for v in meeting.versions]
    found.append(("cosignatures.csv", _cosignatures(session, meeting)))
    found.append(("copies.csv", _copies(session, meeting)))
    found.append(("timeline.txt", _timeline(session, meeting)))
    return found + files_of(session, FILE_OWNER, meeting.instance_id)


def _version(version: MinutesVersion) -> bytes:
    head = f"第{version.number}稿 {version.drafted_by} {as_aware(version.drafted_at).isoformat()}"
    items = "\n".join(as_json(item) for item in version.decided_items)
    return text(f"{head}\n\n{version.text}\n\n议定事项：\n{items}\n")


def _cosignatures(session: Session, meeting: Meeting) -> bytes:
    query = (
        select(MinutesVersion.number, CoSignature)
        .join(MinutesVersion, MinutesVersion.id == CoSignature.version_id)
        .where(CoSignature.meeting_id == meeting.id)
        .order_by(MinutesVersion.number, CoSignature.unit)
    )
    rows = [[n, c.unit, c.decision, c.comment, c.signed_by, c.signed_at] for n, c in session.execute(query)]
    return table(["version", "unit", "decision", "comment", "signed_by", "signed_at"], rows)


def _copies(session: Session, meeting: Meeting) -> bytes:
    query = select(Distribution).where(Distribution.meeting_id == meeting.id).order_by(Distribution.unit)
    rows = [[d.unit, d.role, d.sent_at, d.opened_at, d.opened_by] for d in session.scalars(query)]
    return table(["unit", "role", "sent_at", "opened_at", "opened_by"], rows)


def _timeline(session: Session, meeting: Meeting) -> bytes:
    lines = [
        "\t".join([as_aware(e.at).isoformat(), e.kind, e.who, as_json(e.detail) if e.detail else ""])
        for e in timeline.events(session, meeting)
    ]
    return text("\n".join(lines) + "\n")
