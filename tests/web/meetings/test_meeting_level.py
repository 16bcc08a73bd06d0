"""A meeting's minutes carry a level (密级, docs/CONFIDENTIALITY.md): a restricted meeting's page,
copy, minutes and notice are read by the office and the units it names, and not found (404) by
an administrator who otherwise sees the whole body; search and the archive follow; making a
meeting public needs the office director, whose consent is audited."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from engine.archive import archiving
from engine.core.models import AuditEvent
from engine.core.uow import UnitOfWork
from engine.meetings.models import Meeting
from engine.org import accounts
from engine.roster import people
from tests.web.conftest import HELD_MEETING

ADMINISTRATOR = "liaison.mzj"  # mzj is not named by the held meeting
NAMED = "liaison.scjgj"  # sent a copy of the held meeting's minutes


@pytest.fixture
def meeting_id(db) -> int:
    with db.read_session() as session:
        return session.scalar(select(Meeting.id).where(Meeting.title == HELD_MEETING))


@pytest.fixture
def administrator(db, clock) -> str:
    """mzj's liaison made the body's administrator: sees every meeting, is not cleared for 机密."""
    with UnitOfWork(db) as uow:
        body_id = accounts.find(uow.session, ADMINISTRATOR).body_id
        people.set_roles(uow.session, body_id, ADMINISTRATOR, ["admin"], "setup", clock.now())
        uow.commit()
    return ADMINISTRATOR


def _set(signed_in, post, username: str, meeting_id: int, level: str):
    return post(signed_in(username), f"/meetings/{meeting_id}/level", {"level": level})


def _level(db, meeting_id: int) -> tuple[str, list]:
    with db.read_session() as session:
        events = session.scalars(select(AuditEvent).where(AuditEvent.summary == f"meeting {meeting_id}")).all()
        return session.get(Meeting, meeting_id).level, [(e.actor, e.action, e.after) for e in events]


def _statuses(client, meeting_id: int) -> list[int]:
    paths = ("", "/minutes.docx", "/notice.docx")
    return [client.get(f"/meetings/{meeting_id}{path}").status_code for path in paths]


def test_a_meeting_is_internal_until_the_office_restricts_it(db, meeting_id, signed_in, post, administrator):
    assert _level(db, meeting_id) == ("internal", [])
    assert _statuses(signed_in(administrator), meeting_id) == [200, 200, 200]
    assert _set(signed_in, post, "office.staff", meeting_id, "restricted").status_code == 302
    assert _level(db, meeting_id) == ("restricted", [("office.staff", "set_level", {"level": "restricted"})])
    assert _statuses(signed_in(administrator), meeting_id) == [404, 404, 404]
    assert _statuses(signed_in("office.staff"), meeting_id) == [200, 200, 200]
    assert _statuses(signed_in("convener"), meeting_id) == [200, 200, 200]
    named = signed_in(NAMED)
    assert _statuses(named, meeting_id) == [200, 200, 200]
    assert named.get(f"/meetings/{meeting_id}/copy").status_code == 200
    assert meeting_id not in _listed(signed_in(administrator))


def _listed(client) -> list[int]:
    return [int(found) for found in re.findall(r'href="/meetings/(\d+)"', client.get("/meetings").text)]


def test_a_restricted_meeting_is_not_found_by_search(meeting_id, signed_in, post, administrator):
    link = f'href="/meetings/{meeting_id}"'
    assert link in signed_in(administrator).get("/search", query_string={"q": HELD_MEETING}).text
    _set(signed_in, post, "office.staff", meeting_id, "restricted")
    assert link not in signed_in(administrator).get("/search", query_string={"q": HELD_MEETING}).text
    assert link in signed_in("office.staff").get("/search", query_string={"q": HELD_MEETING}).text


def test_a_restricted_meetings_package_is_read_only_by_those_cleared(
    db, clock, meeting_id, signed_in, post, administrator
):
    _set(signed_in, post, "office.staff", meeting_id, "restricted")
    with UnitOfWork(db) as uow:
        entry = archiving.archive(
            uow.session, accounts.find(uow.session, "office.staff"), "meeting", meeting_id, clock.now()
        )
        uow.commit()
        entry_id = entry.id
    assert signed_in("office.staff").get(f"/archive/{entry_id}.zip").status_code == 200
    assert signed_in(administrator).get(f"/archive/{entry_id}.zip").status_code == 404
    # Archived, the meeting's content is read-only, but who may read it can still change.
    _set(signed_in, post, "office.staff", meeting_id, "internal")
    assert signed_in(administrator).get(f"/archive/{entry_id}.zip").status_code == 200


def test_only_the_office_sets_a_level_and_only_the_director_makes_it_public(db, meeting_id, signed_in, post):
    assert _set(signed_in, post, NAMED, meeting_id, "restricted").status_code == 403
    assert _set(signed_in, post, "office.staff", meeting_id, "public").status_code == 403
    assert _level(db, meeting_id) == ("internal", [])
    outsider = signed_in(ADMINISTRATOR)  # mzj's liaison, not an administrator here: sees no such meeting
    assert outsider.get(f"/meetings/{meeting_id}").status_code == 404
    assert _set(signed_in, post, "office.director", meeting_id, "public").status_code == 302
    assert _level(db, meeting_id) == ("public", [("office.director", "publish", {"level": "public"})])
    assert outsider.get(f"/meetings/{meeting_id}").status_code == 200  # the whole body reads it now


def test_the_office_is_offered_the_form_and_a_unit_only_the_level(meeting_id, signed_in):
    action = f'action="/meetings/{meeting_id}/level"'
    assert action in signed_in("office.staff").get(f"/meetings/{meeting_id}").text
    page = signed_in(NAMED).get(f"/meetings/{meeting_id}").text
    assert action not in page and "level-internal" in page
