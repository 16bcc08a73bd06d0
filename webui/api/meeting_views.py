"""The parts of a meeting the API shows (webui/api/meetings.py), read as the meeting's page reads
them (webui/meetings/page.py): the minutes' versions with their co-signatures and the items left
to the government, the disputed matters, the timeline in words, and the office's records of the
units' progress, copies and receipts. Unit codes, user names and ISO instants throughout."""

from __future__ import annotations

from sqlalchemy.orm import Session

from engine.core.clock import iso
from engine.meetings import queries as views
from engine.meetings import referrals
from engine.meetings import timeline as meeting_timeline
from engine.meetings.models import CoSignature, Distribution, GovernmentReferral, Meeting, MinutesVersion
from engine.org.models import Person
from engine.workflow import access, inbox
from engine.workflow.models import ProcessInstance
from webui.common import shapes
from webui.common.work_shapes import instant_text
from webui.meetings import page as meeting_page
from webui.meetings import timeline as timeline_words


def copy_dict(copy: Distribution) -> dict:
    return {
        "unit": copy.unit,
        "role": copy.role,
        "sent_at": iso(copy.sent_at),
        "opened_at": instant_text(copy.opened_at),
        "opened_by": copy.opened_by,
    }


def minutes_version(
    session: Session, me: Person, version: MinutesVersion, *, latest: bool, signatures: bool = True
) -> dict:
    """A version of the minutes; the latest (the one co-signed and issued) marks its items left to
    the government, with the request's instance when the caller may open it, as the page does."""
    states = meeting_page.government_states(session, me, version) if latest else {}
    found = {
        "number": version.number,
        "text": version.text,
        "drafted_by": version.drafted_by,
        "drafted_at": iso(version.drafted_at),
        "decided_items": [
            {
                "number": number,
                "text": item["text"],
                "lead": item["lead"],
                "cooperating": list(item.get("cooperating") or []),
                "due": item.get("due", ""),
                **states.get(number, meeting_page.NOT_REFERRED),
            }
            for number, item in enumerate(version.decided_items, start=1)
        ],
    }
    if signatures:
        found["signatures"] = [_signature(s) for s in views.signatures(session, version)]
    return found


def _signature(signature: CoSignature) -> dict:
    return {
        "unit": signature.unit,
        "decision": signature.decision,
        "comment": signature.comment,
        "signed_by": signature.signed_by,
        "signed_at": iso(signature.signed_at),
    }


def disputes(session: Session, me: Person, meeting: Meeting) -> list[dict]:
    """The matters left to the government, and where the request (请示) taking them stands."""
    return [
        {
            "description": matter.description,
            "units": list(matter.dissenting_units),
            "majority_view": matter.majority_view,
            "dissenting_view": matter.dissenting_view,
            "recorded_by": matter.recorded_by,
            "recorded_at": iso(matter.recorded_at),
            "referral": _referral(session, me, referral) if referral else None,
        }
        for matter, referral in referrals.of_meeting(session, meeting)
    ]


def _referral(session: Session, me: Person, referral: GovernmentReferral) -> dict:
    instance = session.get(ProcessInstance, referral.instance_id)
    return {
        "instance_id": referral.instance_id if access.can_see_instance(session, me, instance) else None,
        "sent_at": instant_text(referral.sent_at),
        "decided_at": instant_text(referral.decided_at),
        "decision_number": referral.decision_number,
        "decision_text": referral.decision_text,
    }


def timeline(session: Session, meeting: Meeting, me: Person) -> list[dict]:
    """会议经过 in the page's words (the convener's comments only to those who see the whole body)."""
    events = meeting_timeline.events(session, meeting)
    entries = timeline_words.entries(events, me.sees_whole_body)
    return [
        {"kind": e.kind, "at": iso(entry["at"]), "what": entry["what"], "who": entry["who"] or None}
        for e, entry in zip(events, entries, strict=True)
    ]


def office_records(session: Session, meeting: Meeting) -> dict:
    """For those who see the whole body: each request sent to many units, unit by unit (a
    co-signature's decision beside the unit that gave it), the steps still open, the topics
    suggested, and the copies of the minutes with their receipts."""
    return {
        "progress": {step: _matrix(session, meeting, step) for step, _ in meeting_page.MATRIX_STEPS},
        "owed": [shapes.task_dict(task) for task in inbox.all_tasks(session, instance_id=meeting.instance_id)],
        "suggestions": [
            {
                "unit": s.unit,
                "topics": s.topics,
                "closed_at_deadline": s.closed_at_deadline,
                "submitted_by": s.submitted_by,
                "submitted_at": iso(s.submitted_at),
            }
            for s in views.suggestions(session, meeting)
        ],
        "copies": [copy_dict(copy) for copy in views.copies(session, meeting)],
    }


def _matrix(session: Session, meeting: Meeting, step: str) -> list[dict]:
    decisions = views.latest_decisions(session, meeting)
    return [
        {
            **{key: row[key] for key in ("unit", "task_id", "state", "by", "status")},
            "at": instant_text(row["at"]),
            "due_at": instant_text(row["due_at"]),
            "decision": decisions.get(row["unit"]) if row["state"] in ("accepted", "returned") else None,
        }
        for row in views.matrix(session, meeting.instance_id, step)
    ]
