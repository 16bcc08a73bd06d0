"""Titles and free text have limits, kept by the engine's services (engine.core.limits), so the API,
the pages and the command line refuse alike: a field error (422, or the page again saying what is
too long), and nothing kept."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from engine.core.errors import InvalidData
from engine.core.limits import NOTE_MAX, TEXT_MAX, TITLE_MAX
from engine.core.models import AuditEvent
from engine.core.uow import UnitOfWork
from engine.org import accounts
from engine.workflow import instances
from tests.web.api.test_nag_api import held_meeting
from tests.web.conftest import page_token


def count(app, model) -> int:
    with app.extensions["lianxi"].db.read_session() as session:
        return session.scalar(select(func.count()).select_from(model))


def refused_field(response) -> tuple[int, dict]:
    return response.status_code, {n: f["code"] for n, f in response.json["error"].get("fields", {}).items()}


def test_a_title_of_a_megabyte_is_refused_and_nothing_started(app, api):
    office = api("office.staff")
    before = count(app, AuditEvent)
    huge = office.post("/api/v1/instances", json={"process_id": "full_meeting", "data": {"title": "会" * 1_000_000}})
    assert refused_field(huge) == (422, {"title": "too_long"})
    assert huge.json["error"]["fields"]["title"]["message"] == f"不能超过 {TITLE_MAX} 个字。"
    other = office.post(
        "/api/v1/instances", json={"process_id": "full_meeting", "data": {"topics": "x" * (TEXT_MAX + 1)}}
    )
    assert refused_field(other) == (422, {"topics": "too_long"})
    assert count(app, AuditEvent) == before
    fits = office.post("/api/v1/instances", json={"process_id": "full_meeting", "data": {"title": "会" * TITLE_MAX}})
    assert fits.status_code == 201


def test_the_engine_refuses_it_for_the_command_line_too(db, clock):
    with UnitOfWork(db) as uow, pytest.raises(InvalidData) as refused:
        office = accounts.find(uow.session, "office.staff")
        instances.start_by_hand(uow.session, "full_meeting", office.body, {"title": "会" * 301}, "cli", clock.now())
    assert set(refused.value.errors) == {"title"}


def test_a_reminders_note_and_a_membership_changes_note_are_bounded(app, api):
    office = api("office.staff")
    before = count(app, AuditEvent)
    nag = office.post(
        f"/api/v1/instances/{held_meeting(app)}/nag",
        json={"task_name": "receive_minutes", "note": "催" * (NOTE_MAX + 1)},
    )
    assert refused_field(nag) == (422, {"note": "too_long"})
    change = {"seat": "liaison", "person": "liaison.scjgj", "on_day": "2026-11-23", "note": "调" * (NOTE_MAX + 1)}
    assert refused_field(office.post("/api/v1/units/scjgj/seats", json=change)) == (422, {"note": "too_long"})
    assert count(app, AuditEvent) == before


def test_a_note_that_is_not_text_is_a_bad_request(app, api):
    office = api("office.staff")
    nag = office.post(f"/api/v1/instances/{held_meeting(app)}/nag", json={"task_name": "receive_minutes", "note": {}})
    assert nag.status_code == 400
    change = {"seat": "liaison", "person": "liaison.scjgj", "on_day": "2026-11-23", "note": ["调岗"]}
    assert office.post("/api/v1/units/scjgj/seats", json=change).status_code == 400


def test_a_reason_for_completing_on_behalf_is_bounded(api, find_task, status_of):
    task = find_task("liaison.scjgj", "receive_minutes")
    response = api("office.staff").post(
        f"/api/v1/tasks/{task['id']}/complete", json={"acknowledged": True, "on_behalf_reason": "因" * (TEXT_MAX + 1)}
    )
    assert refused_field(response) == (422, {"on_behalf_reason": "too_long"})
    assert status_of(task["id"]) == "open"


def test_the_roster_page_says_the_note_is_too_long(signed_in):
    admin = signed_in("office.director")
    token = page_token(admin.get("/").text)
    form = {"seat": "liaison", "person": "liaison.scjgj", "on_day": "2026-11-23", "note": "调" * (NOTE_MAX + 1)}
    page = admin.post("/roster/units/scjgj/history", data={**form, "csrf_token": token})
    assert page.status_code == 422 and f"不能超过 {NOTE_MAX} 个字。" in page.text
