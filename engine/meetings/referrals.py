"""Disputes referred to the government (the joint-meeting rules §六(三)): which decided items a
failed mediation leaves to it, and the request (请示) process started for each disputed matter
when the minutes that carry it are issued.

The request starts at the issue, not at the mediation, because until the convener signs the
minutes may still go back for a new draft and a new round of co-signing, which may settle the
dispute or name other items; what is issued is what the government is asked about."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.core.clock import iso
from engine.core.errors import FieldError, InvalidData
from engine.meetings.models import DisputedMatter, GovernmentReferral, Meeting, MinutesVersion
from engine.org.models import Body, Unit
from engine.workflow import instances

PROCESS_ID = "government_referral"


def disputed_numbers(given: list[int] | None, version: MinutesVersion, field: str = "disputed_items") -> list[int]:
    """The decided items a mediation names as disputed, by their place in the co-signed version
    (from 1), as the form's `items` field gives them. When the version has decided items at least
    one must be named: a dispute the government settles without touching an item would leave the
    supervision unknown. The form checked the numbers against the items the task showed; they
    are checked again against the version, which is what the minutes issue."""
    count = len(version.decided_items)
    numbers = sorted(set(given or []))
    if not numbers:
        if count:
            raise InvalidData({field: FieldError("required")})
        return []
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in numbers):
        raise InvalidData({field: FieldError("not_item_numbers")})
    wrong = [n for n in numbers if not 1 <= n <= count]
    if wrong:
        raise InvalidData({field: FieldError("not_an_item", {"numbers": ", ".join(map(str, wrong)), "count": count})})
    return numbers


def pending_numbers(session: Session, version_id: int) -> set[int]:
    """The items of a version left to the government: not decided items until it decides."""
    matters = session.scalars(select(DisputedMatter.items).where(DisputedMatter.version_id == version_id))
    return {number for items in matters for number in items}


def start_for_issued(session: Session, meeting: Meeting, version: MinutesVersion, by: str, now: datetime) -> list:
    """One request per disputed matter of the issued version, in the issuing's transaction."""
    matters = session.scalars(
        select(DisputedMatter).where(DisputedMatter.version_id == version.id).order_by(DisputedMatter.id)
    ).all()
    return [_start(session, meeting, version, matter, by, now) for matter in matters]


def _start(
    session: Session, meeting: Meeting, version: MinutesVersion, matter: DisputedMatter, by: str, now: datetime
) -> GovernmentReferral:
    body = session.get(Body, meeting.body_id)
    units = {u.code: u for u in session.scalars(select(Unit).where(Unit.body_id == body.id))}
    disputed = [(n, version.decided_items[n - 1]) for n in matter.items]
    title = f"关于{meeting.title}分歧事项的请示"
    data = {
        "title": title,
        "source_title": meeting.title,
        "items_in_dispute": "\n".join(_readable(n, item, units) for n, item in disputed),
        "disputed_matter": matter.description,
        "majority_view": matter.majority_view,
        "dissenting_view": matter.dissenting_view,
        "units_concerned": _concerned(matter, disputed, units),
        "government": _government(units),
        "_item_decisions": "\n".join(_as_decided(n, item) for n, item in disputed),
        "referral_started_at": iso(now),
    }
    instance = instances.start(session, PROCESS_ID, body, data, by, now)
    referral = GovernmentReferral(
        body_id=body.id,
        meeting_id=meeting.id,
        matter_id=matter.id,
        instance_id=instance.id,
        title=title,
        matter=matter.description,
        majority_view=matter.majority_view,
        dissenting_view=matter.dissenting_view,
        unit_views={},
        started_at=now,
    )
    session.add(referral)
    session.flush()
    return referral


def _concerned(matter: DisputedMatter, disputed: list[tuple[int, dict]], units: dict[str, Unit]) -> dict:
    """The dissenting units and the disputed items' lead units: each checks its own side's view."""
    sides = {code: "dissenting" for code in matter.dissenting_units}
    for _number, item in disputed:
        sides.setdefault(item["lead"], "majority")
    return {
        code: {"code": code, "name": units[code].name, "side": side} for code, side in sides.items() if code in units
    }


def _government(units: dict[str, Unit]) -> dict | None:
    found = next((u for u in units.values() if u.kind == "government"), None)
    return {"code": found.code, "name": found.name} if found else None


def _readable(number: int, item: dict, units: dict[str, Unit]) -> str:
    def name(code: str) -> str:
        return units[code].name if code in units else code

    cooperating = "、".join(name(c) for c in item.get("cooperating") or []) or "无"
    return f"{number}. {item['text']}（牵头：{name(item['lead'])}；配合：{cooperating}；时限：{item.get('due', '')}）"


def _as_decided(number: int, item: dict) -> str:
    """The item as the minutes had it, in the decision form's own line format, to be changed to
    what the government decides. The data key starts with "_": it fills the form in, written in
    unit codes, and is not shown beside it."""
    return f"{number}｜{item['lead']}｜{'，'.join(item.get('cooperating') or [])}｜{item.get('due', '')}"


def of_meeting(session: Session, meeting: Meeting) -> list[tuple[DisputedMatter, GovernmentReferral | None]]:
    """Each disputed matter of the meeting with its request, None until the minutes issue."""
    query = (
        select(DisputedMatter, GovernmentReferral)
        .outerjoin(GovernmentReferral, GovernmentReferral.matter_id == DisputedMatter.id)
        .where(DisputedMatter.meeting_id == meeting.id)
        .order_by(DisputedMatter.recorded_at, DisputedMatter.id)
    )
    return [(matter, referral) for matter, referral in session.execute(query)]


def item_states(session: Session, version: MinutesVersion) -> dict[int, tuple[str, GovernmentReferral | None]]:
    """The version's items left to the government, by number: ("pending", its request) until
    the office records the decision, then ("decided", its request)."""
    query = (
        select(DisputedMatter.items, GovernmentReferral)
        .outerjoin(GovernmentReferral, GovernmentReferral.matter_id == DisputedMatter.id)
        .where(DisputedMatter.version_id == version.id)
    )
    states = {}
    for numbers, referral in session.execute(query):
        state = "decided" if referral is not None and referral.decided_at is not None else "pending"
        states |= {number: (state, referral) for number in numbers}
    return states
